"""News: archive by year and month, category and tag pages, feeds, sharing tags, images."""

import datetime
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from news.home import home_context
from news.models import NewsIndexPage, NewsPage
from news.search_documents import news_document
from news.tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def categories(home_page):
    return {
        "egov": make_category("Chính quyền điện tử"),
        "tthc": make_category("Cải cách thủ tục hành chính"),
    }


@pytest.fixture
def articles(categories):
    """Four articles over two years, two categories; one draft that must never show."""
    return {
        "jan": make_article(
            title="Tin tháng một", date=datetime.date(2025, 1, 8), category=categories["egov"]
        ),
        "mar": make_article(
            title="Tin tháng ba",
            date=datetime.date(2025, 3, 14),
            category=categories["tthc"],
            tags=("hồ sơ trễ hạn",),
        ),
        "mar2": make_article(
            title="Tin thứ hai tháng ba",
            date=datetime.date(2025, 3, 20),
            category=categories["egov"],
            tags=("hồ sơ trễ hạn", "chuyển đổi số"),
        ),
        "old": make_article(
            title="Tin năm trước", date=datetime.date(2024, 12, 30), category=categories["egov"]
        ),
        "draft": make_article(
            title="Bản nháp chưa đăng",
            date=datetime.date(2025, 3, 21),
            category=categories["egov"],
            live=False,
        ),
    }


def parse_xml(content: bytes) -> ElementTree.Element:
    """Parse our own feed; a parse error fails the test (the feed must be well-formed XML)."""
    return ElementTree.fromstring(content)  # noqa: S314 - the site's own output, in a test


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".news-card-title a")]


class TestPageTypes(WagtailPageTestCase):
    def test_articles_live_under_the_news_index_only(self):
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})


def test_index_lists_live_articles_newest_first(client, articles):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert titles(response) == [
        "Tin thứ hai tháng ba",
        "Tin tháng ba",
        "Tin tháng một",
        "Tin năm trước",
    ]


def test_year_archive(client, articles):
    response = client.get("/tin-tuc/2025/")
    assert response.status_code == 200
    assert titles(response) == ["Tin thứ hai tháng ba", "Tin tháng ba", "Tin tháng một"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Tin năm 2025"
    months = [a.get_text(strip=True) for a in soup.select(".news-aside a[href*='/2025/']")]
    assert "Tháng 1" in months and "Tháng 3" in months and "Tháng 2" not in months


def test_month_archive(client, articles):
    response = client.get("/tin-tuc/2025/03/")
    assert response.status_code == 200
    assert titles(response) == ["Tin thứ hai tháng ba", "Tin tháng ba"]
    assert titles(client.get("/tin-tuc/2024/12/")) == ["Tin năm trước"]


def test_empty_month_says_so(client, articles):
    response = client.get("/tin-tuc/2025/07/")
    assert response.status_code == 200
    assert "Chưa có tin nào trong mục này." in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/tin-tuc/2025/13/", 404, "Tháng 13 không hợp lệ"),
        ("/tin-tuc/2025/0/", 404, "Tháng 0 không hợp lệ"),
        ("/tin-tuc/1800/", 404, "Năm 1800 không hợp lệ"),
        ("/tin-tuc/99999/1/", 404, "Năm 99999 không hợp lệ"),
        ("/tin-tuc/?trang=abc", 400, "Số trang “abc” không hợp lệ"),
        ("/tin-tuc/2025/?trang=0", 400, "Số trang “0” không hợp lệ"),
        ("/tin-tuc/?trang=99", 404, "Không có trang 99"),
        ("/tin-tuc/chuyen-muc/khong-co/", 404, "Không có chuyên mục"),
        ("/tin-tuc/the/khong-co/", 404, "Không có từ khóa"),
        ("/tin-tuc/chuyen-muc/khong-co/rss/", 404, "Không có chuyên mục"),
    ],
)
def test_bad_archive_values_get_a_message_not_a_500(client, articles, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.content.decode()


def test_non_numeric_year_is_not_found(client, articles):
    assert client.get("/tin-tuc/abc/").status_code == 404


def test_pagination_keeps_order_and_splits(client, categories, monkeypatch):
    monkeypatch.setattr("news.models.index.ARTICLES_PER_PAGE", 2)
    for day in range(1, 6):
        make_article(
            title=f"Bài ngày {day}", date=datetime.date(2025, 5, day), category=categories["egov"]
        )
    first = client.get("/tin-tuc/2025/05/")
    assert titles(first) == ["Bài ngày 5", "Bài ngày 4"]
    assert 'href="?trang=2"' in first.content.decode()
    old = client.get("/tin-tuc/2025/5/?page=3", follow=True)
    assert old.redirect_chain[-1] == ("/tin-tuc/2025/05/?trang=3", 301)
    assert titles(old) == ["Bài ngày 1"]


def test_category_page(client, articles, categories):
    response = client.get("/tin-tuc/chuyen-muc/cai-cach-thu-tuc-hanh-chinh/")
    assert response.status_code == 200
    assert titles(response) == ["Tin tháng ba"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Cải cách thủ tục hành chính"
    feeds = {link["type"]: link["href"] for link in soup.select("link[rel=alternate]")}
    assert feeds["application/rss+xml"].endswith(
        "/tin-tuc/chuyen-muc/cai-cach-thu-tuc-hanh-chinh/rss/"
    )
    assert feeds["application/atom+xml"].endswith("/chuyen-muc/cai-cach-thu-tuc-hanh-chinh/atom/")


def test_tag_page(client, articles):
    tag = articles["mar"].tags.get()
    response = client.get(f"/tin-tuc/the/{tag.slug}/")
    assert response.status_code == 200
    assert titles(response) == ["Tin thứ hai tháng ba", "Tin tháng ba"]
    article = client.get(articles["mar2"].url)
    assert quote(f"/tin-tuc/the/{tag.slug}/") in article.content.decode()


def test_rss_feed_is_valid_and_lists_live_articles(client, articles):
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Tin thứ hai tháng ba",
        "Tin tháng ba",
        "Tin tháng một",
        "Tin năm trước",
    ]
    assert items[0].findtext("link") == "http://testserver" + articles["mar2"].url
    assert "20 Mar 2025" in items[0].findtext("pubDate")
    assert items[0].findtext("category") == "Chính quyền điện tử"


def test_atom_feed_per_category(client, articles):
    response = client.get("/tin-tuc/chuyen-muc/chinh-quyen-dien-tu/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    assert feed.findtext(f"{ATOM}title") == "Tin cải cách hành chính – Chính quyền điện tử"
    entries = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert entries == ["Tin thứ hai tháng ba", "Tin tháng một", "Tin năm trước"]


def test_rss_per_category(client, articles):
    response = client.get("/tin-tuc/chuyen-muc/cai-cach-thu-tuc-hanh-chinh/rss/")
    items = parse_xml(response.content).find("channel").findall("item")
    assert [i.findtext("title") for i in items] == ["Tin tháng ba"]


def test_index_advertises_feeds(client, articles):
    soup = BeautifulSoup(client.get("/tin-tuc/").content, "html.parser")
    types = sorted(link["type"] for link in soup.select("link[rel=alternate]"))
    assert types == ["application/atom+xml", "application/rss+xml"]


def test_article_page_byline_sharing_tags_and_feeds(client, categories):
    image = make_image(1600, 900)
    article = make_article(
        title="Bài có ảnh",
        category=categories["egov"],
        author="Nguyễn Văn A",
        source="Sở Nội vụ",
        listing_image=image,
        tags=("chuyển đổi số",),
    )
    response = client.get(article.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
    assert meta["og:title"] == "Bài có ảnh"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == article.full_url
    assert meta["og:image"].startswith("http://testserver/")
    assert meta["twitter:card"] == "summary_large_image"
    # Numbers in attributes are not localised (1200, not "1.200").
    assert meta["og:image:width"] == "1200" and meta["og:image:height"].isdigit()
    assert meta["description"] == "Sapo của bài viết thử nghiệm."
    text = soup.get_text(" ")
    assert "04/03/2025" in text and "Nguyễn Văn A" in text and "Nguồn: Sở Nội vụ" in text
    assert soup.select_one("link[rel=alternate][type='application/rss+xml']")


def test_body_image_is_responsive_with_modern_formats_and_alt(client, categories):
    image = make_image(width=1600, height=900)
    article = make_article(
        category=categories["egov"],
        body=[
            ("paragraph", "<p>Đoạn đầu.</p>"),
            (
                "image",
                {
                    "image": image,
                    "alt_text": "Quang cảnh hội nghị",
                    "caption": "Hội nghị",
                    "credit": "BBT",
                },
            ),
        ],
    )
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    picture = soup.select_one(".block-image picture")
    types = [s["type"] for s in picture.find_all("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == "Quang cảnh hội nghị"
    assert "sizes" in img.attrs and "45rem" in img["sizes"]
    widths = sorted(int(c.split()[-1].rstrip("w")) for c in img["srcset"].split(","))
    # The article column is 45rem (720px): nothing wider than twice that is ever sent.
    assert widths == [360, 720, 1080]
    assert "Ảnh: BBT" in soup.select_one(".block-image figcaption").get_text()


def test_image_block_requires_alt_text():
    from django.core.exceptions import ValidationError

    from news.blocks import ArticleImageBlock

    block = ArticleImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": None, "alt_text": "", "caption": "", "credit": ""}))


def test_related_articles_chosen_first_then_same_category(client, articles, categories):
    from news.models import RelatedArticle

    article = articles["jan"]
    article.related_links.set([RelatedArticle(article=articles["mar"])])
    article.save_revision().publish()
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")
    related = [a.get_text(strip=True) for a in soup.select(".related a")]
    # The chosen one (another category), then the latest of the same category; never drafts.
    assert related == ["Tin tháng ba", "Tin thứ hai tháng ba", "Tin năm trước"]


def test_date_defaults_to_scheduled_go_live(home_page, categories):
    go_live = timezone.make_aware(datetime.datetime(2031, 5, 6, 8, 0))
    article = make_article(date=None, go_live_at=go_live, category=categories["egov"], live=False)
    assert article.date == datetime.date(2031, 5, 6)


def test_scheduled_article_is_not_listed_before_it_goes_live(client, categories):
    go_live = timezone.now() + datetime.timedelta(days=3)
    article = make_article(title="Hẹn giờ", category=categories["egov"], live=False)
    article.go_live_at = go_live
    article.save_revision().publish()  # Wagtail keeps it as a scheduled revision
    article.refresh_from_db()
    assert not article.live
    assert "Hẹn giờ" not in titles(client.get("/tin-tuc/"))


def test_sitemap_lists_live_articles_only(client, articles):
    body = client.get("/sitemap.xml").content.decode()
    assert articles["mar"].full_url in body
    assert "ban-nhap" not in body and articles["draft"].slug not in body


def test_listing_queries_do_not_grow_with_articles(client, categories):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tin-tuc/").status_code == 200
        return len(queries)

    for _ in range(2):
        make_article(category=categories["egov"], listing_image=make_image(320, 180))
    client.get("/tin-tuc/")  # renditions are created on the first view
    few = count()
    for _ in range(4):
        make_article(category=categories["tthc"], listing_image=make_image(320, 180))
    client.get("/tin-tuc/")
    assert count() == few


def test_article_queries_do_not_grow_with_tags_and_related(client, categories):
    from news.models import RelatedArticle

    def count(article):
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.url).status_code == 200
        return len(queries)

    egov = categories["egov"]
    plain = make_article(category=egov, tags=("một",))
    make_article(category=egov)
    few = count(plain)
    rich = make_article(category=egov, tags=("một", "hai", "ba", "bốn"))
    others = [make_article(category=egov) for _ in range(3)]
    rich.related_links.set([RelatedArticle(article=other) for other in others[:2]])
    from home.demo import publish

    publish(rich)
    assert count(rich) == few


def test_search_document(articles):
    document = news_document(articles["mar2"])
    assert document.kind == "news"
    assert document.facets == {"category": "Chính quyền điện tử", "year": "2025"}
    assert document.extra == {"category": "Chính quyền điện tử"}
    assert document.date == datetime.date(2025, 3, 20)
    assert "Sapo" in document.body
    assert news_document(articles["draft"]) is None


def test_search_document_body_includes_blocks(categories):
    article = make_article(
        category=categories["egov"],
        body=[
            ("heading", "Số liệu hồ sơ"),
            ("paragraph", "<p>Tiếp nhận <b>235.970</b> hồ sơ.</p>"),
            ("quote", {"text": "Không để trễ hạn", "attribution": "Chủ tịch"}),
            (
                "table",
                {"caption": "Bảng", "table": {"data": [["Đúng hạn", "1.604"]]}},
            ),
        ],
    )
    body = news_document(article).body
    for text in ("Số liệu hồ sơ", "Tiếp nhận 235.970 hồ sơ.", "Không để trễ hạn", "1.604"):
        assert text in body


def test_home_lists_latest_news_with_date_and_category(rf, articles):
    items = home_context(rf.get("/"))["latest_news"]
    assert [i.title for i in items][:2] == ["Tin thứ hai tháng ba", "Tin tháng ba"]
    assert items[0].date == datetime.date(2025, 3, 20)
    assert items[0].meta == "Chính quyền điện tử"
    assert all(i.title != "Bản nháp chưa đăng" for i in items)


def test_admin_listing_shows_date_and_category_and_filters(client, django_user_model, articles):
    client.force_login(django_user_model.objects.create_superuser("bt", "bt@example.com", "x"))
    response = client.get("/admin/tin-bai/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày đăng" in body and "Chuyên mục" in body and "14/03/2025" in body
    tthc = NewsPage.objects.get(title="Tin tháng ba").category
    only = client.get(f"/admin/tin-bai/?category={tthc.pk}").content.decode()
    assert "Tin tháng ba" in only and "Tin tháng một" not in only
    dated = client.get("/admin/tin-bai/?date_from=2025-03-01&date_to=2025-03-31").content
    assert "Tin thứ hai tháng ba" in dated.decode() and "Tin năm trước" not in dated.decode()
