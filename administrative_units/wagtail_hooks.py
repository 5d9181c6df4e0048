"""Administrative units in the admin, filterable by type and by current or historical."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from administrative_units.models import AdministrativeUnit


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = "Đơn vị hành chính"
    list_display = ["name", "code", "division_type", "parent", "is_historical"]
    list_filter = ["division_type", "is_historical"]
    ordering = ["is_historical", "name"]


register_snippet(AdministrativeUnitViewSet)
