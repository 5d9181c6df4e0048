"""manage.py refresh_legal_document_status: bring every document's cached validity status
up to date (run daily; pages compute the status afresh anyway)."""

from django.core.management.base import BaseCommand

from base.purging import purge_everything
from legal_documents.history import refresh_statuses
from legal_documents.models import LegalDocumentPage


class Command(BaseCommand):
    help = "Cập nhật tình trạng hiệu lực đã lưu của mọi văn bản theo ngày hôm nay."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Tính lại mọi văn bản, không chỉ văn bản đến hạn."
        )

    def handle(self, *args, all=False, **options):
        from legal_documents.status import today

        documents = LegalDocumentPage.objects.all()
        if not all:
            documents = documents.filter(status_valid_until__lte=today())
        ids = list(documents.values_list("pk", flat=True))
        changed = 0
        for start in range(0, len(ids), 500):
            changed += refresh_statuses(ids[start : start + 500])
        if changed:
            # Statuses reached by date change pages and lists without a publish: purge the
            # caches (the register's filters, procedures citing the documents, feeds).
            purge_everything()
        self.stdout.write(f"Đã kiểm tra {len(ids)} văn bản; {changed} văn bản đổi tình trạng.")
