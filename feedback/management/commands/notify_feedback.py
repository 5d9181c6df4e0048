"""Tell each responsible editor, in one e-mail, what readers reported since the last run.

Run hourly from cron (`0 * * * * manage.py notify_feedback`); safe to re-run: each item is
announced once.
"""

from django.core.management.base import BaseCommand

from feedback.notifications import send_pending


class Command(BaseCommand):
    help = "Gửi thư báo góp ý mới của người đọc cho biên tập viên phụ trách."

    def handle(self, *args, **options):
        sent = send_pending()
        self.stdout.write(f"Đã gửi {sent} thư báo góp ý.")
