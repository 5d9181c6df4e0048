"""Numbers the Vietnamese way: 2.084 for thousands, 83,93% for rates."""

from __future__ import annotations

from decimal import Decimal

NO_RATE = "–"


def vn_number(value: int | None) -> str:
    if value is None:
        return NO_RATE
    return f"{value:,}".replace(",", ".")


def vn_decimal(value: Decimal | float | None, places: int = 2) -> str:
    if value is None:
        return NO_RATE
    whole, _, fraction = f"{value:,.{places}f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def vn_percent(value: Decimal | None) -> str:
    return NO_RATE if value is None else f"{vn_decimal(value)}%"
