"""Readers' feedback on public pages: "was this useful?" votes and reports of wrong or
outdated information, triaged by the editors who own the page's section.

What is stored is what the reader typed and the page they read, nothing else: no address,
no browser, no cookie. A contact (e-mail or phone) is kept only when the reader ticked the
consent box, and is erased when the item is closed (handled or declined).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from feedback.sections import CHOICES as SECTION_CHOICES


class Kind(models.TextChoices):
    USEFUL = "huu-ich", "Hữu ích"
    NOT_USEFUL = "khong-huu-ich", "Không hữu ích"
    REPORT = "bao-loi", "Báo thông tin sai hoặc lỗi thời"


class Reason(models.TextChoices):
    """Why a page was not useful: the short list the form offers."""

    INCOMPLETE = "thieu", "Thiếu thông tin"
    HARD_TO_UNDERSTAND = "kho-hieu", "Khó hiểu"
    OUTDATED = "loi-thoi", "Thông tin sai hoặc lỗi thời"
    NOT_WHAT_I_NEEDED = "khong-can", "Không phải thông tin tôi cần"
    OTHER = "khac", "Lý do khác"


class Status(models.TextChoices):
    NEW = "moi", "Mới"
    IN_PROGRESS = "dang-xu-ly", "Đang xử lý"
    DONE = "da-xu-ly", "Đã xử lý"
    DECLINED = "khong-xu-ly", "Không xử lý"


CLOSED = (Status.DONE, Status.DECLINED)


class Feedback(models.Model):
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    reason = models.CharField("lý do", max_length=20, choices=Reason.choices, blank=True)
    text = models.TextField("nội dung", blank=True)
    contact = models.CharField(
        "thông tin liên hệ",
        max_length=120,
        blank=True,
        help_text="Chỉ lưu khi người gửi đồng ý; tự xoá khi góp ý được đóng.",
    )
    # What the reader read: the page and its live revision at the time (None for views
    # outside the page tree, such as /thong-ke/), and the path in every case.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="trang",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="phiên bản trang",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    path = models.CharField("đường dẫn", max_length=500)
    section = models.CharField("mục", max_length=20, choices=SECTION_CHOICES)
    created_at = models.DateTimeField("ngày gửi", auto_now_add=True, db_index=True)

    status = models.CharField(
        "tình trạng", max_length=20, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("ghi chú nội bộ", blank=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)
    # When the section's editors were told of it (manage.py notify_feedback).
    notified_at = models.DateTimeField("đã báo cho biên tập viên", null=True, blank=True)

    class Meta:
        verbose_name = "góp ý"
        verbose_name_plural = "góp ý của người đọc"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["section", "status"]),
            models.Index(fields=["page", "kind"]),
        ]

    def __str__(self):
        where = self.page.title if self.page_id and self.page else self.path
        return f"{self.get_kind_display()}: {where}"

    def save(self, *args, **kwargs):
        # A closed item needs no reply: the reader's contact goes (personal data is kept only
        # as long as it serves its purpose).
        if self.status in CLOSED and self.contact:
            self.contact = ""
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "contact"}
        super().save(*args, **kwargs)
