"""Demo content of the news section: categories and a year of reform news with images.

The categories and articles are data, `demo_data/news.json` (paragraph blocks hold their
text, other blocks their StreamField value), written for this project from public facts
reported by provinces (see /work/shared/seeds: numbers of dossiers, electronic documents,
SIPAS percentages...); no sentence is copied. Images are drawn here with Pillow (a colour
field and a few shapes), so the demo needs no files; each is stored once as a Wagtail image
with its alt text. Dates follow the day the demo is loaded, so the archive always shows the
last twelve months: each article keeps its day and month and takes the latest year that puts
it on or before today; "{y}", "{py}" and "{m}" in its text become that year, the year before
and the month. Articles reporting on an inspection are dated the day after it ended
(inspections.demo's schedule); the two about events of 2025 (the inspection of the former
districts, the end of the district level) keep their dates. Running `load` again updates the
same pages and images.
"""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from home.demo import publish, upsert_child
from inspections.demo import NEWS_ABOUT_INSPECTIONS, schedule
from news.models import NewsCategory, NewsIndexPage, NewsPage

AUTHOR = "Ban Biên tập"
DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "news.json"


@dataclass(frozen=True)
class DemoArticle:
    """One article of demo_data/news.json: its text may hold {y}, {py} and {m} (module doc)."""

    slug: str
    written: datetime.date
    category: str
    title: str
    standfirst: str
    body: list[tuple[str, object]]
    tags: list[str]


def demo_data() -> tuple[list[dict], list[DemoArticle]]:
    """The categories (slug, name, description, colour of their images) and the articles."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    articles = [
        DemoArticle(
            slug=item["slug"],
            written=datetime.date.fromisoformat(item["written"]),
            category=item["category"],
            title=item["title"],
            standfirst=item["standfirst"],
            body=[_block(block) for block in item["body"]],
            tags=item["tags"],
        )
        for item in data["articles"]
    ]
    return data["categories"], articles


def _block(block: dict) -> tuple[str, object]:
    """A body block of the file as a StreamField value; a paragraph's text becomes one <p>."""
    if block["type"] == "paragraph":
        return ("paragraph", f"<p>{block['value']}</p>")
    return (block["type"], block["value"])


def _colour(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


# Articles about dated events, kept on their day whenever the demo is loaded.
FIXED_DATES = {"sap-xep-don-vi-hanh-chinh-hai-cap"}

# Slugs used by earlier versions of this demo, removed so a reload leaves no stale copy.
RETIRED_SLUGS = [
    "trien-khai-ke-hoach-cchc-nam-2025",
    "hoi-nghi-tong-ket-cchc-nam-2024",
    "chi-so-sipas-2024",
    "so-ket-cchc-nam-2025",
    "kiem-tra-cchc-cap-xa-thang-8",
    "kiem-tra-cchc-thang-10",
]

IMAGE_SIZE = (1200, 675)


def article_date(slug: str, written: datetime.date, today: datetime.date) -> datetime.date:
    """The day an article is dated when the demo is loaded on `today` (see the module doc)."""
    if slug in NEWS_ABOUT_INSPECTIONS:
        _start, end = schedule(today)[NEWS_ABOUT_INSPECTIONS[slug]]
        return end + datetime.timedelta(days=1)
    if slug in FIXED_DATES:
        return written
    moved = written.replace(year=today.year)
    return moved if moved <= today else written.replace(year=today.year - 1)


def _fill(value, date: datetime.date):
    """`value` (text, or lists and dicts of it) with {y}, {py} and {m} filled in for `date`."""
    if isinstance(value, str):
        return value.format(y=date.year, py=date.year - 1, m=date.month)
    if isinstance(value, (list, tuple)):
        return type(value)(_fill(item, date) for item in value)
    if isinstance(value, dict):
        return {key: _fill(item, date) for key, item in value.items()}
    return value


def demo_image(title: str, alt: str, colour: tuple[int, int, int], seed: int):
    """A Wagtail image drawn with Pillow, created once per title (then reused)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        if existing.description != alt:
            existing.description = alt
            existing.save(update_fields=["description"])
        return existing
    width, height = IMAGE_SIZE
    canvas = PILImage.new("RGB", IMAGE_SIZE, colour)
    draw = ImageDraw.Draw(canvas)
    light = tuple(min(255, c + 90) for c in colour)
    dark = tuple(max(0, c - 60) for c in colour)
    radius = 120 + (seed * 37) % 140
    cx, cy = 200 + (seed * 131) % (width - 400), 160 + (seed * 71) % (height - 320)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    draw.rectangle((0, height - 140, width, height), fill=dark)
    for i in range(5):
        x = 80 + i * 220 + (seed * 13) % 60
        draw.rectangle((x, height - 260 - (i * seed) % 90, x + 120, height - 140), fill=light)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    image = image_model(title=title, description=alt)
    image.file = ImageFile(buffer, name=f"tin-tuc-{seed:02d}.jpg")
    image.save()
    return image


def load(home, out) -> None:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        out.write("Tin tức: không có trang /tin-tuc/, bỏ qua.")
        return
    category_data, articles = demo_data()
    categories = {}
    colours = {}
    for order, item in enumerate(category_data):
        category, _ = NewsCategory.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "sort_order": order,
            },
        )
        categories[item["slug"]] = category
        colours[item["slug"]] = _colour(item["colour"])

    NewsPage.objects.child_of(index).filter(slug__in=RETIRED_SLUGS).delete()
    # Images of earlier versions were named after the article's title, which now follows the year.
    get_image_model().objects.filter(title__startswith="Ảnh minh họa: ").delete()
    today = timezone.localdate()
    for seed, article in enumerate(articles):
        slug, category_slug = article.slug, article.category
        date = article_date(slug, article.written, today)
        title, standfirst, body, tags = _fill(
            [article.title, article.standfirst, article.body, article.tags], date
        )
        category = categories[category_slug]
        image = demo_image(
            f"Ảnh minh họa tin “{slug}”",
            f"Hình minh họa chuyên mục {category.name}",
            colours[category_slug],
            seed + 1,
        )
        body_blocks = [
            *body[:1],
            (
                "image",
                {
                    "image": image,
                    "alt_text": f"Hình minh họa cho bài: {title}",
                    "caption": category.name,
                    "credit": "Ban Biên tập",
                },
            ),
            *body[1:],
        ]
        page = upsert_child(
            index,
            NewsPage,
            slug,
            title=title,
            standfirst=standfirst,
            body=body_blocks,
            date=date,
            category=category,
            author=AUTHOR,
            source="Sở Nội vụ tỉnh Đồng Tháp",
            listing_image=image,
            search_description=standfirst,
        )
        if sorted(t.name for t in page.tags.all()) != sorted(tags):
            page.tags.set(tags)
            publish(page)
    out.write(f"Tin tức: {len(articles)} bài, {len(categories)} chuyên mục.")
