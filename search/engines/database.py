"""The embedded engine: SQLite FTS5 in development, PostgreSQL full-text in production.

Entries live in `search.models.SearchEntry` (one per item). The full-text index is used only
to find WHICH entries hold each word or phrase of the query's concepts (row ids, never text),
in the title and anywhere, exactly spelled and folded; `_rank` turns those sets into scores
(search/README.md, "How people ask": best-effort matching, rarity, title, exact spelling,
numbers in any shape first, the item's weight).

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
from itertools import islice, pairwise

import numpy as np
from django.db import connections, transaction

from search.documents import KIND_LEGAL_DOCUMENT, KIND_PROCEDURE, SearchDocument
from search.engines import columns
from search.engines.base import (
    FACET_NAMES,
    SORT_DATE,
    SORT_RELEVANCE,
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
from search.featured import BOOST
from search.highlight import mark, snippet
from search.models import SearchEntry
from search.numbers import named_types
from search.synonyms import Concept
from search.text import fold, normalize_document_number, search_fold

logger = logging.getLogger(__name__)
# Letters and digits; "_" and every other mark separates, as in FTS5 and on PostgreSQL
# (migration 0009).
_ALL_WORDS = re.compile(r"[^\W_]+")

BATCH_SIZE = 500
MAX_BODY_LENGTH = 200_000
MAX_FACET_VALUES = 30
PAIR_SEP, FACET_SEP = columns.PAIR_SEP, columns.FACET_SEP
NEAR_RESULTS = 5
SNIPPET_TEXT = 8000
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


# Two adjacent folded words as one token ("ho so" -> "ho0zso"), PostgreSQL only: a phrase is
# then one index lookup (or an AND of lookups for longer phrases) instead of a position check
# that decompresses every candidate's large tsvector. "0z" occurs in no word nor exact token.
PAIR_JOIN = "0z"


def pair_token(first: str, second: str) -> str:
    return f"{first}{PAIR_JOIN}{second}"


def _pair_tokens(folded: str) -> str:
    words = _ALL_WORDS.findall(folded.lower())
    return " ".join(sorted({pair_token(a, b) for a, b in pairwise(words)}))


def _triple_tokens(folded: str) -> str:
    """Three adjacent folded words as one token, titles only: a title phrase of three words
    or more is then matched by its triples, not by pairs that may occur apart ("đăng ký
    giám hộ" is not in "Đăng ký giám sát việc giám hộ", though its three pairs are)."""
    words = _ALL_WORDS.findall(folded.lower())
    return " ".join(sorted({pair_token(pair_token(a, b), c) for a, b, c in _threes(words)}))


def _threes(words):
    return zip(words, words[1:], words[2:], strict=False)


def exact_terms_of(title: str, body: str, title_folded: str, body_folded: str, pairs: bool):
    """(exact_terms, title_exact_terms): the accented spellings' tokens and, on PostgreSQL
    (`pairs`), the word pairs (and the title's word triples)."""
    exact_terms = _accented_tokens(f"{title}\n{body}")
    title_exact_terms = _accented_tokens(title)
    if pairs:
        exact_terms = f"{exact_terms} {_pair_tokens(title_folded + chr(10) + body_folded)}"
        title_exact_terms = (
            f"{title_exact_terms} {_pair_tokens(title_folded)} {_triple_tokens(title_folded)}"
        )
    return " ".join(exact_terms.split()), " ".join(title_exact_terms.split())


def _facet_values(value) -> list[str]:
    values = value if isinstance(value, list | tuple | set) else [value]
    return [str(v).strip()[:300] for v in values if v not in (None, "") and str(v).strip()]


def entry_from_document(doc: SearchDocument, pairs: bool = False) -> SearchEntry:
    """The row of `doc`. Facet values are filters, not words of the item: they stay out of
    the searchable text, as on Elasticsearch (a procedure is not about "cấp" because its
    level is "Cấp xã"); a builder puts a value in `body` when it is the item's own words.
    `pairs` (PostgreSQL) adds the word-pair tokens (`pair_token`) to the exact terms."""
    nfc = lambda s: unicodedata.normalize("NFC", str(s or ""))  # noqa: E731
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
    facets = {name: values for name, values in facets.items() if values}
    title = nfc(doc.title)
    summary = nfc(doc.summary)
    body = "\n".join(p for p in (summary, nfc(doc.body), nfc(doc.number)) if p)
    body = body[:MAX_BODY_LENGTH]
    facet_pairs = (
        f"{name}{PAIR_SEP}{value}" for name, values in facets.items() for value in values
    )
    title_folded, body_folded = search_fold(title), search_fold(body)
    exact_terms, title_exact_terms = exact_terms_of(
        title, body, title_folded, body_folded, pairs=pairs
    )
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
        facet_text=FACET_SEP.join(facet_pairs),
        extra=dict(doc.extra or {}),
        weight=float(doc.weight or 1.0),
        featured=int(doc.featured or 0),
        title_folded=title_folded,
        body_folded=body_folded,
        exact_terms=exact_terms,
        title_exact_terms=title_exact_terms,
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


def _plain_concepts(terms: list[str]) -> list[Concept]:
    return [Concept([t], [(search_fold(t),)]) for t in terms]


_FEATURED_BOOST = np.array([BOOST[level] for level in sorted(BOOST)], dtype=np.float32)


def _featured(score: np.ndarray, featured: np.ndarray, exact_title: np.ndarray | None):
    """`score` multiplied by each entry's editor-set priority (search.featured.BOOST): a
    featured item passes near-equal matches but never an item whose title is what was
    typed (`exact_title`; a typed number or code comes first anyway, in `_order`)."""
    if not featured.any():
        return score
    boosted = score * _FEATURED_BOOST[np.clip(featured, 0, len(_FEATURED_BOOST) - 1)]
    if exact_title is not None and exact_title.any():
        floor = score[exact_title].min()
        below = ~exact_title & (score < floor)
        # 0.002 below: `_order` compares scores rounded to 3 decimals.
        boosted[below] = np.minimum(boosted[below], floor - 0.002)
    return boosted.astype(np.float32)


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
        pairs = self.vendor == "postgresql"
        entries = [entry_from_document(doc, pairs=pairs) for doc in unique.values()]
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

    # -- matching: which entries match which concept -----------------------------------

    def _match_sets(self, requests: list[tuple[str, tuple[str, ...], bool]]) -> list[np.ndarray]:
        """Entry ids for each (scope, words, exact) request: `words` (folded, or as typed when
        `exact`) as a phrase in the title ("title") or anywhere ("any")."""
        results: list[np.ndarray | None] = [None] * len(requests)
        missing = []
        for index, request in enumerate(requests):
            cached = columns.peek(self.connection, ("set", self.vendor, request))
            if cached is None:
                missing.append(index)
            else:
                results[index] = cached
        if missing:
            if self.vendor == "sqlite":
                loaded = [self._sqlite_set(*requests[i]) for i in missing]
            elif self.vendor == "postgresql":
                loaded = self._postgres_sets([requests[i] for i in missing])
            else:
                loaded = [self._like_set(*requests[i]) for i in missing]
            for index, ids in zip(missing, loaded, strict=True):
                columns.store(self.connection, ("set", self.vendor, requests[index]), ids)
                results[index] = ids
        return results  # type: ignore[return-value]

    def _sqlite_set(self, scope: str, words: tuple[str, ...], exact: bool) -> np.ndarray:
        phrase = '"' + " ".join(words) + '"'
        if scope == "title":
            column = "title" if exact else "title_folded"
            expression, table = f"{{{column}}} : ({phrase})", "search_title_fts"
        else:
            # An unaccented word is in the folded columns too: no column filter needed.
            accented = any(_is_accented(w) for w in words)
            expression = f"{{title body}} : ({phrase})" if exact and not accented else phrase
            table = "search_fts"
        rows = self._fetch(
            f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s",  # noqa: S608
            [expression],
        )
        text = rows[0][0] if rows else None
        if not text:
            return np.empty(0, dtype=np.int64)
        return np.fromstring(text, dtype=np.int64, sep=",")

    @staticmethod
    def _tsquery(
        words: tuple[str, ...], exact: bool, phrase: bool = True, title: bool = False
    ) -> str:
        quote = lambda w: "'" + w.replace("'", "''").replace("\\", "") + "'"  # noqa: E731
        if exact:
            # Exact spellings are tokens without positions: all of them, and the folded
            # words together as a phrase (FTS5 checks the exact phrase on SQLite).
            tokens = [
                quote(exact_token(w)) if _is_accented(w) else quote(search_fold(w)) for w in words
            ]
            folded = tuple(search_fold(w) for w in words)
            if phrase and len(folded) > 1:
                tokens.append(DatabaseEngine._tsquery(folded, False, phrase, title))
            return " & ".join(tokens)
        if phrase and len(words) > 2 and title:
            # Titles also hold each three adjacent words as one token (`_triple_tokens`).
            triples = {pair_token(pair_token(a, b), c) for a, b, c in _threes(words)}
            return " & ".join(quote(t) for t in sorted(triples))
        if phrase and len(words) > 1:
            # Each two adjacent words as one token (`pair_token`): no position recheck.
            pairs = {pair_token(a, b) for a, b in pairwise(words)}
            return " & ".join(quote(p) for p in sorted(pairs))
        return " & ".join(quote(w) for w in words)

    def _postgres_sets(self, requests) -> list[np.ndarray]:
        """Every request in one statement and one round trip, each through the GIN indexes of
        the narrow `search_fulltext` table only (the functions of migration 0007 plan their
        query with sequential scans off: a scan would decompress every vector). Words, word
        pairs (phrases) and exact tokens need no recheck of the vectors."""
        calls, params = [], []
        for scope, words, exact in requests:
            function = "search_title_ids" if scope == "title" else "search_document_ids"
            calls.append(f"{function}(%s)")
            params.append(self._tsquery(words, exact, title=scope == "title"))
        out = [np.empty(0, dtype=np.int64)] * len(requests)
        row = self._fetch("SELECT " + ", ".join(calls), params)[0]
        for index, ids in enumerate(row):
            if ids:  # one string per set: far cheaper to parse than a Python int per id
                out[index] = np.fromstring(ids, dtype=np.int64, sep=",")
        return out

    def _like_set(self, scope: str, words: tuple[str, ...], exact: bool) -> np.ndarray:
        text = " ".join(words if exact else (search_fold(w) for w in words))
        if scope == "title":
            column = "title" if exact else "title_folded"
            return self._ids(
                f"SELECT id FROM search_searchentry WHERE lower({column}) LIKE %s",  # noqa: S608
                [f"%{text}%"],
            )
        columns_ = ("title", "body") if exact else ("title_folded", "body_folded")
        where = " OR ".join(f"lower({c}) LIKE %s" for c in columns_)
        return self._ids(
            f"SELECT id FROM search_searchentry WHERE {where}",  # noqa: S608
            [f"%{text}%"] * 2,
        )

    def _rank(self, snap: columns.Snapshot, parsed: ParsedQuery):
        """(score per entry, matched mask, number-match mask, near mask).

        Each concept (a word with its synonyms, or a quoted phrase) weighs its rarity
        (idf): matched anywhere 1, in the title 1.5 more, as typed rather than as a synonym
        0.25, spelled exactly as typed 0.3 anywhere and 0.3 in the title. An entry matches
        when it has enough of the required concepts: all of one or two, 75% of more
        ("làm", "xin" are not required), and at least 60% of their weight. Entries with
        every concept in the title gain 1 and up to 0.5 more the more of the title the
        query covers; the query's words as one phrase in the title gain 0.5; legal
        documents of a type the query names ("luật", "thông tư") gain 0.4. The score is
        then multiplied by the entry's weight, then by its editor-set priority (`_featured`).
        """
        size = snap.size
        number = np.zeros(size, dtype=bool)
        if parsed.numbers:
            number[snap.exact_numbers(parsed.numbers)] = True
        if parsed.lookups:
            number[snap.number_lookup(parsed.lookups)] = True
        concepts_ = list(parsed.concepts) or _plain_concepts(parsed.terms)
        for phrase in parsed.phrases:
            folded = tuple(search_fold(w) for w in phrase)
            concepts_.append(Concept(list(phrase), [folded], quoted=True))
        if not concepts_:
            return np.zeros(size, dtype=np.float32), number.copy(), number, number.copy()
        requests: list[tuple[str, tuple[str, ...], bool]] = []
        plan = []
        for concept in concepts_:
            alternatives = concept.alternatives
            typed = tuple(w.lower() for w in concept.words)
            accented = any(_is_accented(w) for w in typed)
            start = len(requests)
            anywhere = "quoted" if concept.quoted else "any"
            for alternative in alternatives:
                requests += [(anywhere, alternative, False), ("title", alternative, False)]
            if accented:
                requests += [("any", typed, True), ("title", typed, True)]
            plan.append((start, len(alternatives), accented))
        # The words as typed, but for those that stand for other wording ("mất").
        typed_words = [search_fold(w) for c in concepts_ if not c.prefer for w in c.words]
        whole = tuple(typed_words)
        if len(whole) > 1:
            requests.append(("title", whole, False))
        sets = self._match_sets(requests)

        total_weight = np.float32(0)
        required_weight = np.float32(0)
        covered = np.zeros(size, dtype=np.float32)
        score = np.zeros(size, dtype=np.float32)
        required_hits = np.zeros(size, dtype=np.int16)
        all_title = np.ones(size, dtype=bool)
        required = [c for c in concepts_ if not c.soft] or concepts_
        for concept, (start, count, accented) in zip(concepts_, plan, strict=True):
            anywhere = np.zeros(size, dtype=bool)
            title = np.zeros(size, dtype=bool)
            for offset in range(count):
                anywhere[snap.positions(sets[start + 2 * offset])] = True
                title[snap.positions(sets[start + 2 * offset + 1])] = True
            # The typed spelling, or the wording the typed words stand for ("mất": "cấp lại").
            as_typed = np.zeros(size, dtype=bool)
            as_typed[snap.positions(sets[start + 2 * concept.prefer])] = True
            idf = np.float32(np.log1p(size / (1.0 + anywhere.sum())))
            part = anywhere + 1.5 * title + 0.25 * as_typed
            if accented and not concept.prefer:
                exact_any = np.zeros(size, dtype=bool)
                exact_title = np.zeros(size, dtype=bool)
                exact_any[snap.positions(sets[start + 2 * count])] = True
                exact_title[snap.positions(sets[start + 2 * count + 1])] = True
                part = part + 0.3 * exact_any + 0.3 * exact_title
            score += idf * part
            total_weight += idf
            if any(concept is r for r in required):
                required_hits += anywhere
                all_title &= title
                if anywhere.any():  # a word found nowhere (a typo) weighs nothing here
                    required_weight += idf
                    covered += idf * anywhere
        score /= max(float(total_weight), 1e-6)
        need = len(required) if len(required) <= 2 else max(2, int(len(required) * 0.75))
        # Enough of the words, and of their weight: the rare words matter most.
        matched = (required_hits >= need) & (covered >= 0.6 * float(required_weight))
        fit = np.minimum(1.0, 1.15 * len(" ".join(whole)) / np.maximum(snap.title_length, 1))
        score += all_title * (1.0 + 0.5 * fit)
        if len(whole) > 1:
            phrase = np.zeros(size, dtype=bool)
            phrase[snap.positions(sets[-1])] = True
            score += 0.5 * phrase
        types = named_types(typed_words) if len(typed_words) <= 8 else []
        type_facet = snap.facets.get("type")
        if types and type_facet is not None:
            score += 0.4 * type_facet.mask(size, types)
        score *= snap.weight
        if len(whole) > 1:
            in_title = phrase
        else:
            in_title = np.zeros(size, dtype=bool)
            first = next((p for c, p in zip(concepts_, plan, strict=True) if not c.prefer), None)
            if first is not None:
                in_title[snap.positions(sets[first[0] + 1])] = True
        # The title is what was typed (give or take a closing punctuation mark).
        exact_title = in_title & (snap.title_length <= len(" ".join(whole)) + 2)
        score = _featured(score, snap.featured, exact_title & matched)
        near = (required_hits > 0) & ~matched if len(required) > 1 else np.zeros(size, dtype=bool)
        return score.astype(np.float32), matched | number, number, near

    # -- searching -----------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = SearchResults(page=query.page, page_size=query.page_size, engine=self.name)
        snap = self.snapshot()
        if not snap.size:
            results.facets["kind"] = []
            return results
        if parsed.is_empty:
            score = _featured(snap.weight.astype(np.float32), snap.featured, None)
            base = np.ones(snap.size, dtype=bool)
            number = near = np.zeros(snap.size, dtype=bool)
        else:
            score, base, number, near = self._rank(snap, parsed)
        dates = np.ones(snap.size, dtype=bool)
        if query.date_from:
            dates &= snap.date >= query.date_from.toordinal()
        if query.date_to:
            dates &= (snap.date <= query.date_to.toordinal()) & (snap.date > 0)
        base &= dates
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

        if results.total == 0 and query.page == 1:
            # Nothing has enough of the words: offer the nearest items, apart and labelled.
            near &= dates & in_kind
            for mask in masks.values():
                near &= mask
            positions = np.flatnonzero(near)
            if len(positions):
                order = self._order(snap, positions, score, number, SORT_RELEVANCE)
                page = positions[order[:NEAR_RESULTS]]
                ids = [int(i) for i in snap.ids[page]]
                results.near = self._hits(ids, {}, parsed, set())
        if query.offset >= results.total:
            return results
        positions = np.flatnonzero(selected)
        order = self._order(snap, positions, score, number, query.sort)
        end = query.offset + query.page_size
        page = positions[order[query.offset : end]]
        ids = [int(i) for i in snap.ids[page]]
        scores = {int(snap.ids[p]): float(score[p]) for p in page}
        exact = {int(snap.ids[p]) for p in page if number[p]}
        results.hits = self._hits(ids, scores, parsed, exact)
        return results

    @staticmethod
    def _order(snap, positions, score, number, sort: str) -> np.ndarray:
        """Indices of `positions` in result order (np.lexsort: the last key decides first):
        the number or code typed first (newest first when several share it), then score,
        then the shorter title, then the newest."""
        newest = -snap.date[positions].astype(np.int64)
        first = ~number[positions]
        # Scores closer than this are ties: the shorter title, then the newest, decide.
        rounded = -np.round(score[positions], 3)
        length = snap.title_length[positions]
        if sort == SORT_DATE:
            undated = snap.date[positions] == 0
            keys = (positions, length, rounded, newest, undated)
        else:
            keys = (positions, newest * first, length, rounded, newest * ~first, first)
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

    def _hits(
        self, ids: list[int], scores: dict[int, float], parsed: ParsedQuery, exact: set[int]
    ) -> list[Hit]:
        if not ids:
            return []
        placeholders = ", ".join(["%s"] * len(ids))
        rows = self._fetch(
            "SELECT e.id, e.key, e.kind, e.url, e.title, e.title_folded, e.number, e.summary, "  # noqa: S608
            "e.date, e.facets, e.extra, substr(e.body, 1, %s), substr(e.body_folded, 1, %s), "
            "e.normalized_number "
            f"FROM search_searchentry e WHERE e.id IN ({placeholders})",
            # Snippets look at the start of the text only (highlight.SCAN_LENGTH).
            [SNIPPET_TEXT, SNIPPET_TEXT, *ids],
        )
        by_id = {row[0]: row for row in rows}
        words = parsed.highlight_words
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
                    snippet=(
                        snippet(body, words, body_folded, skip=(title, summary))
                        if words
                        else snippet(summary, [])
                    ),
                    extra=_as_json(extra),
                    facets=_as_json(facets),
                    score=scores.get(row_id, 0.0),
                    exact_number=row_id in exact
                    or bool(normalized_number and normalized_number in parsed.numbers),
                )
            )
        return hits

    # -- suggestions ---------------------------------------------------------------------

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        text = clean_text(prefix)
        words = [search_fold(w) for w in words_of(text)]
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
            parts = [quote(w) for w in words[:-1]] + [f"{quote(words[-1])}:*"]
            expression = " & ".join(parts)

            def load():
                ids = self._fetch("SELECT search_title_ids(%s)", [expression])[0][0]
                return np.fromstring(ids, dtype=np.int64, sep=",") if ids else np.empty(0, np.int64)

            # Typing repeats prefixes: remembered for the current index, as on SQLite.
            return columns.remember(self.connection, ("suggest", expression), load)
        return self._ids(
            "SELECT id FROM search_searchentry WHERE title_folded LIKE %s",
            ["%" + " ".join(words) + "%"],
        )
