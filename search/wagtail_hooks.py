"""The search vocabulary in the admin: Tìm kiếm → Từ đồng nghĩa tìm kiếm (reviewers only);
the index updates still waiting, on the dashboard."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import PendingIndexUpdate, Synonym
from search.tasks import backlog


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


class SearchBacklogPanel(Component):
    """On the dashboard while index updates wait (search/tasks.py): how many, and why."""

    name = "search_backlog"
    order = 20
    template_name = "search/backlog_panel.html"

    def __init__(self, backlog: dict, last_error: str):
        self.backlog, self.last_error = backlog, last_error

    def get_context_data(self, parent_context=None):
        return {"backlog": self.backlog, "last_error": self.last_error}


@hooks.register("construct_homepage_panels")
def add_search_backlog_panel(request, panels):
    waiting = backlog()
    if waiting["pending"]:
        failed = PendingIndexUpdate.objects.exclude(last_error="").order_by("-id").first()
        panels.append(SearchBacklogPanel(waiting, failed.last_error if failed else ""))
