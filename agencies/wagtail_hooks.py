"""Agencies in the admin, filterable by kind."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from agencies.models import Agency, OneStopOffice


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    list_display = ["name", "short_name", "kind", "administrative_unit"]
    list_filter = ["kind", "is_historical"]


register_snippet(AgencyViewSet)


class OneStopOfficeViewSet(SnippetViewSet):
    model = OneStopOffice
    icon = "site"
    menu_label = "Nơi tiếp nhận hồ sơ"
    list_display = ["name", "kind", "administrative_unit", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]


register_snippet(OneStopOfficeViewSet)
