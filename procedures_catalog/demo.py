"""Demo content: procedures a province's one-stop offices handle, written by us.

The procedures are data, `demo_data/procedures.jsonl` in the project's own import format
(IMPORT.md), loaded by `manage.py import_procedures` as any file would be, so re-running updates
in place and duplicates nothing. Codes, time limits, fees, legal bases and the national portal's
addresses are public facts of the national catalogue; the sentences are ours. Python keeps only
what cannot be data: the agencies the file names and a form file (a tiny generated PDF)
attached to the birth registration's declaration.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from agencies.models import Agency, AgencyKind
from procedures_catalog.models import LifeSituation, ProcedurePage

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "procedures.jsonl"

COMMUNE = "Ủy ban nhân dân cấp xã"
JUSTICE = "Sở Tư pháp tỉnh Đồng Tháp"
CONSTRUCTION = "Sở Xây dựng tỉnh Đồng Tháp"
FINANCE = "Sở Tài chính tỉnh Đồng Tháp"
AGRICULTURE = "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp"
POLICE = "Công an tỉnh Đồng Tháp"
CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"

LIFE_SITUATIONS = [
    ("Có con nhỏ", "Khai sinh, nhận cha mẹ con, đăng ký cư trú cho trẻ."),
    ("Kết hôn", "Xác nhận tình trạng hôn nhân, đăng ký kết hôn và các việc sau đó."),
    ("Khi có người thân qua đời", "Khai tử và các giấy tờ liên quan."),
    ("Khởi sự kinh doanh", "Thành lập hộ kinh doanh, doanh nghiệp và đăng ký thuế ban đầu."),
    ("Xây nhà", "Giấy phép xây dựng nhà ở riêng lẻ và thủ tục liên quan."),
    ("Mua bán, chuyển nhượng nhà đất", "Đăng ký biến động, cấp giấy chứng nhận quyền sử dụng đất."),
    ("Chuyển nơi ở", "Đăng ký thường trú, tạm trú, xác nhận thông tin cư trú."),
]

PDF_FORM = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 62>>stream\nBT /F1 16 Tf 72 770 Td (TO KHAI DANG KY KHAI SINH - MAU) Tj ET\n"
    b"endstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FORM_TITLE = "Tờ khai đăng ký khai sinh (mẫu)"


def form_document():
    """The demo's one form file, a valid one-page PDF made here, stored as a Wagtail document."""
    Document = get_document_model()
    document = Document.objects.filter(title=FORM_TITLE).first()
    if document is None:
        document = Document(title=FORM_TITLE)
        document.file.save("to-khai-dang-ky-khai-sinh.pdf", ContentFile(PDF_FORM), save=False)
        document.save()
    return document


def load(home, out) -> None:
    for order, (name, description) in enumerate(LIFE_SITUATIONS):
        LifeSituation.objects.update_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )
    _resolve_agencies()
    report = io.StringIO()
    call_command("import_procedures", str(DEMO_FILE), "--no-progress", stdout=report)
    page = ProcedurePage.objects.get(code="1.001193")
    declaration = page.documents.order_by("sort_order").first()
    document = form_document()
    if declaration is not None and declaration.form_id != document.pk:
        declaration.form = document
        declaration.save()
        page.save_revision().publish()
    out.write(f"Thủ tục: {report.getvalue().strip()}")


def _resolve_agencies() -> None:
    """Make sure the generic agencies the demo cites exist beside the demo province's ones."""
    for name, kind in (
        (COMMUNE, AgencyKind.PEOPLES_COMMITTEE),
        ("Công an cấp xã", AgencyKind.UNIT),
        ("Sở Y tế tỉnh Đồng Tháp", AgencyKind.DEPARTMENT),
        (JUSTICE, AgencyKind.DEPARTMENT),
        (CONSTRUCTION, AgencyKind.DEPARTMENT),
        (FINANCE, AgencyKind.DEPARTMENT),
        (AGRICULTURE, AgencyKind.DEPARTMENT),
        (POLICE, AgencyKind.DEPARTMENT),
        (CENTRE, AgencyKind.SERVICE_CENTRE),
    ):
        Agency.objects.get_or_create(name=name, defaults={"kind": kind})
