"""The in-memory columns follow every change of the index, however it was made."""

import datetime

from search.documents import SearchDocument
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine
from search.models import SearchEntry


def _doc(i, kind="news", **facets):
    return SearchDocument(
        key=f"t.{kind}:{i}", kind=kind, url=f"/x/{i}/", title=f"Bản tin số {i}",
        date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i), facets=facets,
    )  # fmt: skip


def test_changes_outside_the_engine_reach_the_next_search(db):
    engine = DatabaseEngine()
    engine.rebuild([_doc(i, category="Tin") for i in range(3)])
    assert engine.search(SearchQuery(text="ban tin")).total == 3
    SearchEntry.objects.filter(key="t.news:0").delete()
    assert engine.search(SearchQuery(text="ban tin")).total == 2
    SearchEntry.objects.filter(key="t.news:1").update(kind="page")
    kinds = {f.value: f.count for f in engine.search(SearchQuery(text="ban tin")).facets["kind"]}
    assert kinds == {"news": 1, "page": 1}
    engine.index([_doc(7, category="Khác")])
    results = engine.search(SearchQuery(kind=["news"]))
    assert {f.value: f.count for f in results.facets["category"]} == {"Tin": 1, "Khác": 1}
    assert engine.facet_values("category") == {"Tin", "Khác"}


def test_ranking_tiers_and_date_sort(db):
    engine = DatabaseEngine()
    docs = [_doc(i) for i in range(3)]
    docs[0].body = "bản tin"  # words in the text only
    docs[0].title = "Thông báo"
    docs[2].weight = 2.0
    engine.rebuild(docs)
    keys = [h.key for h in engine.search(SearchQuery(text="bản tin")).hits]
    assert keys == ["t.news:2", "t.news:1", "t.news:0"]  # title matches first, weight first
    by_date = [h.key for h in engine.search(SearchQuery(text="bản tin", sort="date")).hits]
    assert by_date == ["t.news:2", "t.news:1", "t.news:0"]
    assert engine.search(SearchQuery(text="bản tin", page=2, page_size=2)).hits[0].key == "t.news:0"
