"""`manage.py import_dossier_statistics FILE`: dossier statistics from CSV or XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reform_statistics.importing import StatisticsImportError, import_statistics


class Command(BaseCommand):
    help = (
        "Nhập số liệu giải quyết hồ sơ từ tệp CSV hoặc XLSX (xem reform_statistics/IMPORT.md). "
        "Một dòng lỗi thì không ghi gì, trừ khi dùng --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Ghi các dòng hợp lệ, bỏ qua và báo các dòng lỗi.",
        )

    def handle(self, *args, file: Path, skip_invalid: bool, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            result = import_statistics(file, skip_invalid=skip_invalid)
        except StatisticsImportError as error:
            raise CommandError(str(error)) from None
        for message in result.errors:
            self.stderr.write(message)
        if result.errors and not skip_invalid:
            raise CommandError(
                f"{len(result.errors)} dòng lỗi; chưa ghi gì. Sửa tệp hoặc dùng --skip-invalid."
            )
        self.stdout.write(
            f"Số liệu giải quyết hồ sơ: {result.created} dòng mới, {result.updated} dòng cập nhật"
            + (f", bỏ qua {len(result.errors)} dòng lỗi." if result.errors else ".")
        )
