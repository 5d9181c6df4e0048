"""Vietnamese collation: one sort key for Python, the same order in SQLite and PostgreSQL.

The order is the dictionary's (and CLDR's `vi` collation, which PostgreSQL's ICU collation
"vi-x-icu" implements): letters first, a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
(f j w z of loanwords in their Latin places), ignoring tones and case; then tones, none <
huyền < hỏi < ngã < sắc < nặng; then case, small before capital. Spaces and punctuation sort
before digits, digits before letters, so "An Giang" comes before "Anh".

- Python: `sorted(names, key=sort_key)` (vocabularies, facets, exports built in memory).
- The ORM: `queryset.order_by(VietnameseCollate("title"), "pk")`. On PostgreSQL it is
  `COLLATE "vi-x-icu"`; on SQLite it is the collation `vi`, which `register_sqlite_collation`
  (connected in `BaseConfig.ready`) installs on every connection using `sort_key` itself.
"""

from __future__ import annotations

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

# Letters that differ from their base letter by a mark that is part of the letter, not a tone.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

PRIMARY_SPACE, PRIMARY_PUNCTUATION, PRIMARY_DIGIT, PRIMARY_LETTER, PRIMARY_OTHER = range(5)
POSTGRESQL_COLLATION = "vi-x-icu"
SQLITE_COLLATION = "vi"


def _units(text: str):
    """(letter or character, tone rank, is capital) for each character of `text`."""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter = base.lower()
        for mark in marks:
            if mark in _TONE_RANK:
                tone = _TONE_RANK[mark]
            elif mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", letter + mark)
        yield letter, tone, base != base.lower()


def _primary(letter: str) -> tuple[int, int]:
    if letter in _LETTER_RANK:
        return PRIMARY_LETTER, _LETTER_RANK[letter]
    if letter.isdigit():
        return PRIMARY_DIGIT, int(letter) if letter.isascii() else ord(letter)
    if letter.isspace():
        return PRIMARY_SPACE, 0
    if unicodedata.category(letter)[0] in "PSZC":
        return PRIMARY_PUNCTUATION, ord(letter)
    return PRIMARY_OTHER, ord(letter)


@functools.lru_cache(maxsize=65536)
def sort_key(text: str | None) -> tuple:
    """The key that sorts Vietnamese text as a dictionary does, case-insensitively.

    Three strings compared in turn: the letters (each a class and a rank, as two code
    points), the tones, the capitals. Strings rather than tuples of tuples: a process keeps
    tens of thousands of these keys cached (every catalogue title), and one object per part
    instead of one per character keeps the garbage collector's passes short.
    """
    units = list(_units((text or "").strip()))
    return (
        "".join(chr(kind) + chr(rank) for kind, rank in map(_primary, (u[0] for u in units))),
        "".join(chr(tone) for _, tone, _ in units),
        "".join("1" if capital else "0" for _, _, capital in units),
    )


def sorted_vi(items, key=lambda item: item):
    """`items` sorted by the Vietnamese collation of `key(item)` (default: the item itself)."""
    return sorted(items, key=lambda item: sort_key(str(key(item) or "")))


def compare(left: str, right: str) -> int:
    """-1, 0 or 1, as SQLite's collation callback must return."""
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


class VietnameseCollate(Collate):
    """`expression COLLATE <Vietnamese>` on PostgreSQL and SQLite; plain elsewhere."""

    def __init__(self, expression):
        if isinstance(expression, str):
            expression = F(expression)
        super().__init__(expression, SQLITE_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = SQLITE_COLLATION
        return Collate.as_sql(self, compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(POSTGRESQL_COLLATION)
        return Collate.as_sql(self, compiler, connection, **extra_context)

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def register_sqlite_collation(sender, connection, **kwargs):
    """`connection_created` receiver: teach each SQLite connection the collation `vi`."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, compare)
