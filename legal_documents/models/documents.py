"""The register: its index page, the legal document page and what hangs off a document
(attached files, relations to other documents, history events, changes recorded for it)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from base.visibility import is_public, public_q, restricted_paths
from home.models import BasePage
from legal_documents.forms import LegalDocumentPageForm
from legal_documents.models.choices import (
    STATUS_BADGE,
    EventKind,
    RelationKind,
    ValidityStatus,
)
from search.featured import search_priority_field, search_priority_panel
from search.text import fold, normalize_document_number, slug_for

_YEAR_IN_NUMBER = re.compile(r"/((?:19|20)\d\d)/")


def year_from_number(number: str) -> int | None:
    """The year written in numbers such as "123/2015/NĐ-CP"; None for "57/QĐ-UBND"."""
    match = _YEAR_IN_NUMBER.search(f"{number or ''}/")
    return int(match.group(1)) if match else None


def number_sort_key(normalized: str) -> str:
    """ "57/qd-ubnd" -> "00000057/qd-ubnd", so that 9/ sorts before 10/ in any database."""
    match = re.match(r"(\d+)(.*)", normalized or "")
    if not match:
        return normalized or ""
    return f"{int(match.group(1)):08d}{match.group(2)}"[:120]


class LegalDocumentIndexPage(RoutablePageMixin, BasePage):
    """The register (/van-ban/): filters and the yearly expired view.

    The number lookup (/van-ban/so/<number>/) is a plain Django view in urls.py, because
    numbers hold characters (dots, spaces) that Wagtail's page paths do not accept.
    """

    intro = RichTextField("Giới thiệu", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["legal_documents.LegalDocumentPage", "legal_documents.ExpiredDocumentListPage"]
    max_count = 1

    class Meta:
        verbose_name = "Danh mục văn bản"

    def routed_child(self, slug):
        return (
            LegalDocumentPage.objects.child_of(self)
            .filter(slug=slug)
            .select_related("document_type", "issuer")
            .first()
        )

    @path("")
    def register_view(self, request):
        from legal_documents.views import register

        return register(request, self)

    @path("het-hieu-luc/")
    @path("het-hieu-luc/<int:year>/")
    def expired_year_view(self, request, year=None):
        from legal_documents.views import expired_year

        return expired_year(request, self, year)


class LegalDocumentPage(BasePage):
    """One document of the register (Văn bản): its record, full text, files and history."""

    number = models.CharField(
        "Số ký hiệu", max_length=100, blank=True, help_text="Ví dụ: 57/QĐ-UBND, 123/2015/NĐ-CP"
    )
    normalized_number = models.CharField(
        "Số ký hiệu chuẩn hoá", max_length=100, blank=True, db_index=True, editable=False
    )
    number_sort = models.CharField(max_length=120, blank=True, db_index=True, editable=False)
    document_type = models.ForeignKey(
        "legal_documents.DocumentType",
        verbose_name="Loại văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.ForeignKey(
        "legal_documents.Issuer",
        verbose_name="Cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer = models.CharField("Người ký", max_length=120, blank=True)
    signer_title = models.CharField(
        "Chức vụ người ký", max_length=120, blank=True, help_text="Ví dụ: Chủ tịch, Phó Chủ tịch"
    )
    summary = models.TextField("Trích yếu", blank=True)
    fields = ParentalManyToManyField(
        "legal_documents.LegalField", verbose_name="Lĩnh vực", blank=True, related_name="documents"
    )
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    effective_on = models.DateField("Ngày có hiệu lực", null=True, blank=True)
    expires_on = models.DateField(
        "Ngày hết hiệu lực",
        null=True,
        blank=True,
        help_text="Ngày văn bản hết hiệu lực toàn bộ, nếu văn bản tự quy định hoặc đã biết.",
    )
    year = models.PositiveSmallIntegerField(
        "Năm ban hành",
        null=True,
        blank=True,
        db_index=True,
        help_text="Tự điền từ ngày ban hành hoặc số ký hiệu nếu để trống.",
    )
    gazette_reference = models.CharField(
        "Công báo",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Công báo số 45+46, ngày 10/02/2020",
    )
    recorded_status = models.CharField(
        "Tình trạng ghi nhận",
        max_length=20,
        choices=ValidityStatus.choices,
        blank=True,
        help_text=(
            "Chỉ dùng khi không có ngày cụ thể (ví dụ dữ liệu chuyển từ hệ thống cũ). "
            "Ngày hiệu lực và lịch sử văn bản luôn được ưu tiên."
        ),
    )
    body = RichTextField("Toàn văn", blank=True)
    source_url = models.URLField("Nguồn", max_length=500, blank=True)
    search_priority = search_priority_field()

    # A cache of status_on(today) for filtering; pages compute the status afresh.
    status = models.CharField(
        "Tình trạng hiệu lực",
        max_length=20,
        choices=ValidityStatus.choices,
        default=ValidityStatus.UNKNOWN,
        db_index=True,
        editable=False,
    )
    status_valid_until = models.DateField(null=True, blank=True, db_index=True, editable=False)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldPanel("summary"),
                FieldPanel("fields"),
            ],
            heading="Thuộc tính",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                ),
                FieldPanel("year"),
                FieldPanel("recorded_status"),
                FieldPanel("gazette_reference"),
            ],
            heading="Ngày tháng và hiệu lực",
        ),
        InlinePanel("relations", label="Quan hệ với văn bản khác", heading="Văn bản liên quan"),
        InlinePanel("events", label="Sự kiện", heading="Lịch sử hiệu lực"),
        InlinePanel("files", label="Tệp đính kèm", heading="Tệp đính kèm"),
        FieldPanel("body"),
        FieldPanel("source_url"),
    ]
    promote_panels = [*BasePage.promote_panels, search_priority_panel()]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("number"),
        index.SearchField("summary"),
        index.FilterField("status"),
        index.FilterField("year"),
    ]
    parent_page_types = ["legal_documents.LegalDocumentIndexPage"]
    subpage_types: list[str] = []
    base_form_class = LegalDocumentPageForm

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"

    def __str__(self):
        return self.display_name

    def admin_search_texts(self) -> tuple[str, ...]:
        # Editors name a document by type and year too: "nghị định 123/2015", "QĐ 12/2024".
        year = self.year or (self.issued_on.year if self.issued_on else None)
        kind = self.document_type.name if self.document_type_id else ""
        return (self.title, kind, str(year or ""))

    def admin_search_numbers(self) -> tuple[str, ...]:
        return (self.number,)

    @property
    def display_name(self) -> str:
        return f"{self.number} – {self.title}" if self.number else self.title

    # ------------------------------------------------------------------ validation and saving
    def clean(self):
        super().clean()
        errors = {}
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = "Ngày có hiệu lực không thể trước ngày ban hành."
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            errors["expires_on"] = "Ngày hết hiệu lực không thể trước ngày ban hành."
        elif self.effective_on and self.expires_on and self.expires_on < self.effective_on:
            errors["expires_on"] = "Ngày hết hiệu lực không thể trước ngày có hiệu lực."
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, **kwargs):
        if not self.slug and (self.number or self.title):
            self.slug = self.default_slug()
        super().full_clean(*args, **kwargs)

    def default_slug(self) -> str:
        text = fold(self.number or self.title).replace("/", "-").replace(".", "-")
        base = slug_for(text, "van-ban", 60)
        year = self.year or (self.issued_on.year if self.issued_on else None)
        if year and str(year) not in base:
            base = f"{base}-{year}"
        return base

    def save(self, *args, **kwargs):
        from legal_documents.status import next_change, status_on, today

        self.normalized_number = normalize_document_number(self.number)
        self.number_sort = number_sort_key(self.normalized_number)
        if not self.year:
            self.year = self.issued_on.year if self.issued_on else year_from_number(self.number)
        facts = self.status_facts()
        now = today()
        self.status = status_on(self, now, facts)
        self.status_valid_until = next_change(self, now, facts)
        super().save(*args, **kwargs)

    # ------------------------------------------------------------------ status and history
    def status_facts(self):
        """Every dated event that bears on validity: the editor's, the relations' and lists'."""
        from legal_documents.status import Fact

        facts = [Fact(e.kind, e.date, e.ends_on) for e in self.events.all() if e.date]
        if self.pk:
            facts += [Fact(c.kind, c.date, c.ends_on) for c in self.recorded_changes.all()]
        return facts

    @cached_property
    def current_status(self) -> ValidityStatus:
        from legal_documents.status import status_on

        return status_on(self)

    @property
    def status_badge(self) -> str:
        return STATUS_BADGE.get(self.current_status, "")

    def history(self) -> list[HistoryRow]:
        """Dated rows for the history section, oldest first; private or unpublished causes
        and lists are not named."""
        paths = restricted_paths()

        def shown(page):
            return page if is_public(page, paths) else None

        rows = []
        if self.issued_on:
            rows.append(HistoryRow(self.issued_on, EventKind.ISSUED.label))
        if self.effective_on:
            rows.append(HistoryRow(self.effective_on, EventKind.IN_FORCE.label))
        if self.expires_on:
            rows.append(
                HistoryRow(
                    self.expires_on, EventKind.EXPIRED.label, note="Theo ngày ghi trong văn bản"
                )
            )
        for event in self.events.all():
            rows.append(
                HistoryRow(
                    event.date,
                    event.get_kind_display(),
                    part=event.part,
                    cause=shown(event.cause),
                    note=event.note,
                    ends_on=event.ends_on,
                )
            )
        for change in self.recorded_changes.all():
            rows.append(
                HistoryRow(
                    change.date,
                    change.get_kind_display(),
                    part=change.part,
                    cause=shown(change.cause),
                    note=change.reason,
                    expired_list=shown(change.expired_list),
                    ends_on=change.ends_on,
                )
            )
        rows.sort(key=lambda row: row.date)
        return rows

    def related_documents(self) -> list[dict]:
        """Relations from both ends, each with the label read from this document."""
        from legal_documents.models.choices import RELATION_LABELS

        rows = []
        paths = restricted_paths()
        outgoing = self.relations.select_related("target").filter(public_q("target__", paths))
        for relation in outgoing:
            rows.append(
                {
                    "label": RELATION_LABELS[relation.kind][0],
                    "document": relation.target,
                    "part": relation.part,
                    "direction": "out",
                }
            )
        incoming = self.incoming_relations.select_related("page").filter(public_q("page__", paths))
        for relation in incoming:
            rows.append(
                {
                    "label": RELATION_LABELS[relation.kind][1],
                    "document": relation.page,
                    "part": relation.part,
                    "direction": "in",
                }
            )
        return rows

    def resting_procedures(self):
        """Live procedure pages whose legal basis cites this document's number."""
        from legal_documents.procedures import procedures_citing

        return procedures_citing(self)

    def naming_lists(self):
        from legal_documents.models.expired_lists import ExpiredListEntry

        return (
            ExpiredListEntry.objects.filter(public_q("page__"), document=self)
            .select_related("page")
            .order_by("-page__year")
        )

    def get_context(self, request, *args, **kwargs):
        # The history and the status read the same events and changes: one query each (not
        # for a preview, whose events are the editor's, held in memory).
        if isinstance(self.events.all(), QuerySet):
            prefetch_related_objects(
                [self],
                Prefetch("events", HistoryEvent.objects.select_related("cause")),
                Prefetch(
                    "recorded_changes",
                    RecordedChange.objects.select_related("cause", "expired_list"),
                ),
            )
        context = super().get_context(request, *args, **kwargs)
        context["history"] = self.history()
        context["related"] = self.related_documents()
        context["procedures"] = self.resting_procedures()
        context["naming_lists"] = self.naming_lists()
        context["files"] = self.files.select_related("document")
        if self.number:
            context["share_title"] = f"{self.seo_title or self.title} (số {self.number})"
        return context


class HistoryRow:
    """One line of a document's history as displayed."""

    def __init__(self, date, label, part="", cause=None, note="", expired_list=None, ends_on=None):
        self.date: datetime.date = date
        self.label = label
        self.part = part
        self.cause = cause
        self.note = note
        self.expired_list = expired_list
        self.ends_on = ends_on


class DocumentFile(Orderable):
    """A file attached to a document (the signed PDF, a DOCX for reuse...)."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="Tệp", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField("Mô tả", max_length=200, blank=True, help_text="Ví dụ: Bản có chữ ký")

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"

    def clean(self):
        from legal_documents.files import validate_legal_file

        super().clean()
        if not self.document_id:
            return
        stored = self.document.file
        try:
            stored.open("rb")
        except (FileNotFoundError, OSError) as exc:
            raise ValidationError({"document": "Không đọc được tệp đã chọn."}) from exc
        try:
            validate_legal_file(stored, stored.name, stored.size)
        except ValidationError as exc:
            raise ValidationError({"document": exc.messages}) from exc
        finally:
            stored.close()


class DocumentRelation(Orderable):
    """ "This document <kind> target": amends, supplements, replaces, repeals, guides, based on."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField("Quan hệ", max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name="Văn bản",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    part = models.CharField(
        "Phần bị tác động",
        max_length=300,
        blank=True,
        help_text="Để trống nếu tác động toàn bộ văn bản; ví dụ: Khoản 2 Điều 5",
    )
    applies_on = models.DateField(
        "Áp dụng từ ngày",
        null=True,
        blank=True,
        help_text="Để trống: tính từ ngày có hiệu lực của văn bản này.",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("applies_on")]),
        FieldPanel("target"),
        FieldPanel("part"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Quan hệ văn bản"
        verbose_name_plural = "Quan hệ văn bản"

    def clean(self):
        super().clean()
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": "Một văn bản không thể có quan hệ với chính nó."})

    def effective_date(self) -> datetime.date | None:
        page = self.page
        return self.applies_on or page.effective_on or page.issued_on


class HistoryEvent(Orderable):
    """An event an editor records: partial expiry, suspension (with its end), amendment..."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("Sự kiện", max_length=20, choices=EventKind.choices)
    date = models.DateField("Ngày")
    ends_on = models.DateField(
        "Đến ngày", null=True, blank=True, help_text="Chỉ với ngưng hiệu lực có thời hạn."
    )
    part = models.CharField("Phần bị tác động", max_length=300, blank=True)
    cause = models.ForeignKey(
        LegalDocumentPage,
        verbose_name="Văn bản gây ra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("ends_on")]),
        FieldPanel("part"),
        FieldPanel("cause"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Sự kiện hiệu lực"
        verbose_name_plural = "Lịch sử hiệu lực"

    def clean(self):
        super().clean()
        if self.ends_on and self.date and self.ends_on <= self.date:
            raise ValidationError({"ends_on": "Ngày kết thúc phải sau ngày bắt đầu."})
        if self.cause_id and self.page_id and self.cause_id == self.page_id:
            raise ValidationError({"cause": "Văn bản không thể tự gây ra sự kiện của chính nó."})
        page = getattr(self, "page", None)
        issued_on = getattr(page, "issued_on", None)
        if self.date and issued_on and self.date < issued_on and self.kind != EventKind.ISSUED:
            raise ValidationError({"date": "Sự kiện không thể xảy ra trước ngày ban hành."})


class RecordedChange(models.Model):
    """A change in a document's validity recorded by another page: a relation published on
    the causing document ("B replaces A") or an entry of a published expired-document list.

    Kept out of the document's own revisions so that the document's editors cannot lose them
    by publishing an older draft; `source` makes re-publishing idempotent.
    """

    document = models.ForeignKey(
        LegalDocumentPage, on_delete=models.CASCADE, related_name="recorded_changes"
    )
    kind = models.CharField("Sự kiện", max_length=20, choices=EventKind.choices)
    date = models.DateField("Ngày")
    ends_on = models.DateField("Đến ngày", null=True, blank=True)
    part = models.CharField("Phần bị tác động", max_length=300, blank=True)
    reason = models.CharField("Lý do", max_length=500, blank=True)
    cause = models.ForeignKey(
        LegalDocumentPage,
        verbose_name="Văn bản gây ra",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="caused_changes",
    )
    expired_list = models.ForeignKey(
        "legal_documents.ExpiredDocumentListPage",
        verbose_name="Danh mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recorded_changes",
    )
    source = models.CharField(max_length=100)

    class Meta:
        verbose_name = "Sự kiện ghi nhận tự động"
        verbose_name_plural = "Sự kiện ghi nhận tự động"
        constraints = [
            models.UniqueConstraint(fields=["document", "source"], name="unique_change_source")
        ]
        ordering = ["date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
