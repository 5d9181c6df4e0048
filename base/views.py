"""Error answers in the site's look and in Vietnamese, shared by the middleware and handlers."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def json_error(request, message: str, status: int) -> JsonResponse | None:
    """The refusal as JSON on machine-readable paths (settings.PORTAL_JSON_ERROR_PREFIXES: the
    API), else None: the caller renders the site's page."""
    if not request.path.startswith(tuple(getattr(settings, "PORTAL_JSON_ERROR_PREFIXES", ()))):
        return None
    body = {"status": status, "message": message, "errors": [message]}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, message: str = "", status: int = 400):
    answer = json_error(request, message or "Yêu cầu không hợp lệ.", status)
    if answer is not None:
        return answer
    title = "Quá nhiều yêu cầu" if status == 429 else "Yêu cầu không hợp lệ"
    return render(request, "400.html", {"title": title, "message": message}, status=status)


def bad_request_handler(request, exception=None):
    """handler400: Django's own refusals (bad Host header, too many fields, bad cookies)."""
    return bad_request(request)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its token (expired page, blocked cookies)."""
    return render(
        request,
        "400.html",
        {
            "title": "Không gửi được biểu mẫu",
            "message": (
                "Biểu mẫu đã hết hạn hoặc trình duyệt chặn cookie. Hãy tải lại trang, "
                "bật cookie cho trang này rồi gửi lại."
            ),
        },
        status=403,
    )
