"""E-mail alerts: one row per (address, list with its filters). Nothing else about the person.

A subscription is inactive until its address confirmed it (double opt-in): `confirmed_at`.
`sent_until` is the digest's watermark: every item first published up to that moment has been
considered for this subscription, so the next digest lists only what came after it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import models

from alerts.lists import LIST_CHOICES


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField("Địa chỉ e-mail", max_length=254, db_index=True)
    list_key = models.CharField("Danh sách", max_length=40, db_index=True, choices=LIST_CHOICES)
    # The list's own filters, validated and normalised by the list's filter code
    # (alerts.lists), as URL parameter -> list of slugs; `params_key` is the same, urlencoded in a
    # fixed order, so that one address cannot hold the same subscription twice.
    params = models.JSONField("Bộ lọc", default=dict, blank=True)
    params_key = models.CharField("Bộ lọc (chuỗi)", max_length=600, blank=True)
    created_at = models.DateTimeField("Ngày đăng ký", auto_now_add=True)
    confirmed_at = models.DateTimeField("Ngày xác nhận", null=True, blank=True, db_index=True)
    sent_until = models.DateTimeField("Đã xét nội dung đến", null=True, blank=True)
    last_sent_at = models.DateTimeField("Lần gửi gần nhất", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "Đăng ký nhận thông báo"
        verbose_name_plural = "Đăng ký nhận thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "list_key", "params_key"], name="alerts_one_per_list"
            )
        ]

    def __str__(self):
        return f"{self.email}: {self.description}"

    @staticmethod
    def key_for(params: dict[str, list[str]]) -> str:
        return urlencode(sorted(params.items()), doseq=True)

    @property
    def alert_list(self):
        from alerts.lists import LISTS

        return LISTS.get(self.list_key)

    @property
    def description(self) -> str:
        alert_list = self.alert_list
        if alert_list is None:
            return self.list_key
        return alert_list.describe(self.params)

    @property
    def list_path(self) -> str:
        alert_list = self.alert_list
        return alert_list.path(self.params) if alert_list else "/"
