"""E-mail alerts on a phone: from a filtered list to a confirmed subscription, then the
manage page and one-click removal, in a real browser at 360 px. The mails are read from
Django's test outbox (the live server runs in this process). Screenshots go to
var/screenshots/alerts/ for a person to look at."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache

from alerts.models import Subscription
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "alerts"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def catalogue(home_page):
    cache.clear()  # rate-limit counters
    return make_procedures(
        record("1.001193", "Đăng ký khai sinh"),
        record("2.002044", "Đăng ký thành lập công ty", field="Doanh nghiệp"),
    )


def mailed_path(message, pattern: str) -> str:
    found = re.search(rf"https?://[^\s\"<>]*{pattern}[^\s\"<>]*", message.body)
    assert found, message.body
    return "/" + found.group(0).split("/", 3)[3]


def test_a_citizen_follows_one_field_by_e_mail_on_a_phone(browser, live_server, catalogue):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(live_server.url + "/thu-tuc/?linh-vuc=ho-tich")
    page.locator("a[href^='/thong-bao/dang-ky/']").first.click()
    page.wait_for_url("**/thong-bao/dang-ky/?danh-sach=thu-tuc&linh-vuc=ho-tich")
    assert "Lĩnh vực: Hộ tịch" in page.locator("main").inner_text()
    page.get_by_label("Địa chỉ e-mail").fill("sai-dia-chi")
    page.get_by_role("button", name="Đăng ký").click()
    assert page.get_by_role("alert").first.is_visible()  # refused, said in Vietnamese
    assert Subscription.objects.count() == 0
    page.get_by_label("Địa chỉ e-mail").fill("Nguoi.Dan@Example.vn")
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(SHOTS / "1-subscribe-360.png"), full_page=True)
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_role("heading", name="Hãy kiểm tra hộp thư").wait_for()
    page.screenshot(path=str(SHOTS / "2-check-your-mail-360.png"))

    [confirmation] = mail.outbox
    assert confirmation.to == ["nguoi.dan@example.vn"]
    page.goto(live_server.url + mailed_path(confirmation, "/thong-bao/xac-nhan/"))
    assert Subscription.objects.get().confirmed_at is None  # opening the link only asks
    page.get_by_role("button", name="Xác nhận đăng ký").click()
    page.get_by_role("heading", name="Đã xác nhận đăng ký").wait_for()
    assert Subscription.objects.get().confirmed_at is not None
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=str(SHOTS / "3-confirmed-360.png"))

    # The page links to managing the subscriptions; removing this one takes one button.
    page.get_by_role("link", name="Quản lý các đăng ký của bạn").click()
    page.get_by_role("heading", name="Quản lý đăng ký nhận thông báo").wait_for()
    assert "Hộ tịch" in page.locator("main").inner_text()
    # The address holds a secret token: no feedback form here to carry it into the admin.
    assert page.locator("#gop-y").count() == 0
    page.screenshot(path=str(SHOTS / "4-manage-360.png"), full_page=True)
    page.get_by_role("button", name="Hủy", exact=True).click()
    page.wait_for_load_state()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    context.close()
