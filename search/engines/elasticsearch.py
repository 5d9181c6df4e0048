"""The Elasticsearch engine (elasticsearch client 8.19 and its `elasticsearch.dsl`; ES 8.10+).

Index layout: each text field is indexed twice, exactly (`vi_exact`: words split on anything
but letters, digits and marks, as the query parser splits, + lowercase) and folded in a
`.folded` sub-field (+ asciifolding, which also turns đ into d, and the removal of combining
marks); queries must match the folded fields and score the exact ones higher, so "dang ky"
finds "đăng ký" and "đăng ký" ranks exact spellings first. Facets are keyword fields under
`facets.*`, document numbers a normalized keyword, their parts keywords and their words a
text sub-field. The editors' vocabulary is a synonyms set read by the search analyzer. ICU is
not required.

Index names are per environment (`SEARCH_INDEX_PREFIX`): searches and updates go through the
alias `<prefix>-search`; a rebuild fills a new concrete index `<prefix>-search-<timestamp>`,
checks it against what the database gave, and swaps the alias in one `update_aliases` call,
then deletes the old index, so a search never sees a half-built or short index.

Query bodies are built with `elasticsearch.dsl` by pure functions (`build_search_body`,
`build_suggest_body`) that the tests check without a server; tests/es_fake_node.py lets the
real client talk to a fake node for the failure paths.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from html import escape

from django.conf import settings
from elasticsearch import BadRequestError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
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
from search.featured import BOOST
from search.highlight import SNIPPET_LENGTH
from search.numbers import NumberKey
from search.text import fold, normalize_document_number, search_fold

logger = logging.getLogger(__name__)

MAX_FACET_VALUES = 30
NUMBER_BOOST = 1000.0
SUGGEST_WEIGHTS = {KIND_PROCEDURE: 3, KIND_LEGAL_DOCUMENT: 2}
# The kind of a deleted item's placeholder in an index being rebuilt (see rebuild).
TOMBSTONE = "_deleted"


class RebuildError(RuntimeError):
    """The new index is not what the database holds; the alias was left alone."""


class IndexWriteError(RuntimeError):
    """Elasticsearch refused some writes (logged item by item); the task retries them."""


class MappingMismatch(RuntimeError):
    """The live index was built by other code (or there is none): it is not searched."""


# Words are runs of letters, digits and combining marks; everything else separates, as in the
# query parser (`words_of`) and the database engine: "TP.HCM", "xã.Người", "1.000.000" are
# split on both sides. Numbers and codes are found whole through the number fields.
vi_words = tokenizer("vi_words", type="pattern", pattern=r"[^\p{L}\p{N}\p{M}]+")
vi_exact = analyzer("vi_exact", tokenizer=vi_words, filter=["lowercase"])
vi_asciifolding = token_filter("vi_asciifolding", type="asciifolding")
# Text arrives in NFC (document_source); marks left by decomposed input are dropped anyway.
vi_marks = token_filter("vi_marks", type="pattern_replace", pattern=r"\p{M}+", replacement="")
# "ky"/"ki", "ly"/"li": a final y after a consonant is read as i (search.text.search_fold).
vi_final_y = token_filter(
    "vi_final_y", type="pattern_replace", pattern="^((?:[bcdghklmnprstvx]|qu))y$", replacement="$1i"
)
FOLDING_FILTERS = ["lowercase", vi_asciifolding, vi_marks, vi_final_y]
vi_folding = analyzer("vi_folding", tokenizer=vi_words, filter=FOLDING_FILTERS)
# Codes and numbers as written ("TP.HCM", "1.000.000", "57/QĐ-UBND"): tokens between spaces,
# outer punctuation trimmed, folded; the `.whole` sub-fields rank an item holding the typed
# code whole above one holding its pieces apart (matching stays on the split words).
vi_trim = token_filter(
    "vi_trim", type="pattern_replace", pattern=r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}\p{M}]+$",
    replacement="",
)  # fmt: skip
vi_whole = analyzer(
    "vi_whole", tokenizer="whitespace", filter=[vi_trim, "lowercase", vi_asciifolding, vi_marks]
)


def synonym_filter(synonyms_set: str):
    """The editors' vocabulary as a synonym graph filter of the search analyzer, read from a
    synonyms set (ES 8.10+): updating the set reloads the analyzers, no rebuild needed."""
    return token_filter(
        "vi_synonyms", type="synonym_graph", synonyms_set=synonyms_set, updateable=True,
        lenient=True,
    )  # fmt: skip


def folding_search_analyzer(synonyms_set: str):
    return analyzer(
        "vi_folding_search", tokenizer=vi_words,
        filter=[*FOLDING_FILTERS, synonym_filter(synonyms_set)],
    )  # fmt: skip


def _text_field(search_analyzer=None):
    folded = Text(analyzer=vi_folding, search_analyzer=search_analyzer or vi_folding)
    return Text(analyzer=vi_exact, fields={"folded": folded, "whole": Text(analyzer=vi_whole)})


class SearchDocumentIndex(Document):
    """The Elasticsearch mapping of `search.documents.SearchDocument`."""

    key = Keyword()
    kind = Keyword()
    url = Keyword(index=False)
    title = _text_field()
    # The number as words too, so that a part of it ("001193", "ubnd") finds the item.
    number = Keyword(fields={"folded": Text(analyzer=vi_folding)})
    normalized_number = Keyword()
    summary = _text_field()
    body = _text_field()
    date = Date()
    weight = Float()
    # The editor-set priority (search.featured.SearchPriority: 0, 1, 2), a score multiplier.
    featured = Integer()
    facets = Object(dynamic=True)
    extra = Object(enabled=False)
    # The parts of a document number or procedure code (search.numbers.NumberKey), so that
    # "QĐ 57", "qd 57/2020" or "1001193" find the item whatever shape was typed.
    number_head = Keyword()
    number_year = Keyword()
    number_signs = Keyword(multi=True)
    number_code = Keyword()

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


def synonyms_set_name() -> str:
    return f"{alias_name()}-synonyms"


def vocabulary_rules() -> list[str]:
    """The synonym rules of the vocabulary in the database (the starter list without one)."""
    from search.synonyms import STARTER, elasticsearch_rules

    try:
        from search.models import Synonym

        entries = list(Synonym.objects.values_list("terms", "meanings", "two_way"))
    except Exception:
        entries = list(STARTER)
    return elasticsearch_rules(entries)


def synonyms_set_body(rules: list[str]) -> list[dict]:
    return [{"id": f"rule-{number}", "synonyms": rule} for number, rule in enumerate(rules)]


def index_definition(name: str, synonyms_set: str) -> Index:
    """The index with its analyzers; the folded fields' search analyzer reads the editors'
    vocabulary from the synonyms set `synonyms_set`."""
    search_analyzer = folding_search_analyzer(synonyms_set)
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


def _definition_body(synonyms_set: str) -> dict:
    index = index_definition("template", synonyms_set)
    body = index.to_dict()
    body["mappings"] = index._index_mapping
    return body


def index_body(synonyms_set: str | None = None, replicas: int = 1) -> dict:
    """Settings (analyzers) and mappings of a concrete index, as sent to the server, with
    the mapping version in the mapping's `_meta`."""
    body = _definition_body(synonyms_set or synonyms_set_name())
    body["settings"]["number_of_replicas"] = replicas
    body["mappings"]["_meta"] = {"mapping_version": mapping_version()}
    return body


def mapping_version() -> str:
    """A digest of the analyzers and mapping this code writes (not the vocabulary, nor the
    replicas): a live index with another version was built by other code and must be
    rebuilt (system check search.W002)."""
    text = json.dumps(_definition_body("synonyms"), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def document_source(doc: SearchDocument) -> dict:
    """The indexed document: text in NFC (as queries are), numbers split into their parts."""
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
    number = nfc(doc.number)
    key = NumberKey.of(normalize_document_number(number))
    return {
        "key": doc.key,
        "kind": doc.kind,
        "url": doc.url,
        "title": nfc(doc.title),
        "number": number,
        "normalized_number": normalize_document_number(number),
        "summary": nfc(doc.summary),
        "body": nfc(doc.body),
        "date": doc.date.isoformat() if doc.date else None,
        "weight": float(doc.weight or 1.0),
        "featured": int(doc.featured or 0),
        "facets": {k: v for k, v in facets.items() if v},
        "extra": dict(doc.extra or {}),
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


FOLDED_FIELDS = ["title.folded^3", "summary.folded^2", "body.folded", "number.folded"]
EXACT_FIELDS = ["title^6", "summary^4", "body^2"]
WHOLE_FIELDS = ["title.whole^3", "summary.whole^2", "body.whole"]
# A code or number typed with inner punctuation: "TP.HCM", "1.000.000", "v.v", "12-CT/TU".
_CODE = re.compile(r"\w+(?:[.\-/]\w+)+")


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
        # "mất X" prefers "cấp lại X" (search.query_words): that spelling ranks in the
        # title, and the typed word stays out of the whole-title phrase, as on the database.
        for c in concepts:
            if c.prefer:
                preferred = " ".join(c.alternatives[c.prefer])
                should.append(
                    Q("match_phrase", **{"title.folded": {"query": preferred, "boost": 3}})
                )
        whole = " ".join(search_fold(w) for c in concepts if not c.prefer for w in c.words)
        if len(whole.split()) > 1:
            should.append(Q("match_phrase", **{"title.folded": {"query": whole, "boost": 2}}))
        codes = list(dict.fromkeys(_CODE.findall(parsed.raw)))[:4]
        if codes:
            should.append(Q("multi_match", query=" ".join(codes), fields=WHOLE_FIELDS, boost=2))
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


# Highlighting reads at most this many characters of a field: a longer body (over the
# index's limit of 1,000,000) would otherwise fail the whole search.
MAX_HIGHLIGHT_OFFSET = 999_999


def build_search_body(query: SearchQuery) -> dict:
    """The request body for `query`: text, filters, facets, highlight, sort and page."""
    filters = []
    if query.date_from or query.date_to:
        date_range = {}
        if query.date_from:
            date_range["gte"] = query.date_from.isoformat()
        if query.date_to:
            date_range["lte"] = query.date_to.isoformat()
        filters.append(Q("range", date=date_range))
    text = _text_query(query)
    main = Q(
        "bool",
        must=[Q(text) if text else Q("match_all")],
        filter=filters,
        must_not=[Q("term", kind=TOMBSTONE)],
    )
    # The kind's weight times the editor-set priority (search.featured.BOOST, as the database
    # engine); unlike there, no cap keeps a featured item below an exact title (README).
    featured = [
        {"filter": Q("term", featured=int(level)).to_dict(), "weight": boost}
        for level, boost in BOOST.items()
        if boost != 1.0
    ]
    scored = Q(
        "function_score",
        query=main,
        functions=[{"field_value_factor": {"field": "weight", "missing": 1.0}}, *featured],
        score_mode="multiply",
        boost_mode="multiply",
    )
    search = (
        Search()
        .query(scored)
        .extra(from_=query.offset, size=query.page_size, track_total_hits=True)
    )
    # Facet filters go to post_filter, so that each facet's counts ignore its own filter.
    facet_filters = _facet_filters(query)
    names = ["kind"]
    if len(query.kind) == 1:
        names += [n for n in FACET_NAMES if n != "kind"]
    for name in names:
        others = [f for other, f in facet_filters.items() if other != name]
        bucket = search.aggs.bucket(name, "filter", filter=Q("bool", filter=others))
        bucket.bucket("values", "terms", field=_field(name), size=MAX_FACET_VALUES)
        selected = list(query.kind if name == "kind" else query.filters.get(name, []))
        if selected:
            # A selected value is listed (to be unticked) even outside the top values.
            bucket.bucket(
                "selected", "terms", field=_field(name), include=selected, size=len(selected)
            )
    date_sort = {"date": {"order": "desc", "missing": "_last"}}
    search = search.sort(
        *([date_sort, "_score"] if query.sort == "date" else ["_score", date_sort])
    )
    search = search.source(excludes=["body"]).highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html",
        max_analyzed_offset=MAX_HIGHLIGHT_OFFSET,
    )  # fmt: skip
    search = search.highlight("title", "title.folded", number_of_fragments=0)
    search = search.highlight(
        "summary", "summary.folded", "body", "body.folded",
        fragment_size=SNIPPET_LENGTH, number_of_fragments=1,
    )  # fmt: skip
    if facet_filters:
        search = search.post_filter(Q("bool", filter=[Q(f) for f in facet_filters.values()]))
    return search.to_dict()


def build_suggest_body(prefix: str, limit: int) -> dict | None:
    """Titles with every typed word, the last as a prefix, anywhere in the title (as the
    database engine suggests), procedures first; numbers by their normalised prefix. Items
    are told apart by URL, so two items with one title are both offered."""
    text = clean_text(prefix)
    if len(fold("".join(words_of(text)))) < 2:
        return None
    words = Q(
        "match_bool_prefix",
        **{"title.folded": {"query": " ".join(words_of(text)), "operator": "and",
                            "analyzer": "vi_folding"}},
    )  # fmt: skip
    matches = [words]
    if text[:1].isdigit():
        number = Q("prefix", normalized_number=normalize_document_number(text))
        matches.append(Q("constant_score", filter=number, boost=10))
    ranked = Q(
        "function_score",
        query=Q("bool", should=matches, minimum_should_match=1,
                must_not=[Q("term", kind=TOMBSTONE)]),
        functions=[
            {"filter": Q("term", kind=kind).to_dict(), "weight": weight}
            for kind, weight in SUGGEST_WEIGHTS.items()
        ],
        score_mode="max", boost_mode="multiply",
    )  # fmt: skip
    search = Search().query(ranked).source(["title", "url", "kind", "number"])
    search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    return search.extra(size=limit).to_dict()


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


PARTIAL_NOTICE = (
    "Máy chủ tìm kiếm chỉ trả lời được một phần (hết thời gian hoặc một phần chỉ mục không "
    "phản hồi); danh sách dưới đây có thể chưa đầy đủ."
)


def is_partial(response: dict) -> bool:
    """True when the answer does not cover the whole index: timed out or shards failed."""
    shards = response.get("_shards") or {}
    return bool(response.get("timed_out")) or int(shards.get("failed") or 0) > 0


def parse_response(response: dict, query: SearchQuery) -> SearchResults:
    results = SearchResults(page=query.page, page_size=query.page_size, engine="elasticsearch")
    if is_partial(response):
        results.notice = PARTIAL_NOTICE
        logger.warning("Partial Elasticsearch answer: %s", response.get("_shards"))
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    results.total = total.get("value", 0) if isinstance(total, dict) else int(total)
    results.hits = [parse_hit(raw, query) for raw in hits.get("hits", [])]
    for name, agg in (response.get("aggregations") or {}).items():
        selected = list(query.kind if name == "kind" else query.filters.get(name, []))
        counts = {
            str(b["key"]): int(b["doc_count"]) for b in agg.get("values", {}).get("buckets", [])
        }
        found = {
            str(b["key"]): int(b["doc_count"]) for b in agg.get("selected", {}).get("buckets", [])
        }
        for value in selected:
            counts.setdefault(value, found.get(value, 0))
        values = [FacetValue(v, c, v in selected) for v, c in counts.items()]
        if values:
            results.facets[name] = values
    results.facets.setdefault("kind", [])
    return results


_clients: dict[tuple, Elasticsearch] = {}
_clients_lock = threading.Lock()
# (client settings, alias) -> (when asked, MappingMismatch or None): see check_mapping.
_mapping_checks: dict[tuple, tuple[float, MappingMismatch | None]] = {}
MAPPING_RECHECK_SECONDS = 60.0


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
        _mapping_checks.clear()


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

    @property
    def synonyms_set(self) -> str:
        return f"{self.alias}-synonyms"

    def push_synonyms(self, rules: list[str] | None = None, quick: bool = False) -> None:
        """Write the editors' vocabulary to the synonyms set; Elasticsearch reloads the
        search analyzers of every index using it, so a change applies without a rebuild.
        `quick`: with the short search timeout and no retry (an editor is waiting)."""
        rules = vocabulary_rules() if rules is None else rules
        client = self.client if quick else self.bulk_client
        client.synonyms.put_synonym(id=self.synonyms_set, synonyms_set=synonyms_set_body(rules))

    def create_index(self, name: str, replicas: int | None = None) -> None:
        """A new concrete index, its search analyzer reading the synonyms set (written first:
        an index cannot name a set that does not exist)."""
        self.push_synonyms()
        body = index_body(
            synonyms_set=self.synonyms_set,
            replicas=self.config.replicas if replicas is None else replicas,
        )
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

    def check_mapping(self) -> None:
        """Raise MappingMismatch unless the live index holds this code's mapping version.

        A process asks the cluster once, when it starts (portal/wsgi.py) or at its first
        search; while the answer is no it is not searched (the database engine answers,
        search.service) and the cluster is asked again every MAPPING_RECHECK_SECONDS, so
        the workers take a rebuilt index without a restart. Errors reaching the cluster
        are raised as they are and not remembered.
        """
        key = (self.config.key, self.alias)
        now = time.monotonic()
        with _clients_lock:
            asked = _mapping_checks.get(key)
        if asked and (asked[1] is None or now - asked[0] < MAPPING_RECHECK_SECONDS):
            if asked[1] is not None:
                raise asked[1]
            return
        live, expected = self.live_mapping_version(), mapping_version()
        mismatch = None
        if live != expected:
            found = f"mapping version {live}" if live else "no index behind it"
            mismatch = MappingMismatch(
                f"the search index {self.alias} has {found}, this code expects {expected}: "
                "run manage.py rebuild_search_index --engine elasticsearch"
            )
        with _clients_lock:
            _mapping_checks[key] = (now, mismatch)
        if mismatch is not None:
            raise mismatch

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
            found.pop(TOMBSTONE, None)  # a delete after the clean-up, removed after the swap
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
        self.bulk_client.delete_by_query(
            index=name, query={"term": {"kind": TOMBSTONE}}, refresh=True, conflicts="proceed"
        )
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
        for hit in response.get("hits", {}).get("hits", []):
            source = hit.get("_source", {})
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


def push_vocabulary() -> None:
    """After a vocabulary edit: the new rules to the cluster's synonyms set (logged, never
    raised: the query expansion already applies the change, search.synonyms)."""
    from search.service import breaker

    if not getattr(settings, "ELASTICSEARCH_URL", "") or not breaker.allows():
        return  # the next rebuild sends the vocabulary with the new index
    try:
        ElasticsearchEngine.from_settings().push_synonyms(quick=True)
    except Exception:
        logger.exception(
            "The search vocabulary could not be sent to Elasticsearch; the query expansion "
            "applies it already, and rebuild_search_index sends it again"
        )
