"""Rebuild the public search index from every live, public item with a registered builder.

Exits non-zero, saying why, when an engine cannot be rebuilt: Elasticsearch configured but
unusable, another rebuild running, documents refused, or counts that do not match the
database (search.engines.elasticsearch.RebuildError); the live index is then left as it was.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search.indexing import all_documents, writing_engines
from search.models import PendingIndexUpdate


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
        wanted = options["engine"]
        engines = [e for e in writing_engines() if wanted in ("all", e.name)]
        es_wanted = wanted != "database" and getattr(settings, "ELASTICSEARCH_URL", "")
        if es_wanted and not any(e.name == "elasticsearch" for e in engines):
            from search.engines.elasticsearch import ElasticsearchEngine

            try:  # the reason writing_engines() left it out
                ElasticsearchEngine.from_settings()
            except Exception as error:
                raise CommandError(f"Elasticsearch không dùng được: {error}") from error
        if not engines:
            raise CommandError(f"Không có công cụ tìm kiếm '{wanted}' được cấu hình.")
        quiet = options["verbosity"] == 0
        # Updates waiting now are in what the rebuild reads (their changes are committed).
        covered = PendingIndexUpdate.objects.filter(created_at__lte=timezone.now())
        covered = list(covered.values_list("pk", flat=True))
        for engine in engines:
            total, documents = all_documents()
            try:
                with tqdm(
                    total=total,
                    desc=f"Chỉ mục {engine.name}",
                    unit="mục",
                    disable=quiet,
                    file=self.stderr,
                ) as bar:
                    count = engine.rebuild(documents, progress=bar.update)
            except Exception as error:
                raise CommandError(
                    f"Lập lại chỉ mục {engine.name} thất bại, chỉ mục cũ được giữ nguyên: {error}"
                ) from error
            if not quiet:
                self.stdout.write(f"{engine.name}: đã lập chỉ mục {count} mục.")
        if wanted == "all":
            PendingIndexUpdate.objects.filter(pk__in=covered).delete()
