"""Admin-wide pieces every editor meets: readable comparisons, confirmations before acting."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("base/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_confirmations():
    return format_html('<script src="{}"></script>', static("base/admin-confirm.js"))
