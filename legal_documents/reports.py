"""Admin report: procedures whose legal basis expired, was suspended or replaced."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from legal_documents.models import LegalDocumentPage, RelationKind
from legal_documents.models.choices import PROBLEM_STATUSES
from legal_documents.procedures import basis_change, pick_document, procedure_models


@dataclass
class ReviewRow:
    procedure_id: int
    procedure_title: str
    code: str
    number: str
    document: LegalDocumentPage
    change: str
    changed_on: datetime.date | None

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.procedure_id])


def procedures_to_review() -> list[ReviewRow]:
    """One row per (live procedure, cited document with a problem), most recent change first."""
    procedure_page, legal_basis = procedure_models()
    if procedure_page is None:
        return []
    problem_documents = LegalDocumentPage.objects.live().filter(
        status__in=PROBLEM_STATUSES
    ) | LegalDocumentPage.objects.live().filter(
        incoming_relations__kind=RelationKind.REPLACES, incoming_relations__part=""
    )
    by_number: dict[str, list[LegalDocumentPage]] = {}
    for document in problem_documents.distinct():
        by_number.setdefault(document.normalized_number, []).append(document)
    by_number.pop("", None)
    citations = (
        legal_basis.objects.filter(normalized_number__in=by_number, page__live=True)
        .select_related("page")
        .order_by("page__title")
    )
    changes: dict[int, object] = {}
    rows = []
    for citation in citations:
        # The citation may mean a same-numbered document of another year with no problem.
        all_same = list(
            LegalDocumentPage.objects.live().filter(normalized_number=citation.normalized_number)
        )
        document = pick_document(all_same, citation.number, citation.title)
        if document is None or document.pk not in {
            d.pk for d in by_number[document.normalized_number]
        }:
            continue
        if document.pk not in changes:
            changes[document.pk] = basis_change(document)
        change = changes[document.pk]
        if change is None:
            continue
        rows.append(
            ReviewRow(
                procedure_id=citation.page_id,
                procedure_title=citation.page.title,
                code=getattr(citation.page, "code", ""),
                number=citation.number,
                document=document,
                change=change.label,
                changed_on=change.date,
            )
        )
    rows.sort(key=lambda r: r.changed_on or datetime.date.min, reverse=True)
    return rows


class ProceduresToReviewView(ReportView):
    page_title = "Thủ tục cần rà soát căn cứ pháp lý"
    header_icon = "warning"
    index_url_name = "legal_documents_procedures_to_review"
    index_results_url_name = "legal_documents_procedures_to_review_results"
    list_export = ["procedure_title", "code", "number", "change", "changed_on"]
    export_headings = {
        "procedure_title": "Thủ tục",
        "code": "Mã thủ tục",
        "number": "Căn cứ pháp lý",
        "change": "Thay đổi",
        "changed_on": "Từ ngày",
    }
    columns = [
        TitleColumn("procedure_title", label="Thủ tục", get_url=lambda row: row.edit_url),
        Column("code", label="Mã thủ tục"),
        Column("number", label="Căn cứ pháp lý"),
        Column("change", label="Thay đổi"),
        DateColumn("changed_on", label="Từ ngày"),
    ]

    def get_filename(self):
        return f"thu-tuc-can-ra-soat-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return procedures_to_review()
