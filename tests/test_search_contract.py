"""What every search engine must do: one suite, run against each engine.

The database engine always runs (SQLite locally, PostgreSQL when DATABASE_URL points at it);
Elasticsearch runs when ELASTICSEARCH_URL is set and skips with the reason otherwise.
Documents are fed to the engines directly, so the suite needs no content app.
"""

import datetime
import os

import pytest

from search.documents import SearchDocument
from search.engines.base import SearchQuery
from search.engines.database import DatabaseEngine

D = datetime.date


def corpus():
    docs = [
        SearchDocument(
            key="c.procedure:1",
            kind="procedure",
            url="/thu-tuc/1.001193/",
            title="Thủ tục đăng ký khai sinh",
            number="1.001193",
            summary="Đăng ký khai sinh cho trẻ em tại Ủy ban nhân dân cấp xã.",
            body="Người đi đăng ký khai sinh nộp tờ khai và giấy chứng sinh; ghi vào Sổ hộ tịch.",
            date=D(2024, 3, 1),
            facets={"field": "Hộ tịch", "level": ["Cấp xã"], "online": "Toàn trình"},
            extra={"code": "1.001193", "field": "Hộ tịch"},
        ),
        SearchDocument(
            key="c.procedure:2",
            kind="procedure",
            url="/thu-tuc/1.000894/",
            title="Thủ tục đăng ký kết hôn",
            number="1.000894",
            summary="Đăng ký kết hôn tại Ủy ban nhân dân cấp xã, sinh hoạt cùng địa phương.",
            body="Hai bên cùng ký vào Sổ hộ tịch.",
            date=D(2023, 6, 1),
            facets={"field": "Hộ tịch", "level": ["Cấp xã", "Cấp tỉnh"], "online": "Một phần"},
        ),
        SearchDocument(
            key="c.procedure:3",
            kind="procedure",
            url="/thu-tuc/2.000001/",
            title="Cấp giấy phép xây dựng nhà ở riêng lẻ",
            number="2.000001",
            summary="Giấy phép xây dựng cho hộ gia đình; khai báo sinh sống tại địa phương.",
            date=D(2022, 1, 5),
            facets={"field": "Xây dựng", "level": ["Cấp xã"], "online": "Một phần"},
        ),
        SearchDocument(
            key="c.legal:1",
            kind="legal_document",
            url="/van-ban/57-qd-ubnd/",
            title="Quyết định công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
            number="57/QĐ-UBND",
            summary="Công bố thủ tục <b>đăng ký</b> khai sinh được sửa đổi.",
            body="Căn cứ Luật Hộ tịch. Thủ tục 1.001193 được sửa đổi.",
            date=D(2024, 1, 10),
            facets={
                "type": "Quyết định",
                "issuer": "UBND tỉnh",
                "status": "Còn hiệu lực",
                "year": "2024",
            },
        ),
        SearchDocument(
            key="c.legal:2",
            kind="legal_document",
            url="/van-ban/85-2024-tt-btc/",
            title="Thông tư quy định lệ phí hộ tịch",
            number="85/2024/TT-BTC",
            summary="Mức thu lệ phí đăng ký hộ tịch.",
            date=D(2024, 11, 20),
            facets={
                "type": "Thông tư",
                "issuer": "Bộ Tài chính",
                "status": "Còn hiệu lực",
                "year": "2024",
            },
        ),
        SearchDocument(
            key="c.news:1",
            kind="news",
            url="/tin-tuc/ho-so-dang-xu-ly/",
            title="Hồ sơ đang xử lý",
            summary="Số hồ sơ đang giải quyết trong tháng.",
            date=D(2024, 5, 2),
            facets={"category": "Tin hoạt động", "year": "2024"},
        ),
        SearchDocument(
            key="c.news:2",
            kind="news",
            url="/tin-tuc/ho-so-dang-ky/",
            title="Hồ sơ đăng ký",
            summary="Số hồ sơ đăng ký trong tháng.",
            date=D(2024, 5, 1),
            facets={"category": "Tin hoạt động", "year": "2024"},
        ),
    ]
    # Filler news so that pagination and facet counts have something to work on.
    for i in range(25):
        docs.append(
            SearchDocument(
                key=f"c.news:{100 + i}",
                kind="news",
                url=f"/tin-tuc/hoi-nghi-{i}/",
                title=f"Hội nghị cải cách hành chính số {i}",
                summary="Hội nghị triển khai nhiệm vụ cải cách hành chính năm.",
                date=D(2020, 1, 1) + datetime.timedelta(days=30 * i),
                facets={"category": "Chỉ đạo điều hành", "year": str(2020 + i // 12)},
            )
        )
    return docs


def _elasticsearch_engine():
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server to test against")
    from elasticsearch import Elasticsearch

    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine(Elasticsearch(url), alias="cchc-test-contract-search")
    try:
        engine.client.info()
    except Exception as error:  # pragma: no cover - depends on the server
        pytest.skip(f"Elasticsearch at ELASTICSEARCH_URL is not reachable: {error}")
    return engine


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request, db):
    """Each engine, loaded with the corpus (a few milliseconds on the database engine)."""
    if request.param == "database":
        engine = DatabaseEngine()
        engine.rebuild(corpus())
        yield engine
    else:
        engine = _elasticsearch_engine()
        engine.rebuild(corpus())
        engine.refresh()
        yield engine
        for name in engine.current_indices():
            engine.client.indices.delete(index=name, ignore_unavailable=True)


def keys(results):
    return [hit.key for hit in results.hits]


def search(engine, text="", **kwargs):
    return engine.search(SearchQuery(text=text, **kwargs))


def test_accents_and_case_do_not_matter(engine):
    variants = ["thu tuc khai sinh", "thủ tục khai sinh", "THỦ TỤC KHAI SINH", "Thu Tuc Khai Sinh"]
    found = [set(keys(search(engine, v))) for v in variants]
    assert found[0] == found[1] == found[2] == found[3]
    assert "c.procedure:1" in found[0]


def test_unaccented_words_match_accented_ones(engine):
    assert "c.procedure:1" in keys(search(engine, "dang ky"))
    assert "c.procedure:2" in keys(search(engine, "dang ky ket hon"))


def test_exact_spelling_ranks_first_when_the_query_has_diacritics(engine):
    assert keys(search(engine, "hồ sơ đăng", kind="news"))[:2] == ["c.news:2", "c.news:1"]
    assert keys(search(engine, "hồ sơ đang", kind="news"))[:2] == ["c.news:1", "c.news:2"]


def test_words_match_in_any_order(engine):
    assert set(keys(search(engine, "khai sinh đăng ký"))) == set(
        keys(search(engine, "đăng ký khai sinh"))
    )


def test_quoted_phrase_matches_as_a_phrase(engine):
    loose = set(keys(search(engine, "sinh khai")))
    phrase = set(keys(search(engine, '"sinh khai"')))
    assert "c.procedure:3" in loose  # "khai báo sinh sống": both words, not together
    assert "c.procedure:3" not in phrase
    assert "c.procedure:1" in set(keys(search(engine, '"khai sinh"')))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("57/QĐ-UBND", "c.legal:1"),
        ("57/qd-ubnd", "c.legal:1"),
        ("57 / QĐ-UBND", "c.legal:1"),
        ("85/2024/TT-BTС", "c.legal:2"),  # Cyrillic С typed
        ("1.001193", "c.procedure:1"),
        ("1.000894", "c.procedure:2"),
    ],
)
def test_numbers_and_codes_put_their_item_first(engine, text, key):
    results = search(engine, text)
    assert keys(results)[0] == key
    assert results.hits[0].exact_number


def test_kind_facet_counts_and_filter(engine):
    results = search(engine, "hộ tịch")
    counts = {f.value: f.count for f in results.facets["kind"]}
    assert counts["procedure"] == 2 and counts["legal_document"] == 2
    assert results.total == sum(counts.values())
    only = search(engine, "hộ tịch", kind=["legal_document"])
    assert set(keys(only)) == {"c.legal:1", "c.legal:2"}
    # The kind counts ignore the kind filter, so the other kinds stay choosable.
    assert {f.value: f.count for f in only.facets["kind"]} == counts


def test_facet_values_are_filters_not_words(engine):
    # Procedure 2's level "Cấp tỉnh" is not in its text ("cấp xã" is): no text match.
    assert "c.procedure:2" not in keys(search(engine, "cap tinh"))
    # Matching is best effort (most of the words), so check the items whose facet it is.
    for text, facet_owners in [
        ("toan trinh", {"c.procedure:1"}),
        ("con hieu luc", {"c.legal:1", "c.legal:2"}),
        ("tin hoat dong", {"c.news:1", "c.news:2"}),
        ("bo tai chinh", {"c.legal:2"}),
    ]:
        assert not facet_owners & set(keys(search(engine, text))), text


def test_facets_of_the_selected_kind(engine):
    results = search(engine, "", kind=["procedure"])
    field = {f.value: f.count for f in results.facets["field"]}
    assert field == {"Hộ tịch": 2, "Xây dựng": 1}
    level = {f.value: f.count for f in results.facets["level"]}
    assert level == {"Cấp xã": 3, "Cấp tỉnh": 1}
    narrowed = search(engine, "", kind=["procedure"], filters={"field": ["Hộ tịch"]})
    assert narrowed.total == 2
    # The filtered facet keeps its other values (to widen the choice), marked by selection.
    field = {f.value: (f.count, f.selected) for f in narrowed.facets["field"]}
    assert field == {"Hộ tịch": (2, True), "Xây dựng": (1, False)}
    level = {f.value: f.count for f in narrowed.facets["level"]}
    assert level == {"Cấp xã": 2, "Cấp tỉnh": 1}


def test_unknown_facet_value_matches_nothing_but_does_not_fail(engine):
    assert search(engine, "", kind=["procedure"], filters={"field": ["Không có"]}).total == 0


def test_date_range(engine):
    results = search(engine, "hộ tịch", date_from=D(2024, 1, 1), date_to=D(2024, 6, 30))
    assert set(keys(results)) == {"c.procedure:1", "c.legal:1"}


def test_sort_by_date(engine):
    results = search(engine, "hộ tịch", sort="date")
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_pagination(engine):
    first = search(engine, "hội nghị", page=1, page_size=10)
    second = search(engine, "hội nghị", page=2, page_size=10)
    third = search(engine, "hội nghị", page=3, page_size=10)
    assert first.total == second.total == 25
    assert len(first.hits) == len(second.hits) == 10 and len(third.hits) == 5
    assert not set(keys(first)) & set(keys(second))
    assert first.num_pages == 3
    assert search(engine, "hội nghị", page=400, page_size=10).hits == []


def test_snippets_mark_folded_matches_and_escape_html(engine):
    results = search(engine, "dang ky khai sinh", kind=["legal_document"])
    hit = results.hits[0]
    assert "<mark>" in hit.snippet
    assert "<b>" not in hit.snippet and "&lt;b&gt;" in hit.snippet
    assert "<mark>" in search(engine, "khai sinh").hits[0].title_html


def test_hostile_queries_do_not_raise(engine):
    for text in ['title:x AND', "*", "~", "\\", '"open', "'; DROP TABLE x; --", '"a" NEAR b',
                 "NOT", "(", "a OR", "\x00\x07", "ký" * 300]:  # fmt: skip
        results = search(engine, text)
        assert results.total >= 0


def test_suggestions(engine):
    titles = [s.kind for s in engine.suggest("thu tuc dang")]
    assert titles and titles[0] == "procedure"
    numbers = [s.number for s in engine.suggest("57/q")]
    assert "57/QĐ-UBND" in numbers
    assert engine.suggest("t") == []


def test_update_and_delete(engine):
    doc = SearchDocument(
        key="c.news:999", kind="news", url="/tin-tuc/x/", title="Tin tạm thời về xe buýt",
        date=D(2024, 1, 1), facets={"category": "Tin hoạt động"},
    )  # fmt: skip
    engine.index([doc])
    _refresh(engine)
    assert keys(search(engine, "xe buyt")) == ["c.news:999"]
    doc.title = "Tin tạm thời về tàu điện"
    engine.index([doc])
    _refresh(engine)
    assert keys(search(engine, "xe buyt")) == []
    assert keys(search(engine, "tau dien")) == ["c.news:999"]
    engine.delete(["c.news:999"])
    _refresh(engine)
    assert keys(search(engine, "tau dien")) == []


def _refresh(engine):
    if hasattr(engine, "refresh"):
        engine.refresh()
