"""`manage.py create_dev_users`: an administrator and one user per role, for trying the site.

Development only. Every run gives each account a new random password and prints the logins;
no password is ever fixed in the code.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from home.roles import (
    LEGAL_DOCUMENT_EDITORS,
    NEWS_EDITORS,
    PROCEDURE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    STATISTICS_EDITORS,
)

ACCOUNTS = [
    ("admin", None),
    ("bientap.tintuc", NEWS_EDITORS),
    ("bientap.thutuc", PROCEDURE_EDITORS),
    ("bientap.vanban", LEGAL_DOCUMENT_EDITORS),
    ("bientap.thongke", STATISTICS_EDITORS),
    ("nguoiduyet", REVIEWERS),
    ("quantri", SITE_ADMINISTRATORS),
]


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị và tài khoản mẫu cho từng nhóm quyền (chỉ dùng khi phát triển)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Lệnh này chỉ dùng trong môi trường phát triển (DEBUG bật).")
        user_model = get_user_model()
        self.stdout.write("Tài khoản đăng nhập trang quản trị (/admin/):")
        for username, group_name in ACCOUNTS:
            password = secrets.token_urlsafe(12)
            user, _ = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.invalid"}
            )
            user.is_staff = group_name is None
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.set([Group.objects.get(name=group_name)])
            role = group_name or "Quản trị hệ thống (superuser)"
            self.stdout.write(f"  {username:<16} {password:<18} {role}")
