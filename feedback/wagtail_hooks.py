"""Feedback in the admin: the triage listing, per-section permissions, and a count of a
page's feedback in the page's header menu."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin import messages
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


def _page_counts(page, user) -> tuple[int, int]:
    """(open, total) feedback on `page` that `user` may see."""
    if not user.has_perm("feedback.view_feedback"):
        return 0, 0
    items = visible_to(user, Feedback.objects.filter(page=page))
    total = items.count()
    return (items.exclude(status__in=CLOSED).count() if total else 0), total


def _page_listing_url(page) -> str:
    return reverse(f"{ADMIN_NAME}:index") + f"?page={page.pk}"


@hooks.register("register_page_header_buttons")
def page_feedback_button(page, user, view_name, next_url=None):
    """ "Góp ý của người đọc (n chưa đóng / m)" in the page's header menu, for those who
    may see that feedback."""
    open_count, total = _page_counts(page, user)
    if total:
        yield Button(
            f"Góp ý của người đọc ({open_count} chưa đóng / {total})",
            url=_page_listing_url(page),
            icon_name="comment",
            priority=80,
        )


@hooks.register("before_edit_page")
def announce_open_feedback(request, page):
    """A banner on the page's edit view while readers' feedback on it is still open: the
    editor about to change the page sees what readers said was wrong."""
    if request.method != "GET":
        return None
    open_count, _ = _page_counts(page, request.user)
    if open_count:
        messages.warning(
            request,
            f"Người đọc có {open_count} góp ý chưa xử lý xong về trang này.",
            buttons=[messages.button(_page_listing_url(page), "Xem góp ý")],
        )
    return None
