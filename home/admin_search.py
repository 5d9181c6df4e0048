"""Wagtail's admin search, made to find Vietnamese content the way editors type.

Editors type without diacritics ("dang ky khai sinh"), type numbers in any spelling
("12/QĐ-UBND", "12/qd-ubnd", "12 QD UBND") and codes with or without the dot ("2.000720",
"2000720"). Wagtail's database search backend matches words as its database tokenises them,
which differs between SQLite and PostgreSQL and keeps "đ" apart from "d". So both sides are
reduced to the same plain form here:

- models index `admin_search_text` (the title folded by `search.text.fold`, punctuation
  turned into spaces) and `admin_search_number` (numbers and codes the same way, codes also
  without their dots);
- `SearchBackend` (set in WAGTAILSEARCH_BACKENDS) folds every query the same way and matches
  all of its words, so "12/QĐ-UBND" looks for "12", "qd" and "ubnd" in the folded text.

Snippet viewsets of indexed models set no `search_fields`: a field list makes the backend
search only those columns, which misses `admin_search_text` (and fails outright on SQLite's
full-text table, "no such column: name").

Images, documents and users keep their own search fields and are searched as typed (on
SQLite most diacritics still fold, "đ" does not). The public search (`search` app) has its
own engines and is not affected.
"""

from __future__ import annotations

import re

from modelsearch.backends import database
from modelsearch.query import Boost, Fuzzy, Phrase, PlainText
from wagtail.models import Page
from wagtail.search import index

from search.text import fold, normalize_document_number

_NOT_WORD = re.compile(r"[^\w]+")


def plain_words(text: str) -> str:
    """Folded words separated by single spaces: "Số 12/QĐ-UBND" -> "so 12 qd ubnd"."""
    return " ".join(_NOT_WORD.sub(" ", fold(text or "").replace("_", " ")).split())


def number_words(number: str) -> str:
    """The words of a document number or procedure code, the code also without its dots."""
    key = normalize_document_number(number)
    if not key:
        return ""
    words = plain_words(key)
    joined = re.sub(r"(?<=\d)\.(?=\d)", "", key)
    if joined != key:
        words += " " + plain_words(joined)
    return words


def admin_text(*texts: str, numbers: tuple[str, ...] = ()) -> str:
    parts = [plain_words(text) for text in texts if text]
    parts += [number_words(number) for number in numbers if number]
    return " ".join(part for part in parts if part)


class AdminSearchable:
    """Adds `admin_search_text` to a model's search fields: its folded title and numbers.

    Subclasses say what to fold with `admin_search_texts()` and `admin_search_numbers()`.
    """

    def admin_search_texts(self) -> tuple[str, ...]:
        return (str(self),)

    def admin_search_numbers(self) -> tuple[str, ...]:
        return ()

    def admin_search_text(self) -> str:
        return admin_text(*self.admin_search_texts())

    def admin_search_number(self) -> str:
        return admin_text(numbers=self.admin_search_numbers())

    # The number weighs more where the backend supports field boosts (PostgreSQL's search(),
    # not autocomplete(), which the page search and choosers use; not SQLite), so ranking the
    # document itself above those citing it is not guaranteed in the admin.
    admin_search_fields = [
        index.SearchField("admin_search_text"),
        index.SearchField("admin_search_number", boost=5),
        index.AutocompleteField("admin_search_text"),
        index.AutocompleteField("admin_search_number"),
    ]


# Words editors put before a number or code ("TTHC 1.001193", "thủ tục 2000720", "mã ...",
# "văn bản số 12/QĐ-UBND"): no item holds them, and every word must match.
_NUMBER_PREFIX = re.compile(
    r"^(?:(?:tthc|thu tuc|ma|ma so|van ban|so|so hieu|ky hieu)\s+)+(?=\S*\d)"
)


def normalize_query(query):
    """The query as the index holds text: folded words; compound queries part by part."""
    if isinstance(query, str):
        folded = " ".join(plain_words(word) for word in query.split())
        return _NUMBER_PREFIX.sub("", folded) or folded or query
    if isinstance(query, PlainText):
        folded = normalize_query(query.query_string)
        return PlainText(folded, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(normalize_query(query.query_string))
    if isinstance(query, Fuzzy):
        return Fuzzy(normalize_query(query.query_string), operator=query.operator)
    if isinstance(query, Boost):
        return Boost(normalize_query(query.subquery), query.boost)
    if hasattr(query, "subqueries"):
        return type(query)([normalize_query(sub) for sub in query.subqueries])
    if hasattr(query, "subquery"):
        return type(query)(normalize_query(query.subquery))
    return query


def indexes_folded_text(model_or_queryset) -> bool:
    """Pages and AdminSearchable models index folded text; others (images, documents, users)
    only text as written, which a folded query would miss on PostgreSQL."""
    model = getattr(model_or_queryset, "model", model_or_queryset)
    return issubclass(model, (AdminSearchable, Page))


class FoldedQueries:
    """Mixed into Wagtail's database backend: fold queries, match every word by default."""

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if indexes_folded_text(model_or_queryset):
            query = normalize_query(query)
        return super().search(query, model_or_queryset, fields, operator or "and", **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if indexes_folded_text(model_or_queryset):
            query = normalize_query(query)
        return super().autocomplete(query, model_or_queryset, fields, operator or "and", **kwargs)


def SearchBackend(params):
    """Wagtail's database backend for this database (SQLite, PostgreSQL...), folding queries."""
    backend_class = type(database.SearchBackend(params))
    folded_class = type(f"Folded{backend_class.__name__}", (FoldedQueries, backend_class), {})
    return folded_class(params)
