"""Reading procedure records from files and writing them as published pages.

Three inputs (see IMPORT.md): the project's own JSON Lines format, the national-catalogue
crawl format (recognised per record by its `submission`/`level` keys), and CSV with the
simple columns. Every record is first parsed into a `ProcedureRecord` and validated; only
then is anything written, in one transaction, each page through `save_revision().publish()`
as an editor's publish would be. Records whose content did not change since the last import
(same `import_hash`) are skipped, so re-running a file is fast and creates no revisions.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from procedures_catalog.choices import (
    ChannelMode,
    Currency,
    DocumentGroup,
    OnlineLevel,
    ProcedureLevel,
    ProcedureStatus,
    TimeUnit,
)
from search.indexing import bulk_indexing
from search.text import fold

MAX_FILE_BYTES = 100 * 1024 * 1024
CODE_SHAPE = re.compile(r"^[0-9A-Za-z][\w.\-]{0,39}$")
TITLE_MAX = 255


class ImportFileError(Exception):
    """The file as a whole cannot be read (too large, wrong type, not UTF-8)."""


@dataclass
class RecordError:
    line: int
    code: str
    reason: str

    def __str__(self):
        where = f"dòng {self.line}"
        if self.code:
            where += f" (mã {self.code})"
        return f"{where}: {self.reason}"


@dataclass
class ProcedureRecord:
    """One procedure in the project's own format (IMPORT.md documents every key)."""

    code: str
    name: str
    field: str = ""
    levels: list[str] = dc_field(default_factory=list)  # ProcedureLevel values
    procedure_type: str = ""
    status: str = ProcedureStatus.IN_FORCE
    decision_number: str = ""
    decision_date: str = ""  # ISO date
    status_since: str = ""  # ISO date: when the status (abolished, replaced...) took effect
    source_updated_on: str = ""  # ISO date: the record's last change in the source catalogue
    successor_code: str = ""
    implementing_agencies: list[str] = dc_field(default_factory=list)
    competent_agencies: list[str] = dc_field(default_factory=list)
    coordinating_agencies: list[str] = dc_field(default_factory=list)
    agency_note: str = ""
    receiving_address: str = ""
    online_level: str = ""
    online_url: str = ""
    number_of_sets: int | None = None
    applicants: list[str] = dc_field(default_factory=list)
    requirements: str = ""
    results: list[str] = dc_field(default_factory=list)
    life_situations: list[str] = dc_field(default_factory=list)
    summary: str = ""
    source_url: str = ""
    steps: list[dict] = dc_field(default_factory=list)  # {title, description}
    channels: list[dict] = dc_field(default_factory=list)
    documents: list[dict] = dc_field(default_factory=list)
    legal_basis: list[dict] = dc_field(default_factory=list)  # {number, title}

    def content_hash(self) -> str:
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()


# -- vocabularies from text ----------------------------------------------------------------

_LEVELS_BY_FOLD = {fold(label): value for value, label in ProcedureLevel.choices}
_LEVELS_BY_FOLD.update({value: value for value in ProcedureLevel.values})
_MODES_BY_FOLD = {fold(label): value for value, label in ChannelMode.choices}
_MODES_BY_FOLD.update({value: value for value in ChannelMode.values})
_MODES_BY_FOLD.update(
    {"buu chinh": ChannelMode.POST, "dich vu buu chinh cong ich": ChannelMode.POST}
)
_UNITS_BY_FOLD = {fold(label): value for value, label in TimeUnit.choices}
_UNITS_BY_FOLD.update({value: value for value in TimeUnit.values})
_ONLINE_BY_FOLD = {fold(label): value for value, label in OnlineLevel.choices if value}
_ONLINE_BY_FOLD.update({value: value for value in OnlineLevel.values})
_ONLINE_BY_FOLD.update({"toan trinh": OnlineLevel.FULL, "mot phan": OnlineLevel.PARTIAL})
_STATUS_BY_FOLD = {fold(label): value for value, label in ProcedureStatus.choices}
_STATUS_BY_FOLD.update({value: value for value in ProcedureStatus.values})
_GROUPS_BY_FOLD = {fold(label): value for value, label in DocumentGroup.choices}
_GROUPS_BY_FOLD.update({value: value for value in DocumentGroup.values})
_GROUPS_BY_FOLD.update({"chung": DocumentGroup.COMMON, "truong hop": DocumentGroup.CASE})

# How the national catalogue's document groups map to ours (see IMPORT.md, "Document groups").
_GROUP_BULLET = re.compile(r"^[\s*\-•+]*(?:\(?[0-9.]+\)\.?|\(?[a-zđ]\))?[\s*\-•+]*", re.IGNORECASE)
_COMMON_HEADINGS = ("giay to phai nop", "giay to phai xuat trinh", "cac giay to phai nop")
_UNTITLED_HEADINGS = ("thanh phan ho so", "ho so gom", "ho so bao gom")
_CASE_STARTS = ("truong hop", "doi voi", "neu ", "khi ")
_CONDITIONAL_DOCUMENT = re.compile(r"^(Trường hợp\s.{3,160}?)(?:,\s*)?\s(?:thì|phải)\s", re.DOTALL)


def map_source_group(label: str) -> tuple[str, str]:
    """A national-catalogue group label -> (our group, heading or case name).

    "* Lưu ý:" is a note; "* Giấy tờ phải nộp:" and "* Giấy tờ phải xuất trình:" are headings
    every applicant follows; "Trường hợp ...:" / "Đối với ...:" are cases, of which a person
    follows only their own; any other heading is kept as a titled common group, since nothing
    says it is an alternative.
    """
    text = " ".join((label or "").split())
    text = _GROUP_BULLET.sub("", text).strip().rstrip(":").strip()
    folded = fold(text)
    if not folded:
        return DocumentGroup.COMMON, ""
    if folded.startswith("luu y"):
        return DocumentGroup.NOTE, ""
    if folded.startswith(_UNTITLED_HEADINGS):
        return DocumentGroup.COMMON, ""
    if folded.startswith(_CASE_STARTS):
        return DocumentGroup.CASE, (text[0].upper() + text[1:])[:500]
    return DocumentGroup.COMMON, text[:500]


def map_source_document(label: str, name: str, originals: int, copies: int) -> tuple[str, str]:
    """The group of one national-catalogue document, refining its group's mapping.

    Inside a group every applicant follows, the source often writes a case into the document
    itself: "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản ..." is that case's document when
    a quantity is given; "Trường hợp ..." with no quantity ("... thì không phải nộp ...") is a
    remark.
    """
    group, heading = map_source_group(label)
    if group != DocumentGroup.COMMON:
        return group, heading
    if not fold(name).startswith("truong hop "):
        return group, heading
    if not (originals or copies):
        return DocumentGroup.NOTE, ""
    match = _CONDITIONAL_DOCUMENT.match(name)
    if match is None:
        return group, heading
    return DocumentGroup.CASE, match.group(1).strip(" ,")[:500]


# Applicant types of the national catalogue; some hold commas, so they are matched whole.
KNOWN_APPLICANTS = [
    "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "Cán bộ, công chức, viên chức",
    "Người Việt Nam định cư ở nước ngoài",
    "Người nước ngoài cư trú tại Việt Nam",
    "Doanh nghiệp có vốn đầu tư nước ngoài",
    "Doanh nghiệp Việt Nam",
    "Tổ chức nước ngoài",
    "Công dân Việt Nam",
    "Người nước ngoài",
    "Doanh nghiệp",
    "Hợp tác xã",
    "Tổ chức Đảng",
    "Đảng viên",
]


def split_applicants(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    rest = text or ""
    for name in KNOWN_APPLICANTS:  # longest and comma-holding names first
        pattern = re.compile(r"(?<![\wÀ-ỹ])" + re.escape(name) + r"(?![\wÀ-ỹ])")
        match = pattern.search(rest)
        if match:
            found.append((match.start(), name))
            rest = rest[: match.start()] + "\x00" * len(name) + rest[match.end() :]
    for part in re.split(r"[,;\x00]+", rest):
        part = part.strip(" .")
        if part:
            found.append((rest.find(part), part[:255]))
    return [name for _, name in sorted(found)]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value if v)
    return str(value).strip()


def _list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


_QUANTITY = re.compile(r"(\d+)\s*bản\s*(chính|sao)", re.IGNORECASE)


def parse_quantity(text: str) -> tuple[int, int]:
    """("1 bản chính,2 bản sao") -> (1, 2). A year glued to the count ("20251") keeps its tail."""
    originals = copies = 0
    for number, kind in _QUANTITY.findall(text or ""):
        value = int(number)
        if value >= 100:  # "20251 bản chính": the source glued a year to the count
            value = int(number[-1])
        if kind.lower() == "chính":
            originals = value
        else:
            copies = value
    return originals, copies


_TIME = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(.*?)\s*$")
_FEE = re.compile(r"([\d][\d.,]*)\s*(Việt Nam Đồng|VNĐ|VND|đồng|USD)", re.IGNORECASE)


def parse_time(text: str) -> tuple[Decimal | None, str, str]:
    """ "5 Ngày làm việc" -> (5, "ngay_lam_viec", ""); anything else is kept as a note."""
    if not text:
        return None, "", ""
    match = _TIME.match(text)
    if not match:
        return None, "", text[:500]
    value = Decimal(match.group(1).replace(",", "."))
    unit_text = fold(match.group(2)).strip(" .")
    if not unit_text:
        return value, "", ""
    unit = _UNITS_BY_FOLD.get(unit_text)
    if unit is None:
        return None, "", text[:500]
    return value, unit, ""


def parse_fee(text: str | None) -> tuple[Decimal | None, str]:
    """ "Miễn phí" -> 0; "50,000 Việt Nam Đồng" -> 50000 VND; None -> not stated."""
    if text is None or not str(text).strip():
        return None, Currency.VND
    folded = fold(str(text))
    if folded.startswith("mien phi") or folded in ("khong", "khong thu"):
        return Decimal(0), Currency.VND
    match = _FEE.search(str(text))
    if not match:
        return None, Currency.VND
    currency = Currency.USD if match.group(2).upper() == "USD" else Currency.VND
    digits = match.group(1)
    digits = re.sub(r"[.,]", "", digits) if currency == Currency.VND else digits.replace(",", "")
    try:
        return Decimal(digits), currency
    except InvalidOperation:
        return None, currency


def _shorten_title(name: str) -> str:
    if len(name) <= TITLE_MAX:
        return name
    cut = name[: TITLE_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"


# -- the two JSON shapes -------------------------------------------------------------------


def is_crawl_record(data: dict) -> bool:
    return "submission" in data or isinstance(data.get("level"), str)


def record_from_crawl(data: dict) -> ProcedureRecord:
    """The national-catalogue crawl shape (../shared/data/procedures.jsonl) to our own."""
    levels = []
    for label in (data.get("level") or "").split(","):
        if not label.strip():
            continue
        level = _LEVELS_BY_FOLD.get(fold(label.strip()))
        if level is None:
            raise ValueError(f"cấp thực hiện “{label.strip()}” không có trong danh mục")
        levels.append(level)

    channels = []
    for item in data.get("submission") or []:
        mode = _MODES_BY_FOLD.get(fold(item.get("mode") or ""))
        if mode is None:
            raise ValueError(f"cách thức “{item.get('mode')}” không có trong danh mục")
        value, unit, note = parse_time(item.get("time") or "")
        fee, currency = parse_fee(item.get("fee"))
        description = _text(item.get("description"))
        if fee is None and description:
            described_fee, described_currency = parse_fee(description)
            if described_fee is not None and _FEE.search(description):
                fee, currency = described_fee, described_currency
        channels.append(
            {
                "mode": mode,
                "time_limit": None if value is None else str(value),
                "time_unit": unit,
                "time_note": note,
                "fee_amount": None if fee is None else str(fee),
                "currency": currency,
                "fee_note": _text(item.get("fee_note")),
                "description": description,
            }
        )

    documents = []
    for item in data.get("documents") or []:
        name = _text(item.get("name"))
        if not name:
            continue
        originals, copies = parse_quantity(item.get("quantity") or "")
        group, case = map_source_document(_text(item.get("group")), name, originals, copies)
        documents.append(
            {
                "group": group,
                "case": case,
                "name": name,
                "originals": originals,
                "copies": copies,
                "required": True,
                "note": "",
                "form_name": _text(item.get("form"))[:255],
            }
        )

    steps = []
    for text in data.get("steps") or []:
        text = _text(text)
        match = re.match(r"^(Bước\s*\d+)\s*[:.]\s*(.*)$", text, re.DOTALL)
        if match:
            steps.append({"title": match.group(1), "description": match.group(2) or text})
        elif text:
            steps.append({"title": "", "description": text})

    has_online = any(c["mode"] == ChannelMode.ONLINE for c in channels)
    agency = _text(data.get("agency"))
    competent = _text(data.get("competent_authority"))
    return ProcedureRecord(
        code=_text(data.get("code")),
        name=_text(data.get("name")),
        field=_text(data.get("field")),
        levels=levels,
        procedure_type=_text(data.get("procedure_type"))[:200],
        decision_number=_text(data.get("decision_number"))[:100],
        implementing_agencies=[agency] if agency else [],
        competent_agencies=[competent] if competent and competent != agency else [],
        receiving_address=_text(data.get("receiving_address")),
        # The crawl does not say whether the online service is full; an online channel is
        # recorded as partly online until an editor confirms more.
        online_level=OnlineLevel.PARTIAL if has_online else OnlineLevel.NONE,
        applicants=split_applicants(_text(data.get("applicants"))),
        requirements=_text(data.get("requirements")),
        results=[
            _text(r.get("name") if isinstance(r, dict) else r) for r in data.get("results") or []
        ],
        source_url=_text(data.get("source_url")),
        steps=steps,
        channels=channels,
        documents=documents,
        legal_basis=[
            {"number": n.strip()[:100], "title": ""}
            for n in data.get("legal_basis") or []
            if n and n.strip()
        ],
    )


def record_from_own(data: dict) -> ProcedureRecord:
    """Our own JSON Lines shape, lightly coerced (labels accepted where codes are expected)."""
    levels = []
    for label in _list(data.get("levels")):
        level = _LEVELS_BY_FOLD.get(fold(label)) or _LEVELS_BY_FOLD.get(label)
        if level is None:
            raise ValueError(f"cấp thực hiện “{label}” không có trong danh mục")
        levels.append(level)
    status = _STATUS_BY_FOLD.get(fold(_text(data.get("status"))) or ProcedureStatus.IN_FORCE)
    if status is None:
        raise ValueError(f"tình trạng “{data.get('status')}” không hợp lệ")
    online_text = _text(data.get("online_level"))
    online = _ONLINE_BY_FOLD.get(fold(online_text)) if online_text else OnlineLevel.NONE
    if online is None:
        raise ValueError(f"mức dịch vụ trực tuyến “{online_text}” không hợp lệ")
    channels = []
    for item in data.get("channels") or []:
        if not isinstance(item, dict):
            raise ValueError("mỗi cách thức thực hiện phải là một đối tượng JSON")
        mode = _MODES_BY_FOLD.get(fold(_text(item.get("mode"))))
        if mode is None:
            raise ValueError(f"cách thức “{item.get('mode')}” không có trong danh mục")
        unit = _text(item.get("time_unit"))
        unit = _UNITS_BY_FOLD.get(fold(unit)) if unit else ""
        if unit is None:
            raise ValueError(f"đơn vị thời hạn “{item.get('time_unit')}” không hợp lệ")
        for key in ("time_limit", "fee_amount"):
            if item.get(key) not in (None, ""):
                try:
                    Decimal(str(item[key]))
                except InvalidOperation:
                    raise ValueError(f"{key} “{item[key]}” không phải là số") from None
        currency = _text(item.get("currency")).upper() or Currency.VND
        if currency not in Currency.values:
            raise ValueError(f"đơn vị tiền “{currency}” không hợp lệ")
        channels.append(
            {
                "mode": mode,
                "time_limit": _none_or_str(item.get("time_limit")),
                "time_unit": unit,
                "time_note": _text(item.get("time_note"))[:500],
                "fee_amount": _none_or_str(item.get("fee_amount")),
                "currency": currency,
                "fee_note": _text(item.get("fee_note")),
                "description": _text(item.get("description")),
            }
        )
    documents = []
    for item in data.get("documents") or []:
        if not isinstance(item, dict) or not _text(item.get("name")):
            raise ValueError("mỗi giấy tờ cần có tên (name)")
        case = _text(item.get("case"))[:500]
        group_text = _text(item.get("group"))
        if group_text:
            group = _GROUPS_BY_FOLD.get(fold(group_text))
            if group is None:
                raise ValueError(
                    f"nhóm giấy tờ “{group_text[:40]}” không hợp lệ (chung, truong_hop, luu_y)"
                )
        else:
            # Older files: a named case was the only grouping.
            group = DocumentGroup.CASE if case else DocumentGroup.COMMON
        if group == DocumentGroup.CASE and not case:
            raise ValueError(
                f"giấy tờ “{_text(item['name'])[:40]}” thuộc một trường hợp nhưng thiếu case"
            )
        documents.append(
            {
                "group": group,
                "case": case,
                "name": _text(item.get("name")),
                "originals": _small_int(item.get("originals"), "originals"),
                "copies": _small_int(item.get("copies"), "copies"),
                "required": bool(item.get("required", True)),
                "note": _text(item.get("note")),
                "form_name": _text(item.get("form_name"))[:255],
            }
        )
    steps = [
        {"title": "", "description": _text(s)}
        if not isinstance(s, dict)
        else {"title": _text(s.get("title"))[:255], "description": _text(s.get("description"))}
        for s in data.get("steps") or []
    ]
    legal_basis = [
        {"number": _text(b)[:100], "title": ""}
        if not isinstance(b, dict)
        else {"number": _text(b.get("number"))[:100], "title": _text(b.get("title"))[:500]}
        for b in data.get("legal_basis") or []
    ]
    sets = data.get("number_of_sets")
    return ProcedureRecord(
        code=_text(data.get("code")),
        name=_text(data.get("name")),
        field=_text(data.get("field"))[:255],
        levels=levels,
        procedure_type=_text(data.get("procedure_type"))[:200],
        status=status,
        decision_number=_text(data.get("decision_number"))[:100],
        decision_date=_text(data.get("decision_date")),
        status_since=_text(data.get("status_since")),
        source_updated_on=_text(data.get("source_updated_on")),
        successor_code=_text(data.get("successor_code")),
        implementing_agencies=_list(data.get("implementing_agencies")),
        competent_agencies=_list(data.get("competent_agencies")),
        coordinating_agencies=_list(data.get("coordinating_agencies")),
        agency_note=_text(data.get("agency_note")),
        receiving_address=_text(data.get("receiving_address")),
        online_level=online,
        online_url=_text(data.get("online_url")),
        number_of_sets=None if sets in (None, "") else _small_int(sets, "number_of_sets"),
        applicants=_list(data.get("applicants")),
        requirements=_text(data.get("requirements")),
        results=_list(data.get("results")),
        life_situations=_list(data.get("life_situations")),
        summary=_text(data.get("summary")),
        source_url=_text(data.get("source_url")),
        steps=[s for s in steps if s["description"]],
        channels=channels,
        documents=documents,
        legal_basis=[b for b in legal_basis if b["number"]],
    )


def _none_or_str(value) -> str | None:
    return None if value in (None, "") else str(value)


def _small_int(value, name: str) -> int:
    if value in (None, ""):
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} “{value}” không phải là số nguyên") from None
    if not 0 <= number <= 1000:
        raise ValueError(f"{name} {number} nằm ngoài khoảng 0-1000")
    return number


def validate(record: ProcedureRecord) -> None:
    if not record.code:
        raise ValueError("thiếu mã thủ tục (code)")
    if not CODE_SHAPE.match(record.code):
        raise ValueError(f"mã thủ tục “{record.code[:50]}” không hợp lệ")
    if not record.name:
        raise ValueError("thiếu tên thủ tục (name)")
    for value, label in (
        (record.decision_date, "ngày quyết định"),
        (record.status_since, "ngày có hiệu lực của tình trạng (status_since)"),
        (record.source_updated_on, "ngày cập nhật nguồn (source_updated_on)"),
    ):
        if value:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(
                    f"{label} “{value[:20]}” phải là ngày có dạng YYYY-MM-DD"
                ) from None
    if record.status == ProcedureStatus.REPLACED and not record.successor_code:
        raise ValueError("thủ tục đã được thay thế cần mã thủ tục thay thế (successor_code)")
    check_fields(record)


# Page columns the import writes, checked by the model's own field validation (URLs, lengths,
# choices, numbers) before anything is written, so that a bad value is a reported line and
# never a traceback in the middle of the transaction.
_PAGE_FIELDS = (
    "title", "name", "slug", "listing_summary", "procedure_type", "status", "decision_number",
    "decision_date", "receiving_address", "online_level", "online_url", "number_of_sets",
    "requirements", "results", "source_url", "agency_note", "code",
)  # fmt: skip


class _NoVocabularies:
    """Stands in for _Vocabularies in the check phase: names are checked, nothing is made."""

    def get(self, kind, name):
        return None


def _strings(value, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{position}]")


def _field_errors(instance, names, where: str) -> None:
    from django.core.exceptions import ValidationError

    exclude = [f.name for f in instance._meta.fields if f.name not in names]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        value = str(getattr(instance, name, ""))[:60]
        raise ValueError(f"{where}{name} “{value}”: {' '.join(messages)}") from None


def check_fields(record: ProcedureRecord) -> None:
    """Every value of `record` as the models will store it, or ValueError naming the field."""
    from procedures_catalog.models import ProcedureChannel, ProcedurePage

    for path, text in _strings(dataclasses.asdict(record), ""):
        if "\x00" in text or any(ord(c) < 32 and c not in "\t\n\r" for c in text):
            raise ValueError(f"trường {path} chứa ký tự điều khiển (NUL...), không hợp lệ")
    page = ProcedurePage()
    _fill_fields(page, record, _NoVocabularies())
    _field_errors(page, _PAGE_FIELDS, "trường ")
    for position, channel in enumerate(record.channels, start=1):
        amounts = {}
        for key in ("time_limit", "fee_amount"):
            raw = channel[key]
            number = None if raw is None else Decimal(raw)
            if number is not None and not number.is_finite():
                raise ValueError(f"cách thức thứ {position}: {key} “{raw}” không phải là số")
            amounts[key] = number
        _field_errors(
            ProcedureChannel(
                mode=channel["mode"],
                time_unit=channel["time_unit"],
                currency=channel["currency"],
                time_note=channel["time_note"],
                **amounts,
            ),
            ("mode", "time_limit", "time_unit", "time_note", "fee_amount", "currency"),
            f"cách thức thứ {position}: ",
        )


# -- reading files -------------------------------------------------------------------------

CSV_LIST_COLUMNS = {
    "levels",
    "implementing_agencies",
    "competent_agencies",
    "coordinating_agencies",
    "applicants",
    "results",
    "life_situations",
    "legal_basis",
}


def read_records(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Iterator[tuple[int, dict | str]]:
    """(line number, raw dict or error text) for each record of a JSON Lines or CSV file."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ImportFileError(
            f"Tệp {path.name} nặng {size:,} byte, vượt giới hạn {max_bytes:,} byte; "
            "hãy chia nhỏ tệp hoặc dùng --max-bytes."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"Tệp {path.name} không phải văn bản UTF-8 ({error}).") from None
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "code" not in reader.fieldnames:
            raise ImportFileError("Tệp CSV cần dòng tiêu đề có cột “code”.")
        for row in reader:
            data: dict = {}
            for key, value in row.items():
                if key is None:
                    continue
                value = (value or "").strip()
                data[key] = _list(value) if key in CSV_LIST_COLUMNS else value
            yield reader.line_num, data
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"không đọc được JSON ({error.msg}, cột {error.colno})"
            continue
        if not isinstance(data, dict):
            yield number, "mỗi dòng phải là một đối tượng JSON"
            continue
        yield number, data


def parse_file(
    path: Path, max_bytes: int = MAX_FILE_BYTES
) -> tuple[list[tuple[int, ProcedureRecord]], list[RecordError]]:
    records: list[tuple[int, ProcedureRecord]] = []
    errors: list[RecordError] = []
    seen: dict[str, int] = {}
    for line, data in read_records(path, max_bytes):
        if isinstance(data, str):
            errors.append(RecordError(line, "", data))
            continue
        code = _text(data.get("code"))[:50]
        try:
            record = record_from_crawl(data) if is_crawl_record(data) else record_from_own(data)
            validate(record)
        except (ValueError, TypeError, AttributeError) as error:
            errors.append(RecordError(line, code, str(error)))
            continue
        if record.code in seen:
            errors.append(RecordError(line, code, f"mã đã xuất hiện ở dòng {seen[record.code]}"))
            continue
        seen[record.code] = line
        records.append((line, record))
    return records, errors


# -- writing pages -------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RecordError] = dc_field(default_factory=list)


class _Vocabularies:
    """Fields, levels, applicant types, agencies and life situations by name, made on demand."""

    def __init__(self):
        from agencies.models import Agency
        from procedures_catalog.models import ApplicantType, Field, Level, LifeSituation

        self.levels = Level.ensure_all()
        # Keyed by slug, so that names differing only in case or accents meet one row.
        self._stores = {
            kind: (model, {key: obj for obj in model.objects.all() for key in (obj.slug, obj.name)})
            for kind, model in (
                ("field", Field),
                ("applicant", ApplicantType),
                ("situation", LifeSituation),
                ("agency", Agency),
            )
        }

    def get(self, kind: str, name: str):
        from search.text import slug_for

        model, store = self._stores[kind]
        name = " ".join(name.split())
        if not name or len(name) > 255:
            return None
        if name in store:
            return store[name]
        slug = slug_for(name, kind)
        if slug not in store:
            extra = {"kind": "khac"} if kind == "agency" else {}
            store[slug] = model.objects.create(name=name, slug=slug, **extra)
        store[name] = store[slug]
        return store[slug]

    def many(self, kind: str, names: Iterable[str]) -> list:
        return [obj for obj in (self.get(kind, n) for n in names) if obj is not None]


def write_records(
    records: list[tuple[int, ProcedureRecord]],
    publish: bool = True,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportResult:
    """Create or update one page per record (by code), in one transaction."""
    from procedures_catalog.models import ProcedureIndexPage, ProcedurePage

    result = ImportResult()
    index = ProcedureIndexPage.objects.first()
    if index is None:
        raise ImportFileError("Chưa có trang danh mục thủ tục (/thu-tuc/); hãy tạo trang đó trước.")
    # The reference index would be rebuilt once per saved inline; do it once per page instead.
    # Both search indexes (ours and Wagtail's admin one) are written in bulk after commit.
    with bulk_indexing(), transaction.atomic(), disable_reference_index_auto_update():
        vocabularies = _Vocabularies()
        existing = {
            page.code: page
            for page in ProcedurePage.objects.child_of(index).only(
                "pk", "code", "import_hash", "live", "has_unpublished_changes"
            )
        }
        successors: list[tuple[int, str]] = []
        touched: list[int] = []
        for _line, record in progress(_successors_first(records)):
            digest = record.content_hash()
            current = existing.get(record.code)
            if (
                current is not None
                and current.import_hash == digest
                and (current.live or not publish)
                and not current.has_unpublished_changes
            ):
                result.unchanged += 1
                continue
            page = ProcedurePage.objects.get(pk=current.pk) if current is not None else None
            is_new = page is None
            if is_new:
                page = ProcedurePage(code=record.code)
            _fill_fields(page, record, vocabularies)
            # A replaced procedure must name its successor before it is saved (model clean()).
            if record.successor_code:
                if record.successor_code not in existing:
                    raise ImportFileError(
                        f"Mã {record.code}: không có thủ tục thay thế mã {record.successor_code}."
                    )
                page.successor = existing[record.successor_code]
            page.import_hash = digest
            if is_new:
                # Placed in the tree without its inlines and lists: they are written once, by
                # the publish below, instead of being inserted here and rewritten there.
                page.live = False
                index.add_child(instance=page)
                existing[record.code] = page
                result.created += 1
            else:
                result.updated += 1
            _fill_relations(page, record, vocabularies)
            revision = page.save_revision(log_action=True, clean=False)
            if publish:
                revision.publish(skip_permission_checks=True)
            touched.append(page.pk)
            if record.successor_code:
                successors.append((page.pk, record.successor_code))
        for page_id, successor_code in successors:
            successor = ProcedurePage.objects.filter(code=successor_code).first()
            if successor is None:
                code = ProcedurePage.objects.filter(pk=page_id).values_list("code", flat=True)
                raise ImportFileError(
                    f"Mã {code.first()}: không có thủ tục thay thế mã {successor_code}."
                )
            # The page as last saved (by the publish above, or as a draft revision).
            page = ProcedurePage.objects.get(pk=page_id)
            if not publish and page.latest_revision_id:
                page = page.get_latest_revision_as_object()
            if page.successor_id != successor.pk:
                ProcedurePage.objects.filter(pk=page.pk).update(successor=successor)
                page.successor = successor
                revision = page.save_revision(log_action=True, clean=False)
                if publish:
                    revision.publish(skip_permission_checks=True)
        for start in range(0, len(touched), 200):
            for page in ProcedurePage.objects.filter(pk__in=touched[start : start + 200]):
                ReferenceIndex.create_or_update_for_object(page)
    return result


def _successors_first(
    records: list[tuple[int, ProcedureRecord]],
) -> list[tuple[int, ProcedureRecord]]:
    """Order records so that a successor named in the file is written before what it replaces."""
    codes_in_file = {record.code for _line, record in records}
    ordered: list[tuple[int, ProcedureRecord]] = []
    placed: set[str] = set()
    remaining = list(records)
    while remaining:
        waiting = []
        for line, record in remaining:
            successor = record.successor_code
            if not successor or successor in placed or successor not in codes_in_file:
                ordered.append((line, record))
                placed.add(record.code)
            else:
                waiting.append((line, record))
        if len(waiting) == len(remaining):  # a cycle of replacements: keep the file's order
            ordered.extend(waiting)
            break
        remaining = waiting
    return ordered


def _fill_fields(page, record: ProcedureRecord, vocabularies: _Vocabularies) -> None:
    """The page's own columns (what a save of a new page needs)."""
    from procedures_catalog.models import slug_for_code

    page.code = record.code
    page.title = _shorten_title(record.name)
    page.name = record.name if len(record.name) > TITLE_MAX else ""
    page.slug = slug_for_code(record.code)
    page.listing_summary = record.summary
    page.field = vocabularies.get("field", record.field) if record.field else None
    page.procedure_type = record.procedure_type
    page.status = record.status
    page.decision_number = record.decision_number
    page.decision_date = _date(record.decision_date)
    page.status_since = _date(record.status_since)
    page.source_updated_on = _date(record.source_updated_on)
    page.receiving_address = record.receiving_address
    page.online_level = record.online_level
    page.online_url = record.online_url
    page.number_of_sets = record.number_of_sets
    page.requirements = record.requirements
    page.results = "\n".join(record.results)
    page.source_url = record.source_url
    long_agencies = [
        name
        for name in (*record.implementing_agencies, *record.competent_agencies)
        if len(name) > 255
    ]
    page.agency_note = "\n".join([record.agency_note, *long_agencies]).strip()


def _date(value: str):
    return datetime.date.fromisoformat(value) if value else None


def _fill_relations(page, record: ProcedureRecord, vocabularies: _Vocabularies) -> None:
    """The page's lists (levels, agencies, ...) and inlines (steps, channels, documents)."""
    from procedures_catalog.models import (
        ProcedureChannel,
        ProcedureLegalBasis,
        ProcedureStep,
        RequiredDocument,
    )
    from search.text import normalize_document_number

    page.levels = [vocabularies.levels[level] for level in record.levels]
    page.implementing_agencies = vocabularies.many("agency", record.implementing_agencies)
    page.competent_agencies = vocabularies.many("agency", record.competent_agencies)
    page.coordinating_agencies = vocabularies.many("agency", record.coordinating_agencies)
    page.applicants = vocabularies.many("applicant", record.applicants)
    page.life_situations = vocabularies.many("situation", record.life_situations)
    page.steps = [
        ProcedureStep(title=s["title"][:255], description=s["description"], sort_order=i)
        for i, s in enumerate(record.steps)
    ]
    page.channels = [
        ProcedureChannel(
            mode=c["mode"],
            time_limit=None if c["time_limit"] is None else Decimal(c["time_limit"]),
            time_unit=c["time_unit"],
            time_note=c["time_note"],
            fee_amount=None if c["fee_amount"] is None else Decimal(c["fee_amount"]),
            currency=c["currency"],
            fee_note=c["fee_note"],
            description=c["description"],
            sort_order=i,
        )
        for i, c in enumerate(record.channels)
    ]
    page.documents = [
        RequiredDocument(
            group=d.get("group") or (DocumentGroup.CASE if d["case"] else DocumentGroup.COMMON),
            case=d["case"],
            name=d["name"],
            originals=d["originals"],
            copies=d["copies"],
            is_required=d["required"],
            note=d["note"],
            form_name=d["form_name"],
            sort_order=i,
        )
        for i, d in enumerate(record.documents)
    ]
    page.legal_basis = [
        ProcedureLegalBasis(
            number=b["number"],
            title=b.get("title", ""),
            normalized_number=normalize_document_number(b["number"])[:100],
            sort_order=i,
        )
        for i, b in enumerate(record.legal_basis)
    ]
