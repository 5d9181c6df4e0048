"""What the home page shows of each section, gathered from the apps that own them.

Each domain app offers `<app>/home.py` with `home_context(request) -> dict`, returning lists of
`HomeItem` under the keys the home template reads:

- procedures_catalog: `procedure_fields`, `life_situations`, `popular_procedures`
- legal_documents: `latest_legal_documents`
- news: `latest_news`
- inspections: `latest_inspections`
- reform_statistics: `statistics_figures` (replace the typed figures when statistics exist)

A section with nothing published shows its empty state.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import import_module

PROVIDERS = [
    "procedures_catalog.home",
    "legal_documents.home",
    "news.home",
    "inspections.home",
    "reform_statistics.home",
]


@dataclass
class HomeItem:
    title: str
    url: str
    date: datetime.date | None = None
    meta: str = ""
    count: int | None = None


def section_context(request) -> dict:
    context: dict = {}
    for module_path in PROVIDERS:
        context.update(import_module(module_path).home_context(request))
    return context
