"""The search page, suggestions, CSV export and Atom feed, over the database engine."""

import csv
import datetime
import io
import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from search.documents import SearchDocument
from search.engines.database import DatabaseEngine

pytestmark = pytest.mark.django_db


def _docs():
    return [
        SearchDocument(
            key="t.procedure:1",
            kind="procedure",
            url="/thu-tuc/dang-ky-khai-sinh/",
            title="Đăng ký khai sinh",
            number="1.001193",
            summary="Thủ tục đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam.",
            body="Người đi đăng ký khai sinh nộp tờ khai theo mẫu.",
            date=datetime.date(2024, 3, 1),
            facets={
                "field": "Hộ tịch",
                "level": ["Cấp xã"],
                "agency": ["UBND xã"],
                "online": "Toàn trình",
            },
            extra={
                "code": "1.001193",
                "field": "Hộ tịch",
                "level": "Cấp xã",
                "online": "Toàn trình",
            },
        ),
        SearchDocument(
            key="t.procedure:2",
            kind="procedure",
            url="/thu-tuc/dang-ky-ket-hon/",
            title="Đăng ký kết hôn",
            number="1.000894",
            summary="Đăng ký kết hôn giữa công dân Việt Nam với nhau.",
            date=datetime.date(2023, 5, 1),
            facets={"field": "Hộ tịch", "level": ["Cấp xã"], "online": "Một phần"},
            extra={"code": "1.000894", "field": "Hộ tịch"},
        ),
        SearchDocument(
            key="t.doc:1",
            kind="legal_document",
            url="/van-ban/57-qd-ubnd/",
            title="Quyết định công bố danh mục thủ tục hành chính",
            number="57/QĐ-UBND",
            summary="Công bố thủ tục lĩnh vực hộ tịch <b>mới</b>.",
            date=datetime.date(2024, 1, 10),
            facets={
                "type": "Quyết định",
                "issuer": "UBND tỉnh",
                "status": "Còn hiệu lực",
                "year": 2024,
            },
            extra={"number": "57/QĐ-UBND", "type": "Quyết định", "status": "Còn hiệu lực"},
        ),
    ]


@pytest.fixture
def indexed(db):
    DatabaseEngine().rebuild(_docs())


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_empty_query_shows_browse_links(client, indexed):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert len(soup.find_all("h1")) == 1
    links = [a["href"] for a in soup.select(".search-browse a")]
    assert "/thu-tuc/" in links and "/van-ban/" in links
    assert "/thu-tuc/dang-ky-khai-sinh/" in links  # popular procedures


def test_query_without_diacritics_finds_accented_results(client, indexed):
    soup = soup_of(client.get("/tim-kiem/", {"q": "dang ky khai sinh"}))
    titles = [a.get_text() for a in soup.select(".hit-title a")]
    assert titles == ["Đăng ký khai sinh"]
    assert soup.select_one(".hit-title mark").get_text() == "Đăng"
    facts = soup.select_one(".hit-facts").get_text(" ")
    assert "1.001193" in facts and "Hộ tịch" in facts and "Toàn trình" in facts


def test_number_query_puts_the_document_first(client, indexed):
    soup = soup_of(client.get("/tim-kiem/", {"q": "57/qd-ubnd"}))
    first = soup.select(".search-hit")[0]
    assert "Quyết định công bố" in first.get_text()
    assert "Đúng số/mã" in first.get_text()


def test_facets_link_keep_the_state(client, indexed):
    soup = soup_of(client.get("/tim-kiem/", {"q": "dang ky", "sap-xep": "moi-nhat"}))
    kind_links = {a["data-value"]: a["href"] for a in soup.select("a[data-facet=kind]")}
    link = kind_links["procedure"]
    assert "q=dang+ky" in link and "loai-noi-dung=thu-tuc" in link and "sap-xep=moi-nhat" in link
    soup = soup_of(client.get(kind_links["procedure"]))
    assert soup.select("a[data-facet=field]"), "a single kind shows its own facets"
    field = soup.select_one("a[data-facet=field]")
    assert field["data-value"] == "Hộ tịch"
    assert field.select_one(".count").get_text() == "2"
    assert "linh-vuc=ho-tich" in field["href"]  # a slug, not the label
    soup = soup_of(client.get(field["href"]))
    assert soup.select_one("a[data-facet=field]")["aria-current"] == "true"
    assert len(soup.select(".search-hit")) == 2


def test_unknown_facet_values_are_ignored_with_a_message(client, indexed):
    response = client.get(
        "/tim-kiem/", {"q": "dang ky", "linh-vuc": "khong-co", "loai-noi-dung": "bogus"}
    )
    assert response.status_code == 400
    text = soup_of(response).get_text(" ")
    assert "đã được bỏ qua" in text
    assert len(soup_of(response).select(".search-hit")) == 2


@pytest.mark.parametrize(
    "q",
    [
        "title:x AND",
        "*",
        "~",
        "\\",
        '"unbalanced',
        "'; DROP TABLE search_searchentry; --",
        '"a" NEAR b',
        "NEAR(a b)",
        "<script>alert(1)</script>",
        "x" * 5000,
        "\x00\x01\x02binary\xff",
        "%_%",
        "{title}: dang",
        "dang^3 ky",
    ],
)
def test_bad_input_never_fails_and_is_escaped(client, indexed, q):
    response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert client.get("/tim-kiem/goi-y/", {"q": q}).status_code == 200
    assert client.get("/tim-kiem/", {"q": q, "dinh-dang": "csv"}).status_code in (200, 400)
    assert client.get("/tim-kiem/feed/", {"q": q}).status_code == 200


def test_html_in_content_is_escaped_in_snippets(client, indexed):
    response = client.get("/tim-kiem/", {"q": "cong bo"})
    assert b"<b>mi" not in response.content
    assert "&lt;b&gt;" in response.content.decode()


@pytest.mark.parametrize("page", ["9999", "0", "-3", "abc", "1e9"])
def test_absurd_page_numbers_get_a_4xx_with_a_message(client, indexed, page):
    response = client.get("/tim-kiem/", {"q": "dang ky", "trang": page})
    assert response.status_code in (400, 404)
    assert soup_of(response).select_one("[role=alert]").get_text(strip=True)


def test_bad_dates_are_ignored_with_a_message_and_ranges_filter(client, indexed):
    response = client.get("/tim-kiem/", {"q": "dang ky", "tu-ngay": "31/02/2024"})
    assert response.status_code == 400
    assert "không hợp lệ" in soup_of(response).get_text()
    soup = soup_of(client.get("/tim-kiem/", {"q": "dang ky", "tu-ngay": "01/01/2024"}))
    assert [a.get_text() for a in soup.select(".hit-title a")] == ["Đăng ký khai sinh"]


def test_zero_results_suggest_searches_that_find_something(client, indexed):
    # Four words, two of them unknown: fewer than the three needed match anything.
    soup = soup_of(client.get("/tim-kiem/", {"q": "đăng ký xyzzy qwerty"}))
    assert "Không tìm thấy kết quả" in soup.get_text()
    assert soup.select_one(".search-facets") is None  # no empty filter box
    alternatives = soup.select(".search-alternatives li")
    assert [li.a.get_text() for li in alternatives] == ["đăng ký qwerty", "đăng ký xyzzy"]
    assert alternatives[0].select_one(".count").get_text() == "2"
    assert alternatives[0].a["href"] == "/tim-kiem/?q=%C4%91%C4%83ng+k%C3%BD+qwerty"
    # What matches part of the words is offered apart, said to be only a partial match.
    assert "chỉ khớp một phần" in soup.get_text()
    assert soup.select(".search-near li a")
    assert soup.find("a", href="/thu-tuc/dang-ky-khai-sinh/")  # popular procedures
    # With a filter that empties the list, the same words without filters come first.
    soup = soup_of(client.get("/tim-kiem/", {"q": "khai sinh", "loai-noi-dung": "van-ban"}))
    first = soup.select_one(".search-alternatives li")
    assert first.a["href"] == "/tim-kiem/?q=khai+sinh"
    assert "bỏ các bộ lọc" in first.get_text()


def test_suggestions_put_procedures_and_numbers_first(client, indexed):
    data = client.get("/tim-kiem/goi-y/", {"q": "dang k"}).json()
    assert [s["kind"] for s in data["suggestions"]][:2] == ["procedure", "procedure"]
    data = client.get("/tim-kiem/goi-y/", {"q": "57/qđ"}).json()
    assert data["suggestions"][0]["number"] == "57/QĐ-UBND"
    assert client.get("/tim-kiem/goi-y/", {"q": "d"}).json()["suggestions"] == []


def test_csv_export_has_the_same_results(client, indexed):
    old = client.get("/tim-kiem/xuat.csv", {"q": "dang ky", "kind": "procedure"})
    assert old.status_code == 301
    assert old["Location"] == "/tim-kiem/?q=dang+ky&loai-noi-dung=thu-tuc&dinh-dang=csv"
    response = client.get(old["Location"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][0] == "Tiêu đề"
    assert {r[0] for r in rows[1:]} == {"Đăng ký khai sinh", "Đăng ký kết hôn"}
    assert rows[1][4].startswith("http://testserver/thu-tuc/")
    assert client.get("/tim-kiem/?dinh-dang=csv").status_code == 400
    data = json.loads(b"".join(client.get("/tim-kiem/?q=dang+ky&dinh-dang=json").streaming_content))
    assert data["filters"] == {"q": ["dang ky"]} and len(data["items"]) == 2


def test_old_parameter_names_and_labels_redirect_to_slugs(client, indexed):
    response = client.get(
        "/tim-kiem/", {"q": "dang ky", "kind": "procedure", "field": "Hộ tịch", "page": "1"}
    )
    assert response.status_code == 301
    assert response["Location"] == "/tim-kiem/?q=dang+ky&loai-noi-dung=thu-tuc&linh-vuc=ho-tich"


def test_atom_feed_of_a_search_is_newest_first(client, indexed):
    response = client.get("/tim-kiem/feed/", {"q": "dang ky"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(response.content).findall(f"{atom}entry")  # noqa: S314
    titles = [entry.find(f"{atom}title").text for entry in entries]
    assert titles == ["Đăng ký khai sinh", "Đăng ký kết hôn"]


def test_page_is_light(client, indexed):
    response = client.get("/tim-kiem/", {"q": "dang ky"})
    assert len(response.content) < 60_000
