"""Every refusal of the API is JSON with a Vietnamese message, never an HTML page or a 500.

`ApiError` carries the section parsers' own messages (the same words the public lists show);
`validation_message` turns what the OpenAPI types refuse (a page number that is not a number, a
sort key that is not in the list) into the same kind of sentence.
"""

from __future__ import annotations

import re

from ninja import Schema

# How the request-level guard and the rate limit (base.middleware) recognise API requests,
# so that they answer in JSON too (settings.JSON_ERROR_PREFIXES).
API_PREFIX = "/api/"


class ErrorOut(Schema):
    status: int
    message: str
    errors: list[str]


# What the lists' messages add for a page that still shows; the API refuses the request instead.
_LIST_ONLY = re.compile(r"; (?:bộ lọc|điều kiện) này đã được bỏ qua|; đang hiển thị trang đầu")


class ApiError(Exception):
    def __init__(self, status: int, errors: list[str] | str):
        self.status = status
        errors = [errors] if isinstance(errors, str) else list(errors)
        self.errors = [_LIST_ONLY.sub("", error) for error in errors]
        super().__init__("; ".join(self.errors))

    def body(self) -> dict:
        return {"status": self.status, "message": " ".join(self.errors), "errors": self.errors}


NOT_FOUND = "Không tìm thấy dữ liệu theo địa chỉ này."

_REASONS = {
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "greater_than_equal": "nhỏ hơn giá trị nhỏ nhất cho phép",
    "less_than_equal": "lớn hơn giá trị lớn nhất cho phép",
    "literal_error": "không nằm trong danh sách giá trị cho phép",
    "enum": "không nằm trong danh sách giá trị cho phép",
    "missing": "là bắt buộc",
    "string_too_long": "quá dài",
    "string_pattern_mismatch": "không đúng dạng (xem tài liệu API)",
}


def validation_message(error: dict, params) -> str:
    """One sentence for one of pydantic's errors on a query or path parameter."""
    location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    name = location[-1] if location else "?"
    value = params.get(name, error.get("input"))
    reason = _REASONS.get(error.get("type", ""), "không hợp lệ")
    shown = f" “{str(value)[:40]}”" if isinstance(value, str | int) and value != "" else ""
    message = f"Tham số “{name}”{shown} {reason}"
    expected = (error.get("ctx") or {}).get("expected")
    if expected:
        message += f" (chọn một trong: {expected.replace(' or ', ', ')})"
    return message + "."


def responses(ok, *statuses: int, others: dict | None = None) -> dict:
    """An operation's documented answers: `ok` for 200, ErrorOut for the refusals it may give,
    and 429 for all (base.middleware.RateLimitMiddleware)."""
    return {200: ok, **(others or {}), **dict.fromkeys(statuses, ErrorOut), 429: ErrorOut}
