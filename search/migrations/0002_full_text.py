"""Full-text indexes of the database engine, one per database vendor.

SQLite: an FTS5 table over the exact and the folded text, external content on
search_searchentry, kept in step by triggers (so bulk inserts and deletes stay consistent).
PostgreSQL: a generated tsvector over the folded text and the accent-specific tokens, with a
GIN index. Other vendors get nothing and the engine falls back to LIKE matching.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, title_folded, body, body_folded,
        content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0", prefix='2 3 4'
    )""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, title_folded, body, body_folded)
        VALUES (new.id, new.title, new.title_folded, new.body, new.body_folded);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, title_folded, body, body_folded)
        VALUES ('delete', old.id, old.title, old.title_folded, old.body, old.body_folded);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, title_folded, body, body_folded)
        VALUES ('delete', old.id, old.title, old.title_folded, old.body, old.body_folded);
        INSERT INTO search_fts(rowid, title, title_folded, body, body_folded)
        VALUES (new.id, new.title, new.title_folded, new.body, new.body_folded);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_folded, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(body_folded, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(exact_terms, '')), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
