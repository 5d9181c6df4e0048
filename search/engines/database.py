"""The embedded engine: SQLite FTS5 in development, PostgreSQL full-text in production.

Entries live in `search.models.SearchEntry` (one per item) and `SearchFacet` (one per facet
value). Matching is on the folded text, so it is accent-insensitive; when the query has
diacritics, the exact spelling is matched too and adds to the score, so exact spellings
rank first. Document numbers and procedure codes match `normalized_number` exactly and get
a score that puts them before any text match. Everything runs in a handful of SQL queries
per search whatever the number of hits: one for the page, one for the kind counts, one for
the facet counts of the selected kind (plus one per facet being filtered on, so that its
other values keep their counts).

The SQL is assembled from fixed fragments (hence the `noqa: S608`); every value that comes
from a user or a document is passed as a query parameter, and FTS5 expressions quote every
word, so no input is read as SQL or FTS syntax.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterable
from itertools import islice

from django.db import connections, transaction

from search.documents import KIND_LEGAL_DOCUMENT, KIND_PROCEDURE, SearchDocument
from search.engines.base import (
    FACET_NAMES,
    FacetValue,
    Hit,
    ParsedQuery,
    Progress,
    SearchEngine,
    SearchQuery,
    SearchResults,
    Suggestion,
    clean_text,
    words_of,
)
from search.highlight import mark, snippet
from search.models import SearchEntry, SearchFacet
from search.text import fold, normalize_document_number

logger = logging.getLogger(__name__)
_ALL_WORDS = re.compile(r"\w+")

BATCH_SIZE = 500
MAX_BODY_LENGTH = 200_000
MAX_FACET_VALUES = 30
# A score no text match reaches: exact number or code matches come first.
NUMBER_SCORE = -1.0e9
# Suggestions: procedures first, then documents by number, then the rest.
SUGGEST_ORDER = (
    f"CASE e.kind WHEN '{KIND_PROCEDURE}' THEN 0 WHEN '{KIND_LEGAL_DOCUMENT}' THEN 1 ELSE 2 END"
)


def exact_token(word: str) -> str:
    """An ASCII token standing for one accented spelling ("đăng" -> "dang0<crc>").

    PostgreSQL's text parser splits non-ASCII words differently by server locale (C.UTF-8
    servers do not see "đăng" as a word), so exact spellings are indexed as these tokens.
    """
    return f"{fold(word)}0{zlib.crc32(word.encode()):x}"


def _facet_values(value) -> list[str]:
    values = value if isinstance(value, list | tuple | set) else [value]
    return [str(v).strip()[:300] for v in values if v not in (None, "") and str(v).strip()]


def entry_from_document(doc: SearchDocument) -> tuple[SearchEntry, list[tuple[str, str]]]:
    nfc = lambda s: unicodedata.normalize("NFC", str(s or ""))  # noqa: E731
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
    facets = {name: values for name, values in facets.items() if values}
    title = nfc(doc.title)
    summary = nfc(doc.summary)
    facet_text = " · ".join(v for values in facets.values() for v in values)
    body = "\n".join(p for p in (summary, nfc(doc.body), nfc(doc.number), facet_text) if p)
    body = body[:MAX_BODY_LENGTH]
    accented = {w.lower() for w in _words_all(f"{title} {body}") if fold(w) != w.lower()}
    entry = SearchEntry(
        key=doc.key,
        kind=doc.kind,
        url=doc.url or "",
        title=title,
        number=nfc(doc.number)[:200],
        normalized_number=normalize_document_number(doc.number or "")[:200],
        summary=summary,
        body=body,
        date=doc.date,
        facets=facets,
        extra=dict(doc.extra or {}),
        weight=float(doc.weight or 1.0),
        title_folded=fold(title),
        body_folded=fold(body),
        exact_terms=" ".join(sorted(exact_token(w) for w in accented)),
    )
    rows = [(name, value) for name, values in facets.items() for value in values]
    return entry, rows


def _words_all(text: str) -> list[str]:
    return _ALL_WORDS.findall(text)


def _batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _as_json(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return {}
    return value or {}


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, using: str = "default"):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    @property
    def vendor(self) -> str:
        return self.connection.vendor

    # -- writing -------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> int:
        count = 0
        with transaction.atomic(using=self.using):
            for batch in _batches(docs, BATCH_SIZE):
                keys = [doc.key for doc in batch]
                SearchEntry.objects.using(self.using).filter(key__in=keys).delete()
                count += self._insert(batch)
        return count

    def _insert(self, batch: list[SearchDocument]) -> int:
        # The last document with a key wins, as successive index() calls would.
        unique = {doc.key: doc for doc in batch}
        pairs = [entry_from_document(doc) for doc in unique.values()]
        entries = SearchEntry.objects.using(self.using).bulk_create([e for e, _ in pairs])
        facets = [
            SearchFacet(entry=entry, name=name[:40], value=value)
            for entry, (_, rows) in zip(entries, pairs, strict=True)
            for name, value in rows
        ]
        SearchFacet.objects.using(self.using).bulk_create(facets, batch_size=BATCH_SIZE * 4)
        return len(entries)

    def delete(self, keys: Iterable[str]) -> int:
        deleted = 0
        for batch in _batches(keys, BATCH_SIZE):
            deleted += (
                SearchEntry.objects.using(self.using)
                .filter(key__in=batch)
                .delete()[1]
                .get("search.SearchEntry", 0)
            )
        return deleted

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace every entry in one transaction: readers see the old index until commit."""
        count = 0
        with transaction.atomic(using=self.using):
            with self.connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_searchfacet")
                cursor.execute("DELETE FROM search_searchentry")
            for batch in _batches(docs, BATCH_SIZE):
                done = self._insert(batch)
                count += done
                if progress:
                    progress(done)
        return count

    def count(self) -> int:
        return SearchEntry.objects.using(self.using).count()

    def facet_values(self, name: str) -> set[str]:
        if name == "kind":
            qs = SearchEntry.objects.using(self.using).values_list("kind", flat=True)
        else:
            qs = SearchFacet.objects.using(self.using).filter(name=name)
            qs = qs.values_list("value", flat=True)
        return set(qs.distinct())

    # -- matching ------------------------------------------------------------------------

    def _match_sql(self, parsed: ParsedQuery) -> tuple[str, list]:
        """A subquery of (id, score) for the text; lower scores are better."""
        if self.vendor == "sqlite":
            sql, params = self._sqlite_match(parsed)
        elif self.vendor == "postgresql":
            sql, params = self._postgres_match(parsed)
        else:
            sql, params = self._like_match(parsed)
        if parsed.numbers:
            placeholders = ", ".join(["%s"] * len(parsed.numbers))
            number_sql = (
                f"SELECT id, {NUMBER_SCORE} AS score FROM search_searchentry "  # noqa: S608
                f"WHERE normalized_number IN ({placeholders})"
            )
            if sql:
                sql = (
                    f"SELECT id, MIN(score) AS score FROM ({sql} UNION ALL {number_sql}) u "  # noqa: S608
                    "GROUP BY id"
                )
                params = [*params, *parsed.numbers]
            else:
                sql, params = number_sql, list(parsed.numbers)
        return sql, params

    @staticmethod
    def _fts_group(terms: list[str], phrases: list[list[str]]) -> str:
        parts = [f'"{t}"' for t in terms] + ['"' + " ".join(p) + '"' for p in phrases]
        return " AND ".join(parts)

    def _sqlite_match(self, parsed: ParsedQuery) -> tuple[str, list]:
        folded = self._fts_group(parsed.folded_terms, parsed.folded_phrases)
        if not folded:
            return "", []
        expression = f"{{title_folded body_folded}} : ({folded})"
        if parsed.has_diacritics:
            exact = self._fts_group(parsed.terms, parsed.phrases)
            expression = f"{expression} OR {{title body}} : ({exact})"
        # Column weights: exact title, folded title, exact text, folded text.
        sql = (
            "SELECT rowid AS id, bm25(search_fts, 10.0, 8.0, 1.0, 0.8) AS score "
            "FROM search_fts WHERE search_fts MATCH %s"
        )
        return sql, [expression]

    @staticmethod
    def _tsquery_group(terms, phrases, suffix="") -> str:
        quote = lambda w: "'" + w.replace("'", "''").replace("\\", "") + "'" + suffix  # noqa: E731
        parts = [quote(t) for t in terms]
        parts += ["(" + " <-> ".join(quote(w) for w in p) + ")" for p in phrases]
        return " & ".join(parts)

    def _postgres_match(self, parsed: ParsedQuery) -> tuple[str, list]:
        match = self._tsquery_group(parsed.folded_terms, parsed.folded_phrases)
        if not match:
            return "", []
        rank = f"({match})"
        if parsed.has_diacritics:
            exact = [exact_token(w) for w in parsed.all_words if fold(w) != w]
            rank = " | ".join([rank, *(f"'{t}'" for t in exact)])
        sql = (
            "SELECT id, -ts_rank(document, to_tsquery('simple', %s)) AS score "
            "FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)"
        )
        return sql, [rank, match]

    def _like_match(self, parsed: ParsedQuery) -> tuple[str, list]:
        words = parsed.folded_terms + [" ".join(p) for p in parsed.folded_phrases]
        if not words:
            return "", []
        conditions = " AND ".join(["(title_folded LIKE %s OR body_folded LIKE %s)"] * len(words))
        params = [p for w in words for p in (f"%{w}%", f"%{w}%")]
        return f"SELECT id, 0.0 AS score FROM search_searchentry WHERE {conditions}", params  # noqa: S608

    @staticmethod
    def _filters_sql(query: SearchQuery, skip: str | None = None) -> tuple[list[str], list]:
        where, params = [], []
        if query.kind and skip != "kind":
            where.append(f"e.kind IN ({', '.join(['%s'] * len(query.kind))})")
            params += query.kind
        for name, values in sorted(query.filters.items()):
            if name == skip:
                continue
            where.append(
                "e.id IN (SELECT entry_id FROM search_searchfacet WHERE name = %s "  # noqa: S608
                f"AND value IN ({', '.join(['%s'] * len(values))}))"
            )
            params += [name, *values]
        if query.date_from:
            where.append("e.date >= %s")
            params.append(query.date_from)
        if query.date_to:
            where.append("e.date <= %s")
            params.append(query.date_to)
        return where, params

    # -- searching -----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = SearchResults(page=query.page, page_size=query.page_size, engine=self.name)
        match_sql, match_params = self._match_sql(parsed)
        if not parsed.is_empty and not match_sql:
            return results
        if match_sql:
            source = f"({match_sql}) m JOIN search_searchentry e ON e.id = m.id"
            score = "m.score * e.weight"
        else:
            source, match_params = "search_searchentry e", []
            score = "-e.weight"  # no text: heavier items first, then the newest

        def run(select, where, params, tail="", join=""):
            sql = f"SELECT {select} FROM {source}{join}"  # noqa: S608
            if where:
                sql += " WHERE " + " AND ".join(where)
            with self.connection.cursor() as cursor:
                cursor.execute(sql + tail, [*match_params, *params])
                return cursor.fetchall()

        # Kinds: counted without the kind filter, so every kind stays choosable.
        where, params = self._filters_sql(query, skip="kind")
        kind_counts = run("e.kind, COUNT(*)", where, params, " GROUP BY e.kind")
        results.facets["kind"] = sorted(
            (FacetValue(k, n, k in query.kind) for k, n in kind_counts),
            key=lambda f: (-f.count, f.value),
        )
        results.total = sum(n for k, n in kind_counts if not query.kind or k in query.kind)

        if results.total and query.offset < results.total:
            where, params = self._filters_sql(query)
            if query.sort == "date":
                order = f"e.date DESC NULLS LAST, {score}, e.id"
            else:
                order = f"{score}, e.date DESC NULLS LAST, e.id"
            rows = run(
                "e.id, e.key, e.kind, e.url, e.title, e.title_folded, e.number, e.summary, "
                f"e.date, e.facets, e.extra, {score}, e.body, e.body_folded, "
                "e.normalized_number",
                where,
                params,
                f" ORDER BY {order} LIMIT {int(query.page_size)} OFFSET {int(query.offset)}",
            )
            words = parsed.all_words
            for row in rows:
                (_, key, kind, url, title, title_folded, number, summary, date, facets, extra,
                 hit_score, body, body_folded, normalized_number) = row  # fmt: skip
                results.hits.append(
                    Hit(
                        key=key,
                        kind=kind,
                        url=url,
                        title=title,
                        number=number,
                        date=_as_date(date),
                        title_html=mark(title, words, title_folded),
                        snippet=snippet(body, words, body_folded)
                        if words
                        else snippet(summary, []),
                        extra=_as_json(extra),
                        facets=_as_json(facets),
                        score=float(hit_score or 0.0),
                        exact_number=bool(
                            normalized_number and normalized_number in parsed.numbers
                        ),
                    )
                )

        if len(query.kind) == 1 and results.total:
            results.facets.update(self._facet_counts(query, run))
        return results

    def _facet_counts(self, query: SearchQuery, run) -> dict[str, list[FacetValue]]:
        join = " JOIN search_searchfacet f ON f.entry_id = e.id"
        counts: dict[str, dict[str, int]] = {}
        where, params = self._filters_sql(query)
        select = "f.name, f.value, COUNT(*)"
        tail = " GROUP BY f.name, f.value"
        rows = run(select, where, params, tail, join)
        for name, value, n in rows:
            if name not in query.filters:
                counts.setdefault(name, {})[value] = n
        for name in query.filters:
            where, params = self._filters_sql(query, skip=name)
            rows = run(select, ["f.name = %s", *where], [name, *params], tail, join)
            counts[name] = {value: n for _, value, n in rows}
        facets = {}
        for name, values in counts.items():
            if name not in FACET_NAMES:
                continue
            selected = set(query.filters.get(name, []))
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
            shown = [FacetValue(v, n, v in selected) for v, n in ordered[:MAX_FACET_VALUES]]
            shown += [
                FacetValue(v, n, True) for v, n in ordered[MAX_FACET_VALUES:] if v in selected
            ]
            facets[name] = shown
        return facets

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        text = clean_text(prefix)
        words = [fold(w) for w in words_of(text)]
        if len("".join(words)) < 2:
            return []
        found: dict[str, Suggestion] = {}

        def add(rows):
            for title, url, kind, number, key in rows:
                if key not in found and len(found) < limit:
                    found[key] = Suggestion(title=title, url=url, kind=kind, number=number)

        with self.connection.cursor() as cursor:
            if text[:1].isdigit():
                number = normalize_document_number(text)
                cursor.execute(
                    "SELECT e.title, e.url, e.kind, e.number, e.key FROM search_searchentry e "  # noqa: S608
                    "WHERE e.normalized_number >= %s AND e.normalized_number < %s "
                    f"ORDER BY {SUGGEST_ORDER}, e.normalized_number LIMIT {int(limit)}",
                    [number, number + "\uffff"],
                )
                add(cursor.fetchall())
            if len(found) < limit:
                sql, params = self._suggest_match(words)
                if sql:
                    cursor.execute(sql.format(limit=int(limit)), params)
                    add(cursor.fetchall())
        return list(found.values())

    def _suggest_match(self, words: list[str]) -> tuple[str, list]:
        select = "SELECT e.title, e.url, e.kind, e.number, e.key"
        if self.vendor == "sqlite":
            parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}" *']
            expression = "{title_folded} : (" + " AND ".join(parts) + ")"
            return (
                f"{select} FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s ORDER BY {SUGGEST_ORDER}, search_fts.rank, e.id "
                "LIMIT {limit}",
                [expression],
            )
        if self.vendor == "postgresql":
            quote = lambda w: "'" + w.replace("'", "''") + "'"  # noqa: E731
            parts = [f"{quote(w)}:A" for w in words[:-1]] + [f"{quote(words[-1])}:*A"]
            return (
                f"{select} FROM search_searchentry e "
                "WHERE e.document @@ to_tsquery('simple', %s) "
                f"ORDER BY {SUGGEST_ORDER}, length(e.title), e.id LIMIT {{limit}}",
                [" & ".join(parts)],
            )
        return (
            f"{select} FROM search_searchentry e WHERE e.title_folded LIKE %s "
            f"ORDER BY {SUGGEST_ORDER}, e.id LIMIT {{limit}}",
            ["%" + " ".join(words) + "%"],
        )
