"""The shared text functions: accent folding, document-number keys, slugs."""

import pytest

from search.text import (
    fold,
    looks_like_document_number,
    looks_like_procedure_code,
    normalize_document_number,
    slug_for,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký KHAI SINH", "dang ky khai sinh"),
        ("THỦ TỤC khai sinh", "thu tuc khai sinh"),
        ("Quyết định", "quyet dinh"),
        ("đ Đ", "d d"),
        ("", ""),
    ],
)
def test_fold_lowercases_and_strips_diacritics(text, folded):
    assert fold(text) == folded


def test_fold_handles_decomposed_input():
    assert fold("Đa\u0306ng ky\u0301") == "dang ky"


@pytest.mark.parametrize(
    "variant",
    ["57/QĐ-UBND", "57/qd-ubnd", "57 / QĐ-UBND", "57/QD-UBND", "57/QÐ-UBND", " 57/Qđ-UBND "],
)
def test_document_number_variants_share_one_key(variant):
    assert normalize_document_number(variant) == "57/qd-ubnd"


def test_lookalike_letters_in_crawled_numbers():
    assert normalize_document_number("85/2024/TT-BTС") == "85/2024/tt-btc"  # Cyrillic С
    assert normalize_document_number("1732 /QĐ-UBND") == "1732/qd-ubnd"
    assert normalize_document_number("123/2015/NĐ-CP") != normalize_document_number(
        "123/2016/NĐ-CP"
    )


@pytest.mark.parametrize(
    ("query", "is_number", "is_code"),
    [
        ("57/QĐ-UBND", True, False),
        ("123/2015/NĐ-CP", True, False),
        ("57 / qd-ubnd", True, False),
        ("1.001193", False, True),
        ("dang ky khai sinh", False, False),
        ("", False, False),
    ],
)
def test_query_shapes(query, is_number, is_code):
    assert looks_like_document_number(query) is is_number
    assert looks_like_procedure_code(query) is is_code


def test_slug_for_vietnamese_text():
    assert slug_for("Hộ tịch", "x") == "ho-tich"
    assert slug_for("Đất đai", "x") == "dat-dai"
    assert slug_for("!!!", "nhom") == "nhom"
    assert slug_for("Chính quyền điện tử", "x", max_length=10) == "chinh-quye"
    assert not slug_for("Cải cách hành chính", "x", max_length=6).endswith("-")
