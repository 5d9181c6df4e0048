"""Readers' feedback in a real browser at 360 px with JavaScript off, then its triage by the
section's editor. Screenshots go to var/screenshots/feedback/ for a person to look at."""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from feedback.models import Feedback, Kind, Status
from home.roles import NEWS_EDITORS, setup_roles
from news.tests.factories import make_article, make_category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "feedback"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
PASSWORD = "Mat-khau-tin-tuc-1"


@pytest.fixture
def article(home_page):
    return make_article(title="Xã Tân Hòa trả kết quả hồ sơ tại nhà", category=make_category())


def phone(browser, javascript=False):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_citizen_reports_outdated_information_without_javascript(browser, live_server, article):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = phone(browser)
    page.goto(live_server.url + article.url)
    section = page.locator("#gop-y")
    section.scroll_into_view_if_needed()
    assert page.evaluate(OVERFLOW) <= 0
    trap = page.locator("#gop-y-website").bounding_box()  # the honeypot, off screen
    assert trap is None or trap["x"] + trap["width"] <= 0
    page.get_by_text("Báo thông tin sai hoặc lỗi thời").click()  # <details>, no script
    page.get_by_label("Thông tin nào sai hoặc đã cũ?").fill(
        "Số điện thoại của bộ phận một cửa xã đã đổi sang 0277 3851 234."
    )
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("nguoidan@example.vn")
    page.get_by_label("Tôi đồng ý").check()
    assert page.evaluate(OVERFLOW) <= 0
    section.screenshot(path=str(SHOTS / "1-report-form-360.png"))
    page.get_by_role("button", name="Gửi báo lỗi").click()
    page.wait_for_url(f"**{article.url}?gop-y=da-bao#gop-y")
    thanks = page.get_by_role("status")
    assert "Cảm ơn bạn đã báo" in thanks.inner_text()
    assert thanks.is_visible()
    page.screenshot(path=str(SHOTS / "2-thanks-360.png"))
    item = Feedback.objects.get()
    assert (item.kind, item.contact, item.page_id) == (
        Kind.REPORT,
        "nguoidan@example.vn",
        article.pk,
    )
    assert item.text.startswith("Số điện thoại của bộ phận một cửa xã")

    # A vote with a reason, then an empty report refused with the words kept.
    page.goto(live_server.url + article.url)
    page.get_by_text("Chưa hữu ích? Cho chúng tôi biết lý do").click()
    page.get_by_label("Thiếu thông tin").check()
    page.screenshot(path=str(SHOTS / "3-reason-360.png"), full_page=True)
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_url("**?gop-y=cam-on#gop-y")
    assert Feedback.objects.filter(kind=Kind.NOT_USEFUL, reason="thieu").count() == 1
    context.close()


def test_a_bad_report_comes_back_with_the_message_and_the_words(browser, live_server, article):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page = phone(browser)
    page.goto(live_server.url + article.url)
    page.get_by_text("Báo thông tin sai hoặc lỗi thời").click()
    page.get_by_label("Thông tin nào sai hoặc đã cũ?").fill("Sai địa chỉ trụ sở xã.")
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("không có")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi báo lỗi").click()
    assert page.get_by_role("heading", name="Chưa gửi được góp ý").is_visible()
    assert "một địa chỉ thư điện tử hoặc một số điện thoại" in page.content()
    assert page.get_by_label("Thông tin nào sai hoặc đã cũ?").input_value() == (
        "Sai địa chỉ trụ sở xã."
    )
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(SHOTS / "4-refused-360.png"), full_page=True)
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("0912 345 678")
    page.get_by_role("button", name="Gửi báo lỗi").click()
    page.wait_for_url(f"**{article.url}?gop-y=da-bao#gop-y")
    assert Feedback.objects.get().contact == "0912 345 678"
    context.close()


def test_the_news_editor_triages_it(browser, live_server, article):
    SHOTS.mkdir(parents=True, exist_ok=True)
    editor = get_user_model().objects.create_user(
        "tintuc", "tintuc@example.invalid", PASSWORD, first_name="Lan", last_name="Nguyễn Thị"
    )
    editor.groups.add(setup_roles()[NEWS_EDITORS])
    item = Feedback.objects.create(
        kind=Kind.REPORT,
        page=article,
        revision_id=article.live_revision_id,
        path=article.url,
        section="tin-tuc",
        text="Số điện thoại của bộ phận một cửa xã đã đổi sang 0277 3851 234.",
        contact="nguoidan@example.vn",
    )
    Feedback.objects.create(kind=Kind.USEFUL, page=article, path=article.url, section="tin-tuc")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "tintuc")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/admin/gop-y/?status=moi")
    assert page.get_by_role("link", name="Báo thông tin sai hoặc lỗi thời").is_visible()
    page.screenshot(path=str(SHOTS / "5-admin-listing.png"), full_page=True)
    page.get_by_role("link", name="Báo thông tin sai hoặc lỗi thời").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="so sánh với phiên bản mới nhất").is_visible()
    page.screenshot(path=str(SHOTS / "6-admin-item.png"), full_page=True)
    page.select_option("select[name=status]", Status.IN_PROGRESS.value)
    page.select_option("select[name=assignee]", label="Lan Nguyễn Thị")
    page.fill("textarea[name=note]", "Đã hỏi UBND xã, chờ số mới để sửa bài.")
    page.get_by_role("button", name="Lưu").first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / "7-admin-after-save.png"), full_page=True)
    item.refresh_from_db()
    assert (item.status, item.assignee, item.note) == (
        Status.IN_PROGRESS,
        editor,
        "Đã hỏi UBND xã, chờ số mới để sửa bài.",
    )
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    page.screenshot(path=str(SHOTS / "8-page-edit.png"))
    context.close()


def test_axe_finds_nothing_in_the_open_forms(browser, live_server, article):
    axe = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        message = "axe-core missing: run `npm ci` in tests/browser"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", bypass_csp=True
    )
    page = context.new_page()
    page.goto(live_server.url + article.url)
    page.evaluate("document.querySelectorAll('#gop-y details').forEach(d => d.open = true)")
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        """async () => (await axe.run("#gop-y")).violations.map(
            v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    context.close()
    assert violations == []
