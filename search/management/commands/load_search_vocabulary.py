"""manage.py load_search_vocabulary: add the starter synonyms (search/synonyms.py STARTER)
whose typed words the vocabulary lacks (an entry editors deleted comes back, one they
edited is left alone). Safe to re-run."""

from django.core.management.base import BaseCommand

from search.synonyms import load_starter


class Command(BaseCommand):
    help = "Thêm các mục từ đồng nghĩa khởi đầu còn thiếu vào từ điển tìm kiếm."

    def handle(self, *args, **options):
        added = load_starter()
        self.stdout.write(f"Từ đồng nghĩa tìm kiếm: thêm {added} mục.")
