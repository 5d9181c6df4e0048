"""Vietnamese collation: the alphabet (a ă â ... đ ... ơ ư), tones in dictionary order, case
ignored, and the same order from Python, SQLite and PostgreSQL."""

import random

import pytest
from django.contrib.auth.models import Group

from base.collation import VietnameseCollate, sort_key, sorted_vi

# Written out by hand, in the order a Vietnamese dictionary gives: every letter of the
# alphabet, the six tones of one syllable, a space before a letter, small before capital.
EXPECTED = [
    "An Giang",
    "anh",
    "Ánh",
    "ăn",
    "Ấn",
    "Bà",
    "bác",
    "Cấp",
    "Chứng thực",
    "Dân",
    "Đăng ký",
    "đắp",
    "em",
    "Êm",
    "Giang",
    "hà",
    "Ích",
    "Kê",
    "lan",
    "Lan",
    "ma",
    "mà",
    "Mả",
    "mã",
    "má",
    "mạ",
    "mác",
    "Nam",
    "ong",
    "ống",
    "ơn",
    "Phú",
    "quê",
    "rau",
    "Sơn",
    "tá",
    "Uyên",
    "ưa",
    "Vân",
    "Xóa",
    "yên",
]


def shuffled(items):
    items = list(items)
    random.Random(4).shuffle(items)
    return items


def test_python_sort_key_orders_alphabet_tones_and_case():
    assert sorted(shuffled(EXPECTED), key=sort_key) == EXPECTED


def test_code_point_order_is_wrong_and_sorted_vi_is_right():
    names = ["Xóa đăng ký", "Đăng ký khai sinh", "Chứng thực bản sao", "Cấp giấy phép"]
    assert sorted(names)[-1] == "Đăng ký khai sinh"  # what "A-Z" did before
    assert sorted_vi(names) == [
        "Cấp giấy phép",
        "Chứng thực bản sao",
        "Đăng ký khai sinh",
        "Xóa đăng ký",
    ]


def test_decomposed_input_sorts_like_composed():
    import unicodedata

    decomposed = [unicodedata.normalize("NFD", name) for name in EXPECTED]
    assert [unicodedata.normalize("NFC", n) for n in sorted(decomposed, key=sort_key)] == EXPECTED


@pytest.mark.django_db
def test_database_orders_like_python():
    """The same order from the database (SQLite's `vi` collation or PostgreSQL's ICU)."""
    Group.objects.bulk_create([Group(name=name) for name in shuffled(EXPECTED)])
    ordered = list(
        Group.objects.filter(name__in=EXPECTED)
        .order_by(VietnameseCollate("name"))
        .values_list("name", flat=True)
    )
    assert ordered == EXPECTED
