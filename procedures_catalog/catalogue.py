"""The catalogue's filters: parse them from a query string, apply them, count each facet.

The same `CatalogueQuery` drives the index page, the field, agency and life-situation pages and
the CSV/JSON exports, so that an export holds exactly what the page lists. Every count is one
grouped query, so the number of queries does not grow with the number of procedures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, QuerySet

from agencies.models import Agency
from base.cache import shared
from base.collation import VietnameseCollate, sort_key
from base.visibility import public_q
from procedures_catalog.choices import (
    ENDED_STATUSES,
    ONLINE_NONE_PARAM,
    OnlineLevel,
)
from procedures_catalog.models import (
    ApplicantType,
    Field,
    Level,
    LifeSituation,
    ProcedurePage,
)

PAGE_SIZE = 20
# At most this many options per facet in the form (the most frequent first), so that the page
# stays light with thousands of procedures; a selected value is always kept.
MAX_FACET_OPTIONS = 80

SORTS = {
    "ten": ("Tên thủ tục (A-Z)", (VietnameseCollate("title"), "code")),
    "ma": ("Mã thủ tục", ("code",)),
}
DEFAULT_SORT = "ten"

STATUS_CHOICES = {
    "": "Đang áp dụng",
    "het-hieu-luc": "Đã bãi bỏ, thay thế, tạm ngừng",
    "tat-ca": "Tất cả",
}

ONLINE_PARAMS = {
    "toan-trinh": OnlineLevel.FULL,
    "mot-phan": OnlineLevel.PARTIAL,
    ONLINE_NONE_PARAM: OnlineLevel.NONE,
    "muc-1": OnlineLevel.LEVEL_1,
    "muc-2": OnlineLevel.LEVEL_2,
    "muc-3": OnlineLevel.LEVEL_3,
    "muc-4": OnlineLevel.LEVEL_4,
}
ONLINE_PARAM_FOR_VALUE = {value: param for param, value in ONLINE_PARAMS.items()}


@dataclass(frozen=True)
class Dimension:
    """A filter: its URL parameter, its label, and how it reaches a procedure."""

    name: str
    param: str
    label: str


FIELD = Dimension("field", "linh-vuc", "Lĩnh vực")
AGENCY = Dimension("agency", "co-quan", "Cơ quan thực hiện")
LEVEL = Dimension("level", "cap", "Cấp thực hiện")
APPLICANT = Dimension("applicant", "doi-tuong", "Đối tượng thực hiện")
ONLINE = Dimension("online", "truc-tuyen", "Dịch vụ công trực tuyến")
LIFE_SITUATION = Dimension("life_situation", "su-kien", "Sự kiện trong đời sống")
DIMENSIONS = (FIELD, AGENCY, LEVEL, APPLICANT, ONLINE)
VOCABULARY_MODELS = {
    "field": Field,
    "agency": Agency,
    "level": Level,
    "applicant": ApplicantType,
    "life_situation": LifeSituation,
}
# M2M relations: (through model, column pointing at the vocabulary).
M2M = {
    "agency": (ProcedurePage.implementing_agencies.through, "agency_id"),
    "level": (ProcedurePage.levels.through, "level_id"),
    "applicant": (ProcedurePage.applicants.through, "applicanttype_id"),
    "life_situation": (ProcedurePage.life_situations.through, "lifesituation_id"),
}
KNOWN_PARAMS = {d.param for d in DIMENSIONS} | {"tinh-trang", "sap-xep", "trang", "dinh-dang"}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    dimension: Dimension
    options: list[FacetOption]

    @property
    def selected(self) -> FacetOption | None:
        return next((o for o in self.options if o.selected), None)


@dataclass
class CatalogueQuery:
    """The filter state of one request, with the problems found while reading it."""

    selected: dict[str, object] = field(default_factory=dict)  # dimension name -> object/value
    fixed: dict[str, object] = field(default_factory=dict)  # set by the route, not the form
    status: str = ""
    sort: str = DEFAULT_SORT
    errors: list[str] = field(default_factory=list)

    # -- reading ------------------------------------------------------------------------

    @classmethod
    def from_request(cls, request, fixed: dict | None = None) -> CatalogueQuery:
        query = cls(fixed=dict(fixed or {}))
        params = request.GET
        for dimension in DIMENSIONS:
            if dimension.name in query.fixed:
                continue
            raw = params.get(dimension.param, "").strip()
            if not raw:
                continue
            value = query._lookup(dimension, raw)
            if value is None:
                query.errors.append(
                    f"{dimension.label} “{raw[:60]}” không có trong danh mục; "
                    f"bộ lọc này đã được bỏ qua."
                )
            else:
                query.selected[dimension.name] = value
        status = params.get("tinh-trang", "").strip()
        if status in STATUS_CHOICES:
            query.status = status
        else:
            query.errors.append(f"Tình trạng “{status[:60]}” không hợp lệ.")
        sort = params.get("sap-xep", "").strip() or DEFAULT_SORT
        if sort in SORTS:
            query.sort = sort
        else:
            query.errors.append(
                f"Cách sắp xếp “{sort[:60]}” không hợp lệ; hãy chọn theo tên hoặc theo mã."
            )
        return query

    @staticmethod
    def _lookup(dimension: Dimension, raw: str):
        if dimension is ONLINE:
            return ONLINE_PARAMS.get(raw)
        model = VOCABULARY_MODELS[dimension.name]
        return model.objects.filter(slug=raw[:255]).first()

    # -- applying -----------------------------------------------------------------------

    @property
    def filters(self) -> dict[str, object]:
        return {**self.selected, **self.fixed}

    def base_queryset(self, index) -> QuerySet:
        queryset = ProcedurePage.objects.filter(public_q()).child_of(index)
        if self.status == "":
            queryset = queryset.exclude(status__in=ENDED_STATUSES)
        elif self.status == "het-hieu-luc":
            queryset = queryset.filter(status__in=ENDED_STATUSES)
        return queryset

    def apply(self, queryset: QuerySet, skip: str | None = None) -> QuerySet:
        for name, value in self.filters.items():
            if name == skip:
                continue
            if name == "online":
                queryset = queryset.filter(online_level=value)
            elif name == "field":
                queryset = queryset.filter(field=value)
            else:
                through, column = M2M[name]
                page_ids = through.objects.filter(**{column: value.pk}).values("procedurepage_id")
                queryset = queryset.filter(pk__in=page_ids)
        return queryset

    def results(self, index) -> QuerySet:
        """The filtered, sorted procedures, with what a listing shows prefetched."""
        queryset = self.apply(self.base_queryset(index))
        return with_listing_relations(queryset).order_by(*SORTS[self.sort][1])

    def ordered_ids(self, index) -> list[int]:
        """The ids of `results`, in order, kept in Django's cache until the content changes.

        Sorting every matching title by the Vietnamese collation (and counting them) on each
        request made the catalogue slower the more procedures it holds; a page of the list
        then loads only its own procedures (`page_of`).
        """
        return shared(
            f"catalogue-ids:{index.pk}:{self.cache_key()}:{self.sort}",
            lambda: self._sorted_ids(index),
        )

    def _sorted_ids(self, index) -> list[int]:
        queryset = self.apply(self.base_queryset(index))
        if self.sort == "ten":
            # By name, the order of `SORTS`, with the collation's key computed once per title:
            # SQLite would call the Python collation for every comparison.
            rows = queryset.values_list("pk", "title", "code")
            return [pk for pk, _, _ in sorted(rows, key=lambda r: (sort_key(r[1]), r[2]))]
        return list(queryset.order_by(*SORTS[self.sort][1]).values_list("pk", flat=True))

    @staticmethod
    def page_of(ids) -> list:
        """The procedures of `ids` in that order, with what a listing shows."""
        pages = with_listing_relations(ProcedurePage.objects.filter(pk__in=list(ids)))
        found = {page.pk: page for page in pages}
        return [found[pk] for pk in ids if pk in found]

    # -- counting -----------------------------------------------------------------------

    def facets(self, index) -> list[Facet]:
        """Each dimension's options with the number of procedures matching the other filters.

        The same for every visitor with the same filters, and recounted only when a procedure
        or a vocabulary changes: kept in Django's cache (`base.cache.shared`).
        """
        return shared(
            f"catalogue-facets:{index.pk}:{self.cache_key()}", lambda: self._facets(index)
        )

    def cache_key(self) -> str:
        chosen = sorted(
            (name, str(getattr(value, "pk", value))) for name, value in self.filters.items()
        )
        return urlencode([*chosen, ("status", self.status)])

    def _facets(self, index) -> list[Facet]:
        base = self.base_queryset(index)
        facets = []
        for dimension in DIMENSIONS:
            if dimension.name in self.fixed:
                continue
            scoped = self.apply(base, skip=dimension.name).order_by()
            counts = self._counts(dimension, scoped)
            facets.append(Facet(dimension, self._options(dimension, counts)))
        return facets

    @staticmethod
    def _counts(dimension: Dimension, scoped: QuerySet) -> dict:
        if dimension is ONLINE:
            rows = scoped.values_list("online_level").annotate(n=Count("pk"))
        elif dimension is FIELD:
            rows = scoped.exclude(field=None).values_list("field_id").annotate(n=Count("pk"))
        else:
            through, column = M2M[dimension.name]
            rows = (
                through.objects.filter(procedurepage_id__in=scoped.values("pk"))
                .values_list(column)
                .annotate(n=Count("pk"))
                .order_by()
            )
        return dict(rows)

    def _options(self, dimension: Dimension, counts: dict) -> list[FacetOption]:
        chosen = self.selected.get(dimension.name)
        if dimension is ONLINE:
            return [
                FacetOption(
                    ONLINE_PARAM_FOR_VALUE[value],
                    label,
                    counts.get(value, 0),
                    selected=chosen is not None and chosen == value,
                )
                for value, label in OnlineLevel.choices
                if counts.get(value) or chosen == value
            ]
        chosen_pk = getattr(chosen, "pk", None)
        top = sorted(counts, key=lambda pk: -counts[pk])[:MAX_FACET_OPTIONS]
        if chosen_pk is not None and chosen_pk not in top:
            top.append(chosen_pk)
        model = VOCABULARY_MODELS[dimension.name]
        objects = model.objects.filter(pk__in=top).only("pk", "name", "slug")
        options = [
            FacetOption(obj.slug, obj.name, counts.get(obj.pk, 0), obj.pk == chosen_pk)
            for obj in objects
        ]
        if dimension is not LEVEL:
            options.sort(key=lambda o: sort_key(o.label))
        return options

    # -- URLs ---------------------------------------------------------------------------

    def params(self) -> dict[str, str]:
        """The query string parameters of this state (page excluded)."""
        params: dict[str, str] = {}
        for dimension in DIMENSIONS:
            value = self.selected.get(dimension.name)
            if value is None:
                continue
            if dimension is ONLINE:
                params[dimension.param] = ONLINE_PARAM_FOR_VALUE[value]
            else:
                params[dimension.param] = value.slug
        if self.status:
            params["tinh-trang"] = self.status
        if self.sort != DEFAULT_SORT:
            params["sap-xep"] = self.sort
        return params

    def query_string(self, **changes) -> str:
        params = self.params()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(dimension label, value label, query string without it) for each chosen filter."""
        active = []
        for dimension in DIMENSIONS:
            value = self.selected.get(dimension.name)
            if value is None:
                continue
            label = OnlineLevel(value).label if dimension is ONLINE else value.name
            active.append((dimension.label, label, self.query_string(**{dimension.param: None})))
        return active


def with_listing_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("field").prefetch_related(
        Prefetch("levels", queryset=Level.objects.only("pk", "name", "slug", "sort_order")),
        Prefetch(
            "implementing_agencies",
            queryset=Agency.objects.only("pk", "name", "slug", "short_name"),
        ),
    )
