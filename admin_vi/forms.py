"""The admin login form, its password field labelled for translation.

Wagtail's LoginForm declares `password` without a label, so Django shows the field name,
"Password", in every language (WAGTAILADMIN_USER_LOGIN_FORM points here).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Enter password")}),
        strip=False,
    )
