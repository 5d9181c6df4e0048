"""A statistics editor's figures go through the reviewer, in Chromium, all in Vietnamese.

The editor adds a quarter's figures in the admin (choosing the agency in the chooser),
saves a draft and submits it; the public statistics page does not show them. The reviewer
finds them on the dashboard and in the list's drafts, approves them, and the public page shows
them. Every screen is checked for English like the editors' journeys
(tests/browser/test_admin_vietnamese.py); screenshots go to var/screenshots/statistics/.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from agencies.models import Agency
from home.roles import REVIEWERS, STATISTICS_EDITORS, setup_roles
from reform_statistics.models import DossierStatistics
from tests.browser import test_admin_vietnamese as journeys

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/admin/snippets/reform_statistics/dossierstatistics/"


@pytest.fixture
def people(home_page):
    groups = setup_roles()
    for username, group in (("bientap.thongke", STATISTICS_EDITORS), ("nguoiduyet", REVIEWERS)):
        user = get_user_model().objects.create_user(
            username, password=journeys.PASSWORD, first_name="Trần", last_name="Thị Hoa"
        )
        user.groups.add(groups[group])
    agency = Agency.objects.create(name="Sở Tư pháp", short_name="STP", kind="so")
    DossierStatistics.objects.create(
        agency=agency, period_kind="quy", year=2025, number=4, received_in_person=900
    )


def test_figures_wait_for_the_reviewer(browser_page, live_server, people, monkeypatch):
    monkeypatch.setattr(journeys, "SHOTS", journeys.ROOT / "var" / "screenshots" / "statistics")
    walk = journeys.Walk(browser_page, live_server.url)
    page = browser_page

    walk.log_in("bientap.thongke")
    walk.go(LIST, "danh sách số liệu")
    walk.go(LIST + "add/", "thêm số liệu")
    page.get_by_role("button", name="Chọn Cơ quan").click()
    page.locator(".modal a", has_text="Sở Tư pháp").first.wait_for()
    walk.check("chọn cơ quan")
    page.locator(".modal a", has_text="Sở Tư pháp").first.click()
    page.locator(".modal").first.wait_for(state="hidden")
    page.select_option("#id_period_kind", "quy")
    page.fill("#id_year", "2026")
    page.fill("#id_number", "1")
    page.fill("#id_received_in_person", "1234")
    page.fill("#id_received_online", "766")
    page.fill("#id_resolved_on_time", "1900")
    page.fill("#id_resolved_late", "12")
    walk.save_draft()
    assert "Quý I/2026" in walk.message()
    walk.check("đã lưu bản nháp")
    walk.open_footer_menu("menu gửi duyệt")
    assert page.locator("footer button[name=action-publish]").count() == 0
    walk.submit(page.locator("footer button[name=action-submit]"))
    walk.check("đã gửi duyệt")
    row = DossierStatistics.objects.get(year=2026)
    assert not row.live and row.workflow_in_progress

    page.context.clear_cookies()
    page.goto(live_server.url + "/thong-ke/")
    assert "Quý IV/2025" in page.content() and "Quý I/2026" not in page.content()

    walk.log_in("nguoiduyet")
    walk.check("trang tổng quan của người duyệt")
    assert "Sở Tư pháp, Quý I/2026" in page.locator("main").inner_text()
    walk.go(LIST + "?live=false", "số liệu chưa công bố")
    walk.go(f"{LIST}edit/{row.pk}/", "duyệt số liệu")
    walk.open_footer_menu("menu duyệt")
    walk.submit(page.locator("footer button", has_text="Duyệt và xuất bản").first)
    walk.check("đã duyệt")
    walk.go(f"{LIST}history/{row.pk}/", "lịch sử số liệu")
    row.refresh_from_db()
    assert row.live

    page.context.clear_cookies()
    page.goto(live_server.url + "/thong-ke/")
    assert "Quý I/2026" in page.content()

    page.goto("about:blank")  # no admin request (editing session) outlives the test
    assert walk.english == {}, "\n".join(
        f"{step}: {line}" for step, lines in walk.english.items() for line in sorted(lines)
    )
