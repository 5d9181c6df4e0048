"""The embedded engine: SQLite FTS5 in development, PostgreSQL full-text in production.

Entries live in `search.models.SearchEntry` (one per item). The full-text index is used only
to find WHICH entries match: a few queries return row ids (never text) for relevance tiers,
best first:

    0 the normalised document number or procedure code typed
    1 every word in the title, spelled exactly as typed (only when the query has diacritics)
    2 every word in the title, accent-folded
    3 every word in title or text, spelled exactly (only when the query has diacritics)
    4 every word in title or text, accent-folded (what makes an entry a match at all)

Within a tier: weight, then shorter titles (for title tiers), then the most recent first.
Filtering by kind, facet and date, the kind and facet counts (each facet counted with every
filter but its own), sorting and paging run in memory on `search.engines.columns` (numpy
arrays of the small fields of every entry, loaded once per process and reloaded when the
index changes); then one query reads the page's rows for titles, snippets and highlighting.

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
from functools import lru_cache
from itertools import islice

import numpy as np
from django.db import connections, transaction

from search.documents import KIND_LEGAL_DOCUMENT, KIND_PROCEDURE, SearchDocument
from search.engines import columns
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
from search.models import SearchEntry
from search.text import fold, normalize_document_number

logger = logging.getLogger(__name__)
_ALL_WORDS = re.compile(r"\w+")

BATCH_SIZE = 500
MAX_BODY_LENGTH = 200_000
MAX_FACET_VALUES = 30
PAIR_SEP, FACET_SEP = columns.PAIR_SEP, columns.FACET_SEP
NO_MATCH = 127
TIER_NUMBER, TIER_EXACT_TITLE, TIER_TITLE, TIER_EXACT, TIER_TEXT = range(5)
# Suggestions: procedures first, then legal documents, then the rest.
SUGGEST_KINDS = {KIND_PROCEDURE: 0, KIND_LEGAL_DOCUMENT: 1}


@lru_cache(maxsize=200_000)
def exact_token(word: str) -> str:
    """An ASCII token standing for one accented spelling ("đăng" -> "dang0<crc>").

    PostgreSQL's text parser splits non-ASCII words differently by server locale (C.UTF-8
    servers do not see "đăng" as a word), so exact spellings are indexed as these tokens.
    """
    return f"{fold(word)}0{zlib.crc32(word.encode()):x}"


@lru_cache(maxsize=200_000)
def _is_accented(word: str) -> bool:
    return fold(word) != word


def _accented_tokens(text: str) -> str:
    words = {w.lower() for w in _ALL_WORDS.findall(text)}
    return " ".join(sorted(exact_token(w) for w in words if _is_accented(w)))


def _facet_values(value) -> list[str]:
    values = value if isinstance(value, list | tuple | set) else [value]
    return [str(v).strip()[:300] for v in values if v not in (None, "") and str(v).strip()]


def entry_from_document(doc: SearchDocument) -> SearchEntry:
    """The row of `doc`. Facet values are filters, not words of the item: they stay out of
    the searchable text, as on Elasticsearch (a procedure is not about "cấp" because its
    level is "Cấp xã"); a builder puts a value in `body` when it is the item's own words."""
    nfc = lambda s: unicodedata.normalize("NFC", str(s or ""))  # noqa: E731
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
    facets = {name: values for name, values in facets.items() if values}
    title = nfc(doc.title)
    summary = nfc(doc.summary)
    body = "\n".join(p for p in (summary, nfc(doc.body), nfc(doc.number)) if p)
    body = body[:MAX_BODY_LENGTH]
    pairs = (f"{name}{PAIR_SEP}{value}" for name, values in facets.items() for value in values)
    return SearchEntry(
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
        facet_text=FACET_SEP.join(pairs),
        extra=dict(doc.extra or {}),
        weight=float(doc.weight or 1.0),
        title_folded=fold(title),
        body_folded=fold(body),
        exact_terms=_accented_tokens(f"{title}\n{body}"),
        title_exact_terms=_accented_tokens(title),
    )


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


def _fts_group(terms: list[str], phrases: list[list[str]]) -> str:
    """An FTS5 expression requiring every term and phrase; every word is quoted."""
    parts = [f'"{t}"' for t in terms] + ['"' + " ".join(p) + '"' for p in phrases]
    return " AND ".join(parts)


def _tsquery_group(terms, phrases, weights="") -> str:
    """A tsquery requiring every term and phrase, optionally restricted to `weights`."""
    suffix = f":{weights}" if weights else ""
    quote = lambda w: "'" + w.replace("'", "''").replace("\\", "") + "'" + suffix  # noqa: E731
    parts = [quote(t) for t in terms]
    parts += ["(" + " <-> ".join(quote(w) for w in p) + ")" for p in phrases]
    return " & ".join(parts)


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

    def _fetch(self, sql: str, params: list) -> list:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _ids(self, sql: str, params: list) -> np.ndarray:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)

    def _fts_ids(self, table: str, expression: str) -> np.ndarray:
        """Row ids matching an FTS5 expression, as one string (far cheaper than one Python
        row per id), remembered for the current index (see `columns.remember`)."""

        def load():
            rows = self._fetch(
                f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s",  # noqa: S608
                [expression],
            )
            text = rows[0][0] if rows else None
            if not text:
                return np.empty(0, dtype=np.int64)
            return np.array(text.split(","), dtype=np.int64)

        return columns.remember(self.connection, (table, expression), load)

    def snapshot(self) -> columns.Snapshot:
        return columns.snapshot(self.connection)

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
        entries = [entry_from_document(doc) for doc in unique.values()]
        SearchEntry.objects.using(self.using).bulk_create(entries)
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

    def _set_bulk(self, cursor, bulk: bool) -> None:
        token = "hex(randomblob(8))" if self.vendor == "sqlite" else "md5(random()::text)"
        cursor.execute(
            "INSERT INTO search_indexstate (id, token, bulk) "  # noqa: S608
            f"VALUES (1, {token}, %s) ON CONFLICT (id) DO UPDATE SET "
            "token = excluded.token, bulk = excluded.bulk",
            [bulk],
        )

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace every entry in one transaction: readers see the old index until commit.

        The change triggers stand aside meanwhile (`bulk`); SQLite's full-text tables are
        rebuilt in one statement at the end, and the index token is renewed once.
        """
        count = 0
        bulk = self.vendor in ("sqlite", "postgresql")
        with transaction.atomic(using=self.using):
            with self.connection.cursor() as cursor:
                if bulk:
                    self._set_bulk(cursor, True)
                cursor.execute("DELETE FROM search_searchentry")
            for batch in _batches(docs, BATCH_SIZE):
                done = self._insert(batch)
                count += done
                if progress:
                    progress(done)
            with self.connection.cursor() as cursor:
                if self.vendor == "sqlite":
                    cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
                    cursor.execute(
                        "INSERT INTO search_title_fts(search_title_fts) VALUES ('rebuild')"
                    )
                if bulk:
                    self._set_bulk(cursor, False)
        return count

    def count(self) -> int:
        return SearchEntry.objects.using(self.using).count()

    def facet_values(self, name: str) -> set[str]:
        snap = self.snapshot()
        if name == "kind":
            return set(np.asarray(snap.kinds)[np.unique(snap.kind)]) if snap.size else set()
        facet = snap.facets.get(name)
        return set(facet.values) if facet is not None else set()

    # -- matching: which ids match, per tier --------------------------------------------

    def _tiers(self, snap: columns.Snapshot, parsed: ParsedQuery) -> np.ndarray:
        """int8 tier per entry position (NO_MATCH where the text does not match)."""
        tier = np.full(snap.size, NO_MATCH, dtype=np.int8)
        if self.vendor == "sqlite":
            sets = self._sqlite_sets(parsed)
        elif self.vendor == "postgresql":
            sets = self._postgres_sets(parsed)
        else:
            sets = self._like_sets(parsed)
        # Weakest first: each stronger tier overwrites the ones below.
        for level in (TIER_TEXT, TIER_EXACT, TIER_TITLE, TIER_EXACT_TITLE):
            ids = sets.get(level)
            if ids is not None and len(ids):
                tier[snap.positions(ids)] = level
        if parsed.numbers:
            tier[snap.exact_numbers(parsed.numbers)] = TIER_NUMBER
        return tier

    def _sqlite_sets(self, parsed: ParsedQuery) -> dict[int, np.ndarray]:
        folded = _fts_group(parsed.folded_terms, parsed.folded_phrases)
        if not folded:
            return {}
        # The folded query needs no column filter: an unaccented word of the exact columns
        # is in the folded ones too (a column filter makes FTS5 read every position list).
        sets = {TIER_TEXT: self._fts_ids("search_fts", folded)}
        if not len(sets[TIER_TEXT]):
            return sets
        sets[TIER_TITLE] = self._fts_ids("search_title_fts", f"{{title_folded}} : ({folded})")
        if parsed.has_diacritics:
            exact = _fts_group(parsed.terms, parsed.phrases)
            # Accented words only exist in the exact columns: no filter needed then either.
            plain = any(not _is_accented(w) for w in parsed.all_words)
            sets[TIER_EXACT] = self._fts_ids(
                "search_fts", f"{{title body}} : ({exact})" if plain else exact
            )
            if len(sets[TIER_TITLE]):
                sets[TIER_EXACT_TITLE] = self._fts_ids("search_title_fts", f"{{title}} : ({exact})")
        return sets

    def _postgres_sets(self, parsed: ParsedQuery) -> dict[int, np.ndarray]:
        terms, phrases = parsed.folded_terms, parsed.folded_phrases
        match = _tsquery_group(terms, phrases)
        if not match:
            return {}
        title = _tsquery_group(terms, phrases, "A")
        exact_title = exact_any = None  # NULL: "@@" gives NULL, read as no match
        if parsed.has_diacritics:
            # Exact spellings are tokens without positions: all of them, in any order.
            words = parsed.all_words
            exact_title = " & ".join(
                f"'{exact_token(w)}':B" if _is_accented(w) else f"'{fold(w)}':A" for w in words
            )
            exact_any = " & ".join(
                f"'{exact_token(w)}':BC" if _is_accented(w) else f"'{fold(w)}'" for w in words
            )
        rows = self._fetch(
            "SELECT id, document @@ to_tsquery('simple', %s), "
            "document @@ to_tsquery('simple', %s), document @@ to_tsquery('simple', %s) "
            "FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)",
            [title, exact_title, exact_any, match],
        )
        if not rows:
            return {}
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        flags = np.array([[bool(f) for f in r[1:]] for r in rows], dtype=bool)
        return {
            TIER_TEXT: ids,
            TIER_TITLE: ids[flags[:, 0]],
            TIER_EXACT_TITLE: ids[flags[:, 0] & flags[:, 1]],
            TIER_EXACT: ids[flags[:, 2]],
        }

    def _like_sets(self, parsed: ParsedQuery) -> dict[int, np.ndarray]:
        words = parsed.folded_terms + [" ".join(p) for p in parsed.folded_phrases]
        if not words:
            return {}
        anywhere = " AND ".join(["(title_folded LIKE %s OR body_folded LIKE %s)"] * len(words))
        title = " AND ".join(["title_folded LIKE %s"] * len(words))
        return {
            TIER_TEXT: self._ids(
                f"SELECT id FROM search_searchentry WHERE {anywhere}",  # noqa: S608
                [p for w in words for p in (f"%{w}%", f"%{w}%")],
            ),
            TIER_TITLE: self._ids(
                f"SELECT id FROM search_searchentry WHERE {title}",  # noqa: S608
                [f"%{w}%" for w in words],
            ),
        }

    # -- searching -----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = SearchResults(page=query.page, page_size=query.page_size, engine=self.name)
        snap = self.snapshot()
        if not snap.size:
            results.facets["kind"] = []
            return results
        empty = parsed.is_empty
        tier = np.zeros(snap.size, dtype=np.int8) if empty else self._tiers(snap, parsed)
        base = tier != NO_MATCH
        if query.date_from:
            base &= snap.date >= query.date_from.toordinal()
        if query.date_to:
            base &= (snap.date <= query.date_to.toordinal()) & (snap.date > 0)

        # Filters: one mask per facet; each facet is counted with every filter but its own.
        masks = {}
        for name, values in query.filters.items():
            facet = snap.facets.get(name)
            masks[name] = (
                facet.mask(snap.size, values) if facet else np.zeros(snap.size, dtype=bool)
            )
        filtered = base.copy()
        for mask in masks.values():
            filtered &= mask
        kind_codes = [snap.kind_code(k) for k in query.kind]
        in_kind = np.isin(snap.kind, kind_codes) if query.kind else np.ones(snap.size, dtype=bool)

        counts = np.bincount(snap.kind[filtered], minlength=len(snap.kinds))
        chosen = set(query.kind)
        kinds = [(snap.kinds[i], int(counts[i])) for i in np.flatnonzero(counts)]
        results.facets["kind"] = sorted(
            (FacetValue(k, n, k in chosen) for k, n in kinds), key=lambda f: (-f.count, f.value)
        )
        selected = filtered & in_kind
        results.total = int(selected.sum())
        if len(chosen) == 1:
            results.facets.update(self._facets(snap, base & in_kind, masks, query))

        if query.offset >= results.total:
            return results
        positions = np.flatnonzero(selected)
        order = self._order(snap, positions, tier, query.sort)
        end = query.offset + query.page_size
        page = positions[order[query.offset : end]]
        ids = [int(i) for i in snap.ids[page]]
        scores = {int(snap.ids[p]): -float(tier[p]) for p in page}
        results.hits = self._hits(ids, scores, parsed)
        return results

    @staticmethod
    def _order(snap, positions: np.ndarray, tier: np.ndarray, sort: str) -> np.ndarray:
        """Indices of `positions` in result order (np.lexsort: the last key decides first)."""
        tiers = tier[positions].astype(np.int32)
        newest = -snap.date[positions].astype(np.int64)
        heavier = -snap.weight[positions]
        # Shorter titles first among title matches: the title is more about the query.
        length = np.where(tiers <= TIER_TITLE, snap.title_length[positions], 0)
        if sort == "date":
            undated = snap.date[positions] == 0
            keys = (positions, length, heavier, tiers, newest, undated)
        else:
            keys = (positions, newest, length, heavier, tiers)
        return np.lexsort(keys)

    def _facets(self, snap, base: np.ndarray, masks: dict, query: SearchQuery):
        facets = {}
        for name in FACET_NAMES:
            facet = snap.facets.get(name)
            if facet is None or name == "kind":
                continue
            selected = base.copy()
            for other, mask in masks.items():
                if other != name:
                    selected &= mask
            values = facet.counts(selected)
            if not values:
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
            if row_id not in by_id:  # deleted since the snapshot was read
                continue
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

    # -- suggestions ---------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        text = clean_text(prefix)
        words = [fold(w) for w in words_of(text)]
        if len("".join(words)) < 2:
            return []
        snap = self.snapshot()
        if not snap.size:
            return []
        rank = np.array([SUGGEST_KINDS.get(k, 2) for k in snap.kinds], dtype=np.int8)
        chosen: list[int] = []
        if text[:1].isdigit():
            number = normalize_document_number(text)
            start, end = snap.number_range(number, number + "\uffff")
            # Numbers in order, procedures first: scan until the best kind has enough.
            found = snap.number_positions[start : min(end, start + 2000)]
            if len(found):
                order = np.argsort(rank[snap.kind[found]], kind="stable")
                chosen.extend(int(p) for p in found[order[:limit]])
        if len(chosen) < limit:
            ids = self._suggest_ids(words)
            positions = snap.positions(ids)
            positions = positions[~np.isin(positions, chosen)]
            order = np.lexsort(
                (positions, snap.title_length[positions], rank[snap.kind[positions]])
            )
            chosen.extend(int(p) for p in positions[order[: limit - len(chosen)]])
        if not chosen:
            return []
        ids = [int(snap.ids[p]) for p in chosen]
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._fetch(
            "SELECT id, title, url, kind, number FROM search_searchentry "  # noqa: S608
            f"WHERE id IN ({placeholders})",
            ids,
        )
        by_id = {row[0]: row[1:] for row in rows}
        return [
            Suggestion(title=title, url=url, kind=kind, number=number)
            for title, url, kind, number in (by_id[i] for i in ids if i in by_id)
        ]

    def _suggest_ids(self, words: list[str]) -> np.ndarray:
        """Ids of entries whose title has every word, the last one as a prefix."""
        if self.vendor == "sqlite":
            parts = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}" *']
            return self._fts_ids(
                "search_title_fts", "{title_folded} : (" + " AND ".join(parts) + ")"
            )
        if self.vendor == "postgresql":
            quote = lambda w: "'" + w.replace("'", "''").replace("\\", "") + "'"  # noqa: E731
            parts = [f"{quote(w)}:A" for w in words[:-1]] + [f"{quote(words[-1])}:*A"]
            return self._ids(
                "SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)",
                [" & ".join(parts)],
            )
        return self._ids(
            "SELECT id FROM search_searchentry WHERE title_folded LIKE %s",
            ["%" + " ".join(words) + "%"],
        )
