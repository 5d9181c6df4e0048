"""Send the daily alert digests (run once a day from cron or the systemd timer)."""

from django.core.management.base import BaseCommand

from alerts.digest import send_digests


class Command(BaseCommand):
    help = "Gửi thư tổng hợp nội dung mới cho các đăng ký nhận thông báo đã xác nhận."

    def handle(self, *args, **options):
        report = send_digests()
        self.stdout.write(
            f"Đã gửi {report.sent} thư ({report.items} mục mới); lỗi gửi: {report.failed}; "
            f"xóa {report.purged} đăng ký chưa xác nhận đã quá hạn."
        )
        for error in report.errors:
            self.stderr.write(error)
        if report.failed:
            raise SystemExit(1)
