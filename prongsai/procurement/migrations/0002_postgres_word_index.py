"""A GIN index for PostgreSQL full-text search over the PyThaiNLP words.

Only created on PostgreSQL; SQLite keeps the word-prefix LIKE search.
"""

from django.db import migrations

INDEX = "procurement_search_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON procurement_procurement "
        "USING gin (to_tsvector('simple', search_text))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_register")]

    operations = [migrations.RunPython(create, drop)]
