"""The request parameter rules of base.params, one case per kind of bad value."""

import pytest
from django.http import QueryDict

from base import params


@pytest.mark.parametrize(
    "value",
    ["\x00", "a\x00b", "1\x1b", "x\x7f", "\x85", "²⁰²⁵", "٢٠٢٥", "０１", "½", "Ⅳ", "x" * 301],
)
def test_bad_values_are_refused_with_a_vietnamese_message(value):
    query = QueryDict(mutable=True)
    query["nam"] = value
    with pytest.raises(params.BadParameter) as error:
        params.clean_params(query)
    assert "“nam”" in error.value.message
    assert "\x00" not in error.value.message


@pytest.mark.parametrize("value", ["2025", "", "ho-tich", "Đồng Tháp", "57/QĐ-UBND", "x" * 300])
def test_ordinary_values_pass_unchanged(value):
    query = QueryDict(mutable=True)
    query["nam"] = value
    assert params.clean_params(query) is None


def test_free_text_is_cleaned_not_refused():
    query = QueryDict(mutable=True)
    query.setlist("q", ["dang\x00ky\tkhai sinh 100m²"])
    cleaned = params.clean_params(query)
    assert cleaned.getlist("q") == ["dang ky khai sinh 100m²"]


def test_parameter_names_with_control_characters_are_refused():
    query = QueryDict(mutable=True)
    query["a\x00"] = "1"
    with pytest.raises(params.BadParameter):
        params.clean_params(query)


def test_paths():
    assert params.bad_path("/thu-tuc/1.00\x00/")
    assert params.bad_path("/" + "a" * 3000)
    assert not params.bad_path("/van-ban/so/57/QĐ-UBND/")
