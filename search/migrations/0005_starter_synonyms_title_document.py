"""The starter vocabulary (search/synonyms.py STARTER) and, on PostgreSQL, a title-only
tsvector with its own GIN index: title matches are then answered by the index alone instead
of rechecking weights in every matching row's large tsvector (search/README.md, speed)."""

from django.db import migrations

POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN title_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(title_folded, ''))
        || to_tsvector('simple', coalesce(title_exact_terms, ''))
    ) STORED""",
    "CREATE INDEX search_entry_title_document ON search_searchentry USING gin (title_document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_document",
]


def load_starter(apps, schema_editor):
    from search.synonyms import STARTER

    Synonym = apps.get_model("search", "Synonym")
    for terms, meanings, two_way, procedures in STARTER:
        Synonym.objects.get_or_create(
            terms=terms, defaults={"meanings": meanings, "two_way": two_way, "procedures": procedures}
        )


def title_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def drop_title_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym")]

    operations = [
        migrations.RunPython(load_starter, migrations.RunPython.noop),
        migrations.RunPython(title_document, drop_title_document),
    ]
