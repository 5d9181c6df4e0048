"""The search vocabulary in the admin: Tìm kiếm → Từ đồng nghĩa tìm kiếm (reviewers only)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Từ đồng nghĩa tìm kiếm"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["terms", "meanings", "two_way", "procedures", "updated_at"]
    list_filter = ["two_way"]
    search_fields = ["terms", "meanings", "procedures"]


register_snippet(SynonymViewSet)
