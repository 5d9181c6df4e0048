"""The inspections section: results by year, the remedies tracker and one page per unit.

Routes of the index page (RoutablePageMixin):
  /kiem-tra/                 plans and results, ?nam=<year>
  /kiem-tra/khac-phuc/       every required remedy, filterable by unit, year, category, status
  /kiem-tra/don-vi/          the units that have been inspected
  /kiem-tra/don-vi/<slug>/   one unit: every inspection of it and its remedies over the years
"""

from __future__ import annotations

from django.db.models import Case, Count, Prefetch, Q, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from base.collation import VietnameseCollate, sorted_vi
from base.public_url import absolute_url
from base.visibility import public_q
from home.models import BasePage
from inspections.models.choices import RemedyStatus

REMEDIES_PER_PAGE = 25
INSPECTIONS_PER_PAGE = 20


class InspectionIndexPage(RoutablePageMixin, BasePage):
    """The section's landing page, a child of the home page."""

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["inspections.InspectionPlanPage", "inspections.InspectionPage"]

    class Meta:
        verbose_name = "Trang kết quả kiểm tra"

    def routed_child(self, slug):
        # Results usually sit under a year's plan (which routes its own children), some
        # directly here.
        from inspections.models.inspection import InspectionPage
        from inspections.models.plan import InspectionPlanPage

        return InspectionPlanPage.objects.child_of(self).filter(
            slug=slug
        ).first() or InspectionPage.routed_from(self, slug)

    # Queries -------------------------------------------------------------------------------

    def inspections(self):
        from inspections.models.inspection import InspectionPage

        return InspectionPage.objects.filter(public_q()).descendant_of(self)

    def remedies(self):
        from inspections.models.inspection import Remedy

        return Remedy.objects.filter(page__in=self.inspections().values("pk")).for_listing()

    def inspected_agencies(self):
        from agencies.models import Agency

        return (
            Agency.objects.filter(inspections__in=self.inspections().values("pk"))
            .annotate(inspection_count=Count("inspections", distinct=True))
            .order_by("is_historical", VietnameseCollate("name"))
        )

    # Routes --------------------------------------------------------------------------------

    @path("")
    def results(self, request):
        from base.listing import Listing, legacy_redirect
        from inspections.filters import FIRST_YEAR, LAST_YEAR, YEAR_PARAM
        from inspections.models.plan import InspectionPlanPage

        redirect_response = legacy_redirect(request)
        if redirect_response is not None:
            return redirect_response
        listing = Listing(request)
        inspections = self.inspections().prefetch_related("inspected_agencies")
        years = [d.year for d in inspections.dates("start_date", "year", "DESC")]
        context = self.get_context(request)
        context.update(
            years=years,
            plans=InspectionPlanPage.objects.filter(public_q())
            .descendant_of(self)
            .order_by("-year"),
            year_param=YEAR_PARAM,
        )
        year = listing.year(YEAR_PARAM, "Năm", FIRST_YEAR, LAST_YEAR)
        if year:
            context["year"] = year
            inspections = inspections.filter(start_date__year=year)
        inspections = inspections.annotate(
            remedy_count=Count("remedies", distinct=True),
            open_remedy_count=Count(
                "remedies", filter=~Q(remedies__status=RemedyStatus.DONE), distinct=True
            ),
        ).order_by("-start_date", "-pk")
        state = {YEAR_PARAM: year} if year else {}
        if listing.format:
            return listing.export(
                (_inspection_row(request, i) for i in inspections),
                INSPECTION_COLUMNS,
                "kiem-tra-cchc",
                filters=state,
                count=inspections.count,
            )
        context["page_obj"] = listing.page(inspections, INSPECTIONS_PER_PAGE)
        context.update(listing.links(state, context["page_obj"].number))
        if listing.errors:
            context["error"] = " ".join(listing.errors)
        return TemplateResponse(
            request, "inspections/inspection_index_page.html", context, status=listing.status
        )

    @path("khac-phuc/", name="remedies_tracker")
    def remedies_tracker(self, request):
        from base.listing import Listing, legacy_redirect
        from inspections.filters import parse_tracker_filters
        from inspections.models import FindingCategory, TrackerStatus

        redirect_response = legacy_redirect(request)
        if redirect_response is not None:
            return redirect_response
        listing = Listing(request)
        filters = parse_tracker_filters(listing)
        remedies = self.remedies()
        # What is still to do comes first, soonest (or most overdue) deadline first.
        filtered = filters.apply(remedies).order_by(
            Case(When(status=RemedyStatus.DONE, then=Value(1)), default=Value(0)),
            "deadline",
            "page__start_date",
            "pk",
        )
        state = filters.state()
        if listing.format:
            return listing.export(
                (_remedy_row(request, r) for r in filtered),
                REMEDY_COLUMNS,
                "theo-doi-khac-phuc",
                filters=state,
                count=filtered.count,
            )
        context = self.get_context(request)
        context.update(
            filters=filters,
            agencies=self._responsible_agencies(),
            years=[d.year for d in self.inspections().dates("start_date", "year", "DESC")],
            categories=sorted_vi(FindingCategory.objects.all(), key=lambda c: c.name),
            statuses=TrackerStatus.choices,
            overdue_total=remedies.overdue().count(),
            today=timezone.localdate(),
            tracker_trail=[("Theo dõi khắc phục", "")],
        )
        context["page_obj"] = listing.page(filtered, REMEDIES_PER_PAGE)
        context.update(listing.links(state, context["page_obj"].number))
        context["errors"] = listing.errors
        return TemplateResponse(
            request, "inspections/remedies_tracker.html", context, status=listing.status
        )

    @path("don-vi/", name="unit_list")
    def unit_list(self, request):
        context = self.get_context(request)
        context["units"] = list(self.inspected_agencies())
        context["unit_trail"] = [("Theo đơn vị", "")]
        return TemplateResponse(request, "inspections/unit_list.html", context)

    @path("don-vi/<slug:slug>/", name="unit_detail")
    def unit_detail(self, request, slug):
        from agencies.models import Agency
        from inspections.models.inspection import Remedy

        context = self.get_context(request)
        units_url = self.get_url(request) + self.reverse_subpage("unit_list")
        context["unit_trail"] = [("Theo đơn vị", units_url)]
        agency = Agency.objects.select_related("administrative_unit").filter(slug=slug).first()
        if agency is None:
            context["error"] = f"Không có đơn vị “{slug[:80]}”."
            return TemplateResponse(request, "inspections/unit_detail.html", context, status=404)
        inspections = list(
            self.inspections()
            .filter(inspected_agencies=agency)
            .order_by("-start_date", "-pk")
            .prefetch_related(
                Prefetch("remedies", queryset=Remedy.objects.for_listing()),
                "findings__category",
                "inspected_areas",
            )
        )
        remedies = [r for inspection in inspections for r in inspection.remedies.all()]
        elsewhere = list(
            self.remedies()
            .filter(responsible_agency=agency)
            .exclude(page__in=[i.pk for i in inspections])
            .order_by("deadline")
        )
        context["unit_trail"].append((agency.name, ""))
        context.update(
            agency=agency,
            inspections=inspections,
            remedies_elsewhere=elsewhere,
            remedy_total=len(remedies) + len(elsewhere),
            overdue_total=sum(1 for r in [*remedies, *elsewhere] if r.overdue),
            done_total=sum(1 for r in [*remedies, *elsewhere] if r.status == RemedyStatus.DONE),
        )
        return TemplateResponse(request, "inspections/unit_detail.html", context)

    def _responsible_agencies(self):
        from agencies.models import Agency

        return list(
            Agency.objects.filter(inspection_remedies__page__in=self.inspections().values("pk"))
            .distinct()
            .order_by("is_historical", VietnameseCollate("name"))
        )


INSPECTION_COLUMNS = [
    ("title", "Cuộc kiểm tra"),
    ("start_date", "Ngày bắt đầu"),
    ("units", "Đơn vị được kiểm tra"),
    ("remedies", "Số yêu cầu khắc phục"),
    ("open_remedies", "Chưa hoàn thành"),
    ("url", "Địa chỉ"),
]
REMEDY_COLUMNS = [
    ("description", "Yêu cầu khắc phục"),
    ("category", "Nhóm nội dung"),
    ("agency", "Đơn vị thực hiện"),
    ("deadline", "Thời hạn"),
    ("status", "Trạng thái"),
    ("overdue", "Quá hạn"),
    ("days_overdue", "Số ngày trễ"),
    ("completed_on", "Ngày hoàn thành"),
    ("inspection", "Cuộc kiểm tra"),
    ("url", "Địa chỉ"),
]


def _inspection_row(request, inspection) -> dict:
    return {
        "title": inspection.title,
        "start_date": inspection.start_date,
        "units": [agency.name for agency in inspection.inspected_agencies.all()],
        "remedies": inspection.remedy_count,
        "open_remedies": inspection.open_remedy_count,
        "url": absolute_url(inspection.url, request),
    }


def _remedy_row(request, remedy) -> dict:
    return {
        "description": remedy.description,
        "category": remedy.category.name if remedy.category_id else "",
        "agency": remedy.responsible_agency.name if remedy.responsible_agency_id else "",
        "deadline": remedy.deadline,
        "status": remedy.status_label,
        "overdue": remedy.overdue,
        "days_overdue": remedy.days_overdue if remedy.overdue else 0,
        "completed_on": remedy.completed_on,
        "inspection": remedy.page.title,
        "url": absolute_url(remedy.page.url, request),
    }
