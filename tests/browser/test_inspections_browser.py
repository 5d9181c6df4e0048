"""Filtering the remedies tracker in a browser, on a desktop and on a phone."""

import datetime

import pytest
from django.utils import timezone

from inspections.models import RemedyStatus
from inspections.tests.factories import make_agency, make_finding_category, make_inspection, remedy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def remedies(home_page):
    justice = make_agency("Sở Tư pháp tỉnh Đồng Tháp")
    commune = make_agency("Ủy ban nhân dân xã Mỹ An", kind="ubnd")
    late = make_finding_category("Hồ sơ trễ hạn")
    make_inspection(
        start_date=TODAY - 120 * DAY,
        agencies=[justice, commune],
        remedies=[
            remedy(TODAY - 5 * DAY, agency=justice, category=late, description="Quá hạn ở sở"),
            remedy(
                TODAY - 2 * DAY,
                RemedyStatus.IN_PROGRESS,
                agency=commune,
                description="Quá hạn ở xã",
            ),
            remedy(TODAY + 9 * DAY, agency=commune, description="Còn hạn ở xã"),
            remedy(
                TODAY - 9 * DAY,
                RemedyStatus.DONE,
                agency=justice,
                completed_on=TODAY - 20 * DAY,
                description="Đã xong ở sở",
            ),
        ],
    )
    return {"justice": justice, "commune": commune}


def rows(page) -> list[str]:
    return [
        text.split("\n")[0].strip()
        for text in page.locator(".remedy-table tbody tr td:first-child").all_inner_texts()
    ]


def test_filter_tracker_by_status_then_unit(browser_page, live_server, remedies):
    page = browser_page
    page.goto(live_server.url + "/kiem-tra/khac-phuc/")
    assert len(rows(page)) == 4
    assert page.locator("tr.overdue").count() == 2

    page.get_by_label("Trạng thái").select_option(label="Quá hạn")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**tinh-trang=qua-han**")
    assert sorted(rows(page)) == ["Quá hạn ở sở", "Quá hạn ở xã"]
    assert page.locator("tr.overdue .badge.danger").count() == 2

    # The chosen filter survives the reload; add a unit on top of it.
    assert page.get_by_label("Trạng thái").input_value() == "qua-han"
    page.get_by_label("Đơn vị").select_option(label="Ủy ban nhân dân xã Mỹ An")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**don-vi=uy-ban-nhan-dan-xa-my-an**")
    assert rows(page) == ["Quá hạn ở xã"]
    assert "tinh-trang=qua-han" in page.url

    page.get_by_role("link", name="Bỏ lọc").click()
    page.wait_for_url(live_server.url + "/kiem-tra/khac-phuc/")
    assert len(rows(page)) == 4


def test_tracker_on_a_phone_keeps_the_page_narrow(browser_page, live_server, remedies):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/kiem-tra/khac-phuc/?trang-thai=hoan-thanh")
    assert rows(page) == ["Đã xong ở sở"]
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Each remedy is a card: its status and deadline are on screen, not behind a sideways scroll.
    badge = page.locator(".remedy-table .badge").first.bounding_box()
    assert badge["x"] >= 0 and badge["x"] + badge["width"] <= 360
    inner = page.evaluate(
        "[...document.querySelectorAll('.table-scroll')]"
        ".map(e => e.scrollWidth - e.clientWidth).reduce((a, b) => Math.max(a, b), 0)"
    )
    assert inner <= 0
    assert page.locator(".remedy-table td[data-label='Thời hạn']").first.is_visible()
