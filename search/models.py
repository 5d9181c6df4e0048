"""The database engine's index: one `SearchEntry` per searchable item, its facet values apart.

The rows are the database engine's whole index and also the fallback's data when
Elasticsearch is configured (search/README.md): every index update writes here too.
Full-text indexes are not Django fields: on SQLite the FTS5 tables `search_fts` (title and
text) and `search_title_fts` (titles, with prefix indexes for suggestions) kept in step by
triggers, on PostgreSQL a generated `document` tsvector column with a GIN index (migrations
0002 and 0003, each only on its own database).
"""

from django.db import models


class SearchEntry(models.Model):
    """One published item as the database engine stores it.

    `body` holds the searchable text (summary, body and number; not the facet values, which
    are filters, not words of the item) in NFC;
    `title_folded`/`body_folded` hold `search.text.fold` of the same text, character for
    character, so that snippets can find folded matches and highlight the original text.
    `exact_terms` (title and text) and `title_exact_terms` (title only) list the words spelled
    with diacritics as accent-specific tokens (see `search.engines.database.exact_token`), for
    PostgreSQL whose text parser depends on the server's locale.
    """

    # Narrow columns first: SQLite reads a row's leading columns without its overflow pages,
    # so ranking and facet counting never touch the long text below.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    weight = models.FloatField(default=1.0)
    # The editor-set priority (search.featured.SearchPriority); NULL reads as 0. Nullable so
    # that SQLite adds the column in place instead of rebuilding the table and its triggers.
    featured = models.SmallIntegerField(null=True, blank=True)
    normalized_number = models.CharField(max_length=200, blank=True, db_index=True)
    # "name\x1fvalue" pairs joined by "\x1e": the in-memory facet columns are read from it.
    facet_text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    number = models.CharField(max_length=200, blank=True)
    title = models.TextField()
    title_folded = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    facets = models.JSONField(default=dict, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    exact_terms = models.TextField(blank=True)
    title_exact_terms = models.TextField(blank=True)
    body = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)

    class Meta:
        verbose_name = "Mục chỉ mục tìm kiếm"
        verbose_name_plural = "Chỉ mục tìm kiếm"

    def __str__(self):
        return self.title


class SearchIndexState(models.Model):
    """One row (id 1) whose `token` changes whenever `search_searchentry` changes.

    Database triggers (migration 0003) write a new random token on every insert, update,
    delete (and truncate on PostgreSQL) of the entries, so each process can tell with one
    cheap query whether its in-memory columns (`search.engines.columns`) are still current.
    `bulk` is set by a rebuild while it reloads everything (the triggers then stand aside and
    the full-text tables are rebuilt in one statement at the end).
    """

    token = models.CharField(max_length=64, blank=True)
    bulk = models.BooleanField(default=False)

    class Meta:
        db_table = "search_indexstate"
        verbose_name = "Trạng thái chỉ mục tìm kiếm"

    def __str__(self):
        return self.token


class Synonym(models.Model):
    """One entry of the search vocabulary: words people type for what the catalogue says.

    Two-way entries make every listed spelling equivalent ("công chứng" ~ "chứng thực");
    one-way entries expand what people type into the catalogue's words but not back
    ("sổ đỏ" -> "giấy chứng nhận quyền sử dụng đất": a search for the catalogue's words does
    not need "sổ đỏ"). Both engines apply them at query time (search/synonyms.py). Only
    reviewers and site administrators may edit the vocabulary (home/roles.py).
    """

    terms = models.CharField(
        "Cách người dân gõ",
        max_length=300,
        help_text="Các từ hoặc cụm từ, cách nhau bằng dấu phẩy, ví dụ: sổ đỏ, sổ hồng.",
    )
    meanings = models.CharField(
        "Từ ngữ trong danh mục",
        max_length=500,
        help_text="Các từ hoặc cụm từ mà cổng tìm thay, cách nhau bằng dấu phẩy.",
    )
    two_way = models.BooleanField(
        "Hai chiều",
        default=False,
        help_text="Bật khi mọi từ trong hai ô trên là đồng nghĩa (tìm từ nào cũng ra các từ kia).",
    )
    procedures = models.CharField(
        "Thủ tục liên quan",
        max_length=300,
        blank=True,
        help_text="Mã các thủ tục mà mục này giúp tìm, để người duyệt kiểm tra, ví dụ 1.012753.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "Từ đồng nghĩa tìm kiếm"
        verbose_name_plural = "Từ đồng nghĩa tìm kiếm"

    def __str__(self):
        arrow = " ⇄ " if self.two_way else " → "
        return f"{self.terms}{arrow}{self.meanings}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from search.synonyms import split_terms

        if not split_terms(self.terms):
            raise ValidationError({"terms": "Cần ít nhất một từ."})
        if not split_terms(self.meanings):
            raise ValidationError({"meanings": "Cần ít nhất một từ."})


class PendingIndexUpdate(models.Model):
    """An index update waiting to be written (the outbox of search/tasks.py).

    Written in the editor's transaction, so it exists exactly when the change does; the task
    enqueued after the commit writes it to every engine and deletes it, or records the error
    and leaves it for a retry. What is left is the backlog shown on the admin dashboard.
    """

    PAGE = "page"
    DELETE = "delete"

    action = models.CharField(max_length=10, choices=[(PAGE, "page"), (DELETE, "delete")])
    page_ids = models.JSONField(default=list, blank=True)
    descendants = models.BooleanField(default=False)
    keys = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "Cập nhật chỉ mục đang chờ"
        verbose_name_plural = "Cập nhật chỉ mục đang chờ"

    def __str__(self):
        return f"{self.action} {', '.join(map(str, (self.page_ids or self.keys)[:3]))}"
