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

    # Queries -------------------------------------------------------------------------------

    def inspections(self):
        from inspections.models.inspection import InspectionPage

        return InspectionPage.objects.live().public().descendant_of(self)

    def remedies(self):
        from inspections.models.inspection import Remedy

        return Remedy.objects.filter(page__in=self.inspections().values("pk")).for_listing()

    def inspected_agencies(self):
        from agencies.models import Agency

        return (
            Agency.objects.filter(inspections__in=self.inspections().values("pk"))
            .annotate(inspection_count=Count("inspections", distinct=True))
            .order_by("is_historical", "name")
        )

    # Routes --------------------------------------------------------------------------------

    @path("")
    def results(self, request):
        from inspections.filters import YEAR_PARAM, FilterError, paginate, parse_year
        from inspections.models.plan import InspectionPlanPage

        inspections = self.inspections().prefetch_related("inspected_agencies")
        years = [d.year for d in inspections.dates("start_date", "year", "DESC")]
        context = self.get_context(request)
        context.update(
            years=years,
            plans=InspectionPlanPage.objects.live().public().descendant_of(self).order_by("-year"),
            year_param=YEAR_PARAM,
        )
        raw_year = request.GET.get(YEAR_PARAM, "").strip()
        status = 200
        try:
            if raw_year:
                year = parse_year(raw_year)
                if year is None:
                    raise FilterError(
                        f"Năm “{raw_year[:20]}” không hợp lệ: nhập năm có bốn chữ số."
                    )
                context["year"] = year
                inspections = inspections.filter(start_date__year=year)
            inspections = inspections.annotate(
                remedy_count=Count("remedies", distinct=True),
                open_remedy_count=Count(
                    "remedies", filter=~Q(remedies__status=RemedyStatus.DONE), distinct=True
                ),
            ).order_by("-start_date", "-pk")
            context["page_obj"] = paginate(inspections, request.GET, INSPECTIONS_PER_PAGE)
            context["query_string"] = f"{YEAR_PARAM}={raw_year}&" if raw_year else ""
        except FilterError as error:
            context["error"] = error.message
            status = error.status
        return TemplateResponse(
            request, "inspections/inspection_index_page.html", context, status=status
        )

    @path("khac-phuc/", name="remedies_tracker")
    def remedies_tracker(self, request):
        from inspections.filters import FilterError, paginate, parse_tracker_filters
        from inspections.models import FindingCategory, TrackerStatus

        filters = parse_tracker_filters(request.GET)
        context = self.get_context(request)
        remedies = self.remedies()
        context.update(
            filters=filters,
            agencies=self._responsible_agencies(),
            years=[d.year for d in self.inspections().dates("start_date", "year", "DESC")],
            categories=list(FindingCategory.objects.all()),
            statuses=TrackerStatus.choices,
            overdue_total=remedies.overdue().count(),
            today=timezone.localdate(),
            tracker_trail=[("Theo dõi khắc phục", "")],
        )
        status = 200
        if filters.errors:
            context["errors"] = filters.errors
            status = 400
        else:
            # What is still to do comes first, soonest (or most overdue) deadline first.
            remedies = filters.apply(remedies).order_by(
                Case(When(status=RemedyStatus.DONE, then=Value(1)), default=Value(0)),
                "deadline",
                "page__start_date",
                "pk",
            )
            try:
                context["page_obj"] = paginate(remedies, request.GET, REMEDIES_PER_PAGE)
            except FilterError as error:
                context["errors"] = [error.message]
                status = error.status
            context["query_string"] = filters.query_string()
        return TemplateResponse(
            request, "inspections/remedies_tracker.html", context, status=status
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
            .order_by("is_historical", "name")
        )
