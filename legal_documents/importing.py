"""Reading legal-document records from JSON Lines or CSV and publishing them as pages.

Accepted keys (JSON) or columns (CSV): number, type, issuer, signer, title, summary, issued,
effective, expired, year, status, fields (list, or ";"-separated in CSV), gazette,
source_url. Other keys (dataset, inferred, ...) are ignored, so the three parts of
../shared/data/legal_documents.jsonl read as they are.

A record's identity is its normalised number plus its issue date, or its year when the date is
unknown ("1732/QĐ-UBND" of 2016 and of 2021 are two documents). A record without an issue date
that meets a dated record of the same number and year (in the file or in the register) is the
same document and only fills in what is missing. Everything is validated first; writing is
one transaction, each page published through a revision as an editor's publish would be;
unchanged documents are skipped, so a re-run creates nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.signal_handlers import disable_reference_index_auto_update

from legal_documents.models import (
    DocumentType,
    Issuer,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    ValidityStatus,
    year_from_number,
)
from search.indexing import bulk_indexing
from search.text import normalize_document_number

MAX_FILE_BYTES = 50 * 1024 * 1024
TITLE_MAX = 255

STATUS_NAMES = {
    "còn hiệu lực": ValidityStatus.IN_FORCE,
    "còn hiệu lực (đã được sửa đổi, bổ sung)": ValidityStatus.IN_FORCE,
    "chưa có hiệu lực": ValidityStatus.NOT_YET_IN_FORCE,
    "hết hiệu lực": ValidityStatus.EXPIRED,
    "hết hiệu lực toàn bộ": ValidityStatus.EXPIRED,
    "hết hiệu lực một phần": ValidityStatus.PARTLY_EXPIRED,
    "ngưng hiệu lực": ValidityStatus.SUSPENDED,
    "ngưng hiệu lực toàn bộ": ValidityStatus.SUSPENDED,
    "ngưng hiệu lực một phần": ValidityStatus.PARTLY_SUSPENDED,
}
STATUS_NAMES.update({value: value for value in ValidityStatus.values})
# Types whose documents carry no number (the Constitution).
UNNUMBERED_TYPES = {"Hiến pháp"}
_SLASH_SPACES = re.compile(r"\s*/\s*")


class ImportFileError(Exception):
    """The file as a whole cannot be read: missing, too large, not UTF-8, unknown format."""


@dataclass
class RecordError:
    line: int
    number: str
    reason: str

    def __str__(self):
        where = f"dòng {self.line}" + (f" (số {self.number})" if self.number else "")
        return f"{where}: {self.reason}"


@dataclass
class DocumentRecord:
    line: int
    number: str
    title: str
    type_name: str = ""
    issuer: str = ""
    signer: str = ""
    summary: str = ""
    issued_on: datetime.date | None = None
    effective_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    year: int | None = None
    recorded_status: str = ""
    fields: list[str] = field(default_factory=list)
    gazette: str = ""
    source_url: str = ""
    merged_lines: list[int] = field(default_factory=list)

    @property
    def normalized_number(self) -> str:
        return normalize_document_number(self.number)

    def fill_from(self, other: DocumentRecord) -> None:
        """Take what `other` (the same document, from an undated record) knows and we do not."""
        for name in ("type_name", "issuer", "signer", "summary", "gazette", "source_url"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        for name in ("effective_on", "expires_on", "recorded_status"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        if self.title.startswith(f"{self.type_name} số ") and other.title:
            self.title = other.title
        self.fields = sorted(set(self.fields) | set(other.fields))
        self.merged_lines.append(other.line)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0


# ----------------------------------------------------------------------------- parsing


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return " ".join(value.split())


def clean_number(number: str) -> str:
    """The number as displayed: single spaces, none around slashes, Vietnamese Đ for eth."""
    text = _text(number).replace("Ð", "Đ").replace("ð", "đ")
    return _SLASH_SPACES.sub("/", text)


def _date(value, label: str) -> datetime.date | None:
    text = _text(value)
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{label} “{text}” không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def parse_record(raw: dict, line: int) -> DocumentRecord:
    """Validate one raw record; raise ValueError with the reason in Vietnamese."""
    if not isinstance(raw, dict):
        raise ValueError("bản ghi không phải một đối tượng JSON")
    number = clean_number(raw.get("number"))
    type_name = _text(raw.get("type"))
    if not number and type_name not in UNNUMBERED_TYPES:
        raise ValueError("thiếu số ký hiệu")
    if len(number) > 100:
        raise ValueError("số ký hiệu dài quá 100 ký tự")
    issued_on = _date(raw.get("issued"), "Ngày ban hành")
    effective_on = _date(raw.get("effective"), "Ngày có hiệu lực")
    expires_on = _date(raw.get("expired") or raw.get("expires"), "Ngày hết hiệu lực")
    if issued_on and effective_on and effective_on < issued_on:
        raise ValueError("ngày có hiệu lực trước ngày ban hành")
    if issued_on and expires_on and expires_on < issued_on:
        raise ValueError("ngày hết hiệu lực trước ngày ban hành")
    year = raw.get("year")
    if year not in (None, ""):
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise ValueError(f"năm “{year}” không phải số") from None
        if not 1945 <= year <= 2100:
            raise ValueError(f"năm {year} nằm ngoài khoảng 1945-2100")
    else:
        year = None
    year = (issued_on.year if issued_on else None) or year or year_from_number(number)
    status_text = _text(raw.get("status"))
    recorded_status = ""
    if status_text:
        recorded_status = STATUS_NAMES.get(status_text.lower()) or STATUS_NAMES.get(status_text)
        if not recorded_status:
            raise ValueError(f"tình trạng hiệu lực “{status_text}” không rõ")
    title_text = _sentence(_text(raw.get("title")))
    summary = _text(raw.get("summary")) or title_text
    title = title_text or f"{type_name or 'Văn bản'} số {number}"
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    fields = raw.get("fields") or []
    if isinstance(fields, str):
        fields = [f for f in (part.strip() for part in fields.split(";")) if f]
    source_url = _text(raw.get("source_url"))
    if source_url and (len(source_url) > 500 or not source_url.startswith(("http://", "https://"))):
        raise ValueError("đường dẫn nguồn không hợp lệ")
    record = DocumentRecord(
        line=line,
        number=number,
        title=title,
        type_name=type_name,
        issuer=_text(raw.get("issuer")),
        signer=_text(raw.get("signer"))[:120],
        summary=summary,
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
        year=year,
        recorded_status=recorded_status,
        fields=[_text(f)[:255] for f in fields],
        gazette=_text(raw.get("gazette"))[:200],
        source_url=source_url,
    )
    check_fields(raw, record)
    return record


# Document columns the import writes, checked by the model's own validation (URL, lengths,
# choices) in the check phase, so a bad value is a reported line, never a traceback.
_PAGE_FIELDS = (
    "number", "title", "summary", "signer", "issued_on", "effective_on", "expires_on", "year",
    "recorded_status", "gazette_reference", "source_url",
)  # fmt: skip


def _strings(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for position, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{position}]")


def check_fields(raw: dict, record: DocumentRecord) -> None:
    """Raise ValueError naming the field whose value the database or the model would refuse."""
    from django.core.exceptions import ValidationError

    for path, text in _strings(raw, ""):
        if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
            raise ValueError(f"trường {path} chứa ký tự điều khiển (NUL...), không hợp lệ")
    for label, name in (("loại văn bản", record.type_name), ("cơ quan ban hành", record.issuer)):
        if len(name) > 255:
            raise ValueError(f"{label} dài quá 255 ký tự")
    page = LegalDocumentPage()
    _apply(page, record, lambda kind, name: None)
    exclude = [f.name for f in page._meta.fields if f.name not in _PAGE_FIELDS]
    try:
        page.clean_fields(exclude=exclude)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        value = str(getattr(page, name, ""))[:60]
        raise ValueError(f"trường {name} “{value}”: {' '.join(messages)}") from None


def _raw_rows(path: Path, max_bytes: int) -> Iterable[tuple[int, object]]:
    if not path.is_file():
        raise ImportFileError(f"Không tìm thấy tệp {path}.")
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(
            f"Tệp {path.name} nặng {size:,} byte, vượt giới hạn {max_bytes:,} byte."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"Tệp {path.name} không phải văn bản UTF-8.") from None
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                rows.append((number, ValueError(f"JSON không hợp lệ ({error.msg})")))
        return rows
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "number" not in reader.fieldnames:
            raise ImportFileError("Tệp CSV phải có dòng tiêu đề với ít nhất cột “number”.")
        return [(reader.line_num, row) for row in reader]
    raise ImportFileError("Chỉ nhận tệp .jsonl (JSON Lines) hoặc .csv.")


def record_key(record: DocumentRecord) -> tuple:
    if record.number:
        return (record.normalized_number, record.issued_on or record.year)
    return (record.type_name, record.title, record.issued_on)


def parse_file(path: Path, max_bytes: int = MAX_FILE_BYTES):
    """(records, errors, merged count); records are unique by identity, merged where needed."""
    records: list[DocumentRecord] = []
    errors: list[RecordError] = []
    for line, raw in _raw_rows(path, max_bytes):
        if isinstance(raw, Exception):
            errors.append(RecordError(line, "", str(raw)))
            continue
        try:
            records.append(parse_record(raw, line))
        except ValueError as error:
            number = _text(raw.get("number")) if isinstance(raw, dict) else ""
            errors.append(RecordError(line, number, str(error)))

    by_key: dict[tuple, DocumentRecord] = {}
    dated_by_year: dict[tuple, list[DocumentRecord]] = {}
    undated = []
    for record in records:
        if record.number and record.issued_on is None:
            undated.append(record)
            continue
        key = record_key(record)
        if key in by_key:
            errors.append(
                RecordError(record.line, record.number, f"trùng với dòng {by_key[key].line}")
            )
            continue
        by_key[key] = record
        if record.number:
            dated_by_year.setdefault((record.normalized_number, record.year), []).append(record)
    merged = 0
    for record in undated:
        same = dated_by_year.get((record.normalized_number, record.year), [])
        if len(same) == 1:
            same[0].fill_from(record)
            merged += 1
            continue
        key = record_key(record)
        if key in by_key:
            by_key[key].fill_from(record)
            merged += 1
            continue
        by_key[key] = record
    ordered = sorted(by_key.values(), key=lambda r: r.line)
    return ordered, sorted(errors, key=lambda e: e.line), merged


# ----------------------------------------------------------------------------- writing


def _existing(index: LegalDocumentIndexPage, record: DocumentRecord, known: dict):
    candidates = known.get(record.normalized_number, []) if record.number else []
    if not record.number:
        candidates = [
            d
            for d in known.get("", [])
            if d.title == record.title and d.issued_on == record.issued_on
        ]
        return candidates[0] if candidates else None
    if record.issued_on:
        exact = [d for d in candidates if d.issued_on == record.issued_on]
        if exact:
            return exact[0]
        undated = [d for d in candidates if d.issued_on is None and d.year == record.year]
        return undated[0] if len(undated) == 1 else None
    same_year = [d for d in candidates if d.year == record.year]
    return same_year[0] if len(same_year) == 1 else None


def _apply(page: LegalDocumentPage, record: DocumentRecord, vocab) -> bool:
    """Set the record's values on `page`; True if anything changed. Undated records only
    fill in, so they never erase what a dated record or an editor wrote."""
    values = {
        "number": record.number,
        "title": record.title,
        "summary": record.summary,
        "document_type": vocab("type", record.type_name),
        "issuer": vocab("issuer", record.issuer),
        "signer": record.signer,
        "issued_on": record.issued_on,
        "effective_on": record.effective_on,
        "expires_on": record.expires_on,
        "year": record.year,
        "recorded_status": record.recorded_status,
        "gazette_reference": record.gazette,
        "source_url": record.source_url,
    }
    changed = False
    for name, value in values.items():
        if value in (None, "") and page.pk:
            continue
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    return changed


def write_records(
    records: list[DocumentRecord],
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportResult:
    index = LegalDocumentIndexPage.objects.first()
    if index is None:
        raise ImportFileError("Chưa có trang Danh mục văn bản (/van-ban/) để nhập vào.")
    result = ImportResult()
    cache: dict[tuple[str, str], object] = {}

    def vocab(kind: str, name: str):
        if not name:
            return None
        key = (kind, name.lower())
        if key not in cache:
            model = {"type": DocumentType, "issuer": Issuer, "field": LegalField}[kind]
            cache[key] = model.named(name)
        return cache[key]

    known: dict[str, list[LegalDocumentPage]] = {}
    for document in LegalDocumentPage.objects.all().prefetch_related("fields"):
        known.setdefault(document.normalized_number, []).append(document)
    used_slugs = set(index.get_children().values_list("slug", flat=True))

    # Both search indexes (ours and Wagtail's admin one) are written in bulk after commit.
    with bulk_indexing(), transaction.atomic(), disable_reference_index_auto_update():
        for record in progress(records):
            page = _existing(index, record, known)
            field_objects = [f for f in (vocab("field", name) for name in record.fields) if f]
            if page is None:
                page = LegalDocumentPage()
                _apply(page, record, vocab)
                slug = base = page.default_slug()
                suffix = 2
                while slug in used_slugs:
                    slug = f"{base}-{suffix}"
                    suffix += 1
                used_slugs.add(slug)
                page.slug = slug
                index.add_child(instance=page)
                if field_objects:
                    page.fields.set(field_objects)
                page.save_revision().publish()
                known.setdefault(page.normalized_number, []).append(page)
                result.created += 1
                continue
            changed = _apply(page, record, vocab)
            current = {f.pk for f in page.fields.all()}
            wanted = current | {f.pk for f in field_objects}
            if wanted != current:
                page.fields.set(list(current | {f.pk for f in field_objects}))
                changed = True
            if changed or not page.live:
                page.save_revision().publish()
                result.updated += 1
            else:
                result.unchanged += 1
    return result
