"""The Elasticsearch engine (elasticsearch-dsl 8.18, elasticsearch client 8.x).

Index layout: each text field is indexed twice, exactly (standard tokenizer + lowercase) and
folded in a `.folded` sub-field (+ asciifolding, which also turns đ into d); queries must
match the folded fields and score the exact ones higher, so "dang ky" finds "đăng ký" and
"đăng ký" ranks exact spellings first. Facets are keyword fields under `facets.*`, document
numbers a normalized keyword, suggestions a completion field. ICU is not required.

Index names are per environment (`SEARCH_INDEX_PREFIX`): searches and updates go through the
alias `<prefix>-search`; a rebuild fills a new concrete index `<prefix>-search-<timestamp>`
and swaps the alias in one `update_aliases` call, then deletes the old index, so a search
never sees a half-built index.

Query bodies are built by pure functions (`build_search_body`, `build_suggest_body`) that
the tests check without a server.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from html import escape

from django.conf import settings
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Float,
    Index,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from search.documents import KIND_LEGAL_DOCUMENT, KIND_PROCEDURE, SearchDocument
from search.engines.base import (
    FACET_NAMES,
    FacetValue,
    Hit,
    Progress,
    SearchEngine,
    SearchQuery,
    SearchResults,
    Suggestion,
    clean_text,
    words_of,
)
from search.engines.database import _facet_values
from search.engines.elasticsearch_config import ConnectionSettings, connection_settings
from search.highlight import SNIPPET_LENGTH
from search.numbers import NumberKey
from search.text import fold, normalize_document_number, search_fold

logger = logging.getLogger(__name__)

MAX_FACET_VALUES = 30
NUMBER_BOOST = 1000.0
SUGGEST_WEIGHTS = {KIND_PROCEDURE: 30, KIND_LEGAL_DOCUMENT: 20}
# The kind of a deleted item's placeholder in an index being rebuilt (see rebuild).
TOMBSTONE = "_deleted"


class RebuildError(RuntimeError):
    """The new index is not what the database holds; the alias was left alone."""


class IndexWriteError(RuntimeError):
    """Elasticsearch refused some writes (logged item by item); the task retries them."""


vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
vi_asciifolding = token_filter("vi_asciifolding", type="asciifolding")
# "ky"/"ki", "ly"/"li": a final y after a consonant is read as i (search.text.search_fold).
vi_final_y = token_filter(
    "vi_final_y", type="pattern_replace", pattern="^((?:[bcdghklmnprstvx]|qu))y$", replacement="$1i"
)
vi_folding = analyzer(
    "vi_folding", tokenizer="standard", filter=["lowercase", vi_asciifolding, vi_final_y]
)


def synonym_filter(rules: list[str]):
    """The editors' vocabulary as a synonym graph filter (search time only, as ES requires)."""
    return token_filter("vi_synonyms", type="synonym_graph", synonyms=rules, lenient=True)


def folding_search_analyzer(rules: list[str]):
    filters = ["lowercase", vi_asciifolding, vi_final_y]
    if rules:
        filters.append(synonym_filter(rules))
    return analyzer("vi_folding_search", tokenizer="standard", filter=filters)


def _text_field(search_analyzer=None):
    folded = Text(analyzer=vi_folding, search_analyzer=search_analyzer or vi_folding)
    return Text(analyzer=vi_exact, fields={"folded": folded})


class SearchDocumentIndex(Document):
    """The Elasticsearch mapping of `search.documents.SearchDocument`."""

    key = Keyword()
    kind = Keyword()
    url = Keyword(index=False)
    title = _text_field()
    number = Keyword()
    normalized_number = Keyword()
    summary = _text_field()
    body = _text_field()
    date = Date()
    weight = Float()
    facets = Object(dynamic=True)
    extra = Object(enabled=False)
    # The parts of a document number or procedure code (search.numbers.NumberKey), so that
    # "QĐ 57", "qd 57/2020" or "1001193" find the item whatever shape was typed.
    number_head = Keyword()
    number_year = Keyword()
    number_signs = Keyword(multi=True)
    number_code = Keyword()
    suggest = Completion(analyzer=vi_folding, search_analyzer=vi_folding, max_input_length=100)

    class Meta:
        dynamic_templates = MetaField(
            [
                {
                    "facets_as_keywords": {
                        "path_match": "facets.*",
                        "mapping": {"type": "keyword", "ignore_above": 300},
                    }
                }
            ]
        )


def alias_name() -> str:
    return f"{getattr(settings, 'SEARCH_INDEX_PREFIX', 'cchc')}-search"


def vocabulary_rules() -> list[str]:
    """The synonym rules of the vocabulary in the database (the starter list without one)."""
    from search.synonyms import STARTER, elasticsearch_rules

    try:
        from search.models import Synonym

        entries = list(Synonym.objects.values_list("terms", "meanings", "two_way"))
    except Exception:
        entries = list(STARTER)
    return elasticsearch_rules(entries)


def index_definition(name: str, rules: list[str] | None = None) -> Index:
    """The index with its analyzers; `rules` (default: the vocabulary) feed the synonym
    graph filter of the folded fields' search analyzer."""
    rules = vocabulary_rules() if rules is None else rules
    search_analyzer = folding_search_analyzer(rules)
    index = Index(name)
    index.settings(number_of_shards=1)
    index.document(SearchDocumentIndex)
    mapping = index.to_dict()["mappings"]
    for field_name in ("title", "summary", "body"):
        mapping["properties"][field_name] = _text_field(search_analyzer).to_dict()
    index.analyzer(search_analyzer)
    index._mapping = None  # the mapping below replaces the document's
    index._index_mapping = mapping
    return index


def index_body(rules: list[str] | None = None, replicas: int = 1) -> dict:
    """Settings (analyzers) and mappings of a concrete index, as sent to the server, with
    the mapping version in the mapping's `_meta`."""
    index = index_definition("template", rules)
    body = index.to_dict()
    body["mappings"] = index._index_mapping
    body["settings"]["number_of_replicas"] = replicas
    body["mappings"]["_meta"] = {"mapping_version": mapping_version()}
    return body


def mapping_version() -> str:
    """A digest of the analyzers and mapping this code writes (not the vocabulary, nor the
    replicas): a live index with another version was built by other code and must be
    rebuilt (system check search.W002)."""
    index = index_definition("template", [])
    body = index.to_dict()
    body["mappings"] = index._index_mapping
    body["settings"].pop("number_of_replicas", None)
    text = json.dumps(body, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def document_source(doc: SearchDocument) -> dict:
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
    key = NumberKey.of(normalize_document_number(doc.number or ""))
    inputs = [i for i in (doc.title[:100], doc.number) if i]
    return {
        "key": doc.key,
        "kind": doc.kind,
        "url": doc.url,
        "title": doc.title,
        "number": doc.number or "",
        "normalized_number": normalize_document_number(doc.number or ""),
        "summary": doc.summary or "",
        "body": doc.body or "",
        "date": doc.date.isoformat() if doc.date else None,
        "weight": float(doc.weight or 1.0),
        "facets": {k: v for k, v in facets.items() if v},
        "extra": dict(doc.extra or {}),
        "suggest": {"input": inputs, "weight": SUGGEST_WEIGHTS.get(doc.kind, 10)},
        "number_head": str(key.head) if key and key.head is not None else None,
        "number_year": str(key.year) if key and key.year else None,
        "number_signs": list(key.signs) if key else [],
        "number_code": key.code if key and key.code else None,
    }


def bulk_index_actions(docs: Iterable[SearchDocument], index: str) -> Iterator[dict]:
    for doc in docs:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": doc.key,
            "_source": document_source(doc),
        }


def bulk_delete_actions(keys: Iterable[str], index: str) -> Iterator[dict]:
    for key in keys:
        yield {"_op_type": "delete", "_index": index, "_id": key}


def _field(name: str) -> str:
    return "kind" if name == "kind" else f"facets.{name}"


def _facet_filters(query: SearchQuery) -> dict[str, dict]:
    filters = {}
    if query.kind:
        filters["kind"] = {"terms": {"kind": list(query.kind)}}
    for name, values in query.filters.items():
        filters[name] = {"terms": {_field(name): list(values)}}
    return filters


FOLDED_FIELDS = ["title.folded^3", "summary.folded^2", "body.folded"]
EXACT_FIELDS = ["title^6", "summary^4", "body^2"]


def _concept_query(concept) -> Q:
    """Any spelling of one concept (a word or a vocabulary phrase), on the folded fields."""
    alternatives = [
        Q("multi_match", query=" ".join(words), fields=FOLDED_FIELDS, type="phrase")
        for words in concept.alternatives
    ]
    return alternatives[0] if len(alternatives) == 1 else Q("bool", should=alternatives)


def _lookup_query(want) -> Q:
    """One number lookup (search.numbers.Wanted) on the number parts of each item."""
    if want.code:
        return Q("term", number_code=want.code)
    filters = [Q("term", number_head=str(want.head))]
    if want.year:
        filters.append(
            Q("term", number_year=str(want.year))
            | Q("range", date={"gte": f"{want.year}-01-01", "lte": f"{want.year}-12-31"})
        )
    filters += [Q("prefix", number_signs=sign) for sign in want.signs]
    return Q("bool", filter=filters)


def _text_query(query: SearchQuery) -> dict | None:
    """Best effort, as on the database engine: each concept (typed word with the spellings
    the vocabulary gives it, or a quoted phrase) is a clause; all of one or two are needed,
    75% of more; "làm", "xin" only rank. Exact spellings score higher; numbers and codes in
    any shape come first (constant score NUMBER_BOOST)."""
    from search.synonyms import Concept

    parsed = query.parsed
    concepts = list(parsed.concepts) or [Concept([t], [(search_fold(t),)]) for t in parsed.terms]
    concepts += [Concept(list(p), [tuple(search_fold(w) for w in p)]) for p in parsed.phrases]
    required = [c for c in concepts if not c.soft] or concepts
    soft = [c for c in concepts if c.soft and c not in required]
    text = None
    if required:
        need = len(required) if len(required) <= 2 else max(2, int(len(required) * 0.75))
        should = [_concept_query(c) for c in soft]
        if parsed.has_diacritics:
            words = " ".join(w for c in required for w in c.words)
            should.append(Q("multi_match", query=words, fields=EXACT_FIELDS, type="cross_fields"))
        whole = " ".join(search_fold(w) for c in concepts for w in c.words)
        if len(whole.split()) > 1:
            should.append(Q("match_phrase", **{"title.folded": {"query": whole, "boost": 2}}))
        text = Q(
            "bool",
            must=[
                Q(
                    "bool",
                    should=[_concept_query(c) for c in required],
                    minimum_should_match=need,
                )
            ],
            should=should,
        )
    numbers = []
    if parsed.numbers:
        numbers.append(Q("terms", normalized_number=parsed.numbers))
    numbers += [_lookup_query(w) for w in parsed.lookups]
    if not numbers:
        return text.to_dict() if text else None
    number = Q("constant_score", filter=Q("bool", should=numbers), boost=NUMBER_BOOST)
    clauses = [number, text] if text else [number]
    return Q("bool", should=clauses, minimum_should_match=1).to_dict()


def build_search_body(query: SearchQuery) -> dict:
    """The request body for `query`: text, filters, facets, highlight, sort and page."""
    filters = []
    if query.date_from or query.date_to:
        date_range = {}
        if query.date_from:
            date_range["gte"] = query.date_from.isoformat()
        if query.date_to:
            date_range["lte"] = query.date_to.isoformat()
        filters.append({"range": {"date": date_range}})
    text = _text_query(query)
    main = Q("bool", must=[Q(text) if text else Q("match_all")], filter=[Q(f) for f in filters])
    scored = Q(
        "function_score",
        query=main,
        field_value_factor={"field": "weight", "missing": 1.0},
        boost_mode="multiply",
    )
    # Facet filters go to post_filter, so that each facet's counts ignore its own filter.
    facet_filters = _facet_filters(query)
    aggs = {}
    names = ["kind"]
    if len(query.kind) == 1:
        names += [n for n in FACET_NAMES if n != "kind"]
    for name in names:
        others = [f for other, f in facet_filters.items() if other != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": _field(name), "size": MAX_FACET_VALUES}}},
        }
    if query.sort == "date":
        sort = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    else:
        sort = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    search = (
        Search()
        .query(scored)
        .extra(from_=query.offset, size=query.page_size, track_total_hits=True)
    )
    body = search.to_dict()
    body.update({
        "aggs": aggs,
        "sort": sort,
        "_source": {"excludes": ["body", "suggest"]},
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                "title": {"number_of_fragments": 0},
                "title.folded": {"number_of_fragments": 0},
                "summary": {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1},
                "summary.folded": {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1},
                "body": {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1},
                "body.folded": {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1},
            },
        },
    })  # fmt: skip
    if facet_filters:
        body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
    return body


def build_suggest_body(prefix: str, limit: int) -> dict | None:
    text = clean_text(prefix)
    if len(fold("".join(words_of(text)))) < 2:
        return None
    body: dict = {
        "_source": ["title", "url", "kind", "number"],
        "suggest": {
            "titles": {
                "prefix": fold(text),
                "completion": {"field": "suggest", "size": limit, "skip_duplicates": True},
            }
        },
        "size": 0,
    }
    if text[:1].isdigit():
        body["query"] = {"prefix": {"normalized_number": normalize_document_number(text)}}
        body["size"] = limit
    return body


def parse_hit(raw: dict, query: SearchQuery) -> Hit:
    source = raw.get("_source", {})
    highlight = raw.get("highlight", {})

    def first(*fields):
        for name in fields:
            if highlight.get(name):
                return highlight[name][0]
        return ""

    summary = source.get("summary", "")
    snippet = first("body", "body.folded", "summary", "summary.folded") or escape(
        summary[:SNIPPET_LENGTH]
    )
    date = source.get("date")
    normalized = source.get("normalized_number", "")
    parsed = query.parsed
    key = NumberKey.of(normalized)
    year = int(date[:4]) if date else None
    looked_up = key is not None and any(w.matches(key, year) for w in parsed.lookups)
    return Hit(
        key=source.get("key", raw.get("_id", "")),
        kind=source.get("kind", ""),
        url=source.get("url", ""),
        title=source.get("title", ""),
        number=source.get("number", ""),
        date=datetime.date.fromisoformat(date[:10]) if date else None,
        title_html=first("title", "title.folded") or escape(source.get("title", "")),
        snippet=snippet,
        extra=source.get("extra") or {},
        facets=source.get("facets") or {},
        score=float(raw.get("_score") or 0.0),
        exact_number=bool(normalized and normalized in parsed.numbers) or looked_up,
    )


def parse_response(response: dict, query: SearchQuery) -> SearchResults:
    results = SearchResults(page=query.page, page_size=query.page_size, engine="elasticsearch")
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    results.total = total.get("value", 0) if isinstance(total, dict) else int(total)
    results.hits = [parse_hit(raw, query) for raw in hits.get("hits", [])]
    for name, agg in (response.get("aggregations") or {}).items():
        selected = set(query.kind if name == "kind" else query.filters.get(name, []))
        values = [
            FacetValue(str(b["key"]), int(b["doc_count"]), str(b["key"]) in selected)
            for b in agg.get("values", {}).get("buckets", [])
        ]
        if values:
            results.facets[name] = values
    results.facets.setdefault("kind", [])
    return results


_clients: dict[tuple, Elasticsearch] = {}
_clients_lock = threading.Lock()


def shared_client(config: ConnectionSettings) -> Elasticsearch:
    """One client per process and configuration: its connection pool is reused by every
    request, and a short timeout without retries bounds what a hung cluster costs (writes
    ask for long timeouts and retries per request, `bulk_client`)."""
    with _clients_lock:
        client = _clients.get(config.key)
        if client is None:
            client = Elasticsearch(**config.client_options())
            _clients[config.key] = client
        return client


def reset_clients() -> None:
    """Forget the shared clients (tests, or after the settings changed)."""
    with _clients_lock:
        _clients.clear()


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(
        self,
        client: Elasticsearch,
        alias: str | None = None,
        config: ConnectionSettings | None = None,
    ):
        self.client = client
        self.alias = alias or alias_name()
        self.config = config or ConnectionSettings(hosts=[])

    @classmethod
    def from_settings(cls) -> ElasticsearchEngine:
        """The engine on this process's one client for the settings; raises
        ConfigurationError (which the search service turns into the fallback) when the
        settings cannot work."""
        config = connection_settings()
        return cls(shared_client(config), config=config)

    @property
    def bulk_client(self) -> Elasticsearch:
        """The same connection pool with the long timeout and retries of index writes."""
        return self.client.options(**self.config.bulk_options())

    # -- index management ----------------------------------------------------------------

    @property
    def rebuilding_alias(self) -> str:
        """Points at the index a rebuild is filling: live writes go there too (see rebuild)."""
        return f"{self.alias}-rebuilding"

    @property
    def lock_name(self) -> str:
        return f"{self.alias}-rebuild-lock"

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str, replicas: int | None = None) -> None:
        """A new concrete index; its synonym filter holds the vocabulary as it is now."""
        body = index_body(replicas=self.config.replicas if replicas is None else replicas)
        self.bulk_client.indices.create(index=name, **body)

    def _aliased(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).keys())
        except NotFoundError:
            return []

    def current_indices(self) -> list[str]:
        return self._aliased(self.alias)

    def live_mapping_version(self) -> str | None:
        """The mapping version stored in the live index's `_meta` (None: no index)."""
        try:
            mappings = self.client.indices.get_mapping(index=self.alias)
        except NotFoundError:
            return None
        for entry in dict(mappings).values():
            return (entry.get("mappings", {}).get("_meta") or {}).get("mapping_version")
        return None

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at `new_index` and end its rebuild, in one atomic call; return the
        indices the alias left."""
        old = [name for name in self.current_indices() if name != new_index]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        actions.append({"remove": {"index": new_index, "alias": self.rebuilding_alias}})
        self.bulk_client.indices.update_aliases(actions=actions)
        return old

    # -- writing -------------------------------------------------------------------------

    def _bulk(self, actions) -> tuple[Counter, list[dict]]:
        """Send `actions` with the long timeout and retries (429s retried with back-off by
        the helper); return (successes per operation status class, failed items)."""
        done: Counter = Counter()
        failed = []
        for ok, item in helpers.streaming_bulk(
            self.bulk_client, actions, chunk_size=500, max_chunk_bytes=10 * 1024 * 1024,
            raise_on_error=False, max_retries=self.config.bulk_retries, initial_backoff=1,
            max_backoff=30,
        ):  # fmt: skip
            op, info = next(iter(item.items()), ("", {}))
            status = info.get("status", 0)
            if ok:
                done["ok"] += 1
            elif status == 404 and op == "delete":
                done["absent"] += 1
            elif status == 409 and op == "create":
                done["newer"] += 1  # a live write reached the rebuilt index first
            else:
                failed.append(item)
                logger.error("Elasticsearch bulk item failed: %s", item)
        return done, failed

    def _write_targets(self) -> tuple[bool, list[str]]:
        """(the alias has an index, the indices a rebuild is filling)."""
        return self.client.indices.exists_alias(name=self.alias), self._aliased(
            self.rebuilding_alias
        )

    def index(self, docs: Iterable[SearchDocument]) -> int:
        """Write `docs` to the live index and to an index being rebuilt. Never creates an
        index: with none behind the alias the write is skipped and logged (a rebuild makes
        the first index, so searches never trust a near-empty one)."""
        docs = list(docs)
        live, rebuilding = self._write_targets()
        if not live and not rebuilding:
            logger.warning(
                "No Elasticsearch index behind %s: %s documents not written; run "
                "manage.py rebuild_search_index --engine elasticsearch",
                self.alias,
                len(docs),
            )
            return 0
        targets = ([self.alias] if live else []) + rebuilding
        actions = [a for name in targets for a in bulk_index_actions(docs, name)]
        _, failed = self._bulk(actions)
        if failed:
            raise IndexWriteError(f"{len(failed)} of {len(actions)} index writes failed")
        return len(docs)

    def delete(self, keys: Iterable[str]) -> int:
        """Remove `keys` from the live index; in an index being rebuilt leave a tombstone,
        so that the rebuild's older copy cannot bring the item back (see rebuild)."""
        keys = list(keys)
        live, rebuilding = self._write_targets()
        if not keys or not (live or rebuilding):
            return 0
        actions = list(bulk_delete_actions(keys, self.alias)) if live else []
        for name in rebuilding:
            actions += [
                {"_op_type": "index", "_index": name, "_id": key,
                 "_source": {"key": key, "kind": TOMBSTONE}}
                for key in keys
            ]  # fmt: skip
        done, failed = self._bulk(actions)
        if failed:
            raise IndexWriteError(f"{len(failed)} of {len(actions)} index deletes failed")
        return done["ok"]

    def _take_lock(self) -> None:
        """One rebuild at a time per alias: creating an index of a fixed name is atomic in
        the cluster, so a second process is refused whatever host it runs on."""
        try:
            self.bulk_client.indices.create(
                index=self.lock_name,
                settings={"number_of_shards": 1, "number_of_replicas": 0},
                mappings={"_meta": {"started": datetime.datetime.now(datetime.UTC).isoformat()}},
            )
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
            raise RebuildError(
                f"Another rebuild of {self.alias} is running (lock index {self.lock_name}). "
                f"If none is, a rebuild died: delete the index {self.lock_name} and run again."
            ) from None

    def per_kind(self, index: str) -> Counter:
        body = {"size": 0, "aggs": {"per_kind": {"terms": {"field": "kind", "size": 1000}}}}
        response = dict(self.bulk_client.search(index=index, body=body))
        buckets = response.get("aggregations", {}).get("per_kind", {}).get("buckets", [])
        return Counter({b["key"]: b["doc_count"] for b in buckets})

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Fill a new index, check it holds what the database gave, then swap the alias.

        While the new index fills, the alias `<alias>-rebuilding` points at it, so every
        live update (any process) is written to it too: `create` operations here never
        overwrite such a newer copy, and deletes leave tombstones, removed before the check.
        The alias moves only if no item failed and the counts per kind match; otherwise the
        new index is deleted, the old one keeps serving and RebuildError says why.
        """
        self._take_lock()
        name = self.new_index_name()
        expected: Counter = Counter()

        def actions():
            for doc in docs:
                expected[doc.kind] += 1
                if progress:
                    progress(1)
                yield {"_op_type": "create", "_index": name, "_id": doc.key,
                       "_source": document_source(doc)}  # fmt: skip

        try:
            self.create_index(name, replicas=0)
            self.bulk_client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
            self.bulk_client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.rebuilding_alias}}]
            )
            done, failed = self._bulk(actions())
            self.bulk_client.indices.refresh(index=name)
            self.bulk_client.delete_by_query(
                index=name, query={"term": {"kind": TOMBSTONE}}, refresh=True, conflicts="proceed"
            )
            self.bulk_client.indices.put_settings(
                index=name,
                settings={"refresh_interval": "1s", "number_of_replicas": self.config.replicas},
            )
            self.bulk_client.indices.refresh(index=name)
            found = self.per_kind(name)
            if failed:
                raise RebuildError(
                    f"{len(failed)} documents were refused by Elasticsearch (first: "
                    f"{failed[0]}); the alias {self.alias} still points at the old index."
                )
            # Live updates during the rebuild may add or remove a few items, never more.
            drift = sum(abs(found[k] - expected[k]) for k in set(found) | set(expected))
            if drift > done["newer"]:
                raise RebuildError(
                    f"The new index holds {dict(found)} but the database gave "
                    f"{dict(expected)}; the alias {self.alias} still points at the old index."
                )
            old = self.swap_alias(name)
        except BaseException:
            self.bulk_client.indices.delete(index=name, ignore_unavailable=True)
            raise
        finally:
            self.bulk_client.indices.delete(index=self.lock_name, ignore_unavailable=True)
        for index in old:
            self.bulk_client.indices.delete(index=index, ignore_unavailable=True)
        return sum(expected.values())

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.alias)

    # -- reading -------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        response = self.client.search(index=self.alias, body=build_search_body(query))
        return parse_response(dict(response), query)

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        body = build_suggest_body(prefix, limit)
        if body is None:
            return []
        response = dict(self.client.search(index=self.alias, body=body))
        found: dict[str, Suggestion] = {}
        sources = [h.get("_source", {}) for h in response.get("hits", {}).get("hits", [])]
        for option in response.get("suggest", {}).get("titles", [{}])[0].get("options", []):
            sources.append(option.get("_source", {}))
        for source in sources:
            url = source.get("url", "")
            if url and url not in found and len(found) < limit:
                found[url] = Suggestion(
                    title=source.get("title", ""),
                    url=url,
                    kind=source.get("kind", ""),
                    number=source.get("number", ""),
                )
        return list(found.values())

    def count(self) -> int:
        return int(self.client.count(index=self.alias)["count"])

    def facet_values(self, name: str) -> set[str]:
        body = {"size": 0, "aggs": {"values": {"terms": {"field": _field(name), "size": 1000}}}}
        response = dict(self.client.search(index=self.alias, body=body))
        buckets = response.get("aggregations", {}).get("values", {}).get("buckets", [])
        return {str(b["key"]) for b in buckets}
