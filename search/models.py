"""The database engine's index: one `SearchEntry` per searchable item, its facet values apart.

The rows are the database engine's whole index and also the fallback's data when
Elasticsearch is configured (search/README.md): every index update writes here too.
Full-text indexes are not Django fields: on SQLite an FTS5 table `search_fts` kept in step by
triggers, on PostgreSQL a generated `document` tsvector column with a GIN index (both created
in migration 0002, each only on its own database).
"""

from django.db import models


class SearchEntry(models.Model):
    """One published item as the database engine stores it.

    `body` holds the searchable text (summary, body, number and facet values) in NFC;
    `title_folded`/`body_folded` hold `search.text.fold` of the same text, character for
    character, so that snippets can find folded matches and highlight the original text.
    `exact_terms` lists the words spelled with diacritics as accent-specific tokens (see
    `search.engines.database.exact_token`), for PostgreSQL whose text parser depends on the
    server's locale.
    """

    # Narrow columns first: SQLite reads a row's leading columns without its overflow pages,
    # so ranking and facet counting never touch the long text below.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    weight = models.FloatField(default=1.0)
    normalized_number = models.CharField(max_length=200, blank=True, db_index=True)
    # "name\x1fvalue" pairs joined by "\x1e": facet counting reads this, not SearchFacet.
    facet_text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    number = models.CharField(max_length=200, blank=True)
    title = models.TextField()
    title_folded = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    facets = models.JSONField(default=dict, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    exact_terms = models.TextField(blank=True)
    body = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    """One facet value of an entry ("field" = "Hộ tịch"), for filtering and counting in SQL."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_rows")
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=300)

    class Meta:
        verbose_name = "Giá trị bộ lọc"
        indexes = [models.Index(fields=["name", "value", "entry"], name="search_facet_lookup")]

    def __str__(self):
        return f"{self.name}={self.value}"
