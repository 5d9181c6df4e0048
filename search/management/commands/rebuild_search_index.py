"""Rebuild the public search index from every live, public item with a registered builder."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.indexing import all_documents, writing_engines


class Command(BaseCommand):
    help = "Rebuild the search index (database engine, and Elasticsearch when configured)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "database", "elasticsearch"],
            default="all",
            help="Which engine to rebuild (default: every configured engine).",
        )

    def handle(self, *args, **options):
        engines = [e for e in writing_engines() if options["engine"] in ("all", e.name)]
        if not engines:
            self.stderr.write(f"Không có công cụ tìm kiếm '{options['engine']}' được cấu hình.")
            return
        quiet = options["verbosity"] == 0
        for engine in engines:
            total, documents = all_documents()
            with tqdm(
                total=total,
                desc=f"Chỉ mục {engine.name}",
                unit="mục",
                disable=quiet,
                file=self.stderr,
            ) as bar:
                count = engine.rebuild(documents, progress=bar.update)
            if not quiet:
                self.stdout.write(f"{engine.name}: đã lập chỉ mục {count} mục.")
