"""Login lockouts (django-axes): the Vietnamese answer, and page passwords counted as logins.

Admin logins go through Django's authenticate(), which axes watches by itself. Wagtail's page
and collection passwords do not, so `password_view` wraps Wagtail's password views: a locked
address or page gets the lockout answer, and each wrong password is reported to axes as a
failed login for the account "trang-<restriction id>" from the client's address.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = render(
        request,
        "400.html",
        {
            "title": "Tạm khóa đăng nhập",
            "message": (
                "Đã nhập sai mật khẩu quá nhiều lần nên việc đăng nhập từ địa chỉ này hoặc vào "
                "tài khoản này tạm bị khóa"
                + (f" trong {minutes} phút" if minutes else "")
                + ". Nếu cần mở khóa sớm, hãy liên hệ quản trị cổng thông tin."
            ),
        },
        status=429,
    )
    return response


def password_view(view, kind: str):
    """Wrap one of Wagtail's password views (`kind` names the restriction in axes)."""

    def wrapped(request, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id", kwargs.get("restriction_id"))
        credentials = {"username": f"{kind}-{restriction_id}"}
        if request.method == "POST":
            if not AxesProxyHandler.is_allowed(request, credentials):
                return lockout_response(request, credentials=credentials)
            response = view(request, **kwargs)
            # Wagtail redirects on the right password and shows the form again on a wrong one.
            if response.status_code == 200:
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
                if not AxesProxyHandler.is_allowed(request, credentials):
                    return lockout_response(request, credentials=credentials)
            return response
        return view(request, **kwargs)

    return wrapped
