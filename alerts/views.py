"""Public views of e-mail alerts: subscribe, confirm, unsubscribe, manage. No account needed.

Caching: the lists link here with a plain GET link carrying their filters (no form, no CSRF
token on the cached list, see base/cache.py). These pages are personal or act on a signed
link, so they are never cached (`never_cache`). Their POSTs are CSRF-exempt on purpose:
- the confirm, unsubscribe and manage actions are authorised by the signed token in the URL,
  which a forger cannot know (it plays the CSRF token's part), and RFC 8058's one-click
  unsubscribe is a POST from the mail program, which has no cookie;
- a forged subscribe POST can do no more than a visitor typing someone's address: send one
  confirmation e-mail (rate limited per client and per address); nothing is active until the
  address's owner confirms (double opt-in).
No answer tells whether an address is already known: subscribe and "send me my link" always
say "check your inbox".
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from alerts import emails, tokens
from alerts.forms import HONEYPOT, MAX_SUBSCRIPTIONS_PER_ADDRESS, ManageLinkForm, SubscribeForm
from alerts.lists import LIST_PARAM, LISTS
from alerts.models import Subscription
from base.middleware import client_ip
from base.params import has_control
from base.public_url import absolute_url
from base.views import bad_request

logger = logging.getLogger(__name__)
FORM_FIELDS = {"email", HONEYPOT, LIST_PARAM, "csrfmiddlewaretoken"}


def _too_many(request, status=429):
    response = bad_request(
        request,
        "Bạn đã gửi quá nhiều yêu cầu đăng ký trong thời gian ngắn. "
        "Vui lòng đợi một lúc rồi thử lại.",
        status=status,
    )
    response["Retry-After"] = "3600"
    return response


def _limited(request, group: str, key: str, rate: str) -> bool:
    return is_ratelimited(
        request, group=group, key=lambda group, request: key, rate=rate, increment=True
    )


def _address_key(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


def _list_and_filters(data: QueryDict):
    """(alert list, clean filters, problems) read from the request by the list's own code."""
    key = data.get(LIST_PARAM, "").strip()
    alert_list = LISTS.get(key)
    if alert_list is None:
        return None, {}, [f"Không có danh sách “{key[:40]}” để nhận thông báo."]
    filters = QueryDict(mutable=True)
    for name in data:
        if name not in FORM_FIELDS:
            filters.setlist(name, data.getlist(name))
    parsed = alert_list.parse(filters)
    return alert_list, parsed.params, parsed.errors


@never_cache
@csrf_exempt
def subscribe(request):
    data = request.POST if request.method == "POST" else request.GET
    if any(has_control(value) for values in data.lists() for value in values[1]):
        # The request-level guard (base.params) reads query strings; a form body is read here.
        # PostgreSQL refuses a NUL in a string, so nothing with control characters goes on.
        errors = ["Dữ liệu gửi lên có ký tự điều khiển không hợp lệ; hãy gõ lại."]
        return render(request, "alerts/subscribe.html", {"errors": errors}, status=400)
    alert_list, params, errors = _list_and_filters(data)
    if errors:
        return render(
            request,
            "alerts/subscribe.html",
            {"errors": errors, "list_url": alert_list.base_path() if alert_list else ""},
            status=400,
        )
    context = {
        "alert_list": alert_list,
        "description": alert_list.describe(params),
        "list_url": alert_list.path(params),
        "hidden": [(LIST_PARAM, alert_list.key)]
        + [(name, value) for name, values in params.items() for value in values],
        "honeypot": HONEYPOT,
    }
    # The page's own address is the list and its filters (the bare path is a 400).
    context["canonical_url"] = absolute_url(
        request.path + "?" + urlencode(context["hidden"]), request
    )
    if request.method != "POST":
        context["form"] = SubscribeForm()
        return render(request, "alerts/subscribe.html", context)

    if request.method == "POST" and _limited(
        request, "alerts.subscribe", client_ip(request), settings.ALERTS_SUBSCRIBE_RATE
    ):
        return _too_many(request)
    form = SubscribeForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    if request.POST.get(HONEYPOT):
        # A robot: answer as if all went well, store and send nothing.
        return render(request, "alerts/subscribe_done.html", context)
    email = form.cleaned_data["email"]
    if _limited(request, "alerts.address", _address_key(email), settings.ALERTS_ADDRESS_RATE):
        # Do not mail-bomb one address; the answer stays the same as for a new address.
        return render(request, "alerts/subscribe_done.html", context)
    _subscribe(request, email, alert_list, params)
    return render(request, "alerts/subscribe_done.html", context)


def _subscribe(request, email: str, alert_list, params) -> None:
    """Store a pending subscription and mail its confirmation link; silently nothing when the
    address is at its cap or already confirmed this one (the answer must not tell)."""
    params_key = Subscription.key_for(params)
    existing = Subscription.objects.filter(
        email=email, list_key=alert_list.key, params_key=params_key
    ).first()
    if existing is None:
        if Subscription.objects.filter(email=email).count() >= MAX_SUBSCRIPTIONS_PER_ADDRESS:
            return
        try:
            with transaction.atomic():
                existing = Subscription.objects.create(
                    email=email, list_key=alert_list.key, params=params, params_key=params_key
                )
        except IntegrityError:
            return  # the same request twice at once: the first one mails the link
    elif existing.confirmed_at is not None:
        return
    try:
        emails.confirmation_message(existing, request).send()
    except Exception:
        # The answer must not differ (and the mail server may be down for a minute):
        # log it for the operators; the visitor can ask again.
        logger.exception("Alert confirmation to subscription %s failed", existing.pk)


def _token_error(request, error: tokens.BadToken):
    if error.expired:
        return bad_request(
            request,
            "Liên kết này đã hết hạn. Hãy đăng ký lại hoặc yêu cầu gửi liên kết mới.",
            status=410,
        )
    return bad_request(
        request,
        "Liên kết không hợp lệ: có thể nó đã bị cắt ngắn hoặc sửa đổi. "
        "Hãy mở lại liên kết đầy đủ trong e-mail.",
    )


def _message(request, title: str, message: str, status: int = 200, **extra):
    return render(
        request,
        "alerts/message.html",
        {"title": title, "message": message, **extra},
        status=status,
    )


@never_cache
@csrf_exempt
def confirm(request, token):
    try:
        pk = tokens.read_confirm_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        return _message(
            request,
            "Không tìm thấy đăng ký",
            "Đăng ký này đã bị hủy hoặc đã quá hạn xác nhận. Bạn có thể đăng ký lại.",
            status=404,
        )
    context = {"subscription": subscription, "description": subscription.description}
    if request.method == "POST":
        if subscription.confirmed_at is None:
            now = timezone.now()
            # Only what is published from now on: the watermark starts at the confirmation.
            Subscription.objects.filter(pk=pk, confirmed_at__isnull=True).update(
                confirmed_at=now, sent_until=now
            )
        context["done"] = True
        context["manage_url"] = reverse(
            "alerts:manage", args=[tokens.manage_token(subscription.email)]
        )
        context["unsubscribe_url"] = reverse(
            "alerts:unsubscribe", args=[tokens.unsubscribe_token(subscription)]
        )
    return render(request, "alerts/confirm.html", context)


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    """GET: a page with one button (mail scanners open links; a GET must not unsubscribe).
    POST: unsubscribe, also the RFC 8058 one-click POST (List-Unsubscribe=One-Click)."""
    try:
        pk, email = tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    subscriptions = Subscription.objects.filter(email=email)
    if pk is not None:
        subscriptions = subscriptions.filter(pk=pk)
    if request.method == "POST":
        subscriptions.delete()
        return _message(
            request,
            "Đã hủy đăng ký",
            "Bạn sẽ không nhận thêm thông báo này nữa."
            if pk is not None
            else "Bạn sẽ không nhận thêm thông báo nào từ cổng thông tin nữa.",
        )
    found = list(subscriptions)
    if not found:
        return _message(request, "Đã hủy đăng ký", "Đăng ký này đã được hủy từ trước.")
    return render(
        request,
        "alerts/unsubscribe.html",
        {"subscriptions": found, "all": pk is None},
    )


@never_cache
@csrf_exempt
def manage(request, token):
    try:
        email = tokens.read_manage_token(token)
    except tokens.BadToken as error:
        return _token_error(request, error)
    notice = ""
    if request.method == "POST":
        target = request.POST.get("xoa", "")
        mine = Subscription.objects.filter(email=email)
        if target == "tat-ca":
            mine.delete()
            notice = "Đã hủy tất cả đăng ký của địa chỉ này."
        elif target.isascii() and target.isdigit() and len(target) < 19:
            deleted, _ = mine.filter(pk=int(target)).delete()
            notice = "Đã hủy đăng ký." if deleted else "Đăng ký này đã được hủy từ trước."
        else:
            return bad_request(request, "Yêu cầu hủy đăng ký không hợp lệ.")
    subscriptions = list(Subscription.objects.filter(email=email).order_by("created_at", "pk"))
    return render(
        request,
        "alerts/manage.html",
        {"email": email, "subscriptions": subscriptions, "notice": notice},
    )


@never_cache
@csrf_exempt
def manage_request(request):
    """Ask for the manage link by e-mail; the same answer whether the address is known."""
    if request.method != "POST":
        return render(
            request, "alerts/manage_request.html", {"form": ManageLinkForm(), "honeypot": HONEYPOT}
        )
    if _limited(request, "alerts.subscribe", client_ip(request), settings.ALERTS_SUBSCRIBE_RATE):
        return _too_many(request)
    form = ManageLinkForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "alerts/manage_request.html",
            {"form": form, "honeypot": HONEYPOT},
            status=400,
        )
    email = form.cleaned_data["email"]
    if (
        not request.POST.get(HONEYPOT)
        and not _limited(
            request, "alerts.address", _address_key(email), settings.ALERTS_ADDRESS_RATE
        )
        and Subscription.objects.filter(email=email).exists()
    ):
        try:
            emails.manage_link_message(email, request).send()
        except Exception:
            logger.exception("Alert manage link could not be sent")
    return render(request, "alerts/manage_request.html", {"sent": True})
