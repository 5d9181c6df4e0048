"""Snippets and titles with the matched words marked, for any engine that stores plain text.

The text is escaped first and only then wrapped in <mark>, so nothing the content or the
user typed can become markup. Matching is done on the folded text (`search.text.fold` keeps
one character per character of NFC Vietnamese), so "dang ky" marks "đăng ký".
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from html import escape

from search.text import search_fold as fold

SNIPPET_LENGTH = 240
SCAN_LENGTH = 6000
SKIP_LENGTH = 400


def _folded_alike(text: str, folded: str | None = None) -> str:
    """`fold(text)` with exactly one character per character of `text`."""
    if folded is None:
        folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold(char) or char)[:1] or char for char in text)


def _pattern(words: list[str]) -> re.Pattern | None:
    return _compiled(tuple(words))


@lru_cache(maxsize=512)
def _compiled(words: tuple[str, ...]) -> re.Pattern | None:
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


# Where a sentence ends: a full stop, semicolon, question or exclamation mark before a space
# (not the dot of "1.001193"), or a line break.
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n")


def _best_sentence(folded: str, pattern: re.Pattern, skip: set[str]) -> re.Match | None:
    """The first match inside the sentence with the most distinct matched words (a title
    or summary repeated in the text does not count: the result shows them already).
    One pass of each regular expression over the text."""
    # The best sentence is looked for in the first SCAN_LENGTH characters (long procedure
    # texts), then anywhere if those have no match.
    matches = list(pattern.finditer(folded, 0, SCAN_LENGTH))
    if not matches:
        return pattern.search(folded)
    ends = [m.end() for m in _SENTENCE_END.finditer(folded, 0, SCAN_LENGTH)]
    sentences: dict[int, list[re.Match]] = {}
    for match in matches:
        sentences.setdefault(bisect.bisect_right(ends, match.start()), []).append(match)
    best, best_count = None, 0
    for index, found in sentences.items():
        start = ends[index - 1] if index > 0 else 0
        end = ends[index] if index < len(ends) else min(len(folded), SCAN_LENGTH)
        if skip and folded[start:end].strip(" \n.;") in skip:
            continue
        count = len({m.group(0) for m in found})
        if count > best_count:
            best, best_count = found[0], count
    return best


def snippet(
    text: str,
    words: list[str],
    folded: str | None = None,
    length: int = SNIPPET_LENGTH,
    skip: tuple[str, ...] = (),
) -> str:
    """A window of `text` around the sentence that matches best, escaped, matches marked,
    with ellipses; sentences equal to one of `skip` (the title, the summary) are passed over."""
    text = unicodedata.normalize("NFC", text or "")
    if not text:
        return ""
    folded = _folded_alike(text, folded)
    pattern = _pattern(words)
    skipped = {
        fold(unicodedata.normalize("NFC", s[:SKIP_LENGTH])).strip(" \n.;") for s in skip if s
    }
    first = _best_sentence(folded, pattern, skipped) if pattern else None
    start = 0
    if first is not None and first.start() > length // 3:
        # From the start of the match's sentence when it is near enough, else a word before.
        ends = list(
            _SENTENCE_END.finditer(folded, max(0, first.start() - length // 2), first.start())
        )
        if ends:
            start = ends[-1].end()
            while start < first.start() and text[start] in " \n":
                start += 1
        else:
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
