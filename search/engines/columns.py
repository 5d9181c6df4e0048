"""The database engine's in-memory columns: everything but the text, one array per field.

Full-text matching (FTS5, tsvector) only says WHICH entries match; filtering by kind, facet
and date, counting facets, ranking and paging then work on these arrays (numpy), and only
the page's rows are read back from the table. A snapshot covers the whole index and is
loaded once per process and database, then reused until the index changes: every change of
`search_searchentry` renews the token of `search_indexstate` (database triggers, migration
0003), which each search reads with one cheap query, so every process (gunicorn workers
included) sees a change at its next search.

Memory: about 20 bytes per entry plus 8 bytes per facet value (35,000 entries: ~1 MB), and
the interned facet values and normalised numbers.
"""

from __future__ import annotations

import bisect
import datetime
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

PAIR_SEP, FACET_SEP = "\x1f", "\x1e"


@dataclass
class Facet:
    """One facet name over every entry, in CSR form: entry `i` has the value codes
    `codes[indptr[i]:indptr[i + 1]]`; `rows[j]` is the entry of `codes[j]`."""

    values: list[str]
    codes: np.ndarray  # int32
    rows: np.ndarray  # int32
    lookup: dict[str, int] = field(default_factory=dict)

    def mask(self, size: int, chosen: list[str]) -> np.ndarray:
        """Entries having any of the `chosen` values (unknown values match nothing)."""
        wanted = [self.lookup[v] for v in chosen if v in self.lookup]
        out = np.zeros(size, dtype=bool)
        if wanted:
            out[self.rows[np.isin(self.codes, wanted)]] = True
        return out

    def counts(self, selected: np.ndarray) -> dict[str, int]:
        counts = np.bincount(self.codes[selected[self.rows]], minlength=len(self.values))
        return {self.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}


@dataclass
class Snapshot:
    token: str | None
    ids: np.ndarray  # int64, ascending: position -> entry id
    kind: np.ndarray  # int8 codes into `kinds`
    kinds: list[str]
    date: np.ndarray  # int32 ordinal, 0 when the entry has no date
    weight: np.ndarray  # float32
    featured: np.ndarray  # int8, the editor-set priority (search.featured)
    title_length: np.ndarray  # int32
    facets: dict[str, Facet]
    # Sorted (normalised number, position) for exact and prefix lookups.
    numbers: list[str]
    number_positions: np.ndarray

    @property
    def size(self) -> int:
        return len(self.ids)

    def positions(self, ids) -> np.ndarray:
        """Positions of the entry ids that exist in this snapshot (others are dropped)."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(ids) or not self.size:
            return np.empty(0, dtype=np.int64)
        dense = self.__dict__.get("_dense")
        if dense is None and self.ids[-1] < 16 * self.size + 1024:
            # id -> position in one array (ids are mostly dense): a lookup per id instead of
            # a binary search, for the tens of thousands of ids a common word brings.
            dense = np.full(int(self.ids[-1]) + 1, -1, dtype=np.int64)
            dense[self.ids] = np.arange(self.size, dtype=np.int64)
            self.__dict__["_dense"] = dense
        if dense is not None:
            found = dense[ids[(ids >= 0) & (ids < len(dense))]]
            return found[found >= 0]
        found = np.searchsorted(self.ids, ids)
        found = np.minimum(found, self.size - 1)
        return found[self.ids[found] == ids]

    def kind_code(self, kind: str) -> int:
        try:
            return self.kinds.index(kind)
        except ValueError:
            return -1

    def number_range(self, low: str, high: str) -> tuple[int, int]:
        return bisect.bisect_left(self.numbers, low), bisect.bisect_left(self.numbers, high)

    def number_lookup(self, wanted) -> np.ndarray:
        """Positions whose number fits any of `wanted` (search.numbers.Wanted), in any shape.

        The snapshot keeps only a cheap index (leading number or code digits -> positions);
        the few numbers in a bucket are parsed when a query asks for it."""
        from search.numbers import NumberKey, bucket_of

        index = self.__dict__.get("_number_index")
        if index is None:
            index = {}
            for number, position in zip(self.numbers, self.number_positions, strict=True):
                bucket = bucket_of(number)
                if bucket is not None:
                    index.setdefault(bucket, []).append((int(position), number))
            self.__dict__["_number_index"] = index
        found = []
        for want in wanted:
            bucket = ("code", want.code) if want.code else ("head", want.head)
            for position, number in index.get(bucket, ()):
                key = NumberKey.of(number)
                ordinal = int(self.date[position])
                year = datetime.date.fromordinal(ordinal).year if ordinal > 0 else None
                if key is not None and want.matches(key, year):
                    found.append(position)
        return np.asarray(sorted(set(found)), dtype=np.int64)

    def exact_numbers(self, numbers: list[str]) -> np.ndarray:
        found = []
        for number in numbers:
            start, end = self.number_range(number, number + "\x00")
            found.append(self.number_positions[start:end])
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def _ordinal(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return value.toordinal()
    try:
        return datetime.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return 0


def build_snapshot(token: str | None, rows) -> Snapshot:
    """A snapshot from (id, kind, date, weight, facet_text, normalized_number, title length,
    featured) rows in ascending id order."""
    ids, kinds_col, dates, weights, lengths, featured = [], [], [], [], [], []
    kinds: dict[str, int] = {}
    facet_values: dict[str, dict[str, int]] = {}
    facet_codes: dict[str, list[int]] = {}
    facet_rows: dict[str, list[int]] = {}
    numbers = []
    for position, row in enumerate(rows):
        row_id, kind, date, weight, facet_text, number, length, priority = row
        ids.append(row_id)
        featured.append(priority or 0)
        kinds_col.append(kinds.setdefault(kind, len(kinds)))
        dates.append(_ordinal(date))
        weights.append(weight or 1.0)
        lengths.append(length or 0)
        if number:
            numbers.append((number, position))
        if facet_text:
            for pair in facet_text.split(FACET_SEP):
                name, _, value = pair.partition(PAIR_SEP)
                if not value:
                    continue
                values = facet_values.setdefault(name, {})
                facet_codes.setdefault(name, []).append(values.setdefault(value, len(values)))
                facet_rows.setdefault(name, []).append(position)
    facets = {}
    for name, values in facet_values.items():
        facets[name] = Facet(
            values=list(values),
            codes=np.asarray(facet_codes[name], dtype=np.int32),
            rows=np.asarray(facet_rows[name], dtype=np.int32),
            lookup=values,
        )
    numbers.sort()
    return Snapshot(
        token=token,
        ids=np.asarray(ids, dtype=np.int64),
        kind=np.asarray(kinds_col, dtype=np.int8),
        kinds=list(kinds),
        date=np.asarray(dates, dtype=np.int32),
        weight=np.asarray(weights, dtype=np.float32),
        featured=np.asarray(featured, dtype=np.int8),
        title_length=np.asarray(lengths, dtype=np.int32),
        facets=facets,
        numbers=[n for n, _ in numbers],
        number_positions=np.asarray([p for _, p in numbers], dtype=np.int64),
    )


_snapshots: dict[tuple, Snapshot] = {}
_lock = threading.Lock()

SNAPSHOT_SQL = (
    "SELECT id, kind, date, weight, facet_text, normalized_number, length(title), featured "
    "FROM search_searchentry ORDER BY id"
)
TOKEN_SQL = "SELECT token FROM search_indexstate WHERE id = 1"  # noqa: S105


def snapshot(connection) -> Snapshot:
    """The current snapshot for `connection`'s database, reloaded when its token changed."""
    key = (connection.alias, str(connection.settings_dict.get("NAME")))
    with connection.cursor() as cursor:
        cursor.execute(TOKEN_SQL)
        row = cursor.fetchone()
    token = row[0] if row else None
    current = _snapshots.get(key)
    if current is not None and current.token == token:
        return current
    with _lock:
        current = _snapshots.get(key)
        if current is not None and current.token == token:
            return current
        with connection.cursor() as cursor:
            cursor.execute(SNAPSHOT_SQL)
            current = build_snapshot(token, cursor.fetchall())
        _snapshots[key] = current
        return current


def forget() -> None:
    """Drop every snapshot (tests; the token check makes this unnecessary otherwise)."""
    _snapshots.clear()
    _matches.clear()


# Full-text match results (id arrays) of the current index, most recent last: paging and
# facet clicks repeat the same text, and popular words recur. Keyed by the index token, so a
# change of the index empties it.
MATCH_CACHE_SIZE = 1024
_matches: dict[tuple, OrderedDict] = {}


def remember(connection, key, load):
    """`load()`'s result for `key` under the index token the last snapshot() saw."""
    alias = (connection.alias, str(connection.settings_dict.get("NAME")))
    current = _snapshots.get(alias)
    token = current.token if current is not None else None
    cache = _matches.get(alias)
    if cache is None or cache.token != token:
        cache = _matches[alias] = _MatchCache(token)
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = load()
    with _lock:
        cache[key] = value
        while len(cache) > MATCH_CACHE_SIZE:
            cache.popitem(last=False)
    return value


def _cache_for(connection) -> OrderedDict:
    alias = (connection.alias, str(connection.settings_dict.get("NAME")))
    current = _snapshots.get(alias)
    token = current.token if current is not None else None
    cache = _matches.get(alias)
    if cache is None or cache.token != token:
        cache = _matches[alias] = _MatchCache(token)
    return cache


def peek(connection, key):
    """The remembered value for `key` under the current index token, or None."""
    cache = _cache_for(connection)
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    return None


def store(connection, key, value) -> None:
    cache = _cache_for(connection)
    with _lock:
        cache[key] = value
        while len(cache) > MATCH_CACHE_SIZE:
            cache.popitem(last=False)


class _MatchCache(OrderedDict):
    def __init__(self, token):
        super().__init__()
        self.token = token
