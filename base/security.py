"""Security headers: django-csp's Content-Security-Policy plus Permissions-Policy.

Public pages get the strict policy of settings.CONTENT_SECURITY_POLICY (no inline script or
style anywhere). The Wagtail admin, which still relies on inline styles and scripts, gets
settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE added under /admin/ only.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path.startswith("/admin/"):
            update = dict(parts.update or {})
            for directive, sources in settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
