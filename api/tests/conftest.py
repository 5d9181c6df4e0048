"""Demo-like content for the API tests: a little of everything the API publishes, with a
private and an unpublished item beside each public one."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import PageViewRestriction

from inspections.models import RemedyStatus
from inspections.tests.factories import make_agency, make_inspection, remedy
from legal_documents.models import ListGroup, RelationKind
from legal_documents.tests.helpers import D, make_document, make_list
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record
from reform_statistics.models import DossierStatistics

SECRET = "Nội dung riêng tư không được lộ"


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="bimat-123"
    )


@pytest.fixture
def content(home_page, settings, django_capture_on_commit_callbacks):
    settings.RATE_LIMITS = []  # the limit has its own test; here it would cut runs short
    # Relations and lists record their changes in the documents' histories after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        return _content()


def _content():
    pages = make_procedures(
        record("1.001193", "Đăng ký khai sinh", field="Hộ tịch"),
        record(
            "2.000720",
            "Cấp giấy phép xây dựng",
            field="Hoạt động xây dựng",
            levels=["cap_tinh"],
            implementing_agencies=["Sở Xây dựng"],
        ),
        record("3.000001", SECRET),
        record("3.000002", "Bản nháp chưa đăng"),
    )
    restrict(pages["3.000001"])
    pages["3.000002"].unpublish()

    old = make_document("10/2019/QĐ-UBND", "Quy chế cũ", issued_on=D(2019, 3, 1))
    private = make_document("11/2019/QĐ-UBND", SECRET, issued_on=D(2019, 4, 1))
    restrict(private)
    new = make_document(
        "20/2024/QĐ-UBND",
        "Quy chế mới",
        issued_on=D(2024, 5, 2),
        effective_on=D(2024, 5, 15),
        relations=[(RelationKind.REPLACES, old, "")],
    )
    make_document(
        "21/2024/QĐ-UBND",
        "Quyết định sửa đổi riêng tư",
        issued_on=D(2024, 6, 1),
        relations=[(RelationKind.AMENDS, new, "Điều 2")],
    )
    make_list(2025, "5/QĐ-UBND", [(ListGroup.EXPIRED_WHOLE, old, D(2025, 3, 1), "", "Thay thế")])

    category = make_category("Cải cách thủ tục hành chính")
    article = make_article(title="Tin công khai", category=category, date=D(2025, 5, 6))
    make_article(title="Tin nháp chưa đăng", category=category, live=False)

    agency = make_agency("Sở Tư pháp")
    inspection = make_inspection(
        start_date=datetime.date(2025, 3, 12),
        agencies=[agency],
        remedies=[
            remedy(datetime.date(2025, 4, 30), agency=agency),
            remedy(
                datetime.date(2025, 6, 30),
                RemedyStatus.DONE,
                agency=agency,
                completed_on=datetime.date(2025, 6, 1),
            ),
        ],
        title="Kiểm tra Sở Tư pháp 2025",
    )
    hidden = make_inspection(title=SECRET, agencies=[agency])
    restrict(hidden)

    for number, (received, on_time) in enumerate([(100, 90), (120, 100)], start=1):
        DossierStatistics.objects.create(
            agency=agency,
            period_kind="quy",
            year=2025,
            number=number,
            received_in_person=received - 20,
            received_online=20,
            resolved_on_time=on_time,
            resolved_late=5,
        )
    return {
        "procedures": pages,
        "old": old,
        "new": new,
        "article": article,
        "inspection": inspection,
        "agency": agency,
    }
