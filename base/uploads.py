"""Upload checks for the whole site: every accepted document type by content and size, and
images fully decoded under a pixel limit, each refusal a Vietnamese message, never a 500.

`CheckedDocumentForm` is WAGTAILDOCS_DOCUMENT_FORM_BASE and `CheckedImageForm`
WAGTAILIMAGES_IMAGE_FORM_BASE, so the admin's document and image libraries (single and
multiple upload) and every chooser use them. `check_document` can be called on its own (an
importer, a model's clean).
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

MB = 1024 * 1024
MAX_DOCUMENT_SIZE = 20 * MB
MAX_SIZES = {"zip": 50 * MB, "csv": 10 * MB}
# An archive (zip, and the zip inside docx/xlsx/odt/ods) may not unpack to more than this,
# nor hold more entries: a few kilobytes can otherwise unpack to gigabytes.
MAX_UNPACKED_SIZE = 200 * MB
MAX_ARCHIVE_ENTRIES = 5000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# What a zip-based office file must contain, and the OpenDocument mimetype it declares.
_OFFICE_MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_OPENDOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
LABELS = {
    "pdf": "PDF",
    "doc": "Word (DOC)",
    "docx": "Word (DOCX)",
    "xls": "Excel (XLS)",
    "xlsx": "Excel (XLSX)",
    "odt": "OpenDocument văn bản (ODT)",
    "ods": "OpenDocument bảng tính (ODS)",
    "csv": "CSV",
    "zip": "ZIP",
}


def _refuse(message: str):
    raise ValidationError(message, code="invalid_content")


def _read_zip(fileobj, name: str) -> zipfile.ZipFile:
    try:
        fileobj.seek(0)
        archive = zipfile.ZipFile(fileobj)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        _refuse(f"Tệp “{name}” bị hỏng hoặc không phải tệp nén hợp lệ.")
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        _refuse(f"Tệp “{name}” chứa quá nhiều tệp con (tối đa {MAX_ARCHIVE_ENTRIES}).")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_SIZE:
        _refuse(
            f"Tệp “{name}” khi giải nén vượt quá {filesizeformat(MAX_UNPACKED_SIZE)}; "
            "không được chấp nhận."
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        _refuse(f"Tệp “{name}” được đặt mật khẩu; hãy tải lên tệp không mã hóa.")
    return archive


def _is_text(data: bytes) -> bool:
    """True for text in UTF-8, UTF-16 (with its mark) or Windows-1258, and not markup."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoders = ["utf-16"]
    elif b"\x00" in data:
        return False
    else:
        decoders = ["utf-8-sig", "cp1258"]
    for encoding in decoders:
        try:
            # Incremental: the head read may end in the middle of a character.
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except UnicodeDecodeError:
            continue
        start = text.lstrip()[:20].lower()
        return not start.startswith(("<!doctype", "<html", "<script", "<svg", "<?xml"))
    return False


def _content_matches(extension: str, head: bytes, fileobj, name: str) -> bool:
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls"):
        return head.startswith(_OLE2)
    if extension in ("docx", "xlsx", "odt", "ods", "zip"):
        if not head.startswith(_ZIP):
            return False
        archive = _read_zip(fileobj, name)
        names = set(archive.namelist())
        if extension in _OFFICE_MEMBERS:
            return _OFFICE_MEMBERS[extension] in names
        if extension in _OPENDOCUMENT:
            return (
                "mimetype" in names and archive.read("mimetype").strip() == _OPENDOCUMENT[extension]
            )
        return True
    if extension == "csv":
        return _is_text(head)
    return False


def check_document(fileobj, name: str, size: int | None = None) -> str:
    """Raise a Vietnamese ValidationError unless `fileobj` is what its name says; return the
    extension. Types outside WAGTAILDOCS_EXTENSIONS are refused too."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    accepted = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or list(LABELS)
    if extension not in accepted or extension not in LABELS:
        kinds = ", ".join(e.upper() for e in accepted)
        _refuse(f"Tệp “{name}” không được chấp nhận: chỉ tải lên tệp {kinds}.")
    size = getattr(fileobj, "size", None) if size is None else size
    limit = MAX_SIZES.get(extension, MAX_DOCUMENT_SIZE)
    if size is not None and size > limit:
        _refuse(
            f"Tệp “{name}” dung lượng {filesizeformat(size)}, vượt quá giới hạn "
            f"{filesizeformat(limit)} cho tệp {LABELS[extension]}."
        )
    if size == 0:
        _refuse(f"Tệp “{name}” rỗng.")
    fileobj.seek(0)
    head = fileobj.read(65536)
    try:
        matches = _content_matches(extension, head, fileobj, name)
    finally:
        fileobj.seek(0)
    if not matches:
        _refuse(
            f"Nội dung tệp “{name}” không phải {LABELS[extension]} "
            "(có thể tệp đã bị đổi tên hoặc bị hỏng)."
        )
    return extension


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, with every upload checked by `check_document`."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document(uploaded, getattr(uploaded, "name", "") or "", uploaded.size)
        return uploaded


def check_image(fileobj, name: str) -> None:
    """Decode the whole image once: a corrupt, truncated or oversized one is refused here
    rather than failing later when a rendition is made."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            width, height = image.size
            if width * height > limit:
                _refuse(
                    f"Ảnh “{name}” có {width}×{height} điểm ảnh, vượt quá giới hạn "
                    f"{limit // 1_000_000} triệu điểm ảnh; hãy thu nhỏ ảnh trước khi tải lên."
                )
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(f"Ảnh “{name}” quá lớn để xử lý; hãy thu nhỏ ảnh trước khi tải lên.")
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        _refuse(f"Tệp ảnh “{name}” bị hỏng hoặc không đọc được; hãy kiểm tra lại tệp.")
    finally:
        fileobj.seek(0)


def _refusing_unreadable(to_python):
    """Wagtail's image field decodes some files (to count frames) without catching Pillow's
    errors, so a truncated image was a 500; here it is the form's Vietnamese refusal."""

    def wrapped(data):
        try:
            return to_python(data)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, OSError, ValueError, SyntaxError, EOFError) as exc:
            name = getattr(data, "name", "") or ""
            raise ValidationError(
                f"Tệp ảnh “{name}” bị hỏng hoặc không đọc được; hãy kiểm tra lại tệp.",
                code="invalid_image",
            ) from exc

    return wrapped


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, with every upload fully decoded by `check_image`, and Wagtail's
    own refusals (format, size, pixels) said in Vietnamese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        field.to_python = _refusing_unreadable(field.to_python)
        formats = ", ".join(getattr(settings, "WAGTAILIMAGES_EXTENSIONS", [])).upper()
        field.error_messages.update(
            {
                "invalid_image": "Tệp tải lên không phải ảnh hoặc ảnh đã bị hỏng.",
                "invalid_image_extension": f"Định dạng ảnh không được hỗ trợ; chỉ nhận {formats}.",
                "invalid_image_known_format": (
                    "Tệp có đuôi .%(extension)s nhưng nội dung là ảnh %(image_format)s; "
                    "hãy đặt đúng tên tệp."
                ),
                "file_too_large": (
                    "Ảnh quá lớn (%(file_size)s); dung lượng tối đa %(max_filesize)s."
                ),
                "file_too_large_unknown_size": "Ảnh vượt quá dung lượng tối đa cho phép.",
                "file_too_many_pixels": (
                    "Ảnh có quá nhiều điểm ảnh (%(num_pixels)s); tối đa %(max_pixels_count)s. "
                    "Hãy thu nhỏ ảnh trước khi tải lên."
                ),
            }
        )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_image(uploaded, getattr(uploaded, "name", "") or "")
        return uploaded
