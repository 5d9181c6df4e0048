"""Attached files (type checked by content), feeds, search document, home items, status
refresh command, admin pages."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model

from legal_documents.files import validate_legal_file
from legal_documents.models import DocumentFile, LegalDocumentPage, ValidityStatus
from legal_documents.tests.helpers import D, make_document

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("quyet-dinh.pdf", b"%PDF-1.7\n...", True),
        ("quyet-dinh.docx", docx_bytes(), True),
        ("quyet-dinh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, True),
        ("anh.pdf", PNG, False),  # an image renamed to .pdf
        ("quyet-dinh.exe", b"%PDF-1.7", False),
        ("nen.docx", b"PK\x03\x04" + b"\x00" * 30, False),  # a zip that is not a DOCX
        ("quyet-dinh.pdf", docx_bytes(), False),  # a DOCX named .pdf
    ],
)
def test_only_pdf_doc_docx_by_name_and_content(name, content, ok):
    fileobj = io.BytesIO(content)
    if ok:
        validate_legal_file(fileobj, name, len(content))
    else:
        with pytest.raises(ValidationError) as error:
            validate_legal_file(fileobj, name, len(content))
        assert "Tệp" in str(error.value) or "tệp" in str(error.value)


def test_size_limit_message():
    with pytest.raises(ValidationError, match="vượt quá giới hạn"):
        validate_legal_file(io.BytesIO(b"%PDF-1.7"), "lon.pdf", 21 * 1024 * 1024)


def test_attaching_a_renamed_image_is_refused(home_page):
    document = make_document("8/QĐ-UBND")
    upload = get_document_model().objects.create(
        title="Ảnh đổi tên", file=ContentFile(PNG, name="quyet-dinh.pdf")
    )
    attachment = DocumentFile(page=document, document=upload)
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert "không phải PDF, DOC hoặc DOCX" in str(error.value)
    good = get_document_model().objects.create(
        title="Bản ký số", file=ContentFile(b"%PDF-1.7\n", name="8-qd-ubnd.pdf")
    )
    DocumentFile(page=document, document=good, sort_order=0).full_clean()


def test_feeds_list_new_and_expired_documents(home_page, client):
    make_document("1/2024/QĐ-UBND", "Quy định mới", issued_on=D(2024, 5, 1))
    make_document(
        "2/2019/QĐ-UBND",
        "Quy định đã hết hiệu lực",
        effective_on=D(2019, 2, 1),
        expires_on=D(2024, 1, 1),
    )
    atom = client.get("/van-ban/feed/moi.atom")
    assert atom.status_code == 200 and atom["Content-Type"].startswith("application/atom+xml")
    assert "1/2024/QĐ-UBND – Quy định mới" in atom.content.decode()
    rss = client.get("/van-ban/feed/het-hieu-luc.rss").content.decode()
    assert "2/2019/QĐ-UBND" in rss and "01/01/2024" in rss
    assert "1/2024/QĐ-UBND" not in rss
    assert client.get("/van-ban/feed/het-hieu-luc.atom").status_code == 200
    assert client.get("/van-ban/feed/moi.rss").status_code == 200


def test_search_document_and_home_items(home_page, rf):
    from legal_documents.home import home_context
    from legal_documents.search_documents import legal_document

    document = make_document(
        "57/QĐ-UBND",
        "Công bố danh mục văn bản hết hiệu lực",
        issued_on=D(2020, 1, 22),
        effective_on=D(2020, 1, 22),
        summary="Danh mục 58 văn bản hết hiệu lực toàn bộ và 31 văn bản hết hiệu lực một phần.",
    )
    built = legal_document(document)
    assert built.kind == "legal_document"
    assert built.number == "57/QĐ-UBND"
    assert built.facets == {
        "type": "Quyết định",
        "issuer": "UBND tỉnh",
        "status": "Còn hiệu lực",
        "year": "2020",
    }
    assert built.extra["status"] == "Còn hiệu lực"
    assert "58 văn bản" in built.body
    document.unpublish()
    assert legal_document(LegalDocumentPage.objects.get(pk=document.pk)) is None

    make_document("3/QĐ-UBND", "Văn bản mới nhất", issued_on=D(2025, 3, 3))
    items = home_context(rf.get("/"))["latest_legal_documents"]
    assert [i.title for i in items] == ["3/QĐ-UBND – Văn bản mới nhất"]
    assert items[0].date == D(2025, 3, 3)


def test_refresh_command_updates_cached_status(home_page, capsys):
    document = make_document("4/QĐ-UBND", effective_on=D(2020, 1, 1), expires_on=D(2025, 1, 1))
    LegalDocumentPage.objects.filter(pk=document.pk).update(status=ValidityStatus.IN_FORCE)
    call_command("refresh_legal_document_status", "--all")
    document.refresh_from_db()
    assert document.status == ValidityStatus.EXPIRED
    assert "1 văn bản đổi tình trạng" in capsys.readouterr().out


def test_admin_listing_and_editing_forms(home_page, admin_client):
    document = make_document("9/QĐ-UBND", "Còn hiệu lực", effective_on=D(2021, 1, 1))
    make_document("10/QĐ-UBND", "Đã hết", effective_on=D(2021, 1, 1), expires_on=D(2022, 1, 1))
    assert admin_client.get(f"/admin/pages/{document.pk}/edit/").status_code == 200
    listing = admin_client.get("/admin/van_ban/", {"status": "con_hieu_luc"})
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Còn hiệu lực" in body and "Đã hết" not in body
    for model in ("documenttype", "issuer", "legalfield"):
        assert admin_client.get(f"/admin/snippets/legal_documents/{model}/").status_code == 200


def test_checked_upload_form_refuses_a_renamed_image():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form

    from legal_documents.uploads import CheckedDocumentForm

    # WAGTAILDOCS_DOCUMENT_FORM_BASE makes every upload in the document library checked.
    checked = get_document_form(get_document_model())
    assert issubclass(checked, CheckedDocumentForm)
    bad = checked(
        data={"title": "Ảnh"},
        files={"file": SimpleUploadedFile("quyet-dinh.pdf", PNG)},
        user=None,
    )
    bad.fields.pop("collection", None)
    assert not bad.is_valid()
    assert "không phải PDF" in str(bad.errors["file"])
    good = checked(
        data={"title": "Quyết định"},
        files={"file": SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.7\n")},
        user=None,
    )
    good.fields.pop("collection", None)
    assert "file" not in good.errors
