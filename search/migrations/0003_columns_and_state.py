# ruff: noqa: S105, S608  (fixed SQL fragments of this migration; no user input)
"""Faster embedded engine: a change token for the in-memory columns, title-only full text.

- `SearchFacet` goes: facet counting and filtering happen in memory (search/engines/columns.py)
  from `SearchEntry.facet_text`.
- `SearchIndexState` holds one row whose token every change of the entries renews (triggers
  below), so each process knows with one query when to reload its columns.
- SQLite: `search_fts` is recreated without prefix indexes (cheaper to build and to query);
  a small `search_title_fts` over the titles (with prefix indexes) serves title relevance tiers
  and suggestions. Triggers keep both in step unless a rebuild has set `bulk` (it then rebuilds
  them in one statement).
- PostgreSQL: the generated `document` tsvector gets four weights: A folded title, B exact
  title tokens, C exact tokens of title and text, D folded text; a statement trigger renews
  the token.
"""

from django.db import migrations, models

FTS_COLUMNS = "title, title_folded, body, body_folded"
TITLE_COLUMNS = "title, title_folded"
TOKEN = "hex(randomblob(8))"
NOT_BULK = "NOT coalesce((SELECT bulk FROM search_indexstate WHERE id = 1), 0)"
TOUCH = (
    f"INSERT INTO search_indexstate (id, token, bulk) VALUES (1, {TOKEN}, 0) "
    "ON CONFLICT(id) DO UPDATE SET token = excluded.token;"
)


def _fts_insert(prefix):
    return (
        f"INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES ({prefix}.id, {prefix}.title, "
        f"{prefix}.title_folded, {prefix}.body, {prefix}.body_folded);"
        f"INSERT INTO search_title_fts(rowid, {TITLE_COLUMNS}) "
        f"VALUES ({prefix}.id, {prefix}.title, {prefix}.title_folded);"
    )


def _fts_delete(prefix):
    return (
        f"INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS}) VALUES ('delete', "
        f"{prefix}.id, {prefix}.title, {prefix}.title_folded, {prefix}.body, {prefix}.body_folded);"
        f"INSERT INTO search_title_fts(search_title_fts, rowid, {TITLE_COLUMNS}) "
        f"VALUES ('delete', {prefix}.id, {prefix}.title, {prefix}.title_folded);"
    )


SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        {FTS_COLUMNS}, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0"
    )""",
    f"""CREATE VIRTUAL TABLE search_title_fts USING fts5(
        {TITLE_COLUMNS}, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0", prefix='1 2 3'
    )""",
    f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry WHEN {NOT_BULK} BEGIN
        {_fts_insert("new")} {TOUCH}
    END""",
    f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry WHEN {NOT_BULK} BEGIN
        {_fts_delete("old")} {TOUCH}
    END""",
    f"""CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry WHEN {NOT_BULK} BEGIN
        {_fts_delete("old")} {_fts_insert("new")} {TOUCH}
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_title_fts(search_title_fts) VALUES ('rebuild')",
    f"INSERT INTO search_indexstate (id, token, bulk) VALUES (1, {TOKEN}, 0)",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_title_fts",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, title_folded, body, body_folded,
        content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0", prefix='2 3 4'
    )""",
    f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.title_folded, new.body, new.body_folded);
    END""",
    f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.title_folded, old.body, old.body_folded);
    END""",
    f"""CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, old.title, old.title_folded, old.body, old.body_folded);
        INSERT INTO search_fts(rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.title_folded, new.body, new.body_folded);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_folded, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(title_exact_terms, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(exact_terms, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(body_folded, '')), 'D')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
    """CREATE OR REPLACE FUNCTION search_touch_state() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce((SELECT bulk FROM search_indexstate WHERE id = 1), false) THEN
            RETURN NULL;
        END IF;
        INSERT INTO search_indexstate (id, token, bulk)
        VALUES (1, md5(random()::text || clock_timestamp()::text), false)
        ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_entry_touch
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION search_touch_state()""",
    "INSERT INTO search_indexstate (id, token, bulk) VALUES (1, md5(random()::text), false)",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_touch ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_touch_state()",
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_folded, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(body_folded, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(exact_terms, '')), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


# Django may rebuild the SQLite table to add a column, which drops its triggers: drop the old
# ones first, recreate everything after the schema changes.
SQLITE_DROP_OLD = ["DROP TRIGGER IF EXISTS search_fts_au", "DROP TRIGGER IF EXISTS search_fts_ad",
                   "DROP TRIGGER IF EXISTS search_fts_ai"]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_DROP_OLD}), migrations.RunPython.noop),
        migrations.DeleteModel(name="SearchFacet"),
        migrations.AddField(
            model_name="searchentry",
            name="title_exact_terms",
            field=models.TextField(blank=True),
        ),
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(blank=True, max_length=64)),
                ("bulk", models.BooleanField(default=False)),
            ],
            options={
                "verbose_name": "Trạng thái chỉ mục tìm kiếm",
                "db_table": "search_indexstate",
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
