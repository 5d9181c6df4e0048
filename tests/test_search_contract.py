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
    docs += [
        SearchDocument(
            key="c.procedure:4",
            kind="procedure",
            url="/thu-tuc/1.012753/",
            title="Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
            number="1.012753",
            summary="Cấp Giấy chứng nhận cho hộ gia đình, cá nhân.",
            body="Nộp đơn đăng ký đất đai tại bộ phận một cửa. Lệ phí theo quy định của tỉnh.",
            date=D(2024, 7, 1),
            facets={"field": "Đất đai", "level": ["Cấp xã"]},
        ),
        SearchDocument(
            key="c.procedure:5",
            kind="procedure",
            url="/thu-tuc/3.000333/",
            title="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
            number="3.000333",
            summary="Phiếu lý lịch tư pháp số 1 và số 2.",
            body="Người yêu cầu nộp tờ khai yêu cầu cấp Phiếu lý lịch tư pháp.",
            date=D(2024, 2, 1),
            facets={"field": "Lý lịch tư pháp", "level": ["Cấp tỉnh"]},
        ),
        SearchDocument(
            key="c.procedure:6",
            kind="procedure",
            url="/thu-tuc/1.001445/",
            title="Trình báo mất hộ chiếu phổ thông",
            number="1.001445",
            summary="Báo mất hộ chiếu phổ thông.",
            body="Người bị mất hộ chiếu trình báo với cơ quan Công an; hộ chiếu bị hủy giá trị.",
            date=D(2024, 2, 1),
            facets={"field": "Xuất nhập cảnh", "level": ["Cấp tỉnh"]},
        ),
        SearchDocument(
            key="c.procedure:7",
            kind="procedure",
            url="/thu-tuc/1.001456/",
            title="Cấp hộ chiếu phổ thông ở trong nước",
            number="1.001456",
            summary="Cấp hộ chiếu phổ thông cho công dân Việt Nam ở trong nước.",
            body="Người đề nghị cấp hộ chiếu nộp tờ khai; mất hộ chiếu thì trình báo trước.",
            date=D(2024, 2, 1),
            facets={"field": "Xuất nhập cảnh", "level": ["Cấp tỉnh"]},
        ),
        SearchDocument(
            key="c.legal:3",
            kind="legal_document",
            url="/van-ban/123-2015-nd-cp/",
            title="Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            number="123/2015/NĐ-CP",
            summary="Hướng dẫn Luật Hộ tịch.",
            date=D(2015, 11, 15),
            facets={"type": "Nghị định", "status": "Còn hiệu lực", "year": "2015"},
        ),
        SearchDocument(
            key="c.legal:4",
            kind="legal_document",
            url="/van-ban/57-qd-ubnd-2020/",
            title="Quyết định phê duyệt kế hoạch kiểm tra cải cách hành chính",
            number="57/QĐ-UBND",
            summary="Kế hoạch kiểm tra năm 2020.",
            date=D(2020, 1, 12),
            facets={"type": "Quyết định", "status": "Hết hiệu lực", "year": "2020"},
        ),
        SearchDocument(
            key="c.news:3",
            kind="news",
            url="/tin-tuc/nd-123/",
            title="Tập huấn Nghị định 123/2015/NĐ-CP và Quyết định 57/QĐ-UBND",
            summary="Cán bộ hộ tịch tập huấn Nghị định số 123/2015/NĐ-CP, Quyết định 57/QĐ-UBND.",
            date=D(2024, 8, 1),
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
    from search.engines.elasticsearch import ElasticsearchEngine, shared_client
    from search.engines.elasticsearch_config import connection_settings

    # One alias per pytest worker: two workers must never rebuild or delete each other's.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    config = connection_settings()
    engine = ElasticsearchEngine(
        shared_client(config), alias=f"cchc-test-contract-{worker}-search", config=config
    )
    try:
        engine.client.info()
    except Exception as error:  # pragma: no cover - depends on the server
        pytest.skip(f"Elasticsearch at ELASTICSEARCH_URL is not reachable: {error}")
    return engine


def test_contract_indices_are_per_worker(monkeypatch, settings):
    """Checked without a server: the alias follows PYTEST_XDIST_WORKER."""
    from unittest import mock

    from search.engines import elasticsearch as es

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:9")
    aliases = []
    for worker in ("gw0", "gw1"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        with mock.patch.object(es.Elasticsearch, "info"):
            aliases.append(_elasticsearch_engine().alias)
    assert aliases == ["cchc-test-contract-gw0-search", "cchc-test-contract-gw1-search"]


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
    assert counts["procedure"] == 2 and counts["legal_document"] == 3
    assert results.total == sum(counts.values())
    only = search(engine, "hộ tịch", kind=["legal_document"])
    assert set(keys(only)) == {"c.legal:1", "c.legal:2", "c.legal:3"}
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
    assert field == {
        "Hộ tịch": 2, "Xây dựng": 1, "Đất đai": 1, "Lý lịch tư pháp": 1, "Xuất nhập cảnh": 2
    }  # fmt: skip
    level = {f.value: f.count for f in results.facets["level"]}
    assert level == {"Cấp xã": 4, "Cấp tỉnh": 4}
    narrowed = search(engine, "", kind=["procedure"], filters={"field": ["Hộ tịch"]})
    assert narrowed.total == 2
    # The filtered facet keeps its other values (to widen the choice), marked by selection.
    field = {f.value: (f.count, f.selected) for f in narrowed.facets["field"]}
    assert field["Hộ tịch"] == (2, True) and field["Xây dựng"] == (1, False)
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


# -- how people ask (issue 11): filler, best effort, synonyms, spellings, numbers -------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("kết hôn cần giấy tờ gì", "c.procedure:2"),
        ("lam giay khai sinh cho con o dau", "c.procedure:1"),
        ("đăng ký khai sinh ở đâu", "c.procedure:1"),
        ("thủ tục cấp phiếu lý lịch tư pháp như thế nào", "c.procedure:5"),
    ],
)
def test_questions_find_their_answer_first(engine, text, key):
    assert keys(search(engine, text))[:1] == [key]


def test_most_words_are_enough_and_more_words_rank_higher(engine):
    # "riêng" is in no procedure of the register: three words of four still match.
    results = keys(search(engine, "đăng ký khai sinh riêng"))
    assert results[0] == "c.procedure:1"


def test_nothing_meaningful_gives_no_results_but_offers_what_is_near(engine):
    results = search(engine, "khai sinh xe buýt tàu")
    assert results.total == 0 and results.hits == []
    assert "c.procedure:1" in [hit.key for hit in results.near]
    assert search(engine, "zzzz qqqq").near == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("sổ đỏ", "c.procedure:4"),
        ("lam so hong", "c.procedure:4"),
        ("LLTP", "c.procedure:5"),
        ("gcn qsdđ", "c.procedure:4"),
    ],
)
def test_synonyms_and_abbreviations(engine, text, key):
    assert keys(search(engine, text))[:1] == [key]
    assert set(keys(search(engine, "passport"))[:2]) == {"c.procedure:6", "c.procedure:7"}


def test_editors_vocabulary_applies_at_once(engine):
    from search.models import Synonym

    assert search(engine, "giấy đi đường").total == 0
    Synonym.objects.create(terms="giấy đi đường", meanings="hộ chiếu", two_way=False)
    assert set(keys(search(engine, "giấy đi đường"))[:2]) == {"c.procedure:6", "c.procedure:7"}


@pytest.mark.parametrize(
    "text",
    ["phiếu lí lịch tư pháp", "phieu li lich", "Phiếu  Lý   Lịch, tư pháp!", "PHIẾU LÝ LỊCH"],
)
def test_spelling_variants(engine, text):
    assert keys(search(engine, text))[:1] == ["c.procedure:5"]


def test_the_main_procedure_beats_its_neighbour(engine):
    assert keys(search(engine, "cấp hộ chiếu"))[:1] == ["c.procedure:7"]
    assert keys(search(engine, "làm hộ chiếu"))[:1] == ["c.procedure:7"]
    assert keys(search(engine, "mất hộ chiếu"))[:1] == ["c.procedure:6"]


@pytest.mark.parametrize("text", ["ctr tu", "tnlđ", "bhxh tnlđ", "2 000 đồng", "nq tw"])
def test_every_mark_between_letters_separates_words(engine, text):
    # PostgreSQL's parser reads "79-CTr/TU" or "BHXH/TNLĐ" as one file-path token.
    engine.index(
        [
            SearchDocument(
                key="c.news:50",
                kind="news",
                url="/tin-tuc/chuong-trinh-79/",
                title="Chương trình 79-CTr/TU",
                summary="Chế độ BHXH/TNLĐ một lần; mức 2.000 đồng; Nghị quyết 20-NQ/TW.",
                facets={"category": "Tin hoạt động"},
            )
        ]
    )
    _refresh(engine)
    assert keys(search(engine, text))[:1] == ["c.news:50"]


def test_a_phrase_in_the_title_is_its_words_in_order_on_every_engine(engine):
    # PostgreSQL matched a phrase by its word pairs, all in this first title though apart.
    engine.index(
        [
            SearchDocument(
                key="c.procedure:30",
                kind="procedure",
                url="/thu-tuc/3.000323/",
                title="Đăng ký giám sát việc giám hộ",
                number="3.000323",
                facets={"field": "Hộ tịch"},
            ),
            SearchDocument(
                key="c.procedure:31",
                kind="procedure",
                url="/thu-tuc/1.001669/",
                title="Đăng ký giám hộ có yếu tố nước ngoài",
                number="1.001669",
                facets={"field": "Hộ tịch"},
            ),
        ]
    )
    _refresh(engine)
    assert keys(search(engine, "đăng ký giám hộ"))[:2] == ["c.procedure:31", "c.procedure:30"]


def _reissue_corpus(engine):
    engine.index(
        [
            SearchDocument(
                key="c.procedure:20",
                kind="procedure",
                url="/thu-tuc/1.014064/",
                title="Cấp lại thẻ căn cước",
                number="1.014064",
                summary="Cấp lại thẻ cho công dân.",
                body="Công dân bị mất thẻ căn cước hoặc thẻ bị hư hỏng không sử dụng được.",
                facets={"field": "Căn cước", "level": ["Cấp xã"]},
            ),
            SearchDocument(
                key="c.procedure:21",
                kind="procedure",
                url="/thu-tuc/9.000021/",
                title="Trình báo mất thẻ căn cước",
                number="9.000021",
                summary="Báo cơ quan Công an việc mất thẻ.",
                body="Người bị mất thẻ căn cước trình báo với cơ quan Công an nơi gần nhất.",
                facets={"field": "Căn cước", "level": ["Cấp xã"]},
            ),
            SearchDocument(
                key="c.procedure:22",
                kind="procedure",
                url="/thu-tuc/2.000639/",
                title="Cấp thẻ bảo hiểm y tế",
                number="2.000639",
                summary="Thẻ cho người tham gia.",
                body="Người tham gia bảo hiểm y tế nhận thẻ tại cơ quan bảo hiểm xã hội.",
                facets={"field": "Bảo hiểm y tế", "level": ["Cấp tỉnh"]},
            ),
        ]
    )
    _refresh(engine)


@pytest.mark.parametrize(
    "text",
    ["mất thẻ căn cước", "mat the can cuoc", "thẻ căn cước bị mất", "bị mất căn cước thì làm sao"],
)
def test_a_lost_thing_leads_to_its_reissue_before_reporting_the_loss(engine, text):
    _reissue_corpus(engine)
    assert keys(search(engine, text))[:2] == ["c.procedure:20", "c.procedure:21"]


def test_reporting_the_loss_comes_first_when_nothing_is_reissued(engine):
    _reissue_corpus(engine)
    assert keys(search(engine, "mất hộ chiếu"))[:1] == ["c.procedure:6"]
    # "mất" after a person is a death, not a loss; "mất mấy ngày" asks how long.
    assert keys(search(engine, "đăng ký khai sinh mất mấy ngày"))[:1] == ["c.procedure:1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("làm giấy bảo hiểm y tế", {"c.procedure:22"}),
        ("xin giấy tờ bảo hiểm y tế", {"c.procedure:22"}),
        ("hồ sơ hộ chiếu", {"c.procedure:6", "c.procedure:7"}),
    ],
)
def test_generic_nouns_for_papers_are_not_required(engine, text, expected):
    # "giấy", "giấy tờ", "hồ sơ" in none of these items' words: they rank, never exclude.
    _reissue_corpus(engine)
    assert set(keys(search(engine, text))[: len(expected)]) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("57 QD UBND", "c.legal:1"),
        ("57-QĐ-UBND", "c.legal:1"),
        ("QĐ 57", "c.legal:1"),
        ("qd 57/2020", "c.legal:4"),
        ("quyết định 57/2020", "c.legal:4"),
        ("nghị định 123/2015", "c.legal:3"),
        ("123-2015-ND-CP", "c.legal:3"),
        ("nd 123", "c.legal:3"),
        ("1001193", "c.procedure:1"),
        ("TTHC 1.001193", "c.procedure:1"),
        ("thủ tục 1000894", "c.procedure:2"),
    ],
)
def test_numbers_in_any_shape_put_the_item_above_what_cites_it(engine, text, key):
    results = search(engine, text)
    assert keys(results)[0] == key
    assert results.hits[0].exact_number
    if key.startswith("c.legal"):
        cited = keys(results)
        assert "c.news:3" not in cited or cited.index("c.news:3") > cited.index(key)


def test_shared_number_without_year_lists_every_document_newest_first(engine):
    results = search(engine, "QĐ 57")
    exact = [hit.key for hit in results.hits if hit.exact_number]
    assert exact == ["c.legal:1", "c.legal:4"]


def test_a_bare_year_is_not_a_document_number(engine):
    assert not any(hit.exact_number for hit in search(engine, "2015").hits)


def test_snippet_is_a_sentence_of_the_body_not_the_summary(engine):
    hit = search(engine, "trình báo mất hộ chiếu").hits[0]
    assert hit.key == "c.procedure:6"
    assert "Công an" in hit.snippet  # the body's sentence, not the summary again


# -- the editor-set priority ("featured", search.featured) ------------------------------------


def _karaoke(key, title, featured=0, number=""):
    return SearchDocument(
        key=key, kind="procedure", url=f"/thu-tuc/{key[-1]}/", title=title, number=number,
        summary="Giấy phép cho cơ sở kinh doanh dịch vụ karaoke.", date=D(2024, 4, 1),
        facets={"field": "Văn hóa", "level": ["Cấp tỉnh"]}, featured=featured,
    )  # fmt: skip


@pytest.mark.parametrize("featured", ["c.procedure:81", "c.procedure:82"])
def test_a_featured_item_ranks_above_an_equal_one(engine, featured):
    # Two procedures equal in every signal (words, title length, level, date): the one the
    # editors featured comes first, whichever was indexed first.
    engine.index([
        _karaoke("c.procedure:81", "Cấp giấy phép kinh doanh karaoke loại A",
                 featured=int(featured == "c.procedure:81")),
        _karaoke("c.procedure:82", "Cấp giấy phép kinh doanh karaoke loại B",
                 featured=int(featured == "c.procedure:82")),
    ])  # fmt: skip
    _refresh(engine)
    assert keys(search(engine, "giấy phép kinh doanh karaoke"))[:1] == [featured]


def test_a_featured_item_never_passes_the_exact_title_or_number(engine):
    engine.index([
        _karaoke("c.procedure:83", "Cấp giấy phép kinh doanh karaoke", number="1.009983"),
        _karaoke("c.procedure:84", "Cấp giấy phép kinh doanh karaoke, vũ trường", featured=2),
    ])  # fmt: skip
    _refresh(engine)
    # Without the title typed whole, the featured one leads...
    assert keys(search(engine, "kinh doanh karaoke"))[:1] == ["c.procedure:84"]
    # ... but the item whose title is what was typed, or whose code was typed, stays first.
    assert keys(search(engine, "cấp giấy phép kinh doanh karaoke"))[:2] == [
        "c.procedure:83",
        "c.procedure:84",
    ]
    assert keys(search(engine, "1.009983"))[:1] == ["c.procedure:83"]
    # A featured news item citing a document never passes the document asked for by number.
    engine.index([
        SearchDocument(
            key="c.news:84", kind="news", url="/tin-tuc/57/", title="Triển khai 57/QĐ-UBND",
            summary="Quyết định 57/QĐ-UBND được triển khai.", number="", date=D(2024, 9, 1),
            featured=2,
        )
    ])  # fmt: skip
    _refresh(engine)
    assert keys(search(engine, "57/QĐ-UBND"))[:1] == ["c.legal:1"]
