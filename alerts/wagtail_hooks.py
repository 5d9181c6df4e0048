"""E-mail alert subscriptions in the admin: read only (addresses subscribe and confirm
themselves), with counts per list; reviewers and site administrators may remove one (e.g. an
address whose owner asked by phone). Nobody adds or edits a subscription here: an address
only ever receives alerts after its owner confirmed them."""

from django.db.models import Count, Q
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from alerts.lists import LISTS
from alerts.models import Subscription


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Only "view" and "delete" exist for subscriptions, whoever asks (superusers too)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscription, ReadOnlyPolicy(Subscription))


class SubscriptionIndexView(IndexView):
    template_name = "alerts/admin/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = Subscription.objects.aggregate(
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        )
        per_list = dict(
            Subscription.objects.confirmed()
            .values_list("list_key")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts["per_list"] = [
            (alert_list.label, per_list[key])
            for key, alert_list in LISTS.items()
            if key in per_list
        ]
        context["alert_counts"] = counts
        return context


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else "—"


class SubscriptionInspectView(InspectView):
    """Filters as the reader sees them (not the stored parameters), times in local time."""

    def get_params_display_value(self):
        return self.object.description

    def get_created_at_display_value(self):
        return _moment(self.object.created_at)

    def get_confirmed_at_display_value(self):
        return _moment(self.object.confirmed_at)

    def get_sent_until_display_value(self):
        return _moment(self.object.sent_until)

    def get_last_sent_at_display_value(self):
        return _moment(self.object.last_sent_at)


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "mail"
    menu_label = "Đăng ký nhận thông báo"
    add_to_admin_menu = True
    menu_order = 360
    index_view_class = SubscriptionIndexView
    inspect_view_class = SubscriptionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    list_display = [
        "email",
        Column("description", label="Danh sách và bộ lọc", accessor="description"),
        Column(
            "confirmed",
            label="Tình trạng",
            accessor=lambda s: "Đã xác nhận" if s.confirmed_at else "Chờ xác nhận",
        ),
        "created_at",
        "last_sent_at",
    ]
    list_filter = ["list_key"]
    search_fields = ["email"]
    inspect_view_fields = [
        "email",
        "list_key",
        "params",
        "created_at",
        "confirmed_at",
        "sent_until",
        "last_sent_at",
    ]


@hooks.register("register_admin_viewset")
def register_subscription_viewset():
    return SubscriptionViewSet("dang_ky_thong_bao")
