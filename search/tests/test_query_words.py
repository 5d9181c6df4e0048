"""The filler list, number shapes and the vocabulary's expansion, without a database."""

import pytest

from search.engines.base import parse_query
from search.numbers import NumberKey, wanted
from search.query_words import drop_filler
from search.synonyms import STARTER, Vocabulary, concepts, elasticsearch_rules
from search.text import normalize_document_number, search_fold


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("kết hôn cần giấy tờ gì", ["kết", "hôn"]),
        ("lam giay khai sinh cho con o dau", ["lam", "giay", "khai", "sinh"]),
        ("le phi ket hon bao nhieu", ["le", "phi", "ket", "hon"]),
        ("đăng ký tạm trú như thế nào", ["đăng", "ký", "tạm", "trú"]),
        ("muốn nhận con nuôi thì phải làm gì", ["nhận", "con", "nuôi"]),
        # Folded words that are also content words stay: "căn cước", "bản sao", "đầu tư".
        ("lam can cuoc", ["lam", "can", "cuoc"]),
        ("ban sao", ["ban", "sao"]),
        ("dau tu", ["dau", "tu"]),
        ("chung minh thu", ["chung", "minh", "thu"]),
        # Nothing but filler: searched as typed.
        ("thủ tục", ["thủ", "tục"]),
    ],
)
def test_filler_is_dropped_and_content_words_kept(text, kept):
    assert drop_filler(text.split())[0] == kept


def test_quoted_words_are_never_dropped():
    parsed = parse_query('"giấy tờ gì" kết hôn')
    assert parsed.phrases == [["giấy", "tờ", "gì"]] and parsed.terms == ["kết", "hôn"]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phiếu lý lịch", "phieu li lich"),
        ("kỹ thuật", "ki thuat"),
        ("quy định", "qui dinh"),
        ("ý kiến", "y kien"),
        ("thủy sản", "thuy san"),
        ("tay", "tay"),
    ],
)
def test_search_fold_reads_final_y_after_a_consonant_as_i(text, folded):
    assert search_fold(text) == folded
    assert len(search_fold(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "head", "year", "signs", "code"),
    [
        ("57 QD UBND", 57, None, ["qd", "ubnd"], ""),
        ("57-QĐ-UBND", 57, None, ["qd", "ubnd"], ""),
        ("QĐ 57", 57, None, ["qd"], ""),
        ("qd 57/2020", 57, 2020, ["qd"], ""),
        ("nghị định 123/2015", 123, 2015, ["nd"], ""),
        ("123-2015-ND-CP", 123, 2015, ["nd", "cp"], ""),
        ("kế hoạch 6231", 6231, None, ["kh"], ""),
        ("1001193", None, None, [], "1001193"),
        ("TTHC 1.001193", None, None, [], "1001193"),
        ("thủ tục 1004873", None, None, [], "1004873"),
    ],
)
def test_numbers_in_any_shape(text, head, year, signs, code):
    [lookup] = wanted(text)
    assert (lookup.head, lookup.year, lookup.signs, lookup.code) == (head, year, signs, code)


@pytest.mark.parametrize("text", ["2024", "đăng ký khai sinh", "luật", "12"])
def test_plain_words_and_bare_numbers_are_no_lookup(text):
    assert wanted(text) == []


def test_lookups_match_stored_numbers():
    key = NumberKey.of(normalize_document_number("3389/QĐ-UBND"))
    assert wanted("qd 3389/2020")[0].matches(key, 2020)
    assert not wanted("qd 3389/2019")[0].matches(key, 2020)
    assert not wanted("nd 3389")[0].matches(key, 2020)
    law = NumberKey.of(normalize_document_number("31/2024/QH15"))
    assert wanted("luật 31/2024")[0].matches(law)
    code = NumberKey.of(normalize_document_number("1.001193"))
    assert wanted("1001193")[0].matches(code) and not wanted("1001194")[0].matches(code)


def test_vocabulary_expands_one_way_and_two_way():
    vocabulary = Vocabulary.from_entries(STARTER)
    [land] = concepts(["sổ", "đỏ"], vocabulary)
    assert land.alternatives[0] == ("so", "do")
    assert ("giay", "chung", "nhan", "quyen", "su", "dung", "dat") in land.alternatives
    # One way: the catalogue's words are not expanded back to "sổ đỏ".
    assert all(c.alternatives == [(w,)] for c, w in zip(
        concepts(["giấy", "chứng", "nhận"], vocabulary), ["giay", "chung", "nhan"], strict=True
    ))  # fmt: skip
    # Two way: either spelling finds the other.
    assert ("chung", "thuc") in concepts(["công", "chứng"], vocabulary)[0].alternatives
    assert ("cong", "chung") in concepts(["chứng", "thực"], vocabulary)[0].alternatives
    # "làm", "xin" rank but are not required.
    assert concepts(["làm"], vocabulary)[0].soft


def test_elasticsearch_rules():
    rules = elasticsearch_rules(
        [("sổ đỏ, sổ hồng", "giấy chứng nhận", False), ("BHYT", "bảo hiểm y tế", True)]
    )
    assert rules == ["so do, so hong => so do, so hong, giay chung nhan", "bhyt, bao hiem y te"]


def _concepts(text):
    parsed = parse_query(text)
    return concepts(parsed.typed_terms, Vocabulary.from_entries(STARTER), parsed.keep)


@pytest.mark.parametrize(
    ("text", "soft"),
    [
        ("làm giấy xác nhận cư trú", [["làm"], ["giấy"]]),
        ("xin giấy tờ nhà đất", [["xin"], ["giấy", "tờ"]]),
        ("hồ sơ ly hôn", [["hồ", "sơ"]]),
        ("ho so ly hon", [["ho", "so"]]),
        # Inside a vocabulary entry, "giấy" is part of it.
        ("làm giấy khai sinh", [["làm"]]),
    ],
)
def test_generic_nouns_for_papers_are_soft(text, soft):
    assert [c.words for c in _concepts(text) if c.soft] == soft


@pytest.mark.parametrize(
    ("text", "loss", "meant"),
    [
        ("mất sổ hộ khẩu", ["mất"], ("cap", "lai")),
        ("mat bang lai xe", ["mat"], ("cap", "lai")),
        ("thẻ căn cước bị mất", ["bị", "mất"], ("cap", "lai")),
        ("giấy phép bị hư hỏng", ["bị", "hư", "hỏng"], ("cap", "doi")),
    ],
)
def test_a_loss_stands_for_reissuing(text, loss, meant):
    [concept] = [c for c in _concepts(text) if c.prefer]
    assert concept.words == loss and concept.soft
    assert concept.alternatives[concept.prefer] == meant


@pytest.mark.parametrize(
    "text", ["bố mất làm giấy chứng tử", "người mất", "đăng ký khai sinh mất bao lâu"]
)
def test_a_death_or_a_duration_is_no_loss(text):
    assert not [c for c in _concepts(text) if c.prefer]


def test_a_death_is_a_soft_word():
    [died] = [c for c in _concepts("bố mất làm giấy chứng tử") if c.words == ["mất"]]
    assert died.soft and died.alternatives == [("mat",)]
