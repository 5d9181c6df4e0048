"""Admin for the catalogue: vocabularies as snippets, a filtered procedure listing."""

import django_filters
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from agencies.models import Agency
from home.admin_menus import SectionListingMixin
from procedures_catalog.choices import OnlineLevel, ProcedureStatus
from procedures_catalog.models import (
    ApplicantType,
    Field,
    Level,
    LifeSituation,
    ProcedureCodeAlias,
    ProcedurePage,
)


class FieldViewSet(SnippetViewSet):
    model = Field
    icon = "folder-open-inverse"
    menu_label = "Lĩnh vực"
    list_display = ["name", "code", "slug"]


class LevelViewSet(SnippetViewSet):
    model = Level
    icon = "list-ol"
    menu_label = "Cấp thực hiện"
    list_display = ["name", "is_historical"]


class ApplicantTypeViewSet(SnippetViewSet):
    model = ApplicantType
    icon = "group"
    menu_label = "Đối tượng thực hiện"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LifeSituationViewSet(SnippetViewSet):
    model = LifeSituation
    icon = "tag"
    menu_label = "Sự kiện trong đời sống"
    list_display = ["name", "slug"]


class CodeAliasViewSet(SnippetViewSet):
    model = ProcedureCodeAlias
    icon = "redirect"
    menu_label = "Mã thủ tục cũ"
    list_display = ["code", "page", "created_at"]
    search_fields = ["code"]


class ProcedureVocabularies(SnippetViewSetGroup):
    menu_label = "Danh mục thủ tục"
    menu_icon = "list-ul"
    menu_order = 210
    items = (
        FieldViewSet,
        LevelViewSet,
        ApplicantTypeViewSet,
        LifeSituationViewSet,
        CodeAliasViewSet,
    )


register_snippet(ProcedureVocabularies)


class ProcedureFilterSet(WagtailFilterSet):
    field = django_filters.ModelChoiceFilter(label="Lĩnh vực", queryset=Field.objects.all())
    implementing_agencies = django_filters.ModelChoiceFilter(
        label="Cơ quan thực hiện", queryset=Agency.objects.all()
    )
    levels = django_filters.ModelChoiceFilter(label="Cấp thực hiện", queryset=Level.objects.all())
    status = django_filters.ChoiceFilter(label="Tình trạng", choices=ProcedureStatus.choices)
    online_level = django_filters.ChoiceFilter(
        label="Dịch vụ công trực tuyến", choices=OnlineLevel.choices[1:]
    )

    class Meta:
        model = ProcedurePage
        fields = []


class ProcedureListingViewSet(SectionListingMixin, PageListingViewSet):
    model = ProcedurePage
    icon = "doc-full-inverse"
    menu_label = "Thủ tục hành chính"
    menu_order = 205
    add_to_admin_menu = True
    filterset_class = ProcedureFilterSet
    name = "procedures"


@hooks.register("register_admin_viewset")
def register_procedure_listing():
    return ProcedureListingViewSet("procedures")
