"""manage.py import_offices FILE: one-stop offices from JSON Lines (see agencies/importing.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agencies.importing import OfficeImportError, import_offices


class Command(BaseCommand):
    help = "Nhập nơi tiếp nhận hồ sơ (bộ phận một cửa) từ tệp JSON Lines; cập nhật theo tên và xã."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            created, updated = import_offices(file)
        except OfficeImportError as error:
            raise CommandError(f"{error}\nKhông nhập nơi tiếp nhận nào.") from None
        self.stdout.write(f"Nơi tiếp nhận hồ sơ: {created} mới, {updated} cập nhật.")
