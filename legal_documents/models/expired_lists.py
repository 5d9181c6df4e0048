"""The yearly list of documents that expired or were suspended (Danh mục văn bản hết hiệu lực,
ngưng hiệu lực), published by decision of the provincial chairman."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from base.visibility import is_public, public_q
from home.models import BasePage
from legal_documents.models.choices import ListGroup


class ExpiredDocumentListPage(BasePage):
    """One year's list and the decision that announced it."""

    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    decision_number = models.CharField(
        "Số quyết định công bố", max_length=100, help_text="Ví dụ: 57/QĐ-UBND"
    )
    decision_date = models.DateField("Ngày ký quyết định")
    signer = models.CharField("Người ký", max_length=120, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=120, blank=True)
    decision = models.ForeignKey(
        "legal_documents.LegalDocumentPage",
        verbose_name="Quyết định trong danh mục văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("decision_date")]),
                FieldPanel("decision_number"),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldPanel("decision"),
            ],
            heading="Quyết định công bố",
        ),
        FieldPanel("intro"),
        InlinePanel("entries", label="Văn bản trong danh mục", heading="Danh mục"),
    ]
    parent_page_types = ["legal_documents.LegalDocumentIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Danh mục văn bản hết hiệu lực, ngưng hiệu lực"
        verbose_name_plural = "Danh mục văn bản hết hiệu lực, ngưng hiệu lực"

    def clean(self):
        super().clean()
        if self.decision_date and self.year and self.decision_date.year < self.year:
            raise ValidationError(
                {"decision_date": "Quyết định công bố không thể ký trước năm của danh mục."}
            )

    def grouped_entries(self):
        """[(group label, [entries])] in the order of the official form; empty groups kept out."""
        # A document that is private or unpublished is not named on the public list.
        entries = list(
            self.entries.filter(public_q("document__")).select_related(
                "document", "document__issuer"
            )
        )
        groups = []
        for group in ListGroup:
            members = [e for e in entries if e.group == group]
            if members:
                groups.append((group.label, members))
        return groups

    def counts(self) -> dict[str, int]:
        result = dict.fromkeys(ListGroup.values, 0)
        for group in self.entries.filter(public_q("document__")).values_list("group", flat=True):
            result[group] += 1
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.grouped_entries()
        context["counts"] = self.counts()
        context["decision_is_public"] = is_public(self.decision)
        return context


class ExpiredListEntry(Orderable):
    """A document named by the list, in one of the form's four groups."""

    page = ParentalKey(ExpiredDocumentListPage, on_delete=models.CASCADE, related_name="entries")
    group = models.CharField("Nhóm", max_length=20, choices=ListGroup.choices)
    document = models.ForeignKey(
        "legal_documents.LegalDocumentPage",
        verbose_name="Văn bản",
        on_delete=models.CASCADE,
        related_name="list_entries",
    )
    part = models.CharField(
        "Nội dung hết hiệu lực, ngưng hiệu lực",
        max_length=300,
        blank=True,
        help_text="Với văn bản hết hiệu lực hoặc ngưng hiệu lực một phần: điều, khoản bị tác động.",
    )
    reason = models.CharField(
        "Lý do", max_length=500, blank=True, help_text="Ví dụ: Được thay thế bởi Quyết định ..."
    )
    date = models.DateField("Ngày hết hiệu lực, ngưng hiệu lực")

    panels = [
        FieldRowPanel([FieldPanel("group"), FieldPanel("date")]),
        FieldPanel("document"),
        FieldPanel("part"),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản trong danh mục"
        verbose_name_plural = "Văn bản trong danh mục"

    def clean(self):
        super().clean()
        partial = self.group in (ListGroup.EXPIRED_PART, ListGroup.SUSPENDED_PART)
        if partial and not self.part:
            raise ValidationError({"part": "Ghi rõ phần hết hiệu lực hoặc ngưng hiệu lực."})
