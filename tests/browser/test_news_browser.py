"""Reading a news article on a phone: no sideways scrolling, images fit, text readable."""

import datetime

import pytest

from news.tests.factories import make_article, make_category, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def article(home_page):
    category = make_category("Chính quyền điện tử")
    image = make_image(width=1600, height=900)
    return make_article(
        title="Hơn 83 nghìn văn bản điện tử được trao đổi liên thông giữa các cơ quan nhà nước",
        date=datetime.date(2025, 2, 26),
        category=category,
        listing_image=image,
        author="Ban Biên tập",
        body=[
            ("paragraph", "<p>Các cơ quan đã gửi, nhận 83.730 văn bản điện tử.</p>"),
            (
                "image",
                {"image": image, "alt_text": "Phòng một cửa", "caption": "Một cửa", "credit": ""},
            ),
            (
                "table",
                {
                    "caption": "Dịch vụ công trực tuyến",
                    "table": {
                        "first_row_is_table_header": True,
                        "data": [
                            ["Mức độ", "Số dịch vụ", "Tỷ lệ hồ sơ trực tuyến", "Ghi chú dài"],
                            ["Một phần", "794", "12,15%", "Nộp trực tiếp vẫn chiếm đa số"],
                            ["Toàn trình", "294", "26,06%", "Tăng so với năm trước"],
                        ],
                    },
                },
            ),
            ("quote", {"text": "Không để hồ sơ trễ hạn.", "attribution": "Chủ tịch UBND tỉnh"}),
        ],
    )


def test_article_reads_well_on_a_phone(browser_page, live_server, article):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.url)
    assert page.locator("h1").inner_text().startswith("Hơn 83 nghìn văn bản")

    # No horizontal scrolling of the page itself (wide tables scroll inside their box).
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0

    image = page.locator(".block-image img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('.block-image img').complete"
        " && document.querySelector('.block-image img').naturalWidth > 0"
    )
    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The browser picked a rendition no wider than a 360px phone can use (<= 2x density).
    natural = page.evaluate("document.querySelector('.block-image img').naturalWidth")
    assert natural <= 720
    assert image.get_attribute("alt") == "Phòng một cửa"

    font_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)"
    )
    assert font_size >= 16
    table_box = page.locator(".block-table .table-scroll").bounding_box()
    assert table_box["x"] + table_box["width"] <= PHONE["width"]


def test_news_index_on_a_phone_has_no_sideways_scroll(browser_page, live_server, article):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/tin-tuc/")
    assert page.locator(".news-card-title a").count() == 1
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.locator(".news-aside a", has_text="2025").click()
    page.wait_for_url("**/tin-tuc/2025/")
    assert page.locator("h1").inner_text() == "Tin năm 2025"
