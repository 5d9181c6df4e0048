"""/api/v1/inspections and /api/v1/remedies: inspection results with their findings and required
remedies, and the remedies tracker, filtered as /kiem-tra/ and /kiem-tra/khac-phuc/ are."""

from __future__ import annotations

import datetime
from typing import Literal

from django.db.models import Case, Count, Prefetch, Q, Value, When
from ninja import Field, Query, Router, Schema
from wagtail.rich_text import expand_db_html

from api.errors import ApiError, responses
from api.listing import PageOut, check, page_of
from api.schemas import SLUG, Choice, Ref, absolute_html, api_url, choice, page_url, ref, refs
from base.listing import Listing
from base.public_url import absolute_url
from inspections.filters import FIRST_YEAR, LAST_YEAR, YEAR_PARAM, parse_tracker_filters
from inspections.models import InspectionIndexPage, Remedy, TrackerStatus
from inspections.models.choices import RemedyStatus
from inspections.models.index import INSPECTIONS_PER_PAGE, REMEDIES_PER_PAGE

router = Router(tags=["Kiểm tra cải cách hành chính"])

# The tracker's status names (URL values) for the stored statuses; "qua-han" is derived.
TRACKER_VALUE = {
    RemedyStatus.OPEN: TrackerStatus.OPEN,
    RemedyStatus.IN_PROGRESS: TrackerStatus.IN_PROGRESS,
    RemedyStatus.DONE: TrackerStatus.DONE,
}


class InspectionFilters(Schema):
    nam: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Năm kiểm tra.")
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


class RemedyFilters(Schema):
    """The tracker's parameters (inspections.filters)."""

    don_vi: str | None = Field(
        None, pattern=SLUG, max_length=255, alias="don-vi", description="Đơn vị thực hiện (slug)."
    )
    nam: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Năm kiểm tra.")
    nhom: str | None = Field(
        None, pattern=SLUG, max_length=255, description="Nhóm nội dung (slug)."
    )
    tinh_trang: Literal[tuple(TrackerStatus.values)] | None = Field(  # type: ignore[valid-type]
        None, alias="tinh-trang", description="Trạng thái; qua-han: chưa xong và đã quá hạn."
    )
    trang: int | None = Field(None, ge=1, le=999999, description="Số trang (mặc định 1).")


class InspectionSummary(Schema):
    slug: str
    title: str
    start_date: datetime.date
    end_date: datetime.date | None
    units: list[Ref]
    remedy_count: int
    open_remedy_count: int
    url: str
    api_url: str


class InspectionList(PageOut):
    items: list[InspectionSummary]


class StatusChange(Schema):
    date: datetime.date
    old_status: str
    new_status: str
    note: str


class InspectionRef(Schema):
    slug: str
    title: str
    start_date: datetime.date
    api_url: str


class RemedyOut(Schema):
    id: int
    description: str
    category: Ref | None
    responsible_agency: Ref | None
    deadline: datetime.date
    status: Choice = Field(description="Trạng thái người đọc thấy; qua-han khi đã quá hạn.")
    overdue: bool
    days_overdue: int
    completed_on: datetime.date | None
    completed_late: bool
    evidence: str
    history: list[StatusChange]
    inspection: InspectionRef


class RemedyList(PageOut):
    items: list[RemedyOut]


class FindingOut(Schema):
    kind: Choice
    category: Ref | None
    text: str


class Person(Schema):
    name: str
    title: str
    agency: Ref | None


class InspectionDetail(InspectionSummary):
    lead: Person
    team: list[Person]
    areas: list[str]
    scope_html: str
    conclusion_html: str
    findings: list[FindingOut]
    remedies: list[RemedyOut]
    report_url: str | None


def inspection_index() -> InspectionIndexPage:
    index = InspectionIndexPage.objects.live().first()
    if index is None:
        raise ApiError(404, "Chưa có trang kết quả kiểm tra.")
    return index


def _counted(inspections):
    return inspections.annotate(
        remedy_count=Count("remedies", distinct=True),
        open_remedy_count=Count(
            "remedies", filter=~Q(remedies__status=RemedyStatus.DONE), distinct=True
        ),
    )


def summary(inspection, request) -> dict:
    return {
        "slug": inspection.slug,
        "title": inspection.title,
        "start_date": inspection.start_date,
        "end_date": inspection.end_date,
        "units": refs(inspection.inspected_agencies.all()),
        "remedy_count": inspection.remedy_count,
        "open_remedy_count": inspection.open_remedy_count,
        "url": page_url(inspection, request),
        "api_url": api_url(request, f"inspections/{inspection.slug}"),
    }


def remedy(item, request) -> dict:
    if item.overdue:
        status = choice(TrackerStatus.OVERDUE, TrackerStatus.OVERDUE.label)
    else:
        status = choice(TRACKER_VALUE[item.status], item.get_status_display())
    return {
        "id": item.pk,
        "description": item.description,
        "category": ref(item.category),
        "responsible_agency": ref(item.responsible_agency),
        "deadline": item.deadline,
        "status": status,
        "overdue": item.overdue,
        "days_overdue": item.days_overdue,
        "completed_on": item.completed_on,
        "completed_late": item.completed_late,
        "evidence": item.evidence,
        "history": [
            {
                "date": change.changed_on,
                "old_status": change.old_status,
                "new_status": change.new_status,
                "note": change.note,
            }
            for change in item.status_changes.all()
        ],
        "inspection": {
            "slug": item.page.slug,
            "title": item.page.title,
            "start_date": item.page.start_date,
            "api_url": api_url(request, f"inspections/{item.page.slug}"),
        },
    }


@router.get(
    "/inspections",
    response=responses(InspectionList, 400, 404),
    summary="Kết quả kiểm tra cải cách hành chính",
    description=f"Các cuộc kiểm tra đã công bố, mới nhất trước ({INSPECTIONS_PER_PAGE} một "
    "trang), lọc theo năm như /kiem-tra/.",
)
def list_inspections(request, filters: Query[InspectionFilters]):
    index = inspection_index()
    listing = Listing(request)
    inspections = index.inspections().prefetch_related("inspected_agencies")
    year = listing.year(YEAR_PARAM, "Năm", FIRST_YEAR, LAST_YEAR)
    if year:
        inspections = inspections.filter(start_date__year=year)
    inspections = _counted(inspections).order_by("-start_date", "-pk")
    state = {YEAR_PARAM: year} if year else {}
    return page_of(listing, inspections, INSPECTIONS_PER_PAGE, state, lambda i: summary(i, request))


@router.get(
    "/inspections/{slug}",
    response=responses(InspectionDetail, 404),
    summary="Một cuộc kiểm tra",
    description="Đoàn kiểm tra, đơn vị được kiểm tra, ưu điểm và hạn chế, yêu cầu khắc phục "
    "(thời hạn, trạng thái, lịch sử trạng thái) và báo cáo kết luận.",
)
def get_inspection(request, slug: str):
    index = inspection_index()
    inspection = (
        _counted(index.inspections().filter(slug=slug[:255]))
        .select_related("lead_agency", "report")
        .prefetch_related(
            "inspected_agencies",
            "inspected_areas",
            Prefetch("remedies", queryset=Remedy.objects.for_listing()),
        )
        .first()
    )
    if inspection is None:
        raise ApiError(404, f"Không có cuộc kiểm tra “{slug[:60]}”.")
    report = inspection.report
    return {
        **summary(inspection, request),
        "lead": {
            "name": inspection.lead_name,
            "title": inspection.lead_title,
            "agency": ref(inspection.lead_agency),
        },
        "team": [
            {"name": member.name, "title": member.title, "agency": ref(member.agency)}
            for member in inspection.team_members.select_related("agency")
        ],
        "areas": [str(area) for area in inspection.inspected_areas.all()],
        "scope_html": absolute_html(expand_db_html(inspection.scope), request),
        "conclusion_html": absolute_html(expand_db_html(inspection.conclusion), request),
        "findings": [
            {
                "kind": choice(finding.kind, finding.get_kind_display()),
                "category": ref(finding.category),
                "text": finding.text,
            }
            for finding in inspection.findings.select_related("category")
        ],
        "remedies": [remedy(item, request) for item in inspection.remedies.all()],
        "report_url": absolute_url(report.url, request) if report is not None else None,
    }


@router.get(
    "/remedies",
    response=responses(RemedyList, 400, 404),
    summary="Theo dõi khắc phục",
    description="Mọi yêu cầu khắc phục của các cuộc kiểm tra đã công bố, việc chưa xong và hạn "
    f"gần nhất trước ({REMEDIES_PER_PAGE} một trang), lọc như /kiem-tra/khac-phuc/.",
)
def list_remedies(request, filters: Query[RemedyFilters]):
    index = inspection_index()
    listing = Listing(request)
    tracker = parse_tracker_filters(listing)
    check(listing)
    remedies = tracker.apply(index.remedies()).order_by(
        Case(When(status=RemedyStatus.DONE, then=Value(1)), default=Value(0)),
        "deadline",
        "page__start_date",
        "pk",
    )
    return page_of(
        listing, remedies, REMEDIES_PER_PAGE, tracker.state(), lambda r: remedy(r, request)
    )
