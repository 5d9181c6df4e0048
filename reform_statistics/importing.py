"""Reading dossier statistics from a CSV or XLSX file (see IMPORT.md for the template).

Every row is checked before anything is written, and each problem is reported with its line
and column in Vietnamese. One bad row writes nothing unless `skip_invalid` is set, in which
case the good rows are written and the bad ones reported. Rows are keyed by agency, commune
and period: importing the same file again updates them instead of adding copies.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from administrative_units.models import AdministrativeUnit
from agencies.models import Agency
from reform_statistics.models import (
    COUNT_FIELDS,
    AgencyStatistics,
    DossierStatistics,
    PeriodKind,
    mixed_scope_message,
)

# Column in the file -> model field, in template order.
COUNT_COLUMNS = {
    "tiep_nhan_truc_tiep": "received_in_person",
    "tiep_nhan_truc_tuyen": "received_online",
    "tiep_nhan_buu_chinh": "received_by_post",
    "giai_quyet_dung_han": "resolved_on_time",
    "giai_quyet_tre_han": "resolved_late",
    "dang_giai_quyet_trong_han": "in_progress_on_time",
    "dang_giai_quyet_qua_han": "in_progress_late",
    "tra_lai_rut_ho_so": "returned_or_withdrawn",
    "thu_xin_loi": "apology_letters",
}
REQUIRED_COLUMNS = ("co_quan", "loai_ky", "nam", "ky", *COUNT_COLUMNS)
OPTIONAL_COLUMNS = ("ma_xa", "nguon")
COLUMNS = (*REQUIRED_COLUMNS[:4], "ma_xa", *COUNT_COLUMNS, "nguon")
FIELD_COLUMNS = {
    "period_kind": "loai_ky",
    "year": "nam",
    "number": "ky",
    **{model_field: column for column, model_field in COUNT_COLUMNS.items()},
}
assert set(COUNT_COLUMNS.values()) == set(COUNT_FIELDS)


THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


class StatisticsImportError(Exception):
    """The file cannot be read at all (format, header); the message is in Vietnamese."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) for each non-empty row; line 1 is the header."""
    return read_table(path.read_bytes(), path.name)


def read_table(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of a file's content (an uploaded file, or one on disk); see `read_rows`."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StatisticsImportError(f"Tệp {name} không phải văn bản UTF-8.") from None
        table = list(csv.reader(io.StringIO(text)))
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            table = [
                ["" if cell is None else str(cell) for cell in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception:  # openpyxl raises many kinds for a damaged file
            raise StatisticsImportError(f"Không mở được tệp Excel {name}.") from None
    else:
        raise StatisticsImportError("Chỉ nhận tệp .csv hoặc .xlsx.")
    if not table:
        raise StatisticsImportError(f"Tệp {name} trống.")
    header = [name.strip().lower() for name in table[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise StatisticsImportError("Dòng 1: thiếu cột " + ", ".join(missing) + ".")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(str(cell).strip() for cell in cells):
            continue
        rows.append(
            (number, {name: str(cell).strip() for name, cell in zip(header, cells, strict=False)})
        )
    return rows


def _integer(text: str, column: str) -> int:
    if text == "":
        return 0 if column in COUNT_COLUMNS else None
    # 2.084 written the Vietnamese way; 12.0 as Excel may store a count.
    cleaned = text.replace(".", "") if THOUSANDS.fullmatch(text) else text.removesuffix(".0")
    try:
        return int(cleaned)
    except ValueError:
        raise ValueError(f"cột {column}: “{text}” không phải số nguyên") from None


def _build(line: int, data: dict, agencies: dict, units: dict) -> DossierStatistics:
    problems = []
    agency = agencies.get(data.get("co_quan", "").casefold())
    if agency is None:
        problems.append(f"cột co_quan: không có cơ quan “{data.get('co_quan', '')}”")
    unit = None
    if data.get("ma_xa"):
        unit = units.get(data["ma_xa"])
        if unit is None:
            problems.append(f"cột ma_xa: không có xã, phường mã “{data['ma_xa']}”")
    kind = data.get("loai_ky", "").lower()
    if kind not in PeriodKind.values:
        problems.append(f"cột loai_ky: “{data.get('loai_ky', '')}” phải là thang, quy hoặc nam")
    values = {}
    for column in ("nam", "ky", *COUNT_COLUMNS):
        try:
            values[column] = _integer(data.get(column, ""), column)
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ValueError("; ".join(problems))
    row = DossierStatistics(
        agency=agency,
        administrative_unit=unit,
        period_kind=kind,
        year=values["nam"],
        number=values["ky"] if values["ky"] is not None else 1,
        source=data.get("nguon", "")[:200],
        **{model_field: values[column] for column, model_field in COUNT_COLUMNS.items()},
    )
    try:
        row.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                f"cột {FIELD_COLUMNS.get(name, name)}: {' '.join(messages)}"
                for name, messages in error.message_dict.items()
            )
        ) from None
    return row


def check_rows(rows) -> tuple[list[tuple[int, DossierStatistics]], list[str]]:
    """(good rows as unsaved objects with their lines, Vietnamese messages for the bad ones)."""
    agencies = {}
    for agency in Agency.objects.all():
        for name in (agency.name, agency.short_name, agency.slug):
            if name:
                agencies.setdefault(name.casefold(), agency)
    units = {unit.code: unit for unit in AdministrativeUnit.objects.all()}
    # (agency, period) -> {is a commune row: first line} of the file, and the scopes stored:
    # one agency's period is one whole-agency row or commune rows, never both.
    stored: dict[tuple, set[bool]] = {}
    for *period, unit_id in DossierStatistics.objects.values_list(
        "agency_id", "period_kind", "year", "number", "administrative_unit_id"
    ):
        stored.setdefault(tuple(period), set()).add(unit_id is not None)
    scopes: dict[tuple, dict[bool, int]] = {}
    good, errors, seen = [], [], {}
    for line, data in rows:
        try:
            row = _build(line, data, agencies, units)
            key = (row.agency_id, row.administrative_unit_id, row.period_kind, row.year, row.number)
            if key in seen:
                raise ValueError(f"trùng cơ quan và kỳ với dòng {seen[key]}")
            period = (row.agency_id, row.period_kind, row.year, row.number)
            commune_row = row.administrative_unit_id is not None
            other_line = scopes.get(period, {}).get(not commune_row)
            if other_line is not None:
                scope = "toàn cơ quan" if commune_row else "theo xã, phường"
                raise ValueError(
                    f"cột ma_xa: dòng {other_line} đã có số liệu {scope} của cơ quan này cho "
                    "cùng kỳ; một kỳ chỉ nhập toàn cơ quan hoặc theo từng xã, phường, để hồ "
                    "sơ không bị tính hai lần"
                )
            if (not commune_row) in stored.get(period, set()):
                raise ValueError(f"cột ma_xa: {mixed_scope_message(commune_row, row.period_label)}")
            seen[key] = line
            scopes.setdefault(period, {}).setdefault(commune_row, line)
            good.append((line, row))
        except ValueError as error:
            errors.append(f"Dòng {line}: {str(error).rstrip('.')}.")
    return good, errors


def write_rows(good: list[DossierStatistics], result: ImportResult, user=None) -> None:
    """Create or update each row (keyed by agency, commune and period) in one transaction.

    Every row written is live: the file was approved (review.py) or imported by the command.
    """
    with transaction.atomic():
        for row in good:
            values = {name: getattr(row, name) for name in (*COUNT_FIELDS, "source")}
            existing = DossierStatistics.objects.filter(
                agency=row.agency,
                administrative_unit=row.administrative_unit,
                period_kind=row.period_kind,
                year=row.year,
                number=row.number,
            ).first()
            if existing is None:
                row.live = True
                row.save()
                result.created += 1
            else:
                for name, value in values.items():
                    setattr(existing, name, value)
                _publish(existing, user)
                result.updated += 1
        agency_ids = {row.agency_id for row in good}
        transaction.on_commit(lambda: reindex_agencies(agency_ids))


def _publish(row: DossierStatistics, user) -> None:
    """Save `row`'s new values as published.

    A row never edited in the admin is simply saved. One that was keeps its history: the
    imported values become a revision, published at once, and a change of it waiting for
    review is withdrawn, since the approved file supersedes it (it would otherwise overwrite
    the imported values when approved later).
    """
    if row.latest_revision_id is None:
        row.live = True
        row.save()
        return
    workflow_state = row.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel(user=user)
    revision = row.save_revision(user=user, clean=False, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


def reindex_agencies(agency_ids) -> None:
    """The agencies' statistics pages changed: update their search documents."""
    from search.indexing import update_instances

    update_instances(AgencyStatistics.objects.filter(pk__in=agency_ids))


def import_rows(rows, *, skip_invalid: bool = False) -> ImportResult:
    good, errors = check_rows(rows)
    result = ImportResult(errors=errors)
    if errors and not skip_invalid:
        return result
    write_rows([row for _, row in good], result)
    return result


def import_statistics(path: Path, *, skip_invalid: bool = False) -> ImportResult:
    return import_rows(read_rows(path), skip_invalid=skip_invalid)
