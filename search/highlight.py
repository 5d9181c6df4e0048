"""Snippets and titles with the matched words marked, for any engine that stores plain text.

The text is escaped first and only then wrapped in <mark>, so nothing the content or the
user typed can become markup. Matching is done on the folded text (`search.text.fold` keeps
one character per character of NFC Vietnamese), so "dang ky" marks "đăng ký".
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from search.text import fold

SNIPPET_LENGTH = 240


def _folded_alike(text: str, folded: str | None = None) -> str:
    """`fold(text)` with exactly one character per character of `text`."""
    if folded is None:
        folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold(char) or char)[:1] or char for char in text)


def _pattern(words: list[str]) -> re.Pattern | None:
    words = sorted({fold(w) for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def mark(text: str, words: list[str], folded: str | None = None) -> str:
    """Escape all of `text` and wrap the whole-word matches of `words` in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    pattern = _pattern(words)
    if pattern is None or not text:
        return escape(text)
    folded = _folded_alike(text, folded)
    out, last = [], 0
    for match in pattern.finditer(folded):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(
    text: str, words: list[str], folded: str | None = None, length: int = SNIPPET_LENGTH
) -> str:
    """A window of `text` around its first match, escaped, matches marked, with ellipses."""
    text = unicodedata.normalize("NFC", text or "")
    if not text:
        return ""
    folded = _folded_alike(text, folded)
    pattern = _pattern(words)
    first = pattern.search(folded) if pattern else None
    start = 0
    if first is not None and first.start() > length // 3:
        start = first.start() - length // 3
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 30 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    body = mark(text[start:end], words, folded[start:end])
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{body}{suffix}"
