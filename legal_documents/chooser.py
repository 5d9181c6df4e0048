"""The legal-document chooser: number, type, status and date beside each title.

Relating one document to another ("thay thế", "sửa đổi") or listing it in a yearly expired
list means picking the right one among long, similar titles; editors know documents by
number. This chooser replaces Wagtail's page chooser for every ForeignKey to a legal
document, lists the newest first and searches through the admin's folding search, so
"12 qd ubnd" finds 12/QĐ-UBND.
"""

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from legal_documents.models import LegalDocumentPage


def _issued(page) -> str:
    return f"{page.issued_on:%d/%m/%Y}" if page.issued_on else ""


class _LegalDocumentColumns:
    ordering = ["-issued_on", "-pk"]

    def get_object_list(self):
        return LegalDocumentPage.objects.select_related("document_type")

    @property
    def columns(self):
        title = self.title_column
        title.label = "Tên văn bản"
        title.accessor = "title"  # the number has its own column
        return [
            Column("number", label="Số ký hiệu", width="16%"),
            title,
            Column("document_type", label="Loại", accessor="document_type", width="12%"),
            Column("status", label="Tình trạng", accessor="get_status_display", width="14%"),
            Column("issued_on", label="Ngày ban hành", accessor=_issued, width="12%"),
            Column(
                "live", label="Công khai", accessor=lambda p: "Đã đăng" if p.live else "Bản nháp"
            ),
        ]


class LegalDocumentChooseView(_LegalDocumentColumns, ChooseView):
    pass


class LegalDocumentChooseResultsView(_LegalDocumentColumns, ChooseResultsView):
    pass


class LegalDocumentChooserViewSet(ChooserViewSet):
    model = LegalDocumentPage
    icon = "doc-full-inverse"
    page_title = "Chọn văn bản"
    choose_one_text = "Chọn văn bản"
    choose_another_text = "Chọn văn bản khác"
    edit_item_text = "Sửa văn bản"
    search_tab_label = "Tìm theo số ký hiệu hoặc tên"
    choose_view_class = LegalDocumentChooseView
    choose_results_view_class = LegalDocumentChooseResultsView
    per_page = 20


legal_document_chooser_viewset = LegalDocumentChooserViewSet("legal_document_chooser")
