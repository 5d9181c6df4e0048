"""The frame in a real browser: keyboard use, phone layout, text size, print."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server, home_page):
    return live_server.url


def test_home_page_renders_with_demo_frame(browser_page, site_url):
    browser_page.goto(site_url + "/")
    assert browser_page.locator("h1").count() == 1
    assert browser_page.locator("h1").inner_text() == "Tra cứu thủ tục hành chính"
    assert browser_page.get_by_label("Tìm thủ tục, văn bản, tin tức").is_visible()
    assert "83,93%" in browser_page.locator(".figures").inner_text()


def test_keyboard_user_skips_to_content_and_reaches_search(browser_page, site_url):
    browser_page.goto(site_url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua, đến nội dung chính"
    # The skip link is visible when focused.
    assert browser_page.locator(".skip-link").bounding_box()["x"] >= 0
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"
    # Tabbing on from the main landmark reaches the search box without a mouse.
    for _ in range(10):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.id") == "home-q":
            break
    assert browser_page.evaluate("document.activeElement.id") == "home-q"
    browser_page.keyboard.type("khai sinh")
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/tim-kiem/?q=khai+sinh")


def test_layout_fits_a_360px_phone(browser_page, site_url):
    browser_page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/", "/thu-tuc/", "/tim-kiem/?q=khai+sinh", "/khong-co/"):
        browser_page.goto(site_url + path)
        overflow = browser_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    browser_page.goto(site_url + "/")
    search_box = browser_page.get_by_label("Tìm thủ tục, văn bản, tin tức").bounding_box()
    assert search_box["x"] >= 0 and search_box["x"] + search_box["width"] <= 360


def test_text_size_control_enlarges_and_remembers(browser_page, site_url):
    browser_page.goto(site_url + "/")
    size = "parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)"
    before = browser_page.evaluate(size)
    menu = browser_page.locator("details.site-menu > summary")
    if menu.is_visible():  # phones: the text size sits in the menu
        menu.click()
    browser_page.get_by_role("button", name="Tăng cỡ chữ").click()
    after = browser_page.evaluate(size)
    assert after > before
    browser_page.reload()
    assert browser_page.evaluate(size) == after


def test_print_hides_navigation(browser_page, site_url):
    browser_page.goto(site_url + "/thu-tuc/")
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".site-header").is_visible()
    assert browser_page.locator("h1").is_visible()
