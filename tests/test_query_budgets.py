"""SQL queries per page, once the shared fragments are in Django's cache (a warm process).

The issue's budget is 12 queries for a procedure, legal document, news article or inspection
page and for the catalogue index, with few or many procedures, on SQLite and PostgreSQL.
What keeps them there: the site, its sections and navigation, the portal settings, the
restricted paths the privacy filters need (`base.visibility`), small vocabularies and the
catalogue's facets come from Django's cache; a section loads its child page with its own
fields in one query (`BasePage.routed_child`); a procedure's six vocabulary lists take two
queries (`base.relations`). `bench/site_bench.py` prints the counts on the demo content.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.models import InspectionIndexPage, InspectionPlanPage
from inspections.tests.factories import make_agency, make_inspection, remedy
from legal_documents.tests.helpers import make_document
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

BUDGET = 12


def queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warms the per-process and shared caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def content(home_page):
    document = make_document("60/2014/QH13", "Luật Hộ tịch", type_name="Luật")
    procedures = make_procedures(
        record(
            "1.001193",
            "Đăng ký khai sinh",
            legal_basis=[{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
        ),
        record("2.002044", "Thành lập công ty", field="Doanh nghiệp", levels=["cap_tinh"]),
    )
    agency = make_agency()
    inspection = make_inspection(
        agencies=[agency], remedies=[remedy(datetime.date(2025, 6, 1), agency=agency)]
    )
    article = make_article(category=make_category(), inspection=inspection)
    plan = InspectionPlanPage(title="Kế hoạch kiểm tra 2025", slug="ke-hoach-2025", year=2025)
    InspectionIndexPage.objects.get().add_child(instance=plan)
    planned = make_inspection(parent=plan, agencies=[agency])
    return {
        "procedure": procedures["1.001193"].url,
        "legal_document": document.url,
        "news": article.url,
        "inspection": inspection.url,
        "inspection_in_plan": planned.url,
        "catalogue": "/thu-tuc/",
        "catalogue_filtered": "/thu-tuc/?linh-vuc=ho-tich&cap=cap-xa",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "procedure",
        "legal_document",
        "news",
        "inspection",
        "inspection_in_plan",
        "catalogue",
        "catalogue_filtered",
    ],
)
def test_page_stays_within_its_query_budget(client, content, kind):
    assert queries(client, content[kind]) <= BUDGET


def test_catalogue_queries_do_not_grow_with_procedures(client, content):
    urls = [content["catalogue"], content["catalogue_filtered"], content["procedure"]]
    few = [queries(client, url) for url in urls]
    make_procedures(
        *[
            record(f"5.{n:06d}", f"Thủ tục số {n}", field=f"Lĩnh vực {n % 7}", levels=["cap_xa"])
            for n in range(40)
        ]
    )
    assert [queries(client, url) for url in urls] == few
