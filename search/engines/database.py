"""The embedded engine: SQLite FTS5 in development, PostgreSQL full-text in production.

Entries live in `search.models.SearchEntry` (one per item) and `SearchFacet` (one per facet
value). Matching is on the folded text, so it is accent-insensitive; when the query has
diacritics, the exact spelling is matched too and adds to the score, so exact spellings
rank first. Document numbers and procedure codes match `normalized_number` exactly and get
a score that puts them before any text match. A search runs the text match once, fetching
only narrow columns (kind, date, weight, facet pairs) of every match; the total, the kind
counts, the facet counts (each facet counted with every filter but its own) and the page
order are computed from those rows, then one query loads the page's hits. Very broad
queries (more than RANK_LIMIT matches) rank title matches first instead of running BM25 over
every match (search/README.md).

The SQL is assembled from fixed fragments (hence the `noqa: S608`); every value that comes
from a user or a document is passed as a query parameter, and FTS5 expressions quote every
word, so no input is read as SQL or FTS syntax.
"""

from __future__ import annotations

import datetime
import heapq
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
# Above this many text matches, BM25 over every match costs more than the page is worth:
# rank title matches first (BM25 among them when they are few), then the rest by weight/date.
RANK_LIMIT = 3000
PAIR_SEP, FACET_SEP = "\x1f", "\x1e"
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
    entry.facet_text = FACET_SEP.join(f"{name}{PAIR_SEP}{value}" for name, value in rows)
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

    # -- searching -----------------------------------------------------------------------

    def _date_sql(self, query: SearchQuery) -> tuple[str, list]:
        where, params = [], []
        if query.date_from:
            where.append("e.date >= %s")
            params.append(query.date_from)
        if query.date_to:
            where.append("e.date <= %s")
            params.append(query.date_to)
        return "".join(f" AND {w}" for w in where), params

    def _fetch(self, sql: str, params: list) -> list:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _candidates(self, query: SearchQuery) -> dict[int, list]:
        """id -> [score, kind, date, weight, facet_text] for everything the text matches.

        One pass over the match set; filters, counts, facets and the page order are then
        computed from these narrow rows, so the cost does not grow with the number of
        facets and the FTS match runs once.
        """
        parsed = query.parsed
        columns = "e.kind, e.date, e.weight, e.facet_text"
        dates, date_params = self._date_sql(query)
        found: dict[int, list] = {}

        def collect(rows):
            for row_id, score, *rest in rows:
                current = found.get(row_id)
                if current is None:
                    found[row_id] = [float(score), *rest]
                elif score < current[0]:
                    current[0] = float(score)

        if parsed.is_empty:
            kinds = ""
            params: list = []
            if query.kind:
                kinds = f" AND e.kind IN ({', '.join(['%s'] * len(query.kind))})"
                params = list(query.kind)
            # Browsing without text: every kind is counted only when no kind is chosen.
            collect(
                self._fetch(
                    f"SELECT e.id, 0.0, {columns} FROM search_searchentry e "  # noqa: S608
                    f"WHERE 1 = 1{'' if not query.kind else kinds}{dates}",
                    [*params, *date_params],
                )
            )
            return found
        if parsed.numbers:
            placeholders = ", ".join(["%s"] * len(parsed.numbers))
            collect(
                self._fetch(
                    f"SELECT e.id, {NUMBER_SCORE}, {columns} FROM search_searchentry e "  # noqa: S608
                    f"WHERE e.normalized_number IN ({placeholders}){dates}",
                    [*parsed.numbers, *date_params],
                )
            )
        if self.vendor == "sqlite":
            self._sqlite_candidates(parsed, columns, dates, date_params, collect)
        else:
            sql, params = (
                self._postgres_match(parsed)
                if self.vendor == "postgresql"
                else self._like_match(parsed)
            )
            if sql:
                collect(
                    self._fetch(
                        f"SELECT e.id, m.score, {columns} FROM ({sql}) m "  # noqa: S608
                        f"JOIN search_searchentry e ON e.id = m.id WHERE 1 = 1{dates}",
                        [*params, *date_params],
                    )
                )
        return found

    def _sqlite_candidates(self, parsed, columns, dates, date_params, collect):
        sql, params = self._sqlite_match(parsed)
        if not sql:
            return
        expression = params[0]
        join = "FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid"
        matches = self._fetch(
            "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [expression]
        )[0][0]
        if matches <= RANK_LIMIT:
            collect(
                self._fetch(
                    f"SELECT e.id, bm25(search_fts, 10.0, 8.0, 1.0, 0.8), {columns} {join} "
                    f"WHERE search_fts MATCH %s{dates}",
                    [expression, *date_params],
                )
            )
            return
        # Broad query: title matches first, BM25 among them only if they are few.
        title = self._sqlite_title_expression(parsed)
        title_count = self._fetch(
            "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [title]
        )[0][0]
        score = (
            "bm25(search_fts, 10.0, 8.0, 1.0, 0.8) - 100.0" if title_count <= RANK_LIMIT else "-2.0"
        )
        collect(
            self._fetch(
                f"SELECT e.id, {score}, {columns} {join} WHERE search_fts MATCH %s{dates}",
                [title, *date_params],
            )
        )
        collect(
            self._fetch(
                f"SELECT e.id, -1.0, {columns} {join} WHERE search_fts MATCH %s{dates}",
                [expression, *date_params],
            )
        )

    def _sqlite_title_expression(self, parsed: ParsedQuery) -> str:
        folded = self._fts_group(parsed.folded_terms, parsed.folded_phrases)
        expression = f"{{title_folded}} : ({folded})"
        if parsed.has_diacritics:
            exact = self._fts_group(parsed.terms, parsed.phrases)
            expression = f"{expression} OR {{title}} : ({exact})"
        return expression

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = SearchResults(page=query.page, page_size=query.page_size, engine=self.name)
        candidates = self._candidates(query)
        filters = {name: set(values) for name, values in query.filters.items()}
        kinds = set(query.kind)
        single_kind = next(iter(kinds)) if len(kinds) == 1 else None
        kind_counts: dict[str, int] = {}
        facet_counts: dict[str, dict[str, int]] = {}
        selected: list[tuple] = []
        for row_id, (score, kind, date, weight, facet_text) in candidates.items():
            in_kind = not kinds or kind in kinds
            if filters or (single_kind and in_kind):
                pairs = [p.split(PAIR_SEP, 1) for p in facet_text.split(FACET_SEP) if p]
                missing = [
                    name
                    for name, values in filters.items()
                    if not any(n == name and v in values for n, v in pairs)
                ]
            else:
                pairs, missing = [], []
            if not missing:
                kind_counts[kind] = kind_counts.get(kind, 0) + 1
                if in_kind:
                    date = _as_date(date)
                    selected.append((score * (weight or 1.0), date, row_id))
            if single_kind and in_kind and len(missing) <= 1:
                # Each facet is counted with every filter but its own.
                for name, value in pairs:
                    if not missing or missing == [name]:
                        counts = facet_counts.setdefault(name, {})
                        counts[value] = counts.get(value, 0) + 1
        results.facets["kind"] = sorted(
            (FacetValue(k, n, k in kinds) for k, n in kind_counts.items()),
            key=lambda f: (-f.count, f.value),
        )
        results.total = len(selected)
        results.facets.update(self._facets(facet_counts, query))

        if query.offset >= results.total:
            return results
        if query.sort == "date":
            key = lambda r: (r[1] is None, -(r[1].toordinal() if r[1] else 0), r[0], r[2])  # noqa: E731
        else:
            key = lambda r: (r[0], r[1] is None, -(r[1].toordinal() if r[1] else 0), r[2])  # noqa: E731
        end = query.offset + query.page_size
        page_ids = [r[2] for r in heapq.nsmallest(end, selected, key=key)[query.offset : end]]
        results.hits = self._hits(page_ids, {r[2]: r[0] for r in selected}, parsed)
        return results

    def _facets(self, counts: dict[str, dict[str, int]], query: SearchQuery):
        facets = {}
        for name in FACET_NAMES:
            values = counts.get(name)
            if not values or name == "kind":
                continue
            chosen = set(query.filters.get(name, []))
            ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
            shown = [FacetValue(v, n, v in chosen) for v, n in ordered[:MAX_FACET_VALUES]]
            shown += [FacetValue(v, n, True) for v, n in ordered[MAX_FACET_VALUES:] if v in chosen]
            facets[name] = shown
        return facets

    def _hits(self, ids: list[int], scores: dict[int, float], parsed: ParsedQuery) -> list[Hit]:
        if not ids:
            return []
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._fetch(
            "SELECT e.id, e.key, e.kind, e.url, e.title, e.title_folded, e.number, e.summary, "  # noqa: S608
            "e.date, e.facets, e.extra, e.body, e.body_folded, e.normalized_number "
            f"FROM search_searchentry e WHERE e.id IN ({placeholders})",
            ids,
        )
        by_id = {row[0]: row for row in rows}
        words = parsed.all_words
        hits = []
        for row_id in ids:
            (_, key, kind, url, title, title_folded, number, summary, date, facets, extra,
             body, body_folded, normalized_number) = by_id[row_id]  # fmt: skip
            hits.append(
                Hit(
                    key=key,
                    kind=kind,
                    url=url,
                    title=title,
                    number=number,
                    date=_as_date(date),
                    title_html=mark(title, words, title_folded),
                    snippet=snippet(body, words, body_folded) if words else snippet(summary, []),
                    extra=_as_json(extra),
                    facets=_as_json(facets),
                    score=scores.get(row_id, 0.0),
                    exact_number=bool(normalized_number and normalized_number in parsed.numbers),
                )
            )
        return hits

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
