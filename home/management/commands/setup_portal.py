"""`manage.py setup_portal`: a real deployment's frame, without demo content (home/portal_setup.py).

Safe to run on a live site and after every upgrade: it creates what is missing and leaves
editors' pages and settings as they are.
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from home.portal_setup import setup_portal


class Command(BaseCommand):
    help = (
        "Tạo khung cổng thông tin cho một triển khai thật (không có nội dung mẫu): trang chủ, "
        "các chuyên mục, Site theo PORTAL_BASE_URL, cài đặt, đơn vị hành chính, nhóm quyền và "
        "quy trình duyệt. Chạy lại an toàn: không ghi đè nội dung biên tập viên đã sửa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            type=int,
            help="Mã tỉnh trong danh mục vietnam-provinces (mặc định: PORTAL_PROVINCE_CODE).",
        )

    def handle(self, *args, province=None, **options):
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        try:
            report = setup_portal(province_code=province)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Đơn vị hành chính: {report.province}, {report.communes} xã, phường.")
        self.stdout.write(f"Trang web: {report.site}/")
        if report.created:
            self.stdout.write("Đã tạo: " + ", ".join(report.created) + ".")
        if report.kept:
            self.stdout.write("Giữ nguyên: " + ", ".join(report.kept) + ".")
        self.stdout.write(self.style.SUCCESS("Cổng thông tin đã sẵn sàng cho biên tập viên."))
