"""E-mail alerts as a subscriber and a robot meet them, with Django's test outbox."""

from __future__ import annotations

import itertools
import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache

from alerts import tokens
from alerts.digest import send_digests
from alerts.models import Subscription
from news.tests.factories import make_article, make_category
from procedures_catalog.tests.helpers import make_procedures, record

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/thong-bao/dang-ky/"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def catalogue(home_page):
    return make_procedures(
        record("1.001193", "Đăng ký khai sinh"),
        record("2.002044", "Đăng ký thành lập công ty", field="Doanh nghiệp"),
    )


def link(message, pattern: str) -> str:
    found = re.search(rf"https?://[^\s\"<>]*{pattern}[^\s\"<>]*", message.body)
    assert found, message.body
    return found.group(0).split("testserver", 1)[1]


def subscribe(client, email="dan@example.vn", **params):
    params.setdefault("danh-sach", "thu-tuc")
    return client.post(SUBSCRIBE, {**params, "email": email})


def confirm(client, message) -> None:
    url = link(message, "/thong-bao/xac-nhan/")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200


def test_list_pages_link_to_subscribe_with_their_filters_and_stay_cacheable(client, catalogue):
    response = client.get("/thu-tuc/?linh-vuc=ho-tich&trang=1", follow=True)
    html = response.content.decode()
    assert 'href="/thong-bao/dang-ky/?danh-sach=thu-tuc&amp;linh-vuc=ho-tich"' in html
    assert "public" in response["Cache-Control"]
    response = client.get("/thu-tuc/linh-vuc/ho-tich/")
    assert "danh-sach=thu-tuc&amp;linh-vuc=ho-tich" in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "csrftoken" not in response.cookies


def test_double_opt_in_then_digest_of_new_items_of_that_field_only(client, catalogue):
    page = client.get(SUBSCRIBE, {"danh-sach": "thu-tuc", "linh-vuc": "ho-tich"})
    assert page.status_code == 200
    assert "Lĩnh vực: Hộ tịch" in page.content.decode()
    assert "private" in page["Cache-Control"]

    response = subscribe(client, "Dan@Example.vn", **{"linh-vuc": "ho-tich"})
    assert response.status_code == 200
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["dan@example.vn"]
    assert confirmation.subject == "Xác nhận đăng ký nhận thông báo qua e-mail"
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert subscription.params == {"linh-vuc": ["ho-tich"]}

    # Unconfirmed: new procedures arrive, nothing is sent.
    make_procedures(record("1.000001", "Thủ tục hộ tịch thứ nhất"))
    mail.outbox.clear()
    assert send_digests().sent == 0
    assert mail.outbox == []

    # The confirmation link's GET only asks; the POST confirms.
    url = link(confirmation, "/thong-bao/xac-nhan/")
    client.get(url)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    client.post(url)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    # Nothing published since the confirmation: no digest.
    assert send_digests().sent == 0
    assert mail.outbox == []

    make_procedures(
        record("1.000002", "Thủ tục hộ tịch mới"),
        record("2.000009", "Thủ tục doanh nghiệp mới", field="Doanh nghiệp"),
    )
    report = send_digests()
    assert (report.sent, report.items) == (1, 1)
    digest = mail.outbox[0]
    assert "Thủ tục hộ tịch mới" in digest.body
    assert "Thủ tục doanh nghiệp mới" not in digest.body
    assert "Thủ tục hộ tịch thứ nhất" not in digest.body  # published before confirming
    assert "http://testserver/thu-tuc/1.000002/" in digest.body
    html = digest.alternatives[0][0]
    assert 'href="http://testserver/thu-tuc/1.000002/"' in html
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http://testserver/thong-bao/huy/")

    # Running again sends nothing twice.
    mail.outbox.clear()
    assert send_digests().sent == 0
    assert mail.outbox == []


def test_a_failed_send_is_retried_and_a_concurrent_run_does_not_resend(
    client, catalogue, monkeypatch
):
    subscribe(client, **{"linh-vuc": "ho-tich"})
    confirm(client, mail.outbox[0])
    make_procedures(record("1.000003", "Thủ tục hộ tịch ba"))
    mail.outbox.clear()

    from django.core.mail import EmailMultiAlternatives

    def broken(self, fail_silently=False):
        raise OSError("SMTP down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", broken)
        assert send_digests().failed == 1
    assert send_digests().sent == 1  # the watermark was put back: sent on the rerun
    assert "Thủ tục hộ tịch ba" in mail.outbox[0].body

    # A second run that read the subscription before the first one moved the watermark
    # cannot claim it again.
    subscription = Subscription.objects.get()
    stale = Subscription.objects.get()
    stale.sent_until = subscription.created_at
    from alerts.digest import _claim

    assert not _claim(stale, subscription.sent_until)


def test_unsubscribe_one_click_post_and_link_with_a_confirm_page(client, catalogue):
    subscribe(client, **{"linh-vuc": "ho-tich"})
    subscribe(client, **{"linh-vuc": "doanh-nghiep"})
    confirm(client, mail.outbox[0])
    confirm(client, mail.outbox[1])
    make_procedures(
        record("1.000004", "Hộ tịch bốn"), record("2.000004", "DN bốn", field="Doanh nghiệp")
    )
    mail.outbox.clear()
    send_digests()
    digest = mail.outbox[0]
    assert "Hộ tịch bốn" in digest.body and "DN bốn" in digest.body  # one mail, two sections

    # A section's own link: GET shows a button, changes nothing; POST unsubscribes that one.
    first = link(digest, "/thong-bao/huy/")
    page = client.get(first)
    assert page.status_code == 200 and "Hủy đăng ký" in page.content.decode()
    assert Subscription.objects.count() == 2
    assert client.post(first).status_code == 200
    assert Subscription.objects.count() == 1
    assert client.post(first).status_code == 200  # again: already gone, still fine

    # RFC 8058: the mail program POSTs to the List-Unsubscribe URL, without any cookie.
    header = digest.extra_headers["List-Unsubscribe"].strip("<>").split("testserver", 1)[1]
    response = client.post(
        header, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscription.objects.count() == 0


def test_manage_page_lists_and_removes_subscriptions(client, catalogue):
    subscribe(client, **{"linh-vuc": "ho-tich"})
    subscribe(client, **{"linh-vuc": "doanh-nghiep"})
    url = f"/thong-bao/quan-ly/{tokens.manage_token('dan@example.vn')}/"
    page = client.get(url).content.decode()
    assert "Lĩnh vực: Hộ tịch" in page and "Lĩnh vực: Doanh nghiệp" in page
    # The feedback form would carry this address, and its token, into the admin.
    assert (
        'id="gop-y"' not in page
        and tokens.manage_token("dan@example.vn") not in page.split("<main", 1)[0]
    )
    first = Subscription.objects.order_by("pk").first()
    client.post(url, {"xoa": first.pk})
    assert not Subscription.objects.filter(pk=first.pk).exists()
    assert client.post(url, {"xoa": "abc"}).status_code == 400
    client.post(url, {"xoa": "tat-ca"})
    assert not Subscription.objects.exists()
    # Asking for the link: the same answer for a known and an unknown address.
    known = client.post("/thong-bao/quan-ly/", {"email": "dan@example.vn"})
    unknown = client.post("/thong-bao/quan-ly/", {"email": "ai@example.vn"})
    assert known.content == unknown.content


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe", "manage"])
def test_tampered_and_expired_links_get_a_vietnamese_4xx(client, catalogue, kind, monkeypatch):
    subscribe(client)
    subscription = Subscription.objects.get()
    make = {
        "confirm": lambda: tokens.confirm_token(subscription),
        "unsubscribe": lambda: tokens.unsubscribe_token(subscription),
        "manage": lambda: tokens.manage_token(subscription.email),
    }[kind]
    path = {"confirm": "xac-nhan", "unsubscribe": "huy", "manage": "quan-ly"}[kind]
    token = make()
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for bad in (tampered, "khong-phai-token", token.replace(":", "", 1)):
        for method in (client.get, client.post):
            response = method(f"/thong-bao/{path}/{bad}/")
            assert response.status_code == 400, bad
            assert "Liên kết không hợp lệ" in response.content.decode()
    if kind != "unsubscribe":  # unsubscribe links never expire
        real_time = time.time
        monkeypatch.setattr(signing.time, "time", lambda: real_time() - 100 * 86400)
        old = make()
        monkeypatch.setattr(signing.time, "time", real_time)
        response = client.post(f"/thong-bao/{path}/{old}/")
        assert response.status_code == 410
        assert "đã hết hạn" in response.content.decode()
    # A confirm token is not an unsubscribe token.
    if kind == "confirm":
        assert client.post(f"/thong-bao/huy/{token}/").status_code == 400
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "params, message",
    [
        ({"danh-sach": "khong-co"}, "Không có danh sách"),
        ({}, "Không có danh sách"),
        ({"danh-sach": "thu-tuc", "linh-vuc": "khong-co"}, "không có trong danh mục"),
        ({"danh-sach": "van-ban", "nam": "20x5"}, "Năm ban hành"),
        ({"danh-sach": "tin-tuc", "chuyen-muc": "khong-co"}, "Không có chuyên mục"),
        ({"danh-sach": "khac-phuc", "don-vi": "khong-co"}, "không có trong danh mục"),
        ({"danh-sach": "tim-kiem"}, "Hãy nhập từ khóa"),
    ],
)
def test_bad_lists_and_filters_get_a_vietnamese_400(client, catalogue, params, message):
    for response in (
        client.get(SUBSCRIBE, params),
        client.post(SUBSCRIBE, {**params, "email": "a@b.vn"}),
    ):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "email", ["", "khong-phai-email", "a@", "x" * 250 + "@b.vn", "a b@c.vn", "a@b@c.vn"]
)
def test_bad_addresses_get_a_vietnamese_400(client, catalogue, email):
    response = subscribe(client, email)
    assert response.status_code == 400
    assert "e-mail" in response.content.decode()
    assert not Subscription.objects.exists()


def test_honeypot_cap_and_no_enumeration(client, catalogue, settings):
    robot = client.post(
        SUBSCRIBE, {"danh-sach": "thu-tuc", "email": "bot@example.vn", "trang-web": "http://x"}
    )
    assert robot.status_code == 200
    assert not Subscription.objects.exists() and mail.outbox == []

    first = subscribe(client, "dan@example.vn")
    confirm(client, mail.outbox[0])
    again = subscribe(client, "dan@example.vn")  # already confirmed: nothing is sent
    fresh = subscribe(client, "moi@example.vn")
    assert first.content == again.content
    assert again.content.replace(b"dan@", b"moi@") == fresh.content
    assert len(mail.outbox) == 2

    from alerts import forms

    settings.ALERTS_ADDRESS_RATE = "100/h"
    capped = forms.MAX_SUBSCRIPTIONS_PER_ADDRESS
    try:
        forms.MAX_SUBSCRIPTIONS_PER_ADDRESS = 1
        import alerts.views

        alerts.views.MAX_SUBSCRIPTIONS_PER_ADDRESS = 1
        over = subscribe(client, "moi@example.vn", **{"linh-vuc": "ho-tich"})
    finally:
        forms.MAX_SUBSCRIPTIONS_PER_ADDRESS = capped
        alerts.views.MAX_SUBSCRIPTIONS_PER_ADDRESS = capped
    assert over.status_code == 200
    assert Subscription.objects.filter(email="moi@example.vn").count() == 1


def test_subscribe_is_rate_limited_per_client(client, catalogue, settings):
    settings.ALERTS_SUBSCRIBE_RATE = "3/m"
    statuses = [subscribe(client, f"n{i}@example.vn").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert Subscription.objects.count() == 3


def test_confirmation_mails_to_one_address_are_limited(client, catalogue, settings):
    settings.ALERTS_ADDRESS_RATE = "2/h"
    for _ in range(4):
        assert subscribe(client, "dan@example.vn").status_code == 200
    assert len(mail.outbox) == 2


def test_news_category_alert_gets_only_that_category(client, home_page):
    egov = make_category("Chính quyền điện tử")
    other = make_category("Cải cách thủ tục hành chính")
    subscribe(client, **{"danh-sach": "tin-tuc", "chuyen-muc": egov.slug})
    confirm(client, mail.outbox[0])
    make_article(title="Tin chính quyền điện tử mới", category=egov)
    make_article(title="Tin thủ tục khác", category=other)
    make_article(title="Bản nháp", category=egov, live=False)
    mail.outbox.clear()
    assert send_digests().sent == 1
    body = mail.outbox[0].body
    assert "Tin chính quyền điện tử mới" in body
    assert "Tin thủ tục khác" not in body and "Bản nháp" not in body
    assert f"/tin-tuc/chuyen-muc/{egov.slug}/" in body


def test_unconfirmed_subscriptions_are_deleted_after_the_link_expires(client, catalogue):
    import datetime

    from django.utils import timezone

    subscribe(client)
    later = timezone.now() + tokens.CONFIRM_MAX_AGE + datetime.timedelta(minutes=1)
    assert send_digests(now=later).purged == 1
    assert not Subscription.objects.exists()


def test_admin_lists_subscriptions_read_only_with_counts_and_removes_one(
    client, catalogue, django_user_model
):
    from home.roles import REVIEWERS, setup_roles

    subscribe(client, **{"linh-vuc": "ho-tich"})
    confirm(client, mail.outbox[0])
    subscribe(client, "b@example.vn")
    groups = setup_roles()
    reviewer = django_user_model.objects.create_user("duyet", password="x")
    reviewer.groups.add(groups[REVIEWERS])
    client.force_login(reviewer)
    listing = client.get("/admin/dang_ky_thong_bao/")
    html = listing.content.decode()
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert listing.status_code == 200
    assert "Đã xác nhận: 1 · Chờ xác nhận: 1 · Thủ tục hành chính: 1" in text
    assert "dan@example.vn" in html
    assert "/admin/dang_ky_thong_bao/new/" not in html
    assert client.get("/admin/dang_ky_thong_bao/new/").status_code in (302, 403, 404)
    pk = Subscription.objects.get(email="b@example.vn").pk
    assert client.get(f"/admin/dang_ky_thong_bao/edit/{pk}/").status_code in (302, 403, 404)
    inspect = client.get(f"/admin/dang_ky_thong_bao/inspect/{pk}/").content.decode()
    assert "Thủ tục hành chính mới" in inspect  # the filters as readers see them
    client.post(f"/admin/dang_ky_thong_bao/delete/{pk}/")
    assert not Subscription.objects.filter(pk=pk).exists()


def test_search_alert_gets_new_matching_pages_only(
    client, catalogue, django_capture_on_commit_callbacks
):
    from search.indexing import update_instances

    update_instances(catalogue.values())  # the index follows commits, which tests roll back
    response = client.get(SUBSCRIBE, {"danh-sach": "tim-kiem", "q": "khai sinh", "trang": "2"})
    assert response.status_code == 200
    assert "Tìm kiếm “khai sinh”" in response.content.decode()
    subscribe(client, **{"danh-sach": "tim-kiem", "q": "khai sinh", "sap-xep": "moi-nhat"})
    assert Subscription.objects.get().params == {"q": ["khai sinh"]}
    confirm(client, mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        make_procedures(
            record("1.000010", "Đăng ký khai sinh lưu động"),
            record("1.000011", "Đăng ký kết hôn lưu động"),
        )
    mail.outbox.clear()
    assert send_digests().sent == 1
    body = mail.outbox[0].body
    assert "Đăng ký khai sinh lưu động" in body
    assert "kết hôn" not in body
    assert "1.001193" not in body  # published before the subscription was confirmed


def test_issuer_alert_and_expired_lists_alert(client, home_page):
    from legal_documents.models import Issuer
    from legal_documents.tests.helpers import D, make_document, make_list

    make_document("1/QĐ-UBND", "Văn bản cũ", issuer="UBND tỉnh")
    province = Issuer.objects.get(name="UBND tỉnh")
    subscribe(client, **{"danh-sach": "van-ban", "co-quan-ban-hanh": province.slug})
    subscribe(client, **{"danh-sach": "het-hieu-luc"})
    confirm(client, mail.outbox[0])
    confirm(client, mail.outbox[1])
    mail.outbox.clear()
    old = make_document("2/QĐ-UBND", "Quyết định mới của tỉnh", issuer="UBND tỉnh")
    make_document("3/QĐ-STP", "Quyết định của sở", issuer="Sở Tư pháp")
    make_list(2025, "9/QĐ-UBND", [("het_toan_bo", old, D(2025, 6, 1), "", "Bị thay thế")])
    assert send_digests().sent == 1
    body = mail.outbox[0].body
    assert "2/QĐ-UBND – Quyết định mới của tỉnh" in body
    assert "3/QĐ-STP" not in body and "Văn bản cũ" not in body
    assert "Danh mục văn bản hết hiệu lực, ngưng hiệu lực năm 2025" in body
    assert "1 văn bản" in body


def test_command_and_task_send_the_same_digest_once(client, catalogue):
    import io

    from django.core.management import call_command

    from alerts.tasks import send_alert_digests

    subscribe(client, **{"linh-vuc": "ho-tich"})
    confirm(client, mail.outbox[0])
    make_procedures(record("1.000020", "Hộ tịch hai mươi"))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_alert_digests", stdout=out)
    assert "Đã gửi 1 thư (1 mục mới)" in out.getvalue()
    result = send_alert_digests.enqueue()
    assert result.return_value == {"sent": 0, "items": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_nasty_values_never_give_a_server_error_or_reflected_markup(client, catalogue, settings):
    from tests.fuzz import MARKUP, NASTY_VALUES

    settings.ALERTS_SUBSCRIBE_RATE = "100000/m"
    client.raise_request_exception = False
    params = {
        "thu-tuc": ("linh-vuc", "co-quan", "cap", "doi-tuong", "truc-tuyen", "tinh-trang"),
        "van-ban": ("loai", "co-quan-ban-hanh", "linh-vuc", "tinh-trang", "nam", "tu-ngay"),
        "het-hieu-luc": ("nhom",),
        "tin-tuc": ("chuyen-muc",),
        "khac-phuc": ("don-vi", "nam", "nhom", "tinh-trang"),
        "tim-kiem": ("q", "loai-noi-dung", "linh-vuc", "tu-ngay", "den-ngay"),
    }
    requests = 0
    values = itertools.cycle(NASTY_VALUES)  # rotated, as tests/fuzz.py does: bounded
    for key, names in params.items():
        for name in names:
            for value in (next(values) for _ in range(10)):
                for method in (client.get, client.post):
                    response = method(SUBSCRIBE, {"danh-sach": key, name: value, "email": value})
                    requests += 1
                    assert response.status_code < 500, (key, name, value)
                    body = response.content
                    assert all(m.encode() not in body for m in MARKUP), (key, name, value)
    for path in ("xac-nhan", "huy", "quan-ly"):
        for value in NASTY_VALUES:
            for method in (client.get, client.post):
                from urllib.parse import quote

                response = method(f"/thong-bao/{path}/{quote(value, safe='')}/")
                requests += 1
                assert response.status_code < 500, (path, value)
    assert requests > 500
