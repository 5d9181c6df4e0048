"""The review gate for uploaded statistics: upload makes a pending batch, a reviewer approves.

    batch, errors = upload(data, name, user, skip_invalid=False)   # nothing public yet,
                                                                    # reviewers get an e-mail
    approve(batch, reviewer)                                        # rows written, public

Upload runs the importer's checks (the same ones as `import_dossier_statistics`): with any bad
row and without `skip_invalid`, no batch is made and the errors are returned. Approval checks
the kept rows again and writes them all or nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from reform_statistics.importing import (
    ImportResult,
    StatisticsImportError,
    check_rows,
    read_table,
    write_rows,
)
from reform_statistics.models import BatchStatus, ImportBatch
from reform_statistics.notifications import tell_reviewers_after_commit

__all__ = ["StatisticsImportError", "approve", "reject", "upload"]


def upload(
    data: bytes, name: str, user, *, skip_invalid: bool = False
) -> tuple[ImportBatch | None, list[str]]:
    """A pending batch of the file's good rows, and the messages for its bad rows.

    Raises StatisticsImportError when the file cannot be read at all.
    """
    rows = read_table(data, name)
    good, errors = check_rows(rows)
    if (errors and not skip_invalid) or not good:
        return None, errors or ["Tệp không có dòng số liệu nào."]
    lines = {line for line, _ in good}
    batch = ImportBatch.objects.create(
        file_name=name[:255],
        rows=[[line, values] for line, values in rows if line in lines],
        skipped=errors,
        uploaded_by=user,
    )
    tell_reviewers_after_commit(batch)
    return batch, errors


class ReviewError(Exception):
    """The batch cannot be approved (already reviewed, or its rows no longer pass)."""


def approve(batch: ImportBatch, reviewer) -> ImportResult:
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.is_pending:
            raise ReviewError(f"Lô này đã ở trạng thái “{batch.get_status_display()}”.")
        good, errors = check_rows([(line, values) for line, values in batch.rows])
        if errors:
            raise ReviewError(
                "Số liệu không còn hợp lệ (cơ quan hoặc xã, phường đã thay đổi): "
                + " ".join(errors)
            )
        result = ImportResult()
        write_rows([row for _, row in good], result, user=reviewer)
        batch.status = BatchStatus.APPROVED
        batch.reviewed_by = reviewer
        batch.reviewed_at = timezone.now()
        batch.created_count, batch.updated_count = result.created, result.updated
        batch.save()
    return result


def reject(batch: ImportBatch, reviewer, note: str = "") -> None:
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if not batch.is_pending:
            raise ReviewError(f"Lô này đã ở trạng thái “{batch.get_status_display()}”.")
        batch.status = BatchStatus.REJECTED
        batch.reviewed_by = reviewer
        batch.reviewed_at = timezone.now()
        batch.review_note = note[:500]
        batch.save()
