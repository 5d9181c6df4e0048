"""The search document: what every published item tells the search engines about itself.

Each content type registers one builder, a function from a live page (or model instance) to a
`SearchDocument`; the `search` app indexes those documents in whichever engine is configured.
Apps declare their builders in `<app>/search_documents.py` with the `register` decorator:

    @register(ProcedurePage)
    def procedure_document(page): return SearchDocument(kind=KIND_PROCEDURE, ...)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

KIND_PROCEDURE = "procedure"
KIND_LEGAL_DOCUMENT = "legal_document"
KIND_NEWS = "news"
KIND_INSPECTION = "inspection"
KIND_PAGE = "page"
KIND_STATISTICS = "statistics"
KIND_REFORM_PLAN = "reform_plan"
KIND_REFORM_REPORT = "reform_report"

KIND_LABELS = {
    KIND_PROCEDURE: "Thủ tục hành chính",
    KIND_LEGAL_DOCUMENT: "Văn bản",
    KIND_NEWS: "Tin tức",
    KIND_INSPECTION: "Kiểm tra CCHC",
    KIND_PAGE: "Trang thông tin",
    KIND_STATISTICS: "Số liệu thống kê",
    KIND_REFORM_PLAN: "Kế hoạch CCHC",
    KIND_REFORM_REPORT: "Báo cáo CCHC",
}


@dataclass
class SearchDocument:
    """One published item as the search engines see it.

    `key` identifies it across engines and rebuilds ("procedures_catalog.procedurepage:42").
    `facets` maps a facet name ("field", "level", "status", "year", ...) to one value or a
    list of values, as displayed to users; the engines count and filter on them as given.
    `extra` holds the kind's key facts shown in a result (code, number, online level...).
    """

    key: str
    kind: str
    url: str
    title: str
    number: str = ""
    summary: str = ""
    body: str = ""
    date: datetime.date | None = None
    facets: dict[str, str | list[str]] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    # A boost for items citizens need most (e.g. procedures in force over abolished ones).
    weight: float = 1.0
    # The editor-set priority (search.featured.SearchPriority: 0, 1 or 2), a tie-breaker.
    featured: int = 0


Builder = Callable[[object], "SearchDocument | None"]
_builders: dict[type, Builder] = {}
# "app_label.Model" of a vocabulary -> [(indexed model, lookup from it to the vocabulary)]
_dependencies: dict[str, list[tuple[type, str]]] = {}


def register(model: type, depends_on: dict[str, str] | None = None) -> Callable[[Builder], Builder]:
    """Declare `builder` as the function that turns a `model` instance into a search document.

    A builder returns None for an instance that must not be searchable (not live, private,
    not yet in force...). `depends_on` names the other models whose words the document
    copies, with the lookup from `model` to them ({"procedures_catalog.Field": "field"}):
    when one of those is saved (a field renamed), the items using it are indexed again.
    """

    def decorator(builder: Builder) -> Builder:
        _builders[model] = builder
        for label, lookup in (depends_on or {}).items():
            _dependencies.setdefault(label, []).append((model, lookup))
        return builder

    return decorator


def dependencies() -> dict[str, list[tuple[type, str]]]:
    """Every declared dependency: vocabulary label -> [(indexed model, lookup)]."""
    return {label: list(users) for label, users in _dependencies.items()}


def registered_models() -> list[type]:
    return list(_builders)


def builder_for(instance: object) -> Builder | None:
    for klass in type(instance).__mro__:
        if klass in _builders:
            return _builders[klass]
    return None


def document_key(instance: object) -> str:
    meta = instance._meta  # type: ignore[attr-defined]
    return f"{meta.app_label}.{meta.model_name}:{instance.pk}"  # type: ignore[attr-defined]
