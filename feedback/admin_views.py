"""Triage in the admin: the feedback listing, its edit form and the counts per page.

Editors see and triage only the feedback of the sections their group owns
(`feedback.sections.sections_for`); reviewers and site administrators see every section.
What the reader sent is shown read-only; editors change only the status, the assignee and
their internal note.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from feedback.models import CLOSED, Feedback, Kind, Status
from feedback.sections import ALL_SECTIONS_GROUPS, SECTIONS, owner_groups, sections_for

# The listing's address and URL namespace: /admin/gop-y/.
ADMIN_NAME = "gop-y"


def visible_to(user, queryset):
    sections = sections_for(user)
    return queryset if sections is None else queryset.filter(section__in=sections)


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (view, change, delete, given by home.roles), narrowed per instance
    to the sections the user's groups own."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        sections = sections_for(user)
        return sections is None or instance.section in sections

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Feedback.objects.none()
        return visible_to(user, Feedback.objects.all())


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="Tình trạng", choices=Status.choices)
    kind = django_filters.ChoiceFilter(label="Loại", choices=Kind.choices)
    section = django_filters.ChoiceFilter(label="Mục", choices=[(s.key, s.label) for s in SECTIONS])
    page = django_filters.NumberFilter(label="Mã trang", field_name="page_id")

    class Meta:
        model = Feedback
        fields = ["status", "kind", "section", "page"]


def _counts_per_page(items) -> dict[int, int]:
    """Feedback on each listed item's page (one query for the whole listing page)."""
    page_ids = {item.page_id for item in items if item.page_id}
    rows = (
        Feedback.objects.filter(page_id__in=page_ids)
        .values("page_id")
        .annotate(total=Count("pk"), open=Count("pk", filter=~Q(status__in=CLOSED)))
    )
    return {row["page_id"]: row for row in rows}


class PageColumn(Column):
    """The page the feedback is about: its title (or path) linking to the public page."""

    cell_template_name = "feedback/admin/page_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["item"] = instance
        return context


class SamePageColumn(Column):
    """How much feedback the item's page has in all, and how much of it is still open."""

    def get_value(self, instance):
        counts = getattr(instance, "page_counts", None)
        if not counts:
            return "—"
        return f"{counts['total']} ({counts['open']} chưa đóng)"


class FeedbackIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("page", "assignee")
        return visible_to(self.request.user, queryset)

    def get_add_url(self):
        return None  # feedback comes from readers only

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(context.get("object_list") or [])
        counts = _counts_per_page(items)
        for item in items:
            item.page_counts = counts.get(item.page_id)
        return context


class ScopedObjectMixin:
    """History and usage of an item outside the user's sections answer 404 (their own
    `get_queryset` lists log entries and references, so only the object lookup is narrowed)."""

    def get_base_object_queryset(self):
        return visible_to(self.request.user, Feedback.objects.all())


class ScopedSingleObjectMixin:
    """Edit and delete of an item outside the user's sections answer 404."""

    def get_queryset(self):
        return visible_to(self.request.user, Feedback.objects.all())


class FeedbackEditView(ScopedSingleObjectMixin, EditView):
    pass


class FeedbackDeleteView(ScopedSingleObjectMixin, DeleteView):
    pass


class FeedbackHistoryView(ScopedObjectMixin, HistoryView):
    pass


class FeedbackUsageView(ScopedObjectMixin, UsageView):
    pass


class SubmissionPanel(Panel):
    """What the reader sent and the page they read, read-only, with the links triage needs:
    the public page, the page in the editor, the revision they read compared with today's."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/submission_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            item = self.instance
            page = item.page
            context.update(
                item=item,
                page=page,
                edit_page_url=reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else "",
                compare_url=(
                    reverse(
                        "wagtailadmin_pages:revisions_compare",
                        args=[page.pk, item.revision_id, "latest"],
                    )
                    if page and item.revision_id
                    else ""
                ),
                others_url=(reverse(f"{ADMIN_NAME}:index") + f"?page={page.pk}" if page else ""),
            )
            return context


def assignee_choices(item=None):
    """Who may take an item: active members of the groups that own its section, reviewers
    and site administrators."""
    groups = set(ALL_SECTIONS_GROUPS)
    if item is not None and item.section:
        groups.update(owner_groups(item.section))
    else:
        for section in SECTIONS:
            groups.update(owner_groups(section.key))
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=groups)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class AssigneePanel(FieldPanel):
    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            field = self.bound_field.field
            field.queryset = assignee_choices(self.instance)
            field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "Góp ý của người đọc"
    add_to_admin_menu = True
    menu_order = 390
    name = ADMIN_NAME
    copy_view_enabled = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    delete_view_class = FeedbackDeleteView
    history_view_class = FeedbackHistoryView
    usage_view_class = FeedbackUsageView
    filterset_class = FeedbackFilterSet
    list_display = [
        DateColumn("created_at", label="Ngày gửi", sort_key="created_at"),
        TitleColumn(
            "kind",
            label="Loại",
            accessor="get_kind_display",
            url_name=f"{ADMIN_NAME}:edit",
        ),
        PageColumn("page", label="Trang"),
        Column("section", label="Mục", accessor="get_section_display"),
        Column("status", label="Tình trạng", accessor="get_status_display", sort_key="status"),
        Column(
            "assignee",
            label="Người xử lý",
            accessor=lambda item: (
                (item.assignee.get_full_name() or item.assignee.get_username())
                if item.assignee
                else ""
            ),
        ),
        SamePageColumn("same_page", label="Góp ý về trang này"),
    ]
    search_fields = ["text", "path", "note"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            SubmissionPanel(heading="Người đọc đã gửi"),
            FieldPanel("status", heading="Tình trạng"),
            AssigneePanel("assignee", heading="Người xử lý"),
            FieldPanel("note", heading="Ghi chú nội bộ"),
        ]
    )

    def get_permissions_to_register(self):
        # "view" too (Wagtail registers it only with an inspect view): editors list their
        # sections' feedback with it, and the group editor must show it.
        return Permission.objects.filter(content_type__app_label="feedback")

    def get_urlpatterns(self):
        # No "add": feedback comes from readers through the public form only.
        return [p for p in super().get_urlpatterns() if p.name != "add"]
