"""manage.py import_legal_documents FILE: load legal documents from JSON Lines or CSV, all or
nothing unless --skip-invalid; idempotent (see legal_documents/importing.py)."""

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from legal_documents.importing import MAX_FILE_BYTES, ImportFileError, parse_file, write_records


class Command(BaseCommand):
    help = "Nhập văn bản từ tệp JSON Lines hoặc CSV; cập nhật theo số ký hiệu và ngày ban hành."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua bản ghi lỗi và nhập phần còn lại (mặc định: có lỗi thì không nhập gì).",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=MAX_FILE_BYTES,
            help=f"Giới hạn kích thước tệp (mặc định {MAX_FILE_BYTES:,} byte).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Không hiện thanh tiến độ.")

    def handle(self, *args, file: Path, skip_invalid, max_bytes, no_progress, **options):
        started = time.monotonic()
        try:
            records, errors, merged = parse_file(file, max_bytes=max_bytes)
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
            return tqdm(items, total=len(records), unit="văn bản", disable=no_progress)

        try:
            result = write_records(records, progress=progress)
        except ImportFileError as error:
            raise CommandError(f"{error} Không nhập bản ghi nào.") from None
        except (DatabaseError, ValidationError, ValueError) as error:
            # The check phase should have caught it; if not, still one line, nothing written.
            raise CommandError(f"Lỗi khi ghi dữ liệu: {error}. Không nhập bản ghi nào.") from None
        self.stdout.write(
            f"Đã nhập {file.name}: {result.created} văn bản mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi, {merged} bản ghi gộp vào văn bản cùng số và năm, "
            f"{len(errors)} bản ghi lỗi bị bỏ qua ({time.monotonic() - started:.1f} giây)."
        )
