"""Reform plans and periodic reports: overdue and progress derived from the tasks, the plan
page's accessible charts, the statistics block reading the report's period, the lists'
filters, bad input and exports, the feeds and the search documents."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from agencies.models import Agency
from base.deadlines import is_overdue
from reform_plans.models import PlanIndexPage, PlanPage, PlanTask, ReportIndexPage, ReportPage
from reform_plans.models.plans import progress_by
from reform_plans.search_documents import plan_document, report_document
from reform_statistics.models import DossierStatistics

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 15)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


# The shared overdue rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, deadline, overdue",
    [
        ("open", TODAY - datetime.timedelta(days=1), True),
        ("in_progress", TODAY - datetime.timedelta(days=1), True),
        ("in_progress", TODAY, False),  # due today is not yet late
        ("open", TODAY + datetime.timedelta(days=3), False),
        ("done", TODAY - datetime.timedelta(days=30), False),  # done late is not overdue
        ("open", None, False),
    ],
)
def test_overdue_rule(status, deadline, overdue):
    assert is_overdue(status, deadline, TODAY) is overdue
    task = PlanTask(status=status, deadline=deadline)
    assert task.is_overdue(TODAY) is overdue


@pytest.fixture
def units(home_page):
    return {
        "justice": Agency.objects.create(name="Sở Tư pháp", slug="so-tu-phap", kind="so"),
        "home": Agency.objects.create(name="Sở Nội vụ", slug="so-noi-vu", kind="so"),
    }


def make_plan(year=2026, tasks=(), title=None, publish=True):
    index = PlanIndexPage.objects.get()
    plan = PlanPage(title=title or f"Kế hoạch CCHC năm {year}", slug=f"ke-hoach-{year}", year=year)
    plan.tasks = [PlanTask(**task) for task in tasks]
    plan.live = publish
    index.add_child(instance=plan)
    if publish:
        plan.save_revision().publish()
    return plan


@pytest.fixture
def plan(units):
    justice, home = units["justice"], units["home"]
    return make_plan(
        tasks=[
            {
                "title": "Rà soát văn bản",
                "area": "the-che",
                "responsible_agency": justice,
                "deadline": days(-40),
                "status": "done",
                "completed_on": days(-41),
            },
            {
                "title": "Kiểm tra thi hành pháp luật",
                "area": "the-che",
                "responsible_agency": justice,
                "deadline": days(-5),
                "status": "in_progress",
                "progress": 60,
            },
            {
                "title": "Đề án vị trí việc làm",
                "area": "to-chuc-bo-may",
                "responsible_agency": home,
                "deadline": days(-10),
                "status": "open",
            },
            {
                "title": "Bồi dưỡng công chức một cửa",
                "area": "che-do-cong-vu",
                "responsible_agency": home,
                "deadline": days(20),
                "status": "in_progress",
                "progress": 30,
            },
            {
                "title": "Kết nối cơ sở dữ liệu dân cư",
                "area": "chinh-quyen-so",
                "deadline": days(10),
                "status": "open",
            },
        ]
    )


def test_overdue_queryset_agrees_with_the_property(plan):
    tasks = PlanTask.objects.filter(page=plan)
    by_property = {t.title for t in tasks if t.overdue}
    assert by_property == {"Kiểm tra thi hành pháp luật", "Đề án vị trí việc làm"}
    assert set(tasks.overdue().values_list("title", flat=True)) == by_property
    assert set(tasks.not_overdue().values_list("title", flat=True)) == {
        t.title for t in tasks if not t.overdue
    }


def test_progress_per_area_and_unit_is_derived_from_the_tasks(plan):
    tasks = list(plan.tasks.all())
    areas = {g.key: g for g in progress_by(tasks, "area")}
    # done counts 100, ongoing its figure, not started 0, whatever was typed
    assert areas["the-che"].progress == 80  # (100 + 60) / 2
    assert (areas["the-che"].done, areas["the-che"].overdue) == (1, 1)
    assert areas["to-chuc-bo-may"].progress == 0
    assert [g.key for g in progress_by(tasks, "area")] == [
        "the-che",
        "to-chuc-bo-may",
        "che-do-cong-vu",
        "chinh-quyen-so",
    ]
    units = {g.label: g for g in progress_by(tasks, "unit")}
    assert units["Sở Nội vụ"].progress == 15  # (0 + 30) / 2
    assert units["Sở Tư pháp"].progress == 80
    assert units["Chưa giao đơn vị"].total == 1
    assert list(units)[-1] == "Chưa giao đơn vị"


def test_typed_progress_of_a_done_or_unstarted_task_does_not_count():
    assert PlanTask(status="done", progress=10).effective_progress == 100
    assert PlanTask(status="in_progress", progress=45).effective_progress == 45


def test_unstarted_task_with_progress_and_done_without_date_are_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        PlanTask(status="open", progress=20, deadline=TODAY, title="x", area="the-che").clean()
    assert "progress" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        PlanTask(status="done", deadline=TODAY, title="x", area="the-che").clean()
    assert "completed_on" in error.value.message_dict


def soup(response):
    assert response.status_code == 200, response.content[:300]
    return BeautifulSoup(response.content, "html.parser")


def test_plan_page_shows_progress_with_accessible_charts_and_tables(client, plan):
    page = soup(client.get(plan.url))
    charts = page.select("figure.progress-chart svg")
    assert len(charts) == 2
    for svg in charts:
        assert svg["role"] == "img"
        title = svg.find("title", id=svg["aria-labelledby"])
        desc = svg.find("desc", id=svg["aria-describedby"])
        assert title and title.get_text(strip=True)
        assert desc and "Cải cách thể chế: 80,0%" in page.select_one("#area-chart-desc").text
    tables = page.select("table.progress-table")
    assert len(tables) == 2
    first_row = [
        c.get_text(strip=True) for c in tables[0].select("tbody tr")[0].find_all(["th", "td"])
    ]
    assert first_row == ["Cải cách thể chế", "1/2", "1", "80,0%"]
    # Overdue tasks are marked by the derived status, not stored
    overdue_rows = page.select("tr.overdue")
    assert len(overdue_rows) == 2
    assert all("Quá hạn" in row.get_text() for row in overdue_rows)


def test_plan_links_its_document_in_the_register(client, plan, home_page):
    from legal_documents.models import LegalDocumentIndexPage, LegalDocumentPage

    register = LegalDocumentIndexPage.objects.get()
    document = LegalDocumentPage(title="Kế hoạch CCHC năm 2026", number="15/KH-UBND", slug="15-kh")
    register.add_child(instance=document)
    document.save_revision().publish()
    plan.plan_document = document
    plan.save_revision().publish()
    page = soup(client.get(plan.url))
    link = page.find("a", href=document.url)
    assert link is not None and "15/KH-UBND" in link.text


# The tasks list -------------------------------------------------------------------------------


def tasks_url(query=""):
    return PlanIndexPage.objects.get().url + "nhiem-vu/" + (f"?{query}" if query else "")


def task_titles(response):
    page = soup(response)
    return [td.contents[0].strip() for td in page.select("td[data-label='Nhiệm vụ']")]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("linh-vuc=the-che", {"Rà soát văn bản", "Kiểm tra thi hành pháp luật"}),
        ("don-vi=so-noi-vu", {"Đề án vị trí việc làm", "Bồi dưỡng công chức một cửa"}),
        ("tinh-trang=qua-han", {"Kiểm tra thi hành pháp luật", "Đề án vị trí việc làm"}),
        ("tinh-trang=hoan-thanh", {"Rà soát văn bản"}),
        ("tinh-trang=chua-thuc-hien", {"Đề án vị trí việc làm", "Kết nối cơ sở dữ liệu dân cư"}),
        ("don-vi=so-noi-vu&tinh-trang=qua-han", {"Đề án vị trí việc làm"}),
        ("nam=2026&linh-vuc=chinh-quyen-so", {"Kết nối cơ sở dữ liệu dân cư"}),
        ("nam=2025", set()),
    ],
)
def test_task_list_filters(client, plan, query, expected):
    response = client.get(tasks_url(query))
    assert response.status_code == 200
    if expected:
        assert set(task_titles(response)) == expected
    else:
        assert "Không có nhiệm vụ nào khớp bộ lọc" in response.content.decode()


def test_task_list_puts_what_is_still_to_do_first(client, plan):
    titles = task_titles(client.get(tasks_url()))
    assert titles[-1] == "Rà soát văn bản"
    assert titles[0] == "Đề án vị trí việc làm"  # the most overdue deadline first


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("linh-vuc=khong-co", 400, "Lĩnh vực cải cách “khong-co” không hợp lệ"),
        ("don-vi=so-khong-co", 400, "Đơn vị “so-khong-co” không có trong danh mục"),
        ("tinh-trang=tre", 400, "Trạng thái “tre” không hợp lệ"),
        ("nam=20x6", 400, "Năm kế hoạch “20x6” không hợp lệ"),
        ("trang=abc", 400, "Số trang “abc” không hợp lệ"),
        ("trang=9", 404, "Không có trang 9"),
    ],
)
def test_task_list_bad_values(client, plan, query, status, message):
    response = client.get(tasks_url(query))
    assert response.status_code == status
    assert message in response.content.decode()


def test_task_list_canonical_and_exports(client, plan):
    response = client.get(tasks_url("tinh-trang=qua-han&utm_source=x"))
    page = soup(response)
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.endswith("/ke-hoach-cchc/nhiem-vu/?tinh-trang=qua-han")
    csv_link = page.find("a", string="CSV")["href"]
    assert csv_link == "/ke-hoach-cchc/nhiem-vu/?tinh-trang=qua-han&dinh-dang=csv"
    exported = client.get(csv_link)
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == [
        "Nhiệm vụ",
        "Lĩnh vực cải cách",
        "Đơn vị chủ trì",
        "Thời hạn",
        "Trạng thái",
    ]
    assert {r[0] for r in rows[1:]} == {"Kiểm tra thi hành pháp luật", "Đề án vị trí việc làm"}
    assert all(r[4] == "Quá hạn" and r[5] == "Có" for r in rows[1:])
    data = json.loads(b"".join(client.get(tasks_url("dinh-dang=json")).streaming_content))
    assert data["count"] == 5
    by_title = {item["title"]: item for item in data["items"]}
    assert by_title["Rà soát văn bản"]["progress"] == 100
    assert by_title["Đề án vị trí việc làm"]["overdue"] is True


def test_task_export_with_a_bad_value_is_refused_whole(client, plan):
    response = client.get(tasks_url("linh-vuc=sai&dinh-dang=csv"))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "Lĩnh vực cải cách" in response.content.decode()


def test_unpublished_plan_tasks_are_not_listed(client, units):
    make_plan(
        year=2027,
        publish=False,
        tasks=[
            {"title": "Bí mật", "area": "the-che", "deadline": days(5), "status": "open"},
        ],
    )
    assert "Bí mật" not in client.get(tasks_url()).content.decode()


# Reports and their statistics block ---------------------------------------------------------


def statistics(agency, kind, year, number, received, on_time, late):
    return DossierStatistics.objects.create(
        agency=agency,
        period_kind=kind,
        year=year,
        number=number,
        received_in_person=received - 100,
        received_online=100,
        resolved_on_time=on_time,
        resolved_late=late,
    )


@pytest.fixture
def figures(units):
    justice, home = units["justice"], units["home"]
    statistics(justice, "quy", 2025, 1, 1000, 900, 100)
    statistics(home, "quy", 2025, 1, 500, 490, 10)
    statistics(justice, "quy", 2025, 2, 2084, 1604, 10)
    statistics(justice, "quy", 2024, 1, 800, 700, 100)
    return units


STATS_BLOCK = {
    "heading": "Số liệu",
    "period": "ky-bao-cao",
    "agency": None,
    "metrics": ["received", "resolved_on_time", "resolved_late", "on_time_rate"],
    "layout": "so-lieu",
}


def make_report(kind="quy", year=2025, number=1, blocks=None, slug=None, publish=True, **extra):
    index = ReportIndexPage.objects.get()
    report = ReportPage(
        title=extra.pop("title", f"Báo cáo {kind} {number}/{year}"),
        slug=slug or f"bao-cao-{kind}-{number}-{year}",
        kind=kind,
        year=year,
        number=number,
        published_on=extra.pop("published_on", datetime.date(year, 12, 1)),
        body=json.dumps(
            blocks
            if blocks is not None
            else [
                {"type": "paragraph", "value": "<p>Nhận xét của kỳ.</p>"},
                {"type": "statistics", "value": STATS_BLOCK},
            ]
        ),
        **extra,
    )
    index.add_child(instance=report)
    if publish:
        report.save_revision().publish()
    return report


def figure_values(page):
    return {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in page.select(".report-figure-list div")
    }


def test_statistics_block_shows_the_figures_of_the_reports_quarter(client, figures):
    report = make_report()
    values = figure_values(soup(client.get(report.url)))
    assert values == {
        "Hồ sơ tiếp nhận": "1.500",
        "Giải quyết đúng hạn": "1.390",
        "Giải quyết quá hạn": "110",
        "Tỷ lệ giải quyết đúng hạn": "92,67%",  # 1390 / 1500
    }


def test_statistics_block_follows_the_period_when_the_statistics_change(client, figures):
    report = make_report()
    DossierStatistics.objects.filter(agency=figures["home"]).update(resolved_late=390)
    values = figure_values(soup(client.get(report.url)))
    assert values["Giải quyết quá hạn"] == "490"


def test_six_monthly_report_sums_its_quarters_and_last_year_block(client, figures):
    block = {**STATS_BLOCK, "agency": figures["justice"].pk}
    last_year = {**STATS_BLOCK, "period": "cung-ky-nam-truoc", "agency": figures["justice"].pk}
    half = make_report(kind="6-thang", number=1, blocks=[{"type": "statistics", "value": block}])
    assert figure_values(soup(client.get(half.url)))["Hồ sơ tiếp nhận"] == "3.084"
    quarter = make_report(number=1, slug="q1", blocks=[{"type": "statistics", "value": last_year}])
    assert figure_values(soup(client.get(quarter.url)))["Hồ sơ tiếp nhận"] == "800"


def test_statistics_block_table_by_agency_and_empty_period(client, figures):
    table = {**STATS_BLOCK, "layout": "bang-co-quan", "metrics": ["received", "on_time_rate"]}
    report = make_report(blocks=[{"type": "statistics", "value": table}])
    page = soup(client.get(report.url))
    rows = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in page.select(".report-figures tbody tr")
    ]
    assert rows == [["Sở Nội vụ", "500", "98,00%"], ["Sở Tư pháp", "1.000", "90,00%"]]
    empty = make_report(number=4, slug="q4")
    assert (
        "Chưa có số liệu thống kê của kỳ 01/10/2025 – 31/12/2025"
        in client.get(empty.url).content.decode()
    )


def test_report_period_is_derived_and_checked(figures):
    report = make_report(kind="6-thang", number=2)
    assert (report.start_date, report.end_date) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 12, 31),
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        ReportPage(kind="quy", year=2025, number=5, title="x", slug="x").clean()


def reports_url(query=""):
    return ReportIndexPage.objects.get().url + (f"?{query}" if query else "")


@pytest.fixture
def reports(home_page):
    return [
        make_report(kind="quy", year=2025, number=3, title="Báo cáo quý III/2025", blocks=[]),
        make_report(kind="quy", year=2025, number=4, title="Báo cáo quý IV/2025", blocks=[]),
        make_report(kind="nam", year=2024, number=1, title="Báo cáo năm 2024", blocks=[]),
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Báo cáo quý IV/2025", "Báo cáo quý III/2025", "Báo cáo năm 2024"]),
        ("nam=2025", ["Báo cáo quý IV/2025", "Báo cáo quý III/2025"]),
        ("loai=nam", ["Báo cáo năm 2024"]),
        ("nam=2024&loai=quy", []),
    ],
)
def test_report_list_filters(client, reports, query, expected):
    page = soup(client.get(reports_url(query)))
    assert [a.get_text(strip=True) for a in page.select(".report-list h2 a")] == expected


@pytest.mark.parametrize(
    "query, status",
    [("nam=abcd", 400), ("loai=thang", 400), ("trang=5", 404), ("dinh-dang=xml", 400)],
)
def test_report_list_bad_values(client, reports, query, status):
    assert client.get(reports_url(query)).status_code == status


def test_report_list_exports(client, reports):
    data = json.loads(
        b"".join(client.get(reports_url("nam=2025&dinh-dang=json")).streaming_content)
    )
    assert data["filters"] == {"nam": 2025} or data["filters"] == {"nam": "2025"}
    assert [item["period"] for item in data["items"]] == ["Quý IV/2025", "Quý III/2025"]
    response = client.get(reports_url("loai=nam&dinh-dang=csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Báo cáo năm 2024" in text and "quý" not in text.lower().split("\n", 1)[1]


def test_report_feeds(client, reports, settings):
    settings.PORTAL_BASE_URL = "https://cchc.example.gov.vn"
    page = soup(client.get(reports_url()))
    feeds = page.select('link[rel="alternate"]')
    assert {f["type"] for f in feeds} >= {"application/rss+xml", "application/atom+xml"}
    rss = client.get(reports_url() + "rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Báo cáo quý IV/2025 (Quý IV/2025)" in body
    assert "https://cchc.example.gov.vn/bao-cao-cchc/" in body
    atom = client.get(reports_url() + "atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert body.index("quý IV") < body.index("quý III")


def test_search_documents_of_plans_and_reports(plan, figures):
    document = plan_document(plan)
    assert document.kind == "reform_plan"
    assert document.facets["year"] == "2026"
    assert "Cải cách thể chế" in document.facets["category"]
    assert "Sở Nội vụ" in document.facets["unit"]
    assert "Đề án vị trí việc làm" in document.body
    report = make_report()
    found = report_document(report)
    assert found.kind == "reform_report"
    assert found.facets == {"year": "2025", "category": "Báo cáo quý"}
    assert "Nhận xét của kỳ." in found.body
    report.unpublish()
    assert report_document(ReportPage.objects.get(pk=report.pk)) is None


def test_published_report_is_found_by_site_search(
    client, figures, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(title="Báo cáo cải cách hành chính quý I năm 2025")
    from search.models import SearchEntry

    entry = SearchEntry.objects.get(key=f"reform_plans.reportpage:{report.pk}")
    assert entry.kind == "reform_report"
    response = client.get("/tim-kiem/?q=bao+cao+cai+cach&loai-noi-dung=bao-cao-cchc")
    assert response.status_code == 200
    # Matched words are highlighted with <mark>: compare the text, not the markup.
    text = BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)
    assert "Tìm thấy 1 kết quả" in text
    assert "Báo cáo cải cách hành chính quý I năm 2025" in " ".join(text.split())


# Admin ----------------------------------------------------------------------------------------


def test_news_editor_creates_a_plan_and_submits_it_for_review(client, units, django_user_model):
    from home.roles import NEWS_EDITORS, setup_roles

    groups = setup_roles()
    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.groups.add(groups[NEWS_EDITORS])
    client.force_login(editor)
    index = PlanIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "Kế hoạch CCHC năm 2027",
            "slug": "ke-hoach-2027",
            "year": "2027",
            "intro": rich_text("<p>Tóm tắt</p>"),
            "tasks": inline_formset(
                [
                    {
                        "title": "Nhiệm vụ một",
                        "area": "the-che",
                        "deadline": "2027-03-31",
                        "status": "in_progress",
                        "progress": "50",
                        "responsible_agency": str(units["justice"].pk),
                    },
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data["action-submit"] = "Gửi duyệt"
    response = client.post(f"/admin/pages/add/reform_plans/planpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = PlanPage.objects.get(slug="ke-hoach-2027")
    assert not plan.live  # a reviewer publishes it
    assert plan.current_workflow_state is not None
    assert plan.get_latest_revision_as_object().tasks.get().progress == 50


def test_loading_the_demo_plans_again_changes_nothing(home_page):
    """scripts/dev loads the demo at every start: the second time once raised in the report
    line (the updated plan's tasks were an in-memory list)."""
    import io

    from reform_plans.demo import load
    from reform_plans.models import PlanPage, PlanTask

    first, second = io.StringIO(), io.StringIO()
    load(home_page, first)
    tasks = sorted(PlanTask.objects.values_list("title", "deadline", "status"))
    load(home_page, second)
    assert sorted(PlanTask.objects.values_list("title", "deadline", "status")) == tasks
    assert PlanPage.objects.count() == 1 and "quá hạn" in second.getvalue()
    assert first.getvalue() == second.getvalue()
