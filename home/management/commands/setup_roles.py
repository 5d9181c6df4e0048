"""`manage.py setup_roles`: editor groups, their permissions and the moderation workflow."""

from django.core.management.base import BaseCommand

from home.roles import ROLES, WORKFLOW_NAME, setup_roles


class Command(BaseCommand):
    help = "Tạo hoặc cập nhật các nhóm biên tập viên, người duyệt và quy trình duyệt bài."

    def handle(self, *args, **options):
        setup_roles()
        names = ", ".join(role.name for role in ROLES)
        self.stdout.write(f"Nhóm quyền: {names}. Quy trình: {WORKFLOW_NAME}.")
