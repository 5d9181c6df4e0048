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
import functools
import logging
from collections.abc import Iterable, Iterator
from html import escape

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    Float,
    Index,
    Keyword,
    MetaField,
    Object,
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
from search.highlight import SNIPPET_LENGTH
from search.text import fold, normalize_document_number

logger = logging.getLogger(__name__)

MAX_FACET_VALUES = 30
NUMBER_BOOST = 1000.0
SUGGEST_WEIGHTS = {KIND_PROCEDURE: 30, KIND_LEGAL_DOCUMENT: 20}

vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
vi_folding = analyzer(
    "vi_folding",
    tokenizer="standard",
    filter=["lowercase", token_filter("vi_asciifolding", type="asciifolding")],
)


def _text_field():
    return Text(analyzer=vi_exact, fields={"folded": Text(analyzer=vi_folding)})


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


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(SearchDocumentIndex)
    return index


def index_body() -> dict:
    """Settings (analyzers) and mappings of a concrete index, as sent to the server."""
    return index_definition("template").to_dict()


def document_source(doc: SearchDocument) -> dict:
    facets = {name: _facet_values(value) for name, value in (doc.facets or {}).items()}
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


def _text_query(query: SearchQuery) -> dict | None:
    parsed = query.parsed
    must, should = [], []
    folded_fields = ["title.folded^3", "summary.folded^2", "body.folded"]
    exact_fields = ["title^6", "summary^4", "body^2"]
    if parsed.terms:
        must.append(
            {
                "multi_match": {
                    "query": " ".join(parsed.folded_terms),
                    "fields": folded_fields,
                    "type": "cross_fields",
                    "operator": "and",
                }
            }
        )
        if parsed.has_diacritics:
            should.append(
                {
                    "multi_match": {
                        "query": " ".join(parsed.terms),
                        "fields": exact_fields,
                        "type": "cross_fields",
                        "operator": "or",
                    }
                }
            )
    for words in parsed.phrases:
        must.append(
            {
                "multi_match": {
                    "query": " ".join(fold(w) for w in words),
                    "fields": folded_fields,
                    "type": "phrase",
                }
            }
        )
        if parsed.has_diacritics:
            should.append(
                {
                    "multi_match": {
                        "query": " ".join(words),
                        "fields": exact_fields,
                        "type": "phrase",
                    }
                }
            )
    text = {"bool": {"must": must, "should": should}} if must else None
    if not parsed.numbers:
        return text
    number = {"terms": {"normalized_number": parsed.numbers, "boost": NUMBER_BOOST}}
    clauses = [number, text] if text else [number]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


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
    main = {"bool": {"must": [text] if text else [{"match_all": {}}], "filter": filters}}
    scored = {
        "function_score": {
            "query": main,
            "field_value_factor": {"field": "weight", "missing": 1.0},
            "boost_mode": "multiply",
        }
    }
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
    body = {
        "query": scored,
        "aggs": aggs,
        "sort": sort,
        "from": query.offset,
        "size": query.page_size,
        "track_total_hits": True,
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
    }
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
        exact_number=bool(normalized and normalized in query.parsed.numbers),
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


@functools.cache
def shared_client(url: str, timeout: float) -> Elasticsearch:
    """One client per process (and URL): its connection pool is kept and reused by every
    request, instead of a new TCP/TLS connection per search. Made on first use, so after
    gunicorn forks its workers."""
    return Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch, alias: str | None = None):
        self.client = client
        self.alias = alias or alias_name()

    @classmethod
    def from_settings(cls) -> ElasticsearchEngine:
        timeout = getattr(settings, "SEARCH_ELASTICSEARCH_TIMEOUT", 5)
        return cls(shared_client(settings.ELASTICSEARCH_URL, timeout))

    # -- index management ----------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str) -> None:
        self.client.indices.create(index=name, **index_body())

    def ensure_index(self) -> None:
        """Create a first concrete index behind the alias if there is none yet."""
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.new_index_name()
            self.create_index(name)
            self.client.indices.put_alias(index=name, name=self.alias)

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            return []

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at `new_index` atomically; return the indices it left."""
        old = [name for name in self.current_indices() if name != new_index]
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        return old

    # -- writing -------------------------------------------------------------------------

    def _bulk(self, actions) -> int:
        done = 0
        for ok, item in helpers.streaming_bulk(
            self.client, actions, chunk_size=500, raise_on_error=False, max_retries=2
        ):
            info = next(iter(item.values()), {})
            if ok:
                done += 1
            elif not (info.get("status") == 404 and "delete" in item):
                logger.error("Elasticsearch bulk item failed: %s", item)
        return done

    def index(self, docs: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        return self._bulk(bulk_index_actions(docs, self.alias))

    def delete(self, keys: Iterable[str]) -> int:
        keys = list(keys)
        if not keys or not self.client.indices.exists_alias(name=self.alias):
            return 0
        return self._bulk(bulk_delete_actions(keys, self.alias))

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        name = self.new_index_name()
        self.create_index(name)
        self.client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
        count = 0
        try:
            for ok, item in helpers.streaming_bulk(
                self.client, bulk_index_actions(docs, name), chunk_size=500,
                raise_on_error=False, max_retries=2,
            ):  # fmt: skip
                if ok:
                    count += 1
                else:
                    logger.error("Elasticsearch bulk item failed: %s", item)
                if progress:
                    progress(1)
            self.client.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
            self.client.indices.refresh(index=name)
        except Exception:
            # Never leave a half-built index behind; the alias still points at the old one.
            self.client.indices.delete(index=name, ignore_unavailable=True)
            raise
        for old in self.swap_alias(name):
            self.client.indices.delete(index=old, ignore_unavailable=True)
        return count

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
