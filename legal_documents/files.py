"""Attached files of a legal document: only PDF, DOC and DOCX, checked by name and by content."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_FILE_SIZE = 20 * 1024 * 1024
ALLOWED_EXTENSIONS = {"pdf", "doc", "docx"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _content_kind(head: bytes, fileobj) -> str | None:
    """ "pdf", "doc" or "docx" judged from the bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
        return None
    kind = filetype.guess(head)
    return kind.extension if kind and kind.extension in ALLOWED_EXTENSIONS else None


def validate_legal_file(fileobj, name: str, size: int | None = None) -> str:
    """Raise a Vietnamese ValidationError unless `fileobj` is a PDF, DOC or DOCX as it claims.

    Returns the detected kind. A renamed image or archive is refused even with a .pdf name.
    """
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp “{name}” không được chấp nhận: chỉ đính kèm tệp PDF, DOC hoặc DOCX."
        )
    if size is None:
        size = getattr(fileobj, "size", None)
    if size is not None and size > MAX_FILE_SIZE:
        raise ValidationError(
            f"Tệp “{name}” dung lượng {filesizeformat(size)}, vượt quá giới hạn "
            f"{filesizeformat(MAX_FILE_SIZE)}."
        )
    fileobj.seek(0)
    head = fileobj.read(8192)
    kind = _content_kind(head, fileobj)
    fileobj.seek(0)
    if kind is None:
        raise ValidationError(
            f"Nội dung tệp “{name}” không phải PDF, DOC hoặc DOCX (có thể tệp đã bị đổi tên)."
        )
    if kind != extension and {kind, extension} != {"doc", "docx"}:
        raise ValidationError(
            f"Tệp “{name}” có đuôi .{extension} nhưng nội dung là {kind.upper()}; "
            "vui lòng đặt đúng tên tệp."
        )
    return kind
