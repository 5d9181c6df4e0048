"""Admin wiring: vocabularies as snippets, a filtered document listing, the procedures report,
and the hook that tells procedure pages what became of the documents they rest on."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from base.purging import PAGES_SHOWING_HOOK
from home.admin_menus import SectionListingMixin, section_menu_item_class
from legal_documents.chooser import legal_document_chooser_viewset
from legal_documents.models import (
    DocumentType,
    Issuer,
    LegalDocumentPage,
    LegalField,
    ValidityStatus,
)
from legal_documents.procedures import (
    basis_change,
    documents_by_number,
    notice_for,
    pick_document,
    procedure_models,
    procedures_citing,
)
from legal_documents.reports import ProceduresToReviewView

# ---------------------------------------------------------------- vocabularies


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "group"
    list_display = ["name", "agency"]


class LegalFieldViewSet(SnippetViewSet):
    model = LegalField
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]


class LegalVocabularyGroup(SnippetViewSetGroup):
    menu_label = "Danh mục văn bản"
    menu_icon = "doc-full"
    menu_order = 320
    items = (DocumentTypeViewSet, IssuerViewSet, LegalFieldViewSet)


hooks.register("register_admin_viewset", lambda: LegalVocabularyGroup())

# ---------------------------------------------------------------- filtered page listing


class LegalDocumentFilterSet(WagtailFilterSet):
    document_type = django_filters.ModelChoiceFilter(
        queryset=DocumentType.objects.all(), label="Loại văn bản", empty_label="Tất cả"
    )
    status = django_filters.ChoiceFilter(
        choices=ValidityStatus.choices, label="Tình trạng hiệu lực", empty_label="Tất cả"
    )
    year = django_filters.NumberFilter(label="Năm ban hành")

    class Meta:
        model = LegalDocumentPage
        fields = ["document_type", "status", "year"]


class LegalDocumentListingViewSet(SectionListingMixin, PageListingViewSet):
    model = LegalDocumentPage
    icon = "doc-full-inverse"
    menu_label = "Văn bản"
    menu_order = 310
    add_to_admin_menu = True
    name = "van_ban"
    filterset_class = LegalDocumentFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("number", label="Số ký hiệu"),
        Column("get_status_display", label="Tình trạng"),
        Column("year", label="Năm"),
    ]


hooks.register("register_admin_viewset", lambda: LegalDocumentListingViewSet())
hooks.register("register_admin_viewset", lambda: legal_document_chooser_viewset)

# ---------------------------------------------------------------- procedures report


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/thu-tuc-can-ra-soat/",
            ProceduresToReviewView.as_view(),
            name="legal_documents_procedures_to_review",
        ),
        path(
            "reports/thu-tuc-can-ra-soat/results/",
            ProceduresToReviewView.as_view(results_only=True),
            name="legal_documents_procedures_to_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_procedures_report_menu_item():
    # For those who keep procedures or documents current (and reviewers), not news editors.
    sections = tuple(m for m in (procedure_models()[0], LegalDocumentPage) if m is not None)
    return section_menu_item_class(*sections)(
        "Thủ tục cần rà soát căn cứ pháp lý",
        reverse("legal_documents_procedures_to_review"),
        name="thu-tuc-can-ra-soat",
        icon_name="warning",
        order=650,
    )


# ---------------------------------------------------------------- procedure pages


@hooks.register("procedure_legal_basis")
def link_legal_basis(page, items):
    """Link each cited number to the register and warn when the document changed.

    One query for all the items' documents; same-numbered documents of different years are
    told apart by the year in the cited number or title.
    """
    found = documents_by_number(item.normalized_number for item in items)
    for item in items:
        document = pick_document(found.get(item.normalized_number, []), item.number, item.title)
        if document is None:
            continue
        item.url = document.url
        item.status_label = document.current_status.label
        change = basis_change(document, public_only=True)
        if change is not None:
            item.is_problem = True
            item.changed_on = change.date
            item.notice = notice_for(item.number or document.number, change)
            if change.replaced_by is not None:
                item.status_label = "Bị thay thế"
    return items


@hooks.register(PAGES_SHOWING_HOOK)
def pages_linked_by_number(page):
    """For the cache purge (base.purging): links by document number, not by foreign key.

    A procedure's page shows the validity of the documents it cites, and a document's page
    lists the procedures citing it, so a change to either shows on the other.
    """
    procedure_page, _ = procedure_models()
    if isinstance(page, LegalDocumentPage):
        return procedures_citing(page)
    if procedure_page is not None and isinstance(page, procedure_page):
        numbers = page.legal_basis.values_list("normalized_number", flat=True)
        return LegalDocumentPage.objects.live().filter(normalized_number__in=list(numbers))
    return []
