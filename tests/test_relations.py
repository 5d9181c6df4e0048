"""`base.relations.related_objects`: several many-to-many lists in two queries, the same lists
(and order) as `.all()` on each, and a preview's in-memory choices left as the editor made them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from base.relations import related_objects
from procedures_catalog.models import Level
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

NAMES = [
    "levels",
    "applicants",
    "life_situations",
    "implementing_agencies",
    "competent_agencies",
    "coordinating_agencies",
]


@pytest.fixture
def procedure(home_page):
    return make_procedures(
        record(
            "1.001193",
            "Đăng ký khai sinh",
            levels=["cap_xa", "cap_tinh"],
            implementing_agencies=["Ủy ban nhân dân cấp xã", "Bộ phận một cửa"],
            competent_agencies=["Sở Tư pháp"],
            coordinating_agencies=[],
            applicants=["Công dân Việt Nam", "Người nước ngoài"],
            life_situations=["Khai sinh"],
        )
    )["1.001193"]


def test_the_same_lists_as_each_relation_in_two_queries(procedure):
    expected = {name: list(getattr(procedure, name).all()) for name in NAMES}
    assert len(expected["levels"]) == 2 and len(expected["implementing_agencies"]) == 2
    assert expected["coordinating_agencies"] == []
    with CaptureQueriesContext(connection) as queries:
        found = related_objects(procedure, NAMES, cached=(Level,))
    assert found == expected
    # The ids of all six lists, the agencies, each other vocabulary (Level read once).
    assert len(queries) == 2 + 3
    with CaptureQueriesContext(connection) as queries:
        assert related_objects(procedure, NAMES, cached=(Level,)) == expected
    assert len(queries) == 2 + 2  # Level now from the cache


def test_a_preview_shows_the_editors_unsaved_choices(procedure):
    provincial = Level.objects.get(code="cap_tinh")
    procedure.levels = [provincial]  # in memory, as a revision being previewed holds it
    assert related_objects(procedure, NAMES)["levels"] == [provincial]
