"""The public endpoint that receives feedback: POST /gop-y/, then back to the page (PRG).

Why it is CSRF-exempt: every public page carries the form and is cached by the proxy for all
visitors (base/cache.py). Django's CSRF protection needs a per-visitor cookie and token, which
would make every page private and uncacheable. Nothing here acts on behalf of a logged-in
user (no session is read, nothing is changed but a new row), so what CSRF would prevent is
replaced by checks that need no cookie:

- the Origin header (or, without it, the Referer) must be this site: another site cannot
  make its visitors post here;
- a signed, hourly token rendered into the page (feedback.tokens), the same for everyone;
  it names the page, so a bot must fetch a real page first and cannot choose what it files
  under;
- a honeypot field that people do not see and bots fill in: such posts are thanked for and
  thrown away, so the bot learns nothing;
- a rate limit per address (django-ratelimit, counted in the shared cache under a hash of the
  address that expires with the window; the address is stored nowhere else), size limits on
  the body and each field, and text that is only links is refused.

Bad input gets the form back with the reader's words and a Vietnamese message, status 400
(413 for an oversized body, 429 beyond the limit, 403 from another site), never a 500.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from base.middleware import client_ip
from base.public_url import public_base_url
from feedback.forms import FeedbackForm
from feedback.models import Feedback, Kind
from feedback.sections import section_of
from feedback.tokens import BadToken, FormTarget, make_token, read_token

logger = logging.getLogger(__name__)

# Nothing a reader types here comes near this; a bigger body is not read.
MAX_BODY_BYTES = 16 * 1024
HONEYPOT = "website"
THANKS_PARAM = "gop-y"
# ?gop-y=... on the page the reader returns to, and what it says there.
THANKS = {
    "cam-on": "Cảm ơn bạn đã cho biết ý kiến.",
    "da-bao": (
        "Cảm ơn bạn đã báo. Cán bộ phụ trách trang này sẽ kiểm tra và sửa thông tin nếu cần."
    ),
    "da-bao-khong-lien-he": (
        "Cảm ơn bạn đã báo. Cán bộ phụ trách trang này sẽ kiểm tra và sửa thông tin nếu cần. "
        "Thông tin liên hệ của bạn không được lưu vì bạn chưa đánh dấu đồng ý."
    ),
}


def rate_limits() -> list[str]:
    return list(getattr(settings, "FEEDBACK_RATE_LIMITS", ["10/m", "60/h"]))


def _allowed_origins(request) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}", public_base_url()}
    origins.update(o.rstrip("/") for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", []))
    return origins


def from_this_site(request) -> bool:
    """The Origin header, else the Referer's origin, is ours; neither sent = not decidable
    here (some privacy tools strip both), left to the token."""
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        referer = request.META.get("HTTP_REFERER")
        if not referer:
            return True
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    return origin.rstrip("/") in _allowed_origins(request)


def refuse(request, message: str, status: int, *, form=None, target: FormTarget | None = None):
    """The page that says why nothing was sent, with the form and the reader's words again."""
    token = make_token(target.page_id, target.path, target.back_url) if target else ""
    context = {
        "message": message,
        "form": form,
        "token": token,
        "back_url": target.back_url if target else "/",
        "kind": (form.data.get("loai") if form is not None else "") or "",
    }
    response = render(request, "feedback/refused.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "60"
    return response


def _limited(request) -> bool:
    limited = False
    for rate in rate_limits():
        # Every rate counts every post (increment on all), so a burst fills the hourly one too.
        limited |= is_ratelimited(
            request,
            group=f"portal.feedback.{rate}",
            key=lambda group, request: client_ip(request),
            rate=rate,
            increment=True,
        )
    return limited


@csrf_exempt
@never_cache
def submit(request):
    if request.method != "POST":
        return refuse(request, "Trang này chỉ nhận góp ý gửi từ biểu mẫu cuối mỗi trang.", 405)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES:
        return refuse(request, "Góp ý quá dài. Hãy viết ngắn gọn hơn rồi gửi lại.", 413)
    if _limited(request):
        return refuse(
            request,
            "Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng đợi một lát rồi gửi lại.",
            429,
        )
    if not from_this_site(request):
        return refuse(request, "Góp ý chỉ được gửi từ các trang của cổng thông tin này.", 403)
    try:
        target = read_token(request.POST.get("t", ""))
    except BadToken:
        return refuse(
            request,
            "Biểu mẫu góp ý đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.",
            400,
        )
    if request.POST.get(HONEYPOT):
        logger.info("Feedback honeypot filled on %s; discarded", target.path)
        return _thanks(target, "cam-on")

    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return refuse(
            request,
            "Góp ý chưa được gửi. Hãy sửa những chỗ được chỉ ra bên dưới.",
            400,
            form=form,
            target=target,
        )
    data = form.cleaned_data
    save(target, data)
    if data["loai"] != Kind.REPORT:
        return _thanks(target, "cam-on")
    return _thanks(target, "da-bao-khong-lien-he" if data.get("contact_dropped") else "da-bao")


@transaction.atomic
def save(target: FormTarget, data: dict) -> Feedback:
    page = Page.objects.filter(pk=target.page_id).first() if target.page_id else None
    return Feedback.objects.create(
        kind=data["loai"],
        reason=data["ly_do"],
        text=data["noi_dung"],
        contact=data["lien_he"],
        page=page,
        # What the reader read: the page as last published when they sent it.
        revision_id=page.live_revision_id if page else None,
        path=target.path,
        section=section_of(page=page, path=target.path),
    )


def _thanks(target: FormTarget, key: str) -> HttpResponseRedirect:
    url = target.back_url
    url += ("&" if "?" in url else "?") + f"{THANKS_PARAM}={key}#gop-y"
    # 303: the browser comes back with a GET, and reloading does not post again.
    return HttpResponseRedirect(url, status=303)
