"""Readable revision comparisons in the admin for fields Wagtail shows raw.

Wagtail's default comparison prints values as Python gives them and runs the old and new
value together: a fee changed from 100000.00 to 50000 reads "100000.0050000", a checkbox
"TrueFalse". Here numbers are formatted the Vietnamese way (100.000), yes/no is "Có"/"Không",
dates dd/mm/yyyy, an empty value "(trống)", and an arrow stands between old and new.
Text, rich text and StreamField keep Wagtail's word-level diffs.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import models
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail.admin.compare import (
    FieldComparison,
    ForeignObjectComparison,
    M2MFieldComparison,
    register_comparison_class,
)

from base.money import MoneyField, format_money

EMPTY = "(trống)"


def readable(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(field, MoneyField):
        return format_money(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral_value() else value
        return number_format(value, force_grouping=True)
    if isinstance(value, (int, float)):
        return number_format(value, force_grouping=True)
    if isinstance(value, datetime.datetime):
        return (
            localtime(value).strftime("%d/%m/%Y %H:%M")
            if value.tzinfo
            else f"{value:%d/%m/%Y %H:%M}"
        )
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def old_to_new(old: str, new: str):
    return format_html(
        '<span class="deletion">{}</span> → <span class="addition">{}</span>', old, new
    )


class ReadableFieldComparison(FieldComparison):
    def htmldiff(self):
        old, new = readable(self.field, self.val_a), readable(self.field, self.val_b)
        if self.val_a == self.val_b:
            return old
        return old_to_new(old, new)


class ReadableForeignObjectComparison(ForeignObjectComparison):
    def htmldiff(self):
        obj_a, obj_b = self.get_objects()
        old = str(obj_a) if obj_a else EMPTY
        new = str(obj_b) if obj_b else EMPTY
        if obj_a == obj_b:
            return old
        return old_to_new(old, new)


def register():
    # models.Field is the fallback for every field type Wagtail has no comparison for
    # (numbers, booleans, dates...); its own text, rich text and StreamField classes stay.
    register_comparison_class(models.Field, comparison_class=ReadableFieldComparison)
    register_comparison_class(models.ForeignKey, comparison_class=ReadableForeignObjectComparison)
    # Wagtail picks its many-to-many comparison only when the registry has nothing for a
    # field; with models.Field registered it must be named again.
    register_comparison_class(models.ManyToManyField, comparison_class=M2MFieldComparison)
