"""An uploaded statistics file waiting for a reviewer (lô số liệu chờ duyệt).

Figures uploaded in the admin are not written to the public tables at once: the checked rows
are kept in the batch, and only when a reviewer approves it are they written, through the
same importer the command uses (and checked again, since agencies may have changed); the rows
written are live. Figures typed in the snippet form go through the pages' moderation workflow
instead (drafts a reviewer publishes, see moderation.py and home/roles.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class BatchStatus(models.TextChoices):
    PENDING = "cho_duyet", "Chờ duyệt"
    APPROVED = "da_duyet", "Đã duyệt, đã công bố"
    REJECTED = "tu_choi", "Bị từ chối"


class ImportBatch(models.Model):
    file_name = models.CharField("Tệp", max_length=255)
    status = models.CharField(
        "Trạng thái", max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    # [[line, {column: text}], ...] for the rows that passed the checks.
    rows = models.JSONField("Các dòng hợp lệ", default=list)
    # Messages for the rows left out (only when the uploader chose to skip bad rows).
    skipped = models.JSONField("Các dòng bỏ qua", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("Ngày tải lên", auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("Ngày duyệt", null=True, blank=True)
    created_count = models.PositiveIntegerField("Dòng mới", default=0)
    updated_count = models.PositiveIntegerField("Dòng cập nhật", default=0)
    review_note = models.CharField("Ghi chú của người duyệt", max_length=500, blank=True)

    class Meta:
        verbose_name = "Lô số liệu nhập từ tệp"
        verbose_name_plural = "Lô số liệu nhập từ tệp"
        ordering = ["-uploaded_at"]
        permissions = [("approve_importbatch", "Duyệt lô số liệu thống kê")]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == BatchStatus.PENDING
