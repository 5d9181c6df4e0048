"""Write the index updates still waiting (search/tasks.py); for cron, or by hand after an
outage. Prints what was done and what is left."""

from django.core.management.base import BaseCommand

from search.tasks import backlog, process_index_updates


class Command(BaseCommand):
    help = "Write the search index updates still waiting (retried after a failure)."

    def handle(self, *args, **options):
        result = process_index_updates.call()
        left = backlog()
        self.stdout.write(
            f"Đã ghi {result['done']} cập nhật, {result['failed']} lỗi; "
            f"còn {left['pending']} cập nhật đang chờ."
        )
