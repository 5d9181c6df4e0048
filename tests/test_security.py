"""Request-level hardening: bad parameters, forwarded headers, lockouts, rate limits, headers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


# -- parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/tim-kiem/?page=%C2%B2", 400, "chỉ dùng các chữ số 0-9"),
        ("/tim-kiem/?kind=a%00b", 400, "ký tự điều khiển"),
        ("/thu-tuc/?linh-vuc=" + "x" * 400, 400, "quá dài"),
        ("/thu-tuc/1.001%00193/", 404, "Không tìm thấy trang"),
        ("/van-ban/so/57%00/", 404, "Không tìm thấy trang"),
    ],
)
def test_bad_parameters_and_paths_get_a_vietnamese_answer(home_page, client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.content.decode()


def test_free_text_with_control_characters_still_searches(home_page, client):
    response = client.get("/tim-kiem/", {"q": "dang\x00ky"})
    assert response.status_code == 200
    assert 'value="dang ky"' in response.content.decode()


def test_cookie_with_a_nul_byte_is_ignored(home_page, client):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/").status_code == 200


# -- forwarded headers -----------------------------------------------------------------------


def _echo_address(request):
    from django.http import HttpResponse

    return HttpResponse(f"{request.META['REMOTE_ADDR']} {request.is_secure()}")


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9 False"),  # not our proxy: ignored
        ("127.0.0.1", "198.51.100.1", "198.51.100.1 True"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1 True"),  # client's own claim
        ("127.0.0.1", "6.6.6.6, 198.51.100.1, 127.0.0.1", "198.51.100.1 True"),
        ("127.0.0.1", "not-an-address", "127.0.0.1 True"),
    ],
)
def test_forwarded_address_and_scheme_only_from_trusted_proxies(
    settings, peer, forwarded, expected
):
    from base.middleware import TrustedProxyMiddleware

    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/",
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=forwarded,
        HTTP_X_FORWARDED_PROTO="https",
    )
    response = TrustedProxyMiddleware(_echo_address)(request)
    assert response.content.decode() == expected


# -- login lockouts --------------------------------------------------------------------------


def _login(client, username, password, address="198.51.100.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_admin_login_locks_an_account_after_a_few_failures_and_axes_reset_unlocks(
    home_page, settings
):
    get_user_model().objects.create_superuser("quantri", "q@example.vn", "Dung-Mat-Khau-9")
    client = Client()
    statuses = [
        # Each failure from a different address: the account itself is what gets locked.
        _login(client, "quantri", f"sai-{attempt}", address=f"198.51.100.{attempt}").status_code
        for attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = _login(client, "quantri", "Dung-Mat-Khau-9", address="192.0.2.50")
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()

    call_command("axes_reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _login(client, "quantri", "Dung-Mat-Khau-9").status_code == 302


def test_admin_login_locks_an_address_trying_many_accounts(home_page, settings):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"nguoi-{attempt}", "sai", address="203.0.113.77")
    assert _login(client, "nguoi-khac", "sai", address="203.0.113.77").status_code == 429
    assert _login(client, "nguoi-khac", "sai", address="203.0.113.78").status_code == 200


def test_page_password_locks_after_a_few_wrong_tries(home_page, settings):
    from legal_documents.tests.helpers import make_document

    page = make_document("1/2025/QĐ-UBND", "Văn bản có mật khẩu")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="dung-roi"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    client = Client()
    statuses = [
        client.post(url, {"password": f"sai-{attempt}", "return_url": page.url}).status_code
        for attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the form, then locked
    locked = client.post(url, {"password": "dung-roi", "return_url": page.url})
    assert locked.status_code == 429
    assert "Tạm khóa đăng nhập" in locked.content.decode()
    # The page's password is the account: locked for every address until the cool-off ends
    # or an administrator runs axes_reset.
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert other.post(url, {"password": "dung-roi", "return_url": page.url}).status_code == 429
    call_command("axes_reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert other.post(url, {"password": "dung-roi", "return_url": page.url}).status_code == 302


# -- rate limits -----------------------------------------------------------------------------


def test_search_suggestions_and_exports_are_limited_per_address(home_page, settings):
    settings.RATE_LIMITS = [
        ("suggest", r"^/tim-kiem/goi-y/", "3/m"),
        ("export", r"/xuat\.(csv|json)(\?|$)|[?&]dinh-dang=", "2/m"),
        ("search", r"^/tim-kiem/", "3/m"),
    ]
    client = Client(REMOTE_ADDR="198.51.100.20")
    assert [client.get("/tim-kiem/", {"q": "a"}).status_code for _ in range(4)] == [
        200,
        200,
        200,
        429,
    ]
    limited = client.get("/tim-kiem/", {"q": "a"})
    assert "Quá nhiều yêu cầu" in limited.content.decode()
    assert limited["Retry-After"] == "60"
    assert [client.get("/thu-tuc/xuat.csv").status_code for _ in range(3)][-1] == 429
    assert client.get("/van-ban/", {"dinh-dang": "csv"}).status_code == 429  # same budget
    assert client.get("/tim-kiem/goi-y/", {"q": "a"}).status_code == 200  # its own budget
    other = Client(REMOTE_ADDR="198.51.100.21")
    assert other.get("/tim-kiem/", {"q": "a"}).status_code == 200


# -- headers ---------------------------------------------------------------------------------


def test_public_pages_have_a_strict_content_security_policy(home_page, client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_public_pages_need_no_inline_script_or_style(home_page, client):
    from bs4 import BeautifulSoup

    for url in ("/", "/tim-kiem/?q=ho+tich", "/thu-tuc/", "/van-ban/", "/khong-co/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        inline_scripts = [
            s
            for s in soup.find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert inline_scripts == [], url
        assert soup.find_all("style") == [], url
        assert soup.select("[style]") == [], url
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], url


def test_admin_keeps_working_under_its_wider_policy(home_page, client):
    admin = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x-Pass-123")
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_a_form_without_its_token_gets_a_vietnamese_403(home_page):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a"})
    assert response.status_code == 403
    assert "Không gửi được biểu mẫu" in response.content.decode()


def test_one_admin_only(home_page, client):
    assert client.get("/django-admin/").status_code == 404


def test_deploy_check_warns_when_rate_limits_are_counted_per_process(settings):
    from base.checks import rate_limits_need_a_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in rate_limits_need_a_shared_cache(None)] == ["base.W001"]
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache"}}
    assert rate_limits_need_a_shared_cache(None) == []
