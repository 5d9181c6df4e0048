"""Reading one-stop offices (nơi tiếp nhận hồ sơ) from a JSON Lines file.

One object per line: `name`, `kind` (`trung_tam_tinh`, `mot_cua_xa`, `diem_tiep_nhan`),
`unit_code` (the administrative unit's code), and optionally `agency` (an agency's name),
`address`, `opening_hours`, `phone`, `email`, `latitude`, `longitude`, `note`. Offices are keyed
by name and unit: re-running a file updates them. Every line is checked before anything is
written; one bad line writes nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from administrative_units.models import AdministrativeUnit
from agencies.models import Agency, OfficeKind, OneStopOffice

FIELDS = ("address", "opening_hours", "phone", "email", "note")


class OfficeImportError(Exception):
    """The file cannot be imported; the message lists every bad line, in Vietnamese."""


def _decimal(value, name: str, line: int):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise OfficeImportError(f"dòng {line}: {name} “{value}” không phải là số") from None


def import_offices(path: Path) -> tuple[int, int]:
    """(created, updated) after writing every office of `path`, all or nothing."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise OfficeImportError(f"Tệp {path.name} không phải văn bản UTF-8.") from None
    units = {unit.code: unit for unit in AdministrativeUnit.objects.all()}
    offices, errors = [], []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise OfficeImportError(f"dòng {number}: mỗi dòng phải là một đối tượng JSON")
            unit = units.get(str(data.get("unit_code", "")).strip())
            if unit is None:
                raise OfficeImportError(
                    f"dòng {number}: không có đơn vị hành chính mã “{data.get('unit_code')}”"
                )
            if data.get("kind") not in OfficeKind.values:
                raise OfficeImportError(f"dòng {number}: loại “{data.get('kind')}” không hợp lệ")
            office = OneStopOffice(
                name=str(data.get("name", "")).strip(),
                kind=data["kind"],
                administrative_unit=unit,
                latitude=_decimal(data.get("latitude"), "vĩ độ", number),
                longitude=_decimal(data.get("longitude"), "kinh độ", number),
                **{key: str(data.get(key) or "").strip() for key in FIELDS},
            )
            office.full_clean(exclude=["agency"])
            offices.append((office, str(data.get("agency") or "").strip()))
        except json.JSONDecodeError as error:
            errors.append(f"dòng {number}: không đọc được JSON ({error.msg})")
        except ValidationError as error:
            messages = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            errors.append(f"dòng {number}: {messages}")
        except OfficeImportError as error:
            errors.append(str(error))
    if errors:
        raise OfficeImportError("\n".join(errors))
    created = updated = 0
    with transaction.atomic():
        for office, agency_name in offices:
            values = {
                field: getattr(office, field)
                for field in ("kind", *FIELDS, "latitude", "longitude")
            }
            values["agency"] = (
                Agency.objects.filter(name=agency_name).first() if agency_name else None
            )
            _, was_created = OneStopOffice.objects.update_or_create(
                name=office.name, administrative_unit=office.administrative_unit, defaults=values
            )
            created += was_created
            updated += not was_created
    return created, updated
