"""The section's lists, by the listing convention of `base.listing`: the tasks of every plan
(/ke-hoach-cchc/nhiem-vu/) and the periodic reports (/bao-cao-cchc/).

Tasks: ?linh-vuc=<area>&don-vi=<agency slug>&tinh-trang=<status, qua-han for overdue>
&nam=<plan year>; reports: ?nam=<year>&loai=<quy|6-thang|nam>. Both: trang, dinh-dang=csv|json.
"""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.template.response import TemplateResponse

from agencies.models import Agency
from base.collation import VietnameseCollate
from base.listing import Listing, legacy_redirect
from base.public_url import absolute_url
from reform_plans.models.choices import ReformArea, ReportKind, TaskFilterStatus, TaskStatus

AREA_PARAM, UNIT_PARAM, STATUS_PARAM, YEAR_PARAM, KIND_PARAM = (
    "linh-vuc",
    "don-vi",
    "tinh-trang",
    "nam",
    "loai",
)
TASKS_PER_PAGE = 25
REPORTS_PER_PAGE = 20
FIRST_YEAR, LAST_YEAR = 2000, 2100

TASK_COLUMNS = [
    ("title", "Nhiệm vụ"),
    ("area", "Lĩnh vực cải cách"),
    ("unit", "Đơn vị chủ trì"),
    ("deadline", "Thời hạn"),
    ("status", "Trạng thái"),
    ("overdue", "Quá hạn"),
    ("days_overdue", "Số ngày trễ"),
    ("progress", "Tiến độ (%)"),
    ("completed_on", "Ngày hoàn thành"),
    ("evidence", "Minh chứng"),
    ("plan", "Kế hoạch"),
    ("url", "Địa chỉ"),
]
REPORT_COLUMNS = [
    ("title", "Báo cáo"),
    ("kind", "Loại"),
    ("period", "Kỳ báo cáo"),
    ("start_date", "Từ ngày"),
    ("end_date", "Đến ngày"),
    ("published_on", "Ngày báo cáo"),
    ("summary", "Tóm tắt"),
    ("url", "Địa chỉ"),
]


def task_list(index, request):
    redirect_response = legacy_redirect(request)
    if redirect_response is not None:
        return redirect_response
    listing = Listing(request)
    area = listing.choice(AREA_PARAM, ReformArea.values, "Lĩnh vực cải cách")
    agency = listing.lookup(
        UNIT_PARAM, "Đơn vị", lambda slug: Agency.objects.filter(slug=slug).first()
    )
    status = listing.choice(STATUS_PARAM, TaskFilterStatus.values, "Trạng thái")
    year = listing.year(YEAR_PARAM, "Năm kế hoạch", FIRST_YEAR, LAST_YEAR)
    all_tasks = index.tasks()
    tasks = all_tasks
    if area:
        tasks = tasks.filter(area=area)
    if agency:
        tasks = tasks.filter(responsible_agency=agency)
    if status:
        tasks = tasks.with_filter_status(status)
    if year:
        tasks = tasks.filter(page__year=year)
    # What is still to do comes first, soonest (or most overdue) deadline first.
    tasks = tasks.order_by(
        Case(When(status=TaskStatus.DONE, then=Value(1)), default=Value(0)),
        "deadline",
        "page__year",
        "pk",
    )
    state = {
        AREA_PARAM: area,
        UNIT_PARAM: agency.slug if agency else "",
        STATUS_PARAM: status,
        YEAR_PARAM: year or "",
    }
    state = {name: value for name, value in state.items() if value}
    if listing.format:
        return listing.export(
            (_task_row(request, task) for task in tasks),
            TASK_COLUMNS,
            "nhiem-vu-ke-hoach-cchc",
            filters=state,
            count=tasks.count,
        )
    context = index.get_context(request)
    context.update(
        areas=ReformArea.choices,
        statuses=TaskFilterStatus.choices,
        agencies=list(
            Agency.objects.filter(reform_plan_tasks__in=all_tasks.values("pk"))
            .distinct()
            .order_by(VietnameseCollate("name"))
        ),
        years=sorted({plan.year for plan in context["plans"]}, reverse=True),
        selected={"area": area, "agency": agency, "status": status, "year": year},
        active_count=len(state),
        overdue_total=all_tasks.overdue().count(),
        tasks_trail=[("Danh sách nhiệm vụ", "")],
    )
    context["page_obj"] = listing.page(tasks, TASKS_PER_PAGE)
    context.update(listing.links(state, context["page_obj"].number))
    context["errors"] = listing.errors
    return TemplateResponse(request, "reform_plans/task_list.html", context, status=listing.status)


def _task_row(request, task) -> dict:
    evidence = []
    if task.evidence_page_id:
        evidence.append(absolute_url(task.evidence_page.url or "", request))
    if task.evidence_url:
        evidence.append(task.evidence_url)
    return {
        "title": task.title,
        "area": task.get_area_display(),
        "unit": task.unit_name,
        "deadline": task.deadline,
        "status": task.status_label,
        "overdue": task.overdue,
        "days_overdue": task.days_overdue,
        "progress": task.effective_progress,
        "completed_on": task.completed_on,
        "evidence": evidence,
        "plan": task.page.title,
        "url": absolute_url(task.page.url, request),
    }


def report_list(index, request):
    redirect_response = legacy_redirect(request)
    if redirect_response is not None:
        return redirect_response
    listing = Listing(request)
    year = listing.year(YEAR_PARAM, "Năm", FIRST_YEAR, LAST_YEAR)
    kind = listing.choice(KIND_PARAM, ReportKind.values, "Loại báo cáo")
    all_reports = index.reports()
    reports = all_reports
    if year:
        reports = reports.filter(year=year)
    if kind:
        reports = reports.filter(kind=kind)
    state = {name: value for name, value in ((YEAR_PARAM, year), (KIND_PARAM, kind)) if value}
    if listing.format:
        return listing.export(
            (_report_row(request, report) for report in reports),
            REPORT_COLUMNS,
            "bao-cao-cchc",
            filters=state,
            count=reports.count,
        )
    context = index.get_context(request)
    context.update(
        kinds=ReportKind.choices,
        years=sorted(set(all_reports.values_list("year", flat=True)), reverse=True),
        selected={"year": year, "kind": kind},
        active_count=len(state),
        feed_links=index.feed_links(),
    )
    context["page_obj"] = listing.page(reports, REPORTS_PER_PAGE)
    context.update(listing.links(state, context["page_obj"].number))
    context["errors"] = listing.errors
    return TemplateResponse(
        request, "reform_plans/report_index_page.html", context, status=listing.status
    )


def _report_row(request, report) -> dict:
    return {
        "title": report.title,
        "kind": report.get_kind_display(),
        "period": report.period_label,
        "start_date": report.start_date,
        "end_date": report.end_date,
        "published_on": report.published_on,
        "summary": report.summary,
        "url": absolute_url(report.url, request),
    }
