"""Uploads are checked by content and size for every accepted type; images are decoded whole."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from base.uploads import check_document, check_image


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = zipped(
    {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}
)
CSV = "Mã;Tên thủ tục\n1.001193;Đăng ký khai sinh\n".encode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", b"%PDF-1.7\n%%EOF"),
        ("a.doc", OLE2),
        ("a.xls", OLE2),
        ("a.docx", DOCX),
        ("a.xlsx", XLSX),
        ("a.odt", ODT),
        ("a.ods", ODS),
        ("a.csv", CSV),
        ("a.csv", "\ufeffMã,Tên\n".encode()),
        ("a.csv", "Mã,Tên\n".encode("utf-16")),
        ("a.zip", zipped({"mau-don.pdf": b"%PDF-1.7"})),
    ],
)
def test_each_accepted_type_passes_when_its_content_matches(name, content):
    assert check_document(io.BytesIO(content), name, len(content)) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", PNG, "không phải PDF"),
        ("a.doc", b"%PDF-1.7", "không phải Word (DOC)"),
        ("a.xls", CSV, "không phải Excel (XLS)"),
        ("a.docx", XLSX, "không phải Word (DOCX)"),
        ("a.xlsx", DOCX, "không phải Excel (XLSX)"),
        ("a.odt", ODS, "không phải OpenDocument văn bản"),
        ("a.ods", zipped({"content.xml": b"<x/>"}), "không phải OpenDocument bảng tính"),
        ("a.csv", PNG, "không phải CSV"),
        ("a.csv", b"<!DOCTYPE html><script>alert(1)</script>", "không phải CSV"),
        ("a.csv", b"a,b\n\x00\x01", "không phải CSV"),
        ("a.zip", b"PK\x03\x04" + b"\x00" * 30, "bị hỏng"),
        ("a.zip", PNG, "không phải ZIP"),
        ("a.docx", b"PK\x03\x04" + b"\x00" * 30, "bị hỏng"),
        ("a.exe", b"MZ", "không được chấp nhận"),
        ("a.html", b"<html>", "không được chấp nhận"),
        ("a.pdf", b"", "rỗng"),
    ],
)
def test_content_that_does_not_match_is_refused_in_vietnamese(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_document(io.BytesIO(content), name, len(content))
    assert message in " ".join(error.value.messages)


def test_size_limits_per_type():
    with pytest.raises(ValidationError, match="vượt quá giới hạn"):
        check_document(io.BytesIO(b"%PDF-1.7"), "lon.pdf", 21 * 1024 * 1024)
    with pytest.raises(ValidationError, match="vượt quá giới hạn"):
        check_document(io.BytesIO(CSV), "lon.csv", 11 * 1024 * 1024)


def test_an_archive_that_unpacks_to_gigabytes_is_refused(monkeypatch):
    # The same rule at a smaller scale, so the test stays fast: archives of a few kilobytes
    # whose declared sizes add up past the limit.
    monkeypatch.setattr("base.uploads.MAX_UNPACKED_SIZE", 4 * 1024 * 1024)
    MAX_UNPACKED_SIZE = 4 * 1024 * 1024
    bomb = zipped({f"{i}.txt": b"\x00" * (MAX_UNPACKED_SIZE // 4) for i in range(5)})
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(ValidationError, match="khi giải nén vượt quá"):
        check_document(io.BytesIO(bomb), "bom.zip", len(bomb))
    inside_docx = zipped(
        {
            "word/document.xml": b"<w/>",
            **{f"{i}": b"\x00" * (MAX_UNPACKED_SIZE // 4) for i in range(5)},
        }
    )
    with pytest.raises(ValidationError, match="khi giải nén vượt quá"):
        check_document(io.BytesIO(inside_docx), "bom.docx", len(inside_docx))


def image_bytes(size=(40, 30), fmt="JPEG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 0).save(buffer, format=fmt)
    return buffer.getvalue()


def test_images_are_decoded_whole():
    check_image(io.BytesIO(image_bytes()), "anh.jpg")
    jpeg = image_bytes((400, 300))
    for broken in (jpeg[: len(jpeg) // 2], jpeg[:200] + b"\x00" * 500, b"\x89PNG\r\n\x1a\nrac"):
        with pytest.raises(ValidationError, match="bị hỏng hoặc không đọc được"):
            check_image(io.BytesIO(broken), "hong.jpg")


def test_a_huge_image_is_refused_by_its_pixel_count(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
    huge = image_bytes((11_000, 11_000), fmt="PNG", mode="1")  # 121 megapixels, small file
    with pytest.raises(ValidationError, match="vượt quá giới hạn 40 triệu điểm ảnh"):
        check_image(io.BytesIO(huge), "lon.png")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cat-ngang.jpg", image_bytes((400, 300))[:900], "bị hỏng hoặc không đọc được"),
        ("khong-phai-anh.jpg", b"GIF89a" + b"\x00" * 20, "nội dung là ảnh gif"),
        ("van-ban.jpg", b"%PDF-1.7", "không phải ảnh"),
        ("lon.png", image_bytes((11_000, 11_000), fmt="PNG", mode="1"), "quá nhiều điểm ảnh"),
    ],
)
def test_admin_image_upload_refuses_bad_images_without_a_server_error(
    admin_client, name, content, message
):
    for url in ("/admin/images/add/", "/admin/images/multiple/add/"):
        response = admin_client.post(
            url,
            {
                "title": "Ảnh thử",
                "files[]" if "multiple" in url else "file": SimpleUploadedFile(name, content),
            },
        )
        assert response.status_code in (200, 400), url
        assert message in response.content.decode(
            "unicode_escape" if "multiple" in url else "utf-8"
        ), url


@pytest.mark.django_db
def test_admin_document_upload_refuses_a_renamed_file(admin_client):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("bang-tinh.xlsx", PNG)},
    )
    assert response.status_code in (200, 400)
    assert "không phải Excel (XLSX)" in response.content.decode("unicode_escape")
