"""One set of rules for every request parameter, applied before any view reads it.

Each section validates its own vocabulary (an unknown field, a year out of range) and answers
with its own message; what no section should have to think about is handled here, once:

- control characters (NUL above all: PostgreSQL refuses it in a string and the query fails),
- digits that are not 0-9 (``"²".isdigit()`` is true but ``int("²")`` fails),
- absurd lengths.

Free-text parameters (the search box) are cleaned instead of refused: a pasted control
character is dropped, the rest of the query still searches.
"""

from __future__ import annotations

import re
import unicodedata

# Parameters a person types freely; cleaned, never refused for their characters.
FREE_TEXT_PARAMS = frozenset({"q"})
MAX_NAME_LENGTH = 64
MAX_VALUE_LENGTH = 300
MAX_QUERY_STRING_LENGTH = 8192
MAX_PATH_LENGTH = 2048

# C0 and C1 controls, DEL; tab and newlines in free text become spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class BadParameter(ValueError):
    """A parameter no view should see; `message` is the Vietnamese explanation shown."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text))


def has_foreign_digit(text: str) -> bool:
    """True when `text` holds a digit or number sign other than 0-9 (², ٣, ½, Ⅳ)."""
    return any(
        not char.isascii() and unicodedata.category(char) in ("Nd", "No", "Nl") for char in text
    )


def printable(text: str, limit: int = 40) -> str:
    """`text` safe to quote back in a message: no control characters, cut to `limit`."""
    text = _CONTROL.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_free_text(value: str) -> str:
    return _CONTROL.sub(" ", value)


def check_value(name: str, value: str) -> None:
    """Raise BadParameter when `value` cannot be a value of the non-free parameter `name`."""
    label = printable(name)
    if has_control(value):
        raise BadParameter(f"Tham số “{label}” chứa ký tự điều khiển, không hợp lệ.")
    if has_foreign_digit(value):
        raise BadParameter(
            f"Giá trị “{printable(value)}” của tham số “{label}” không hợp lệ: "
            "chỉ dùng các chữ số 0-9."
        )
    if len(value) > MAX_VALUE_LENGTH:
        raise BadParameter(
            f"Giá trị của tham số “{label}” quá dài (tối đa {MAX_VALUE_LENGTH} ký tự)."
        )


def check_name(name: str) -> None:
    if has_control(name) or len(name) > MAX_NAME_LENGTH:
        raise BadParameter(f"Tên tham số “{printable(name)}” không hợp lệ.")


def clean_params(params):
    """A cleaned copy of the QueryDict `params`, or BadParameter for the first bad one.

    Returns None when nothing needed changing, so callers keep the original.
    """
    changed = False
    cleaned = params.copy()
    for name, values in params.lists():
        check_name(name)
        if name in FREE_TEXT_PARAMS:
            fixed = [clean_free_text(v) for v in values]
            if fixed != values:
                cleaned.setlist(name, fixed)
                changed = True
            continue
        for value in values:
            check_value(name, value)
    return cleaned if changed else None


def bad_path(path: str) -> bool:
    """A path no page, route or file can have: control characters or absurd length."""
    return has_control(path) or len(path) > MAX_PATH_LENGTH
