"""Feedback in the admin: the triage listing, per-section permissions, and a count of a
page's feedback in the page's header menu."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from feedback.admin_views import (
    ADMIN_NAME,
    FeedbackPermissionPolicy,
    FeedbackViewSet,
    visible_to,
)
from feedback.models import CLOSED, Feedback

register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return FeedbackViewSet()


@hooks.register("register_page_header_buttons")
def page_feedback_button(page, user, view_name, next_url=None):
    """ "Góp ý của người đọc (n chưa đóng / m)" in the page's header menu, for those who
    may see that feedback."""
    if not user.has_perm("feedback.view_feedback"):
        return
    items = visible_to(user, Feedback.objects.filter(page=page))
    total = items.count()
    if not total:
        return
    open_count = items.exclude(status__in=CLOSED).count()
    yield Button(
        f"Góp ý của người đọc ({open_count} chưa đóng / {total})",
        url=reverse(f"{ADMIN_NAME}:index") + f"?page={page.pk}",
        icon_name="comment",
        priority=80,
    )
