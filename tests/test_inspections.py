"""Inspections: overdue derivation, validation, status history, tracker, unit pages, links."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from inspections.home import home_context
from inspections.models import (
    InspectionIndexPage,
    InspectionPage,
    InspectionPlanPage,
    PlannedInspection,
    Remedy,
    RemedyStatus,
    RemedyStatusChange,
)
from inspections.models.inspection import DONE_WITHOUT_DATE
from inspections.search_documents import inspection_document
from inspections.tests.factories import (
    make_agency,
    make_finding_category,
    make_inspection,
    remedy,
)
from news.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
OPEN, IN_PROGRESS, DONE = RemedyStatus.OPEN, RemedyStatus.IN_PROGRESS, RemedyStatus.DONE


class TestPageTypes(WagtailPageTestCase):
    def test_where_inspection_pages_live(self):
        self.assertCanCreateAt(InspectionIndexPage, InspectionPlanPage)
        self.assertCanCreateAt(InspectionIndexPage, InspectionPage)
        self.assertCanCreateAt(InspectionPlanPage, InspectionPage)
        self.assertAllowedParentPageTypes(InspectionPage, {InspectionIndexPage, InspectionPlanPage})


# Overdue is derived -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "deadline", "overdue"),
    [
        (OPEN, TODAY - DAY, True),
        (OPEN, TODAY, False),  # due today is not late yet
        (OPEN, TODAY + DAY, False),
        (IN_PROGRESS, TODAY - DAY, True),
        (IN_PROGRESS, TODAY + DAY, False),
        (DONE, TODAY - 30 * DAY, False),  # done is never overdue, however late
        (DONE, TODAY + DAY, False),
    ],
)
def test_overdue_derived_from_deadline(status, deadline, overdue):
    item = Remedy(description="x", deadline=deadline, status=status, completed_on=TODAY)
    assert item.is_overdue() is overdue
    assert item.is_overdue(today=deadline) is False  # on the deadline day itself
    assert item.is_overdue(today=deadline + DAY) is (status != DONE)
    assert item.status_label == ("Quá hạn" if overdue else item.get_status_display())
    assert (item.badge_class == "danger") is overdue


def test_overdue_queryset_agrees_with_the_property(home_page):
    remedies = [
        remedy(TODAY - DAY, OPEN),
        remedy(TODAY, OPEN),
        remedy(TODAY - DAY, IN_PROGRESS),
        remedy(TODAY - 5 * DAY, DONE, completed_on=TODAY),
        remedy(TODAY + DAY, IN_PROGRESS),
    ]
    make_inspection(start_date=TODAY - 60 * DAY, remedies=remedies)
    stored = list(Remedy.objects.all())
    assert {r.pk for r in Remedy.objects.overdue()} == {r.pk for r in stored if r.overdue}
    assert len(Remedy.objects.overdue()) == 2
    assert {r.pk for r in Remedy.objects.not_overdue()} == {r.pk for r in stored if not r.overdue}
    later = TODAY + 2 * DAY
    assert Remedy.objects.overdue(today=later).count() == 4


# Validation --------------------------------------------------------------------------------


def test_done_without_completion_date_is_refused():
    from django.core.exceptions import ValidationError

    item = Remedy(description="x", deadline=TODAY, status=DONE)
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert error.value.message_dict["completed_on"] == [DONE_WITHOUT_DATE]
    item.completed_on = TODAY
    item.clean()


def test_deadline_before_inspection_is_refused(home_page):
    from django.core.exceptions import ValidationError

    page = make_inspection(start_date=datetime.date(2025, 3, 12))
    item = Remedy(page=page, description="x", deadline=datetime.date(2025, 3, 11))
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert error.value.message_dict["deadline"] == [
        "Thời hạn khắc phục (11/03/2025) không thể trước ngày kiểm tra (12/03/2025)."
    ]
    item.deadline = datetime.date(2025, 3, 12)
    item.clean()


def _admin_post_data(agency, remedies):
    data = nested_form_data(
        {
            "title": "Kiểm tra qua trang quản trị",
            "slug": "kiem-tra-qua-quan-tri",
            "start_date": "2025-03-12",
            "lead_name": "Lê Minh Trung",
            "scope": rich_text("<p>Một cửa</p>"),
            "conclusion": rich_text(""),
            "team_members": inline_formset([]),
            "findings": inline_formset([]),
            "remedies": inline_formset(remedies),
            "comments": inline_formset([]),
        }
    )
    data["inspected_agencies"] = [str(agency.pk)]
    return data


@pytest.fixture
def admin_client(client, django_user_model, home_page):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(user)
    return client


def test_admin_form_shows_both_remedy_messages(admin_client):
    agency = make_agency()
    index = InspectionIndexPage.objects.get()
    url = f"/admin/pages/add/inspections/inspectionpage/{index.pk}/"
    data = _admin_post_data(
        agency,
        [
            {"description": "Trước ngày kiểm tra", "deadline": "2025-03-01", "status": OPEN},
            {"description": "Xong mà không có ngày", "deadline": "2025-04-01", "status": DONE},
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with errors
    body = response.content.decode()
    assert "Thời hạn khắc phục (01/03/2025) không thể trước ngày kiểm tra (12/03/2025)." in body
    assert DONE_WITHOUT_DATE in body
    assert not InspectionPage.objects.filter(slug="kiem-tra-qua-quan-tri").exists()


def test_admin_form_saves_valid_remedies(admin_client):
    agency = make_agency()
    index = InspectionIndexPage.objects.get()
    url = f"/admin/pages/add/inspections/inspectionpage/{index.pk}/"
    data = _admin_post_data(
        agency,
        [
            {
                "description": "Gửi thư xin lỗi",
                "deadline": "2025-04-01",
                "status": DONE,
                "completed_on": "2025-03-30",
            }
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page = InspectionPage.objects.get(slug="kiem-tra-qua-quan-tri")
    assert page.remedies.get().status == DONE


# Status history ----------------------------------------------------------------------------


def test_status_changes_are_recorded_when_published(home_page):
    page = make_inspection(
        start_date=datetime.date(2025, 3, 12), remedies=[remedy(datetime.date(2025, 6, 1))]
    )
    item = page.remedies.get()
    assert list(item.status_changes.values_list("old_status", "new_status")) == [("", OPEN)]

    draft = page.get_latest_revision_as_object()
    (draft_item,) = draft.remedies.all()
    draft_item.status = IN_PROGRESS
    draft_item.status_note = "Công văn 12/UBND báo cáo tiến độ"
    draft.remedies.set([draft_item])
    draft.save_revision()  # a draft changes nothing public, nor the history
    assert item.status_changes.count() == 1

    draft.save_revision().publish()
    changes = list(RemedyStatusChange.objects.filter(remedy_id=item.pk))
    assert [(c.old_status, c.new_status) for c in changes] == [("", OPEN), (OPEN, IN_PROGRESS)]
    assert changes[-1].note == "Công văn 12/UBND báo cáo tiến độ"
    assert changes[-1].changed_on == TODAY

    again = InspectionPage.objects.get(pk=page.pk)
    again.save_revision().publish()  # publishing without a change adds nothing
    assert RemedyStatusChange.objects.filter(remedy_id=item.pk).count() == 2


def test_done_is_recorded_on_the_completion_date(home_page):
    page = make_inspection(
        start_date=datetime.date(2025, 3, 12),
        remedies=[remedy(datetime.date(2025, 6, 1), DONE, completed_on=datetime.date(2025, 5, 20))],
    )
    change = page.remedies.get().status_changes.get()
    assert change.new_status == DONE and change.changed_on == datetime.date(2025, 5, 20)


# The inspection page -----------------------------------------------------------------------


def test_inspection_page_groups_findings_and_highlights_overdue(client, home_page):
    page = make_inspection(
        start_date=TODAY - 90 * DAY,
        remedies=[
            remedy(TODAY - 3 * DAY, IN_PROGRESS, description="Việc đã trễ"),
            remedy(TODAY + 30 * DAY, OPEN, description="Việc còn hạn"),
            remedy(TODAY - 9 * DAY, DONE, completed_on=TODAY - 20 * DAY, description="Việc xong"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    groups = {g.h3.get_text(" ", strip=True): g for g in soup.select(".finding-group")}
    assert "Công khai đầy đủ thủ tục." in groups["Ưu điểm (1)"].get_text()
    assert "Hồ sơ trễ hạn: Còn hồ sơ trễ hạn." in groups["Hạn chế (1)"].get_text(" ", strip=True)
    rows = {r.td.get_text(" ", strip=True).split(" ")[0:3][0]: r for r in soup.select("tbody tr")}
    overdue_rows = soup.select("tr.overdue")
    assert len(overdue_rows) == 1 and "Việc đã trễ" in overdue_rows[0].get_text()
    assert "Quá hạn" in overdue_rows[0].select_one(".badge.danger").get_text()
    assert "Trễ 3 ngày" in overdue_rows[0].get_text()
    assert rows  # three rows were rendered
    assert len(soup.select("tbody tr")) == 3
    assert soup.select_one(".badge.ok").get_text(strip=True) == "Đã hoàn thành"


def test_inspection_page_queries_do_not_grow(client, home_page):
    agency = make_agency("Ủy ban nhân dân xã Tân Dương", kind="ubnd")
    page = make_inspection(
        agencies=[agency],
        start_date=TODAY - 60 * DAY,
        remedies=[remedy(TODAY + DAY, OPEN, agency=agency)],
    )
    category = make_category("Kiểm tra CCHC")
    make_article(inspection=page, category=category)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        return len(queries)

    count()
    few = count()
    other = make_agency("Sở Y tế tỉnh Đồng Tháp")
    more = make_inspection(
        agencies=[agency, other],
        start_date=TODAY - 60 * DAY,
        remedies=[remedy(TODAY - n * DAY, IN_PROGRESS, agency=other) for n in range(1, 6)],
    )
    for _ in range(3):
        make_article(inspection=more, category=category)
    page = more
    count()
    assert count() == few


def test_news_and_inspection_link_both_ways(client, home_page):
    page = make_inspection()
    category = make_category("Kiểm tra CCHC")
    article = make_article(title="Tin về cuộc kiểm tra", category=category, inspection=page)
    make_article(title="Nháp về cuộc kiểm tra", category=category, inspection=page, live=False)

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = soup.find(id="articles-heading").parent
    assert [a.get_text(strip=True) for a in section.select("a")] == ["Tin về cuộc kiểm tra"]

    article_html = client.get(article.url).content.decode()
    assert f'href="{page.url}"' in article_html


def test_unpublished_inspection_is_not_linked_from_news(client, home_page):
    page = make_inspection()
    article = make_article(category=make_category("Kiểm tra CCHC"), inspection=page)
    page.unpublish()
    assert page.url not in client.get(article.url).content.decode()


def test_plan_page_links_done_inspections(client, home_page):
    index = InspectionIndexPage.objects.get()
    plan = InspectionPlanPage(title="Kế hoạch kiểm tra 2025", slug="ke-hoach-2025", year=2025)
    index.add_child(instance=plan)
    agency = make_agency()
    done = make_inspection(plan, agencies=[agency])
    plan.planned_inspections.set(
        [
            PlannedInspection(planned_month=3, agency=agency, inspection=done),
            PlannedInspection(planned_month=11, agency=make_agency("Sở Y tế tỉnh Đồng Tháp")),
        ]
    )
    plan.save_revision().publish()
    soup = BeautifulSoup(client.get(plan.url).content, "html.parser")
    assert f'href="{done.url}"' in str(soup)
    assert "Đã thực hiện 1/2 cuộc kiểm tra" in soup.get_text()
    assert "Chưa thực hiện" in soup.select("tbody tr")[1].get_text()


# The remedies tracker ----------------------------------------------------------------------


@pytest.fixture
def tracker_data(home_page):
    """Two units, two years, two categories, every status."""
    justice = make_agency("Sở Tư pháp tỉnh Đồng Tháp")
    commune = make_agency("Ủy ban nhân dân xã Mỹ An", kind="ubnd")
    late = make_finding_category("Hồ sơ trễ hạn")
    facilities = make_finding_category("Cơ sở vật chất bộ phận một cửa")
    last_year = datetime.date(TODAY.year - 1, 3, 1)
    this_year = datetime.date(TODAY.year, 1, 1)
    make_inspection(
        start_date=last_year,
        agencies=[justice],
        title="Kiểm tra Sở Tư pháp",
        remedies=[
            remedy(TODAY - 10 * DAY, OPEN, agency=justice, category=late, description="A quá hạn"),
            remedy(
                last_year + 30 * DAY,
                DONE,
                agency=justice,
                category=facilities,
                completed_on=last_year + 20 * DAY,
                description="B xong",
            ),
        ],
    )
    make_inspection(
        start_date=this_year,
        agencies=[commune],
        title="Kiểm tra xã Mỹ An",
        remedies=[
            remedy(
                TODAY + 10 * DAY,
                IN_PROGRESS,
                agency=commune,
                category=late,
                description="C đang làm",
            ),
            remedy(
                TODAY + 20 * DAY,
                OPEN,
                agency=commune,
                category=facilities,
                description="D chưa làm",
            ),
            remedy(
                TODAY - 1 * DAY,
                IN_PROGRESS,
                agency=commune,
                category=facilities,
                description="E quá hạn",
            ),
        ],
    )
    make_inspection(
        start_date=this_year,
        agencies=[commune],
        title="Kiểm tra chưa đăng",
        live=False,
        remedies=[remedy(TODAY - DAY, OPEN, agency=commune, description="Z nháp")],
    )
    return {"justice": justice, "commune": commune, "late": late, "facilities": facilities}


def tracker(client, query=""):
    return client.get(f"/kiem-tra/khac-phuc/{query}")


def remedy_names(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(row.td.get_text(strip=True)[:1] for row in soup.select(".remedy-table tbody tr"))


def test_tracker_lists_every_published_remedy(client, tracker_data):
    response = tracker(client)
    assert response.status_code == 200
    assert remedy_names(response) == ["A", "B", "C", "D", "E"]
    soup = BeautifulSoup(response.content, "html.parser")
    overdue = sorted(r.td.get_text(strip=True)[:1] for r in soup.select("tr.overdue"))
    assert overdue == ["A", "E"]
    assert "hiện có 2 yêu cầu quá hạn" in soup.get_text(" ", strip=True)
    for control in soup.select("form select"):
        assert soup.find("label", attrs={"for": control["id"]})


def test_tracker_puts_what_is_still_to_do_first_with_a_plain_count(client, tracker_data):
    soup = BeautifulSoup(tracker(client).content, "html.parser")
    order = [row.td.get_text(strip=True)[:1] for row in soup.select(".remedy-table tbody tr")]
    assert order == ["A", "E", "C", "D", "B"]  # by deadline, the finished one last
    count = soup.select_one(".result-count")
    assert count.get_text(" ", strip=True) == "5 yêu cầu khắc phục"
    assert count.select_one(".count") is None  # a plain number, not the small pill box


def test_remedy_cells_are_labelled_for_the_phone_layout(client, tracker_data):
    soup = BeautifulSoup(tracker(client).content, "html.parser")
    headers = [th.get_text(strip=True) for th in soup.select(".remedy-table thead th")]
    for row in soup.select(".remedy-table tbody tr"):
        assert [td["data-label"] for td in row.find_all("td")] == headers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?don-vi=so-tu-phap-tinh-dong-thap", ["A", "B"]),
        ("?don-vi=uy-ban-nhan-dan-xa-my-an", ["C", "D", "E"]),
        ("?nhom=ho-so-tre-han", ["A", "C"]),
        ("?nhom=co-so-vat-chat-bo-phan-mot-cua", ["B", "D", "E"]),
        ("?tinh-trang=qua-han", ["A", "E"]),
        ("?tinh-trang=chua-thuc-hien", ["A", "D"]),
        ("?tinh-trang=dang-thuc-hien", ["C", "E"]),
        ("?tinh-trang=hoan-thanh", ["B"]),
        ("?don-vi=uy-ban-nhan-dan-xa-my-an&tinh-trang=qua-han", ["E"]),
        ("?nhom=ho-so-tre-han&tinh-trang=qua-han", ["A"]),
        ("?don-vi=so-tu-phap-tinh-dong-thap&nhom=ho-so-tre-han&tinh-trang=hoan-thanh", []),
    ],
)
def test_tracker_filters(client, tracker_data, query, expected):
    response = tracker(client, query)
    assert response.status_code == 200
    assert remedy_names(response) == expected
    if not expected:
        assert "Không có yêu cầu khắc phục nào khớp bộ lọc." in response.content.decode()


def test_tracker_year_filter(client, tracker_data):
    assert remedy_names(tracker(client, f"?nam={TODAY.year - 1}")) == ["A", "B"]
    assert remedy_names(tracker(client, f"?nam={TODAY.year}&tinh-trang=qua-han")) == ["E"]
    assert remedy_names(tracker(client, "?nam=2003")) == []


def test_tracker_keeps_filter_state_in_form_and_pagination(client, tracker_data, monkeypatch):
    monkeypatch.setattr("inspections.models.index.REMEDIES_PER_PAGE", 1)
    response = tracker(client, "?don-vi=uy-ban-nhan-dan-xa-my-an&tinh-trang=dang-thuc-hien")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#filter-unit option[selected]")["value"] == "uy-ban-nhan-dan-xa-my-an"
    assert soup.select_one("#filter-status option[selected]")["value"] == "dang-thuc-hien"
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?don-vi=uy-ban-nhan-dan-xa-my-an&tinh-trang=dang-thuc-hien&trang=2"
    assert len(remedy_names(tracker(client, next_link))) == 1


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("?don-vi=khong-co", 400, "Đơn vị “khong-co” không có trong danh mục"),
        ("?nam=abc", 400, "Năm “abc” không hợp lệ"),
        ("?nam=20255", 400, "Năm “20255” không hợp lệ"),
        ("?nam=%C2%B2", 400, "Giá trị “²” của tham số “nam” không hợp lệ"),  # base.params
        ("?nam=99999999999999999999999", 400, "không hợp lệ"),
        ("?nhom=khong-co", 400, "Nhóm nội dung “khong-co” không có trong danh mục"),
        ("?tinh-trang=tre", 400, "Tình trạng “tre” không hợp lệ"),
        ("?trang=x", 400, "Số trang “x” không hợp lệ"),
        ("?trang=50", 404, "Không có trang 50"),
    ],
)
def test_tracker_bad_values_get_a_message(client, tracker_data, query, status, message):
    response = tracker(client, query)
    assert response.status_code == status
    assert message in response.content.decode()


def test_tracker_reports_every_bad_value_at_once(client, tracker_data):
    body = tracker(client, "?nam=abc&tinh-trang=tre").content.decode()
    assert "Năm “abc” không hợp lệ" in body and "Tình trạng “tre” không hợp lệ" in body


def test_tracker_old_names_redirect_and_exports_keep_filters(client, tracker_data):
    response = tracker(client, "?trang-thai=qua-han&page=2")
    assert response.status_code == 301
    assert response["Location"] == "/kiem-tra/khac-phuc/?tinh-trang=qua-han&trang=2"
    response = tracker(client, "?tinh-trang=qua-han&dinh-dang=json")
    data = json.loads(b"".join(response.streaming_content))
    assert data["filters"] == {"tinh-trang": "qua-han"}
    assert sorted(item["description"][:1] for item in data["items"]) == ["A", "E"]
    assert all(item["overdue"] and item["deadline"] for item in data["items"])
    response = tracker(client, "?tinh-trang=qua-han&dinh-dang=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Yêu cầu khắc phục,Nhóm nội dung")


def test_tracker_queries_do_not_grow_with_remedies(client, tracker_data):
    def count():
        tracker(client)  # shared fragments (frame, sections) are rebuilt after a change
        with CaptureQueriesContext(connection) as queries:
            assert tracker(client).status_code == 200
        return len(queries)

    count()  # warm the per-process caches (site root paths) first
    few = count()
    agency = tracker_data["commune"]
    make_inspection(
        agencies=[agency],
        start_date=TODAY - 30 * DAY,
        remedies=[remedy(TODAY + n * DAY, OPEN, agency=agency) for n in range(1, 8)],
    )
    assert count() == few


# Units -------------------------------------------------------------------------------------


def test_unit_page_shows_every_inspection_and_its_remedies(client, tracker_data):
    commune = tracker_data["commune"]
    response = client.get(f"/kiem-tra/don-vi/{commune.slug}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "Ủy ban nhân dân xã Mỹ An"
    headings = [h.get_text(strip=True) for h in soup.select(".unit-inspection h2")]
    assert headings == ["Kiểm tra xã Mỹ An"]  # not the unpublished one
    assert remedy_names(response) == ["C", "D", "E"]
    facts = soup.select_one("dl.facts").get_text(" ", strip=True)
    assert "3 (đã hoàn thành 0, quá hạn 1" in facts


def test_unit_page_over_the_years_and_historical_units(client, home_page):
    district = make_agency("Ủy ban nhân dân huyện Lai Vung", kind="ubnd", is_historical=True)
    make_inspection(start_date=datetime.date(2019, 9, 4), agencies=[district], title="Lần 2019")
    make_inspection(start_date=datetime.date(2025, 3, 12), agencies=[district], title="Lần 2025")
    response = client.get(f"/kiem-tra/don-vi/{district.slug}/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert [h.get_text(strip=True) for h in soup.select(".unit-inspection h2")] == [
        "Lần 2025",
        "Lần 2019",
    ]
    assert "Đơn vị cũ" in soup.get_text()
    units = BeautifulSoup(client.get("/kiem-tra/don-vi/").content, "html.parser")
    assert "2 cuộc kiểm tra · đơn vị cũ" in units.get_text(" ", strip=True)


def test_unknown_unit_is_404_with_message(client, home_page):
    response = client.get("/kiem-tra/don-vi/khong-co/")
    assert response.status_code == 404
    assert "Không có đơn vị “khong-co”." in response.content.decode()


def test_unit_page_queries_do_not_grow(client, home_page):
    agency = make_agency()

    def count():
        client.get(f"/kiem-tra/don-vi/{agency.slug}/")  # rebuilds shared fragments after a change
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/kiem-tra/don-vi/{agency.slug}/").status_code == 200
        return len(queries)

    make_inspection(agencies=[agency], remedies=[remedy(TODAY, OPEN, agency=agency)])
    count()  # warm the per-process caches (site root paths) first
    few = count()
    for _ in range(3):
        make_inspection(
            agencies=[agency],
            remedies=[remedy(TODAY, OPEN, agency=agency), remedy(TODAY, OPEN, agency=agency)],
        )
    assert count() == few


# Index, search, home -----------------------------------------------------------------------


def test_index_lists_results_by_year_with_bad_year_message(client, tracker_data):
    soup = BeautifulSoup(client.get("/kiem-tra/").content, "html.parser")
    listed = [a.get_text(strip=True) for a in soup.select("#results-heading ~ .item-list a")]
    assert listed == ["Kiểm tra xã Mỹ An", "Kiểm tra Sở Tư pháp"]
    only = client.get(f"/kiem-tra/?nam={TODAY.year - 1}")
    assert "Kiểm tra xã Mỹ An" not in only.content.decode()
    bad = client.get("/kiem-tra/?nam=abc")
    assert bad.status_code == 400 and "Năm “abc” không hợp lệ" in bad.content.decode()
    for raw in ("99999999999999999999999", "20255"):
        response = client.get(f"/kiem-tra/?nam={raw}")
        assert response.status_code == 400, raw  # never a 500
        assert "không hợp lệ: nhập năm có bốn chữ số" in response.content.decode()
    # Digits other than 0-9 are refused before the section sees them (base.params).
    response = client.get("/kiem-tra/?nam=%C2%B2")
    assert response.status_code == 400
    assert "chỉ dùng các chữ số 0-9" in response.content.decode()


def test_search_document(home_page):
    agency = make_agency()
    page = make_inspection(
        start_date=datetime.date(2025, 5, 20),
        agencies=[agency],
        remedies=[
            remedy(datetime.date(2025, 7, 1), category=make_finding_category("Thiếu phiếu hẹn"))
        ],
    )
    document = inspection_document(page)
    assert document.kind == "inspection"
    assert document.facets == {
        "year": "2025",
        "unit": ["Sở Tư pháp tỉnh Đồng Tháp"],
        "category": ["Hồ sơ trễ hạn", "Thiếu phiếu hẹn"],
    }
    assert document.extra == {"units": "Sở Tư pháp tỉnh Đồng Tháp", "year": "2025"}
    assert "Còn hồ sơ trễ hạn." in document.body
    page.unpublish()
    assert inspection_document(InspectionPage.objects.get(pk=page.pk)) is None


def test_home_lists_latest_inspections(rf, tracker_data):
    items = home_context(rf.get("/"))["latest_inspections"]
    assert [i.title for i in items] == ["Kiểm tra xã Mỹ An", "Kiểm tra Sở Tư pháp"]
    assert items[0].meta == "3 yêu cầu khắc phục"


def test_admin_listing_shows_dates_and_filters_by_year(admin_client, tracker_data):
    response = admin_client.get("/admin/ket-qua-kiem-tra/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ngày kiểm tra" in body and f"01/03/{TODAY.year - 1}" in body
    last_year = admin_client.get(f"/admin/ket-qua-kiem-tra/?year={TODAY.year - 1}").content
    assert "Kiểm tra Sở Tư pháp" in last_year.decode()
    assert "Kiểm tra xã Mỹ An" not in last_year.decode()
