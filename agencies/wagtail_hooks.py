"""Agencies in the admin, filterable by kind."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from agencies.models import Agency


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    menu_label = "Cơ quan"
    list_display = ["name", "short_name", "kind", "administrative_unit"]
    list_filter = ["kind", "is_historical"]


register_snippet(AgencyViewSet)
