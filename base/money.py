"""Money as Vietnamese editors type it: "50.000", "50 000" or "50000" is fifty thousand đồng.

Django's DecimalField reads "50.000" as fifty and "100.00" as one hundred, and rejects
"50.000" with "no more than 2 decimal places" depending on the locale; editors of fees mean
thousands. `MoneyFormField` accepts dots or spaces between groups of three digits, a decimal
part only after a comma ("12,50" for foreign currencies), and an optional currency word; it
refuses ambiguous shapes ("100.00", "50,000") with a message saying how to type the amount,
and shows stored amounts back as "50.000". `MoneyField` is the model field that uses it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_CURRENCY_WORDS = re.compile(r"(?i)\s*(?:đồng|đ|vnđ|vnd|usd|\$)\s*$")
_GROUPED = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+(?:,\d{1,2})?$")

INVALID_MESSAGE = (
    "Số tiền chưa đúng. Nhập như 50.000, 50 000 hoặc 50000 (đồng); "
    "phần lẻ, nếu có, viết sau dấu phẩy, ví dụ 12,50."
)


def parse_money(text: str) -> Decimal | None:
    """The amount in `text`, or None when empty; ValidationError when it cannot be read."""
    value = " ".join((text or "").replace("\u00a0", " ").replace("\u202f", " ").split())
    value = _CURRENCY_WORDS.sub("", value).strip()
    if not value:
        return None
    if _GROUPED.match(value):
        value = re.sub(r"[.\s]", "", value)
    elif not _PLAIN.match(value):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the patterns only let digits through
        raise ValidationError(INVALID_MESSAGE, code="invalid") from exc


def format_money(amount) -> str:
    """50000 -> "50.000"; 12.5 -> "12,50"; None -> ""."""
    if amount in (None, ""):
        return ""
    amount = Decimal(str(amount))
    whole = f"{int(amount):,}".replace(",", ".")
    if amount == amount.to_integral_value():
        return whole
    return f"{whole},{f'{amount:.2f}'.split('.')[1]}"


class MoneyInput(forms.TextInput):
    def __init__(self, attrs=None):
        defaults = {"inputmode": "decimal", "placeholder": "Ví dụ: 50.000", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)):
            return format_money(value)
        return super().format_value(value)


class MoneyFormField(forms.DecimalField):
    widget = MoneyInput
    default_error_messages = {"invalid": INVALID_MESSAGE}

    def to_python(self, value):
        if isinstance(value, Decimal):
            return value
        return parse_money(str(value) if value is not None else "")

    def widget_attrs(self, widget):
        # Not a number input: browsers would refuse "50.000" before the server sees it.
        return {}


class MoneyField(models.DecimalField):
    """A DecimalField edited with `MoneyFormField`; stored exactly like a DecimalField."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})

    def deconstruct(self):
        # Migrations see a plain DecimalField: the difference is only in the form.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
