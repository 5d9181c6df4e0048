"""Search across the content apps: real pages of every kind, through the public search page.

Each app registers its own builder (`<app>/search_documents.py`); these tests publish real
pages with the apps' own test helpers, rebuild the index with the management command and
then look at what a citizen or a journalist gets from /tim-kiem/, the suggestions, the CSV
export and the Atom feed. Publishing, unpublishing and privacy go through Wagtail's own
signals (run after commit).
"""

import csv
import datetime
import io
import json
import re
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from inspections.tests.factories import make_agency, make_finding_category, make_inspection
from legal_documents.tests.helpers import make_document
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

D = datetime.date
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content(home_page):
    procedures = make_procedures(
        record("1.001193", "Đăng ký khai sinh", field="Hộ tịch"),
        record("1.000894", "Đăng ký kết hôn", field="Hộ tịch"),
        record("2.002156", "Cấp giấy phép xây dựng nhà ở riêng lẻ", field="Hoạt động xây dựng"),
    )
    decision = make_document(
        "57/QĐ-UBND",
        "Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        summary="Công bố thủ tục đăng ký khai sinh, đăng ký kết hôn cấp xã.",
        issued_on=D(2024, 1, 10),
        effective_on=D(2024, 1, 10),
    )
    # A number that differs only in its year must not come before the exact number.
    other = make_document(
        "57/2019/QĐ-UBND",
        "Quy định về quản lý hộ tịch",
        issued_on=D(2019, 12, 21),
        effective_on=D(2020, 1, 1),
    )
    future = make_document(
        "99/2099/QĐ-UBND",
        "Quy định đăng ký khai sinh sẽ áp dụng",
        issued_on=D(2099, 1, 2),
        effective_on=D(2099, 2, 1),
    )
    category = make_category("Cải cách thủ tục")
    article = make_article(
        title="Đồng Tháp đẩy mạnh đăng ký khai sinh trực tuyến",
        category=category,
        date=D(2025, 3, 4),
    )
    draft = make_article(
        title="Bản nháp về đăng ký khai sinh chưa duyệt", category=category, live=False
    )
    private = make_article(title="Tin nội bộ về đăng ký khai sinh", category=category)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    scheduled = make_article(
        title="Tin hẹn giờ về đăng ký khai sinh", category=category, live=False
    )
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=30)
    scheduled.save_revision().publish()  # with a future go_live_at Wagtail only schedules it
    inspection = make_inspection(
        title="Kết quả kiểm tra cải cách hành chính tại Sở Tư pháp",
        start_date=D(2019, 5, 6),
        agencies=[make_agency("Sở Tư pháp tỉnh Đồng Tháp")],
        findings=[],
    )
    inspection.findings.create(
        kind="shortcoming",
        text="Còn hồ sơ đăng ký khai sinh trễ hạn.",
        category=make_finding_category("Hồ sơ trễ hạn"),
    )
    inspection.save_revision().publish()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    return {
        "procedures": procedures,
        "decision": decision,
        "other": other,
        "future": future,
        "article": article,
        "draft": draft,
        "private": private,
        "scheduled": scheduled,
        "inspection": inspection,
        "rebuild_output": out.getvalue(),
    }


def soup_of(response):
    assert response.status_code == 200, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def titles(client, **params):
    return [
        a.get_text()
        for a in soup_of(client.get("/tim-kiem/", params, follow=True)).select(".hit-title a")
    ]


def facet_counts(soup, name):
    return {
        a.select_one(".facet-label").get_text(): int(a.select_one(".count").get_text())
        for a in soup.select(f"a[data-facet={name}]")
    }


def test_rebuild_command_counts_every_public_item(content):
    # 3 procedures + 3 documents + 1 article + 1 inspection; no draft, private or scheduled page.
    assert re.search(r"database: đã lập chỉ mục 8 mục\.", content["rebuild_output"])


def test_unaccented_query_finds_every_kind(client, content):
    found = titles(client, q="dang ky khai sinh")
    assert found[0] == "Đăng ký khai sinh"
    # Legal documents' titles carry their number.
    assert "57/QĐ-UBND Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch" in found
    assert "Đồng Tháp đẩy mạnh đăng ký khai sinh trực tuyến" in found
    assert "Kết quả kiểm tra cải cách hành chính tại Sở Tư pháp" in found
    assert titles(client, q="ĐĂNG KÝ KHAI SINH")[0] == "Đăng ký khai sinh"


def test_numbers_and_codes_typed_as_such_come_first(client, content):
    soup = soup_of(client.get("/tim-kiem/", {"q": "57/qd-ubnd"}, follow=True))
    first = soup.select_one(".search-hit")
    decision = content["decision"]
    assert first.select_one(".hit-title a").get_text() == f"{decision.number} {decision.title}"
    assert "Đúng số/mã" in first.get_text()
    assert "57/QĐ-UBND" in first.select_one(".hit-facts").get_text()
    assert titles(client, q="1.001193")[0] == "Đăng ký khai sinh"
    assert titles(client, q="1.000894")[0] == "Đăng ký kết hôn"


def test_facets_per_kind_with_counts(client, content):
    soup = soup_of(client.get("/tim-kiem/", {"q": "dang ky"}, follow=True))
    kinds = facet_counts(soup, "kind")
    assert kinds["Thủ tục hành chính"] == 2
    assert kinds["Tin tức"] == 1
    assert kinds["Văn bản"] == 2  # the decision's summary, the future document's title
    assert kinds["Kiểm tra CCHC"] == 1
    soup = soup_of(client.get("/tim-kiem/", {"q": "dang ky", "kind": "procedure"}, follow=True))
    assert facet_counts(soup, "field") == {"Hộ tịch": 2}
    soup = soup_of(
        client.get("/tim-kiem/", {"q": "ho tich", "kind": "legal_document"}, follow=True)
    )
    assert facet_counts(soup, "type") == {"Quyết định": 2}
    assert facet_counts(soup, "year") == {"2024": 1, "2019": 1}
    soup = soup_of(client.get("/tim-kiem/", {"q": "khai sinh", "kind": "news"}, follow=True))
    assert facet_counts(soup, "category") == {"Cải cách thủ tục": 1}
    soup = soup_of(client.get("/tim-kiem/", {"q": "tre han", "kind": "inspection"}, follow=True))
    assert facet_counts(soup, "year") == {"2019": 1}
    assert facet_counts(soup, "unit") == {"Sở Tư pháp tỉnh Đồng Tháp": 1}
    # Picking a facet value narrows the list.
    assert titles(client, q="ho tich", kind="legal_document", year="2019") == [
        "57/2019/QĐ-UBND Quy định về quản lý hộ tịch"
    ]


def test_documents_not_yet_in_force_are_found_with_their_status(client, content):
    """The legal documents builder keeps documents that are not in force yet, marked so."""
    soup = soup_of(client.get("/tim-kiem/", {"q": "99/2099/qd-ubnd"}, follow=True))
    first = soup.select_one(".search-hit")
    title = first.select_one(".hit-title a").get_text()
    assert title == "99/2099/QĐ-UBND Quy định đăng ký khai sinh sẽ áp dụng"
    assert "Chưa có hiệu lực" in first.select_one(".hit-facts").get_text()


HIDDEN = (
    "Bản nháp về đăng ký khai sinh chưa duyệt",
    "Tin nội bộ về đăng ký khai sinh",
    "Tin hẹn giờ về đăng ký khai sinh",
)


def everything_public_sees(client, q):
    page = soup_of(client.get("/tim-kiem/", {"q": q}, follow=True)).get_text()
    suggestions = json.dumps(client.get("/tim-kiem/goi-y/", {"q": q}).json(), ensure_ascii=False)
    response = client.get("/tim-kiem/", {"q": q, "dinh-dang": "csv"}, follow=True)
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    feed = client.get("/tim-kiem/feed/", {"q": q}).content.decode()
    return {"page": page, "suggestions": suggestions, "csv": export, "feed": feed}


def test_drafts_private_and_scheduled_pages_appear_nowhere(client, content):
    seen = everything_public_sees(client, "dang ky khai sinh")
    seen_by_title = everything_public_sees(client, "Tin")
    for where, text in [*seen.items(), *seen_by_title.items()]:
        for title in HIDDEN:
            assert title not in text, f"{title!r} leaked into the {where}"
    # ...while the public article is in all four.
    assert "Đồng Tháp đẩy mạnh đăng ký khai sinh trực tuyến" in seen["page"]
    assert "Đồng Tháp đẩy mạnh" in seen["suggestions"]
    rows = list(csv.reader(io.StringIO(seen["csv"])))
    assert "Đồng Tháp đẩy mạnh đăng ký khai sinh trực tuyến" in [row[0] for row in rows]
    entries = ElementTree.fromstring(seen["feed"].encode()).findall(f"{ATOM}entry")  # noqa: S314
    assert "Đồng Tháp đẩy mạnh đăng ký khai sinh trực tuyến" in [
        e.find(f"{ATOM}title").text for e in entries
    ]


def test_publishing_changes_follow_in_the_index(
    client, content, django_capture_on_commit_callbacks
):
    article, draft, private = content["article"], content["draft"], content["private"]
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert article.title not in titles(client, q="dang ky khai sinh")
    assert article.title not in everything_public_sees(client, "dang ky khai sinh")["csv"]

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert draft.title in titles(client, q="dang ky khai sinh")

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=private).delete()
    assert private.title in titles(client, q="dang ky khai sinh")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert private.title not in titles(client, q="dang ky khai sinh")

    procedure = content["procedures"]["1.001193"]
    with django_capture_on_commit_callbacks(execute=True):
        procedure.unpublish()
    assert titles(client, q="1.001193")[:1] != ["Đăng ký khai sinh"]
    suggestions = client.get("/tim-kiem/goi-y/", {"q": "1.0011"}).json()["suggestions"]
    assert "Đăng ký khai sinh" not in [s["title"] for s in suggestions]
