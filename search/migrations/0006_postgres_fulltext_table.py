"""PostgreSQL: the full-text vectors in a narrow table of their own, `search_fulltext`.

A search asks the GIN indexes which entries hold each word. Plain words need no recheck, but
PostgreSQL still visits the table's pages to return the ids; on `search_searchentry` (wide
rows) that is thousands of pages for a common word ("cấp"), and a sequential scan would
decompress every large tsvector. `search_fulltext` holds only the id and the two vectors
(TOASTed out of line), so those visits cost a few hundred pages; triggers keep it in step
with the entries. The GIN indexes move there (search/README.md, speed).
"""

from django.db import migrations

FORWARD = [
    """CREATE TABLE search_fulltext (
        id bigint PRIMARY KEY,
        document tsvector NOT NULL,
        title_document tsvector NOT NULL
    )""",
    "ALTER TABLE search_fulltext ALTER COLUMN document SET STORAGE EXTERNAL",
    "CREATE INDEX search_fulltext_document ON search_fulltext USING gin (document)",
    "CREATE INDEX search_fulltext_title ON search_fulltext USING gin (title_document)",
    """CREATE FUNCTION search_fulltext_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM search_fulltext WHERE id = OLD.id;
            RETURN OLD;
        END IF;
        INSERT INTO search_fulltext (id, document, title_document)
        VALUES (NEW.id, NEW.document, NEW.title_document)
        ON CONFLICT (id) DO UPDATE
        SET document = excluded.document, title_document = excluded.title_document;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER search_fulltext_sync AFTER INSERT OR UPDATE OR DELETE
        ON search_searchentry FOR EACH ROW EXECUTE FUNCTION search_fulltext_sync()""",
    """CREATE FUNCTION search_fulltext_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_fulltext;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_fulltext_truncate AFTER TRUNCATE ON search_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION search_fulltext_truncate()""",
    """INSERT INTO search_fulltext (id, document, title_document)
        SELECT id, document, title_document FROM search_searchentry""",
    "DROP INDEX IF EXISTS search_entry_document",
    "DROP INDEX IF EXISTS search_entry_title_document",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_document ON search_searchentry USING gin (document)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_document ON search_searchentry "
    "USING gin (title_document)",
    "DROP TRIGGER IF EXISTS search_fulltext_truncate ON search_searchentry",
    "DROP TRIGGER IF EXISTS search_fulltext_sync ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_fulltext_truncate()",
    "DROP FUNCTION IF EXISTS search_fulltext_sync()",
    "DROP TABLE IF EXISTS search_fulltext",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_starter_synonyms_title_document")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
