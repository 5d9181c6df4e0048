"""The public side of feedback: the forms on cached pages, what is stored, and every refusal.

Spam (honeypot, rate limit, oversized bodies, links-only text), bad input (4xx with a
Vietnamese message, never a 500), consent (a contact is dropped without it), and pages that
carry the form staying cacheable (no Set-Cookie, no Vary: Cookie, same ETag for everyone).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from feedback.models import Feedback, Kind, Status
from feedback.tokens import make_token
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def article(home_page):
    return make_article(title="Tỉnh rút ngắn thời gian giải quyết hồ sơ", category=make_category())


def form_token(client, url) -> str:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.select_one("#gop-y form input[name=t]")["value"]


def post(client, url, token=None, **data):
    data.setdefault("t", token if token is not None else form_token(client, url))
    return client.post("/gop-y/", data, HTTP_ORIGIN="http://testserver")


def test_every_public_page_carries_both_forms_but_not_search_or_errors(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    section = soup.select_one("section#gop-y")
    assert section.select_one("h2").get_text(strip=True) == "Thông tin này có hữu ích không?"
    assert [b.get_text(strip=True) for b in section.select(".feedback-buttons button")] == [
        "Có",
        "Không",
    ]
    assert "Báo thông tin sai hoặc lỗi thời" in section.get_text()
    assert section.select("form[action='/gop-y/'][method=post]")
    assert not soup.select("input[name=csrfmiddlewaretoken]")
    # Limits as plain numbers: a localised "1.000" would let the browser take one character.
    assert section.select_one("#bao-loi-noi-dung")["maxlength"] == "1000"
    assert section.select_one("#gop-y-them")["maxlength"] == "500"
    for url in ("/", "/thu-tuc/", "/van-ban/", "/tin-tuc/", "/kiem-tra/", "/thong-ke/"):
        assert b'id="gop-y"' in client.get(url).content, url
    for url in ("/tim-kiem/?q=khai+sinh", "/khong-co-trang-nay/"):
        assert b'id="gop-y"' not in client.get(url).content, url


def test_a_page_with_the_form_stays_cacheable(client, article):
    first = client.get(article.url)
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert not first.cookies
    assert "Cookie" not in first.get("Vary", "")
    # Not per visitor: another visitor gets the very same page, and a revalidation is a 304.
    other = client.__class__().get(article.url)
    assert other.content == first.content
    assert client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_useful_vote_is_stored_with_page_and_revision_then_redirects_back(client, article):
    response = post(client, article.url, loai="huu-ich")
    assert response.status_code == 303
    assert response["Location"] == article.url + "?gop-y=cam-on#gop-y"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert not response.cookies
    item = Feedback.objects.get()
    assert (item.kind, item.page_id, item.path) == (Kind.USEFUL, article.pk, article.url)
    assert item.revision_id == article.live_revision_id is not None
    assert (item.section, item.status, item.contact) == ("tin-tuc", Status.NEW, "")
    thanked = client.get(response["Location"].split("#")[0])
    soup = BeautifulSoup(thanked.content, "html.parser")
    assert "Cảm ơn bạn đã cho biết ý kiến." in soup.select_one("#gop-y [role=status]").text
    assert not soup.select("#gop-y form")
    assert "public" in thanked["Cache-Control"]


def test_not_useful_with_reason_and_words(client, article):
    post(client, article.url, loai="khong-huu-ich", ly_do="kho-hieu", noi_dung="Câu chữ rối.")
    item = Feedback.objects.get()
    assert (item.kind, item.reason, item.text) == (Kind.NOT_USEFUL, "kho-hieu", "Câu chữ rối.")


def test_report_keeps_contact_only_with_consent(client, article):
    response = post(
        client,
        article.url,
        loai="bao-loi",
        noi_dung="Số điện thoại của bộ phận một cửa đã đổi.",
        lien_he="dan@example.vn",
    )
    assert response["Location"].endswith("?gop-y=da-bao-khong-lien-he#gop-y")
    item = Feedback.objects.get()
    assert item.contact == "" and item.kind == Kind.REPORT
    thanked = client.get(response["Location"].split("#")[0]).content.decode()
    assert "không được lưu vì bạn chưa đánh dấu đồng ý" in thanked

    response = post(
        client,
        article.url,
        loai="bao-loi",
        noi_dung="Lệ phí đã thay đổi từ tháng 7.",
        lien_he="0912 345 678",
        dong_y="1",
    )
    assert response["Location"].endswith("?gop-y=da-bao#gop-y")
    assert Feedback.objects.latest("pk").contact == "0912 345 678"


def test_a_vote_never_keeps_a_contact(client, article):
    post(client, article.url, loai="huu-ich", lien_he="dan@example.vn", dong_y="1")
    assert Feedback.objects.get().contact == ""


def test_closing_an_item_erases_the_contact(client, article):
    post(client, article.url, loai="bao-loi", noi_dung="Sai địa chỉ.", lien_he="a@b.vn", dong_y="1")
    item = Feedback.objects.get()
    assert item.contact == "a@b.vn"
    item.status = Status.DONE
    item.save()
    item.refresh_from_db()
    assert item.contact == ""


def test_feedback_outside_the_page_tree_keeps_the_path(client, home_page):
    response = post(client, "/thong-ke/", loai="khong-huu-ich")
    assert response.status_code == 303
    item = Feedback.objects.get()
    assert (item.page, item.revision, item.path, item.section) == (
        None,
        None,
        "/thong-ke/",
        "thong-ke",
    )


def test_list_filters_are_kept_on_the_way_back_but_not_stored(client, home_page):
    make_procedures(record("1.001193", "Đăng ký khai sinh"))
    response = post(client, "/thu-tuc/?linh-vuc=ho-tich", loai="huu-ich")
    assert response["Location"] == "/thu-tuc/?linh-vuc=ho-tich&gop-y=cam-on#gop-y"
    item = Feedback.objects.get()
    assert item.path == "/thu-tuc/" and item.section == "thu-tuc"
    # A procedure page belongs to the procedures section.
    post(client, "/thu-tuc/1.001193/", loai="huu-ich")
    assert Feedback.objects.latest("pk").section == "thu-tuc"


# Spam -------------------------------------------------------------------------------------


def test_honeypot_is_thanked_and_discarded(client, article):
    response = post(client, article.url, loai="huu-ich", website="http://spam.example")
    assert response.status_code == 303
    assert not Feedback.objects.exists()


def test_rate_limit_per_address(client, article, settings):
    settings.FEEDBACK_RATE_LIMITS = ["3/m", "30/h"]
    token = form_token(client, article.url)
    for _ in range(3):
        assert post(client, article.url, token, loai="huu-ich").status_code == 303
    refused = post(client, article.url, token, loai="huu-ich")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Vui lòng đợi một lát" in refused.content.decode()
    assert Feedback.objects.count() == 3
    # Another address is counted apart.
    other = client.post(
        "/gop-y/",
        {"t": token, "loai": "huu-ich"},
        REMOTE_ADDR="192.0.2.9",
        HTTP_ORIGIN="http://testserver",
    )
    assert other.status_code == 303


def test_oversized_body_is_refused_unread(client, article):
    response = post(client, article.url, loai="bao-loi", noi_dung="dài " * 6000)
    assert response.status_code == 413
    assert "Góp ý quá dài" in response.content.decode()
    assert not Feedback.objects.exists()


def test_over_long_fields_are_refused_with_the_words_kept(client, article):
    response = post(client, article.url, loai="khong-huu-ich", noi_dung="chữ " * 200)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Góp ý thêm dài quá 500 ký tự" in text
    assert "chữ chữ chữ" in text  # the reader's words, back in the form
    response = post(client, article.url, loai="bao-loi", noi_dung="x" * 1001)
    assert response.status_code == 400 and "dài quá 1000 ký tự" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "http://spam.example/a",
        "https://a.example https://b.example www.c.example",
        "xem tai casino-online.xyz",
        "a http://1.example b http://2.example c http://3.example d http://4.example",
    ],
)
def test_links_only_text_is_refused(client, article, text):
    response = post(client, article.url, loai="bao-loi", noi_dung=text)
    assert response.status_code == 400
    assert "đường dẫn" in response.content.decode()
    # One message, not a second "say what is wrong" on top.
    assert "Hãy cho biết thông tin nào sai" not in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_link_with_an_explanation_is_accepted(client, article):
    text = "Mẫu tờ khai ở https://dichvucong.gov.vn/abc đã được thay bằng mẫu mới năm 2025."
    assert post(client, article.url, loai="bao-loi", noi_dung=text).status_code == 303


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"loai": "bao-loi", "noi_dung": ""}, "Hãy cho biết thông tin nào sai hoặc đã cũ."),
        ({}, "Hãy chọn Có hoặc Không."),
        ({"loai": "xoa-het"}, "Loại góp ý không hợp lệ."),
        ({"loai": "khong-huu-ich", "ly_do": "<b>x</b>"}, "Lý do không có trong danh sách."),
        ({"loai": "bao-loi", "noi_dung": "Sai\x01 rồi nhé"}, "ký tự không hợp lệ"),
        ({"loai": "bao-loi", "noi_dung": "Sai\x00 rồi nhé"}, "ký tự rỗng"),
        (
            {"loai": "bao-loi", "noi_dung": "Sai địa chỉ", "lien_he": "abc", "dong_y": "1"},
            "một địa chỉ thư điện tử hoặc một số điện thoại",
        ),
    ],
)
def test_bad_input_is_a_vietnamese_400(client, article, data, message):
    response = post(client, article.url, **data)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and "Chưa gửi được góp ý" in text
    assert "<b>x</b>" not in text
    assert "private" in response["Cache-Control"]
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "token", ["", "garbage", "a" * 400, make_token(None, "//evil.example/", "//evil.example/")]
)
def test_missing_or_forged_token_is_refused(client, article, token):
    response = post(client, article.url, token, loai="huu-ich")
    assert response.status_code == 400
    assert "Hãy tải lại trang" in response.content.decode()
    assert not Feedback.objects.exists()


def test_expired_token_is_refused(client, article, monkeypatch):
    token = form_token(client, article.url)
    import feedback.tokens

    later = feedback.tokens._hour() + feedback.tokens.MAX_AGE_HOURS + 1
    monkeypatch.setattr(feedback.tokens, "_hour", lambda: later)
    assert post(client, article.url, token, loai="huu-ich").status_code == 400


def test_a_token_cannot_be_moved_to_another_page(client, article, home_page):
    """The page comes from the signed token, not from anything the poster may change."""
    token = form_token(client, article.url)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert post(client, article.url, tampered, loai="huu-ich").status_code == 400


def test_posts_from_another_site_are_refused(client, article):
    token = form_token(client, article.url)
    response = client.post(
        "/gop-y/", {"t": token, "loai": "huu-ich"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    response = client.post(
        "/gop-y/", {"t": token, "loai": "huu-ich"}, HTTP_REFERER="https://evil.example/x"
    )
    assert response.status_code == 403
    assert not Feedback.objects.exists()
    # A browser that sends the same origin, or only a same-site Referer, is fine.
    ok = client.post("/gop-y/", {"t": token, "loai": "huu-ich"}, HTTP_REFERER="http://testserver/x")
    assert ok.status_code == 303


def test_get_on_the_endpoint_is_a_405_not_a_500(client, home_page):
    response = client.get("/gop-y/")
    assert response.status_code == 405
    assert "chỉ nhận góp ý" in response.content.decode()


def test_the_refusal_page_offers_the_form_again_with_a_working_token(client, article):
    refused = post(client, article.url, loai="bao-loi", noi_dung="")
    soup = BeautifulSoup(refused.content, "html.parser")
    token = soup.select_one("#gop-y form input[name=t]")["value"]
    assert soup.select_one("details.feedback-report[open]")
    again = post(client, article.url, token, loai="bao-loi", noi_dung="Sai số điện thoại.")
    assert again.status_code == 303 and again["Location"].startswith(article.url)
    assert re.search(r"Quay lại trang trước", refused.content.decode())


def test_the_forms_token_is_the_same_second_after_second(monkeypatch):
    """The page's ETag may change once an hour, not every second (signing.dumps would)."""
    from feedback import tokens

    now = [3600 * 500 + 10.0]
    monkeypatch.setattr(tokens.time, "time", lambda: now[0])
    first = tokens.make_token(1, "/tin-tuc/a/", "/tin-tuc/a/")
    now[0] += 7
    assert tokens.make_token(1, "/tin-tuc/a/", "/tin-tuc/a/") == first
    assert tokens.read_token(first).page_id == 1
