"""The one interface every search engine implements, and the query the search page builds.

`SearchQuery` is what a user asked for (text, kind, facet filters, dates, sort, page);
`parse_query` turns the raw text into terms, phrases and document numbers that every engine
reads the same way, so that the syntax of Elasticsearch, FTS5 or SQL never reaches an engine
as syntax. `get_engine()` picks Elasticsearch when `ELASTICSEARCH_URL` is set, otherwise the
database engine.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings

from search.documents import SearchDocument
from search.numbers import wanted
from search.query_words import drop_filler, filler_mask
from search.text import (
    fold,
    looks_like_document_number,
    looks_like_procedure_code,
    normalize_document_number,
    search_fold,
)

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deeper than this nobody reads; it also bounds the offsets the engines have to skip.
MAX_PAGE = 500

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
SORTS = (SORT_RELEVANCE, SORT_DATE)

# Facet names the search page knows how to label (the contract with the content apps'
# builders, see the brief in DESIGN.md); "kind" is the facet every document has.
FACET_LABELS = {
    "kind": "Loại nội dung",
    "field": "Lĩnh vực",
    "level": "Cấp thực hiện",
    "agency": "Cơ quan thực hiện",
    "online": "Dịch vụ công trực tuyến",
    "type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "status": "Tình trạng hiệu lực",
    "year": "Năm",
    "category": "Chuyên mục",
    "unit": "Đơn vị được kiểm tra",
}
FACET_NAMES = tuple(FACET_LABELS)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff\ufffd]")
# Words are letters and digits; everything else (ES/Lucene, FTS5 and SQL operators) separates.
_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBERISH = re.compile(r"\d[\w.]*(?:\s*/\s*[\w.]+(?:\s*[-/]\s*[\w.]+)*)|\d+\.\d{4,}(?:\.\w+)?")


@dataclass
class ParsedQuery:
    """The user's text as engines need it.

    `terms` are single words (as typed, lower-cased, NFC) outside quotes; `phrases` are lists
    of words that must appear together; `numbers` are normalized document numbers or
    procedure codes found in the text. `folded` variants serve accent-insensitive matching;
    `has_diacritics` tells engines to rank exact spellings first.
    """

    raw: str = ""
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    # Question words and filler left out of matching ("cần", "giấy tờ gì", "ở đâu").
    dropped: list[str] = field(default_factory=list)
    # Numbers and codes in any shape ("QĐ 57", "nghị định 123/2015", "1001193").
    lookups: list = field(default_factory=list)
    # The terms grouped with their synonyms (search.synonyms.concepts), set by SearchQuery.
    concepts: list = field(default_factory=list)
    # Every word outside quotes as typed (filler included) and which of them are meaningful.
    typed_terms: list[str] = field(default_factory=list)
    keep: list[bool] = field(default_factory=list)

    @property
    def folded_terms(self) -> list[str]:
        return [search_fold(t) for t in self.terms]

    @property
    def folded_phrases(self) -> list[list[str]]:
        return [[search_fold(w) for w in phrase] for phrase in self.phrases]

    @property
    def highlight_words(self) -> list[str]:
        """Typed words and the synonyms they were expanded to, for marking matches."""
        words = list(self.all_words)
        for concept in self.concepts:
            # Synonyms are marked as whole phrases, not word by word.
            words.extend(" ".join(alternative) for alternative in concept.alternatives[1:])
        return list(dict.fromkeys(words))

    @property
    def all_words(self) -> list[str]:
        return self.terms + [w for phrase in self.phrases for w in phrase]

    @property
    def has_diacritics(self) -> bool:
        return any(fold(w) != w for w in self.all_words)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.phrases or self.numbers or self.lookups)

    @property
    def display(self) -> str:
        """The cleaned query, as shown back to the user."""
        return self.raw

    @property
    def folded_display(self) -> str:
        return fold(self.raw)


def clean_text(text: str | None) -> str:
    """Cap, normalise and strip control or binary characters from what the user typed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)[: MAX_QUERY_LENGTH * 2])
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


# Boolean operators typed in capitals are syntax of other engines, not Vietnamese words.
_OPERATORS = {"AND", "OR", "NOT", "NEAR", "TO"}


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased, without operators, at most MAX_TERMS of them."""
    words = [w for w in _WORD.findall(text) if w.strip("_") and w not in _OPERATORS]
    return [w.lower() for w in words][:MAX_TERMS]


def parse_query(text: str | None) -> ParsedQuery:
    """Split user text into terms, quoted phrases and document numbers; never raises.

    Quotes pair up left to right; an unpaired quote is ignored. Operators of any engine
    (AND, NEAR, *, ~, :, \\, parentheses, ';') are treated as plain text: only words count.
    """
    raw = clean_text(text)
    parsed = ParsedQuery(raw=raw)
    if not raw:
        return parsed
    # Normalise typographic quotes to plain ones.
    work = re.sub(r"[“”„«»]", '"', raw)
    whole = work.replace('"', "").strip()
    if looks_like_document_number(whole) or looks_like_procedure_code(whole):
        parsed.numbers.append(normalize_document_number(whole))
    else:
        for match in _NUMBERISH.finditer(work):
            candidate = match.group(0)
            if looks_like_document_number(candidate) or looks_like_procedure_code(candidate):
                parsed.numbers.append(normalize_document_number(candidate))
    pieces = work.split('"')
    if len(pieces) % 2 == 0:  # unbalanced: the last quote opens nothing
        last = pieces.pop()
        pieces[-1] = f"{pieces[-1]} {last}"
    for index, piece in enumerate(pieces):
        words = words_of(piece)
        if not words:
            continue
        if index % 2 == 1 and len(words) > 1:
            parsed.phrases.append(words)
        else:
            parsed.terms.extend(words)
    # Repeated words add nothing but cost.
    seen: set[str] = set()
    parsed.terms = [t for t in parsed.terms if not (t in seen or seen.add(t))][:MAX_TERMS]
    parsed.typed_terms = list(parsed.terms)
    parsed.keep = filler_mask(parsed.terms)
    parsed.terms, parsed.dropped = drop_filler(parsed.terms)
    parsed.lookups = wanted(whole)
    parsed.phrases = parsed.phrases[:4]
    parsed.numbers = list(dict.fromkeys(parsed.numbers))[:3]
    return parsed


@dataclass
class SearchQuery:
    """What the user asked for; every field has a harmless default."""

    text: str = ""
    kind: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = SORT_RELEVANCE
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self):
        if isinstance(self.kind, str):
            self.kind = [self.kind] if self.kind else []
        self.page = max(1, min(int(self.page or 1), MAX_PAGE))
        self.page_size = max(1, min(int(self.page_size or DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE))
        if self.sort not in SORTS:
            self.sort = SORT_RELEVANCE
        self.filters = {
            name: [str(v) for v in values if str(v)]
            for name, values in (self.filters or {}).items()
            if name != "kind" and values
        }
        self.filters = {k: v for k, v in self.filters.items() if v}

    @property
    def parsed(self) -> ParsedQuery:
        """The parsed text with its concepts (synonyms from the editors' vocabulary)."""
        if not hasattr(self, "_parsed"):
            from search.synonyms import concepts, current_vocabulary

            parsed = parse_query(self.text)
            if parsed.typed_terms:
                parsed.concepts = concepts(parsed.typed_terms, current_vocabulary(), parsed.keep)
            self._parsed = parsed
        return self._parsed

    @property
    def has_criteria(self) -> bool:
        """True when there is something to search for: text, a kind, a filter or a date."""
        return bool(
            not self.parsed.is_empty or self.kind or self.filters or self.date_from or self.date_to
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    key: str
    kind: str
    url: str
    title: str
    number: str = ""
    date: datetime.date | None = None
    snippet: str = ""  # safe HTML: escaped text with <mark> around matched words
    title_html: str = ""  # safe HTML, the title with matched words marked
    extra: dict = field(default_factory=dict)
    facets: dict = field(default_factory=dict)
    score: float = 0.0
    exact_number: bool = False


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    # facet name -> values with counts, most frequent first; "kind" always present.
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    engine: str = ""
    notice: str = ""  # a discreet message when the page answered from a fallback
    # When nothing matches enough of the words: the nearest items, shown apart as such.
    near: list[Hit] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass
class Suggestion:
    title: str
    url: str
    kind: str
    number: str = ""


Progress = Callable[[int], None]


class SearchEngine:
    """What every engine does. Engines never raise on user input; they may raise on I/O."""

    name = "base"

    def index(self, docs: Iterable[SearchDocument]) -> int:
        raise NotImplementedError

    def delete(self, keys: Iterable[str]) -> int:
        raise NotImplementedError

    def rebuild(self, docs: Iterable[SearchDocument], progress: Progress | None = None) -> int:
        """Replace the whole index with `docs`; searches meanwhile see the old index."""
        raise NotImplementedError

    def search(self, query: SearchQuery) -> SearchResults:
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def facet_values(self, name: str) -> set[str]:
        """Every value of facet `name` in the index (to ignore unknown filter values)."""
        raise NotImplementedError


def get_engine() -> SearchEngine:
    """Elasticsearch when `ELASTICSEARCH_URL` is set, otherwise the database engine."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine.from_settings()
    return get_database_engine()


def get_database_engine() -> SearchEngine:
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()
