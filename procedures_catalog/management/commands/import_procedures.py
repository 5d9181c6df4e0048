"""manage.py import_procedures FILE: load procedures from JSON Lines (ours or the national
crawl's) or CSV, all or nothing unless --skip-invalid. See procedures_catalog/IMPORT.md."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from procedures_catalog.importing import (
    MAX_FILE_BYTES,
    ImportFileError,
    parse_file,
    write_records,
)


class Command(BaseCommand):
    help = (
        "Nhập thủ tục hành chính từ tệp JSON Lines (định dạng của dự án hoặc của danh mục "
        "quốc gia) hoặc CSV; cập nhật theo mã thủ tục."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua bản ghi lỗi và nhập phần còn lại (mặc định: có lỗi thì không nhập gì).",
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--publish",
            dest="publish",
            action="store_true",
            default=True,
            help="Đăng ngay các thủ tục đã nhập (mặc định).",
        )
        group.add_argument(
            "--draft",
            dest="publish",
            action="store_false",
            help="Chỉ lưu bản nháp để người duyệt đăng.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=MAX_FILE_BYTES,
            help=f"Giới hạn kích thước tệp (mặc định {MAX_FILE_BYTES:,} byte).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, file: Path, skip_invalid, publish, max_bytes, no_progress, **options):
        if not file.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            records, errors = parse_file(file, max_bytes=max_bytes)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        for error in errors:
            self.stderr.write(f"Lỗi {error}")
        if errors and not skip_invalid:
            raise CommandError(
                f"{len(errors)} bản ghi lỗi; không nhập bản ghi nào. "
                "Sửa các lỗi trên hoặc chạy lại với --skip-invalid."
            )

        def progress(items):
            return tqdm(
                items,
                total=len(records),
                unit="thủ tục",
                disable=no_progress,
                file=self.stderr._out if hasattr(self.stderr, "_out") else None,
            )

        try:
            result = write_records(records, publish=publish, progress=progress)
        except ImportFileError as error:
            raise CommandError(f"{error} Không nhập bản ghi nào.") from None
        except (DatabaseError, ValidationError, ValueError) as error:
            # The check phase should have caught it; if not, still one line, nothing written.
            raise CommandError(f"Lỗi khi ghi dữ liệu: {error}. Không nhập bản ghi nào.") from None
        self.stdout.write(
            f"Đã nhập {file.name}: {result.created} thủ tục mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi, {len(errors)} bản ghi lỗi bị bỏ qua."
        )
