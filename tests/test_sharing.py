"""Share and cite: Open Graph and Twitter tags, a meta description and a canonical link on
every public page; titles carrying the procedure code or document number; JSON-LD naming the
province; the home page advertising the news and documents feeds."""

import json

import pytest
from bs4 import BeautifulSoup

from legal_documents.tests.helpers import D, make_document
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    make_procedures(record("1.001193", "Đăng ký khai sinh"))
    make_document("57/QĐ-UBND", "Quyết định công bố thủ tục", issued_on=D(2024, 1, 10))
    article = make_article(title="Một cửa điện tử", category=make_category())
    return {"article": article}


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def meta(page, **attrs):
    tag = page.find("meta", attrs=attrs)
    return tag["content"] if tag else None


PAGES = [
    "/",
    "/thu-tuc/",
    "/thu-tuc/1.001193/",
    "/thu-tuc/1.001193/in/",
    "/van-ban/",
    "/van-ban/57-qd-ubnd-2024/",
    "/tin-tuc/",
    "/kiem-tra/",
    "/kiem-tra/don-vi/",
    "/tim-kiem/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_sharing_tags_and_one_canonical(client, content, path):
    page = soup(client.get(path))
    for prop in ("og:title", "og:description", "og:image", "og:url", "og:type"):
        assert meta(page, property=prop), f"{path}: {prop}"
    assert meta(page, name="twitter:card") and meta(page, name="twitter:title")
    assert meta(page, name="description")
    assert len(page.find_all("meta", attrs={"name": "description"})) == 1
    canonicals = page.find_all("link", rel="canonical")
    assert len(canonicals) == 1 and canonicals[0]["href"].startswith("http")
    assert meta(page, property="og:image").startswith("http")


def test_article_pages_are_articles_with_their_own_description(client, content):
    page = soup(client.get(content["article"].url))
    assert meta(page, property="og:type") == "article"
    assert meta(page, name="description") == "Sapo của bài viết thử nghiệm."


def test_titles_carry_the_code_or_number(client, content):
    page = soup(client.get("/thu-tuc/1.001193/"))
    assert "1.001193" in page.title.get_text()
    assert "1.001193" in meta(page, property="og:title")
    page = soup(client.get("/van-ban/57-qd-ubnd-2024/"))
    assert "57/QĐ-UBND" in page.title.get_text()
    assert "57/QĐ-UBND" in meta(page, property="og:title")


def test_procedure_json_ld_serves_the_province(client, content):
    page = soup(client.get("/thu-tuc/1.001193/"))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["areaServed"] == {"@type": "AdministrativeArea", "name": "Tỉnh Đồng Tháp"}


def test_home_page_links_the_news_and_documents_feeds(client, content):
    page = soup(client.get("/"))
    feeds = {link["href"] for link in page.find_all("link", rel="alternate")}
    assert "/tin-tuc/rss/" in feeds and "/tin-tuc/atom/" in feeds
    assert "/van-ban/feed/moi.atom" in feeds and "/van-ban/feed/moi.rss" in feeds
