"""Small builders of news content for tests (plain functions over the real page API)."""

from __future__ import annotations

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.demo import publish
from news.models import NewsCategory, NewsIndexPage, NewsPage

_counter = itertools.count(1)


def make_category(name: str = "Chính quyền điện tử", **fields) -> NewsCategory:
    category, _ = NewsCategory.objects.get_or_create(name=name, defaults=fields)
    return category


def make_image(width: int = 800, height: int = 450, alt: str = "Ảnh thử nghiệm"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (163, 18, 27)).save(buffer, format="JPEG")
    image = get_image_model()(title=f"Ảnh {next(_counter)}", description=alt)
    image.file = ImageFile(buffer, name=f"test-{next(_counter)}.jpg")
    image.save()
    return image


def make_article(
    index: NewsIndexPage | None = None,
    *,
    title: str | None = None,
    date: datetime.date = datetime.date(2025, 3, 4),
    category: NewsCategory | None = None,
    tags: tuple[str, ...] = (),
    live: bool = True,
    **fields,
) -> NewsPage:
    index = index or NewsIndexPage.objects.get()
    number = next(_counter)
    page = NewsPage(
        title=title or f"Tin thử nghiệm số {number}",
        slug=f"tin-thu-nghiem-{number}",
        standfirst=fields.pop("standfirst", "Sapo của bài viết thử nghiệm."),
        date=date,
        category=category,
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    if tags:
        page.tags.set(list(tags))
    if live:
        publish(page)
    else:
        page.save_revision()
    return page
