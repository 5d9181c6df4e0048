"""The editor-set priority of each entry (`featured`, search/featured.py) and, on PostgreSQL,
word-pair tokens in the exact terms.

PostgreSQL answered phrases ("hồ sơ", "khai sinh": most Vietnamese words are two syllables)
with `<->`, which rechecks positions in every candidate's tsvector, decompressing it: 0.7 s
for "ho so" on the benchmark corpus. Two adjacent folded words are now also indexed as one
token (`search.engines.database.pair_token`), so a phrase is an index lookup. The entries
already indexed get their tokens here (a rebuild gives the same). `search_fulltext` keeps
both vectors out of line and is refilled compact; two functions answer the word sets.
"""

from django.db import migrations, models

BATCH = 500


def add_word_pairs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.engines.database import _accented_tokens, _pair_tokens

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = SearchEntry.objects.using(schema_editor.connection.alias).order_by("pk")
    last = 0
    while True:
        batch = list(
            entries.filter(pk__gt=last).only("title", "body", "title_folded", "body_folded")[
                :BATCH
            ]
        )
        if not batch:
            break
        for entry in batch:
            entry.exact_terms = " ".join(
                part
                for part in (
                    _accented_tokens(f"{entry.title}\n{entry.body}"),
                    _pair_tokens(f"{entry.title_folded}\n{entry.body_folded}"),
                )
                if part
            )
            entry.title_exact_terms = " ".join(
                part
                for part in (_accented_tokens(entry.title), _pair_tokens(entry.title_folded))
                if part
            )
        SearchEntry.objects.using(schema_editor.connection.alias).bulk_update(
            batch, ["exact_terms", "title_exact_terms"]
        )
        last = batch[-1].pk


# One statement, one round trip per search: each function answers one word set from its GIN
# index, planned with sequential scans off (no transaction and SET LOCAL around it).
FUNCTIONS = [
    f"""CREATE OR REPLACE FUNCTION {name}(query text) RETURNS text
        LANGUAGE sql STABLE SET enable_seqscan = off AS $$
        SELECT string_agg(id::text, ',') FROM search_fulltext
        WHERE {column} @@ to_tsquery('simple', query) $$"""
    for name, column in (
        ("search_document_ids", "document"),
        ("search_title_ids", "title_document"),
    )
]
# Rows of a few dozen bytes (both vectors out of line): returning the ids of a common word
# visits a few hundred pages instead of thousands.
NARROW = [
    "ALTER TABLE search_fulltext SET (toast_tuple_target = 128)",
    "ALTER TABLE search_fulltext ALTER COLUMN title_document SET STORAGE EXTERNAL",
    "TRUNCATE search_fulltext",
    """INSERT INTO search_fulltext (id, document, title_document)
        SELECT id, document, title_document FROM search_searchentry""",
]
BACKWARD = [
    "DROP FUNCTION IF EXISTS search_document_ids(text)",
    "DROP FUNCTION IF EXISTS search_title_ids(text)",
]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgres_fulltext_table")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="featured",
            field=models.SmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(_postgres(FUNCTIONS), _postgres(BACKWARD)),
        migrations.RunPython(add_word_pairs, migrations.RunPython.noop),
        migrations.RunPython(_postgres(NARROW), migrations.RunPython.noop),
    ]
