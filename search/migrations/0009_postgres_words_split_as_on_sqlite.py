"""PostgreSQL: words are split on every character that is not a letter or digit, as SQLite's
FTS5 (`unicode61`) and Elasticsearch (`vi_words`) split them.

PostgreSQL's own parser reads "79-ctr/tu", "bhxh/tnld" or "11/5/2018" as one file-path token,
so "tu", "tnld" or "bhxh" were not words of those entries there and were on SQLite: the two
databases matched different items for the same query ("rút BHXH 1 lần", "công văn
3782/UBND-VX"). The folded title and text now pass through `search_words` (anything else
becomes a space) before `to_tsvector`; the vectors are recomputed and `search_fulltext` refilled.

Titles also get word-triple tokens (`_triple_tokens`): a title phrase of three words or more
("đăng ký giám hộ") is matched by its triples, not by pairs that may occur apart ("Đăng ký
giám sát việc giám hộ"), as FTS5 matches it on SQLite. The entries' tokens are recomputed here
(a rebuild gives the same).
"""

from django.db import migrations

BATCH = 500


def recompute_tokens(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.engines.database import exact_terms_of

    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = SearchEntry.objects.using(schema_editor.connection.alias).order_by("pk")
    fields = ("title", "body", "title_folded", "body_folded")
    last = 0
    while batch := list(entries.filter(pk__gt=last).only(*fields)[:BATCH]):
        for entry in batch:
            entry.exact_terms, entry.title_exact_terms = exact_terms_of(
                *(getattr(entry, name) or "" for name in fields), pairs=True
            )
        SearchEntry.objects.using(schema_editor.connection.alias).bulk_update(
            batch, ["exact_terms", "title_exact_terms"]
        )
        last = batch[-1].pk

WORDS = """CREATE OR REPLACE FUNCTION search_words(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(coalesce($1, ''), '[^[:alnum:]]+', ' ', 'g') $$"""


def _columns(words: str) -> list[str]:
    return [
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document",
        f"""ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', {words.format("title_folded")}), 'A')
            || setweight(to_tsvector('simple', coalesce(title_exact_terms, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(exact_terms, '')), 'C')
            || setweight(to_tsvector('simple', {words.format("body_folded")}), 'D')
        ) STORED""",
        f"""ALTER TABLE search_searchentry ADD COLUMN title_document tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', {words.format("title_folded")})
            || to_tsvector('simple', coalesce(title_exact_terms, ''))
        ) STORED""",
        "TRUNCATE search_fulltext",
        """INSERT INTO search_fulltext (id, document, title_document)
            SELECT id, document, title_document FROM search_searchentry""",
        # Processes forget the word sets they remembered for the old vectors.
        "UPDATE search_indexstate SET token = md5(random()::text)",
    ]


FORWARD = [WORDS, *_columns("search_words({})")]
BACKWARD = [*_columns("coalesce({}, '')"), "DROP FUNCTION IF EXISTS search_words(text)"]


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0008_merge_featured_and_pending")]

    operations = [
        migrations.RunPython(_postgres(FORWARD), _postgres(BACKWARD)),
        migrations.RunPython(recompute_tokens, migrations.RunPython.noop),
    ]
