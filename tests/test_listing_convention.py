"""One listing convention across the site (base.listing): every list is crawled with the same
good and bad values and must answer the same way.

- its canonical link, Open Graph tags, a meta description and a search box;
- old parameter names (page, trang=1) -> 301 to the convention's URL;
- a malformed page number -> 400 with a Vietnamese message, the list shown;
- a page past the end -> 404 with the message;
- an unknown filter value -> 400 with the message, the list shown without that filter;
- an unknown export format -> 400; CSV and JSON exports with the filters applied, and a
  bad value in an export request -> 400 plain text, never a partial file.
"""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup

from inspections.tests.factories import make_agency, make_inspection, remedy
from legal_documents.models.choices import ListGroup
from legal_documents.tests.helpers import make_document, make_list
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

D = datetime.date
BAD_SLUG = "khong-co-gia-tri-nay"

# (list URL, a filter parameter it takes, the text one listed item shows)
LISTS = [
    ("/thu-tuc/", "linh-vuc", "Đăng ký khai sinh"),
    ("/van-ban/", "loai", "Quy định thử"),
    ("/van-ban/het-hieu-luc/2019/", "nhom", "Quy định thử"),
    ("/tin-tuc/", None, "Tin về một cửa"),
    ("/tin-tuc/2025/03/", None, "Tin về một cửa"),
    ("/kiem-tra/", "nam", "Kiểm tra Sở Tư pháp"),
    ("/kiem-tra/khac-phuc/", "don-vi", "Khắc phục hồ sơ trễ"),
    ("/tim-kiem/?q=dang+ky", "linh-vuc", "Đăng ký khai sinh"),
]
IDS = [url for url, _, _ in LISTS]


@pytest.fixture
def everything(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_procedures(record("1.001193", "Đăng ký khai sinh"))
        document = make_document(
            "30/2015/QĐ-UBND", "Quy định thử", issued_on=D(2015, 2, 1), expires_on=D(2019, 7, 1)
        )
        make_list(2019, "57/QĐ-UBND", [(ListGroup.EXPIRED_WHOLE, document, D(2019, 7, 1), "", "")])
        make_article(title="Tin về một cửa", date=D(2025, 3, 4), category=make_category())
        agency = make_agency()
        make_inspection(
            title="Kiểm tra Sở Tư pháp",
            agencies=[agency],
            remedies=[remedy(D(2025, 6, 1), agency=agency, description="Khắc phục hồ sơ trễ")],
        )


def with_params(url: str, **params) -> str:
    from urllib.parse import urlencode

    joiner = "&" if "?" in url else "?"
    return url + joiner + urlencode(params)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def alert_text(response) -> str:
    return " ".join(a.get_text(" ", strip=True) for a in soup(response).select("[role=alert]"))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
def test_a_list_page_is_citable_and_shareable(client, everything, url, param, item):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert item in page.get_text()
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and url.split("?")[0] in canonical
    for prop in ("og:title", "og:url", "og:image", "og:description"):
        assert page.find("meta", property=prop)["content"], prop
    assert page.find("meta", attrs={"name": "twitter:card"})
    assert page.find("meta", attrs={"name": "description"})["content"]
    assert page.find("form", attrs={"role": "search"})


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
def test_old_names_and_page_one_redirect(client, everything, url, param, item):
    response = client.get(with_params(url, page="2"))
    assert response.status_code == 301
    assert "trang=2" in response["Location"] and "page=" not in response["Location"]
    response = client.get(with_params(url, trang="1"))
    assert response.status_code == 301 and "trang" not in response["Location"]


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
@pytest.mark.parametrize("raw", ["abc", "-1"])
def test_malformed_page_numbers_are_a_400_with_the_list(client, everything, url, param, item, raw):
    response = client.get(with_params(url, trang=raw))
    assert response.status_code == 400
    assert "Số trang" in alert_text(response)
    assert item in soup(response).get_text()


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
def test_digits_other_than_0_to_9_are_refused_before_the_list(client, everything, url, param, item):
    """Superscripts and other scripts' digits are stopped by the request-level guard
    (base.params), before any list parses them: a Vietnamese 400 saying which digits to use."""
    response = client.get(with_params(url, trang="²"))
    assert response.status_code == 400
    assert "chỉ dùng các chữ số 0-9" in response.content.decode()


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
def test_a_page_past_the_end_is_a_404(client, everything, url, param, item):
    response = client.get(with_params(url, trang="999999"))
    assert response.status_code == 404
    assert "Không có trang 999999" in alert_text(response)


@pytest.mark.parametrize(
    ("url", "param", "item"), [x for x in LISTS if x[1]], ids=IDS[:3] + IDS[5:]
)
def test_unknown_filter_values_are_a_400_with_the_unfiltered_list(
    client, everything, url, param, item
):
    response = client.get(with_params(url, **{param: BAD_SLUG}))
    assert response.status_code == 400
    assert alert_text(response) or soup(response).select(".notice")
    assert item in soup(response).get_text()
    export = client.get(with_params(url, **{param: BAD_SLUG, "dinh-dang": "csv"}))
    assert export.status_code == 400
    assert export["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(("url", "param", "item"), LISTS, ids=IDS)
def test_exports_in_csv_and_json_with_the_filters(client, everything, url, param, item):
    response = client.get(with_params(url, **{"dinh-dang": "csv"}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) >= 2 and any(item in cell for cell in rows[1])
    response = client.get(with_params(url, **{"dinh-dang": "json"}))
    assert response.status_code == 200
    data = json.loads(body(response))
    assert set(data) >= {"filters", "items"} and data["items"]
    assert client.get(with_params(url, **{"dinh-dang": "pdf"})).status_code == 400


def test_every_list_links_its_exports(client, everything):
    for url, _, _ in LISTS:
        page = soup(client.get(url))
        links = [a["href"] for a in page.find_all("a", href=True)]
        assert any("dinh-dang=csv" in link for link in links), url
        assert any("dinh-dang=json" in link for link in links), url


def test_a_filter_with_a_page_of_its_own_names_that_page_as_canonical(client, everything):
    """/thu-tuc/?co-quan=x and /thu-tuc/co-quan/x/ show one list: they share one canonical URL,
    with the remaining filters and the page number kept in a fixed order."""
    from agencies.models import Agency

    agency = Agency.objects.get(name="Ủy ban nhân dân cấp xã")

    def canonical(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return soup(response).find("link", rel="canonical")["href"]

    by_query = canonical(f"/thu-tuc/?co-quan={agency.slug}&linh-vuc=ho-tich")
    by_route = canonical(f"/thu-tuc/co-quan/{agency.slug}/?linh-vuc=ho-tich")
    by_field_route = canonical(f"/thu-tuc/linh-vuc/ho-tich/?co-quan={agency.slug}")
    assert by_query == by_route == by_field_route
    assert by_query.endswith(f"/thu-tuc/linh-vuc/ho-tich/?co-quan={agency.slug}")
    assert canonical(f"/thu-tuc/?co-quan={agency.slug}").endswith(
        f"/thu-tuc/co-quan/{agency.slug}/"
    )
    assert canonical("/thu-tuc/?cap=cap-xa").endswith("/thu-tuc/?cap=cap-xa")
