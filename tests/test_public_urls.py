"""Absolute URLs come from one setting (PORTAL_BASE_URL) or, unset, from the request's host;
never from the Wagtail Site record. Links in pages stay root-relative."""

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from base.public_url import absolute_url, public_base_url
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

PUBLIC = "https://cchc.example.gov.vn"


@pytest.fixture
def catalogue(home_page):
    # The Site record says something else on purpose: nothing may use it for URLs.
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return make_procedures(record("1.001193", "Đăng ký khai sinh"))


def absolute_urls(text: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<>]+", text))


def hosts(text: str) -> set[str]:
    return {re.match(r"https?://[^/]+", url).group(0) for url in absolute_urls(text)}


def procedure_urls(client, **extra) -> dict[str, str]:
    page = BeautifulSoup(client.get("/thu-tuc/1.001193/", **extra).content, "html.parser")
    checklist = client.get("/thu-tuc/1.001193/?in=1", **extra).content.decode()
    json_ld = json.loads(page.find("script", type="application/ld+json").string)
    csv_rows = list(
        csv.reader(io.StringIO(b"".join(client.get("/thu-tuc/?dinh-dang=csv", **extra)).decode()))
    )
    return {
        "canonical": page.find("link", rel="canonical")["href"],
        "json_ld": json_ld["url"],
        "checklist": re.search(r"cập nhật: (\S+)</p>", checklist).group(1),
        "csv": csv_rows[1][-1],
        "sitemap": " ".join(
            re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml", **extra).content.decode())
        ),
        "robots": client.get("/robots.txt", **extra).content.decode(),
    }


def test_absolute_url_uses_the_setting_then_the_request(rf, settings):
    request = rf.get("/", HTTP_HOST="127.0.0.1:8123")
    settings.PORTAL_BASE_URL = ""
    assert absolute_url("/thu-tuc/", request) == "http://127.0.0.1:8123/thu-tuc/"
    assert public_base_url(None) == settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    settings.PORTAL_BASE_URL = PUBLIC
    assert absolute_url("/thu-tuc/", request) == f"{PUBLIC}/thu-tuc/"
    assert absolute_url("https://s3.example/a.jpg", request) == "https://s3.example/a.jpg"
    assert absolute_url("//cdn.example/a.jpg", request) == "https://cdn.example/a.jpg"


def test_without_the_setting_absolute_urls_follow_the_request_host(client, catalogue):
    host = "127.0.0.1:8123"
    urls = procedure_urls(client, HTTP_HOST=host)
    expected = f"http://{host}/thu-tuc/1.001193/"
    assert urls["canonical"] == urls["json_ld"] == urls["checklist"] == urls["csv"] == expected
    assert expected in urls["sitemap"]
    assert hosts(urls["sitemap"]) == {f"http://{host}"}
    assert f"Sitemap: http://{host}/sitemap.xml" in urls["robots"]


def test_with_the_setting_every_absolute_url_uses_it(client, catalogue, settings):
    settings.PORTAL_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    urls = procedure_urls(client, HTTP_HOST="10.0.0.5:8000")  # gunicorn behind the proxy
    expected = f"{PUBLIC}/thu-tuc/1.001193/"
    assert urls["canonical"] == urls["json_ld"] == urls["checklist"] == urls["csv"] == expected
    assert hosts(urls["sitemap"]) == {PUBLIC}
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in urls["robots"]


@pytest.mark.parametrize("path", ["/van-ban/", "/tin-tuc/"])
def test_feeds_agree_with_the_setting(client, catalogue, settings, path):
    settings.PORTAL_BASE_URL = PUBLIC
    index = BeautifulSoup(client.get(path).content, "html.parser")
    feed_links = [link["href"] for link in index.find_all("link", rel="alternate")]
    assert feed_links, f"{path} advertises no feed"
    for href in feed_links:
        assert href.startswith("/"), "links in pages are root-relative"
        response = client.get(href, HTTP_HOST="10.0.0.5:8000")
        assert response.status_code == 200
        ElementTree.fromstring(response.content)  # noqa: S314 - our own feed, well-formed
        feed_hosts = hosts(response.content.decode())
        assert PUBLIC in feed_hosts
        assert not {h for h in feed_hosts if "10.0.0.5" in h or "localhost" in h}


def test_search_documents_store_root_relative_urls(catalogue):
    from procedures_catalog.search_documents import procedure_document

    assert procedure_document(catalogue["1.001193"]).url == "/thu-tuc/1.001193/"
