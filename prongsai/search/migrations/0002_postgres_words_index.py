"""A GIN index for PostgreSQL full-text search over the indexed Thai words.

Only created on PostgreSQL (other databases match with ``LIKE``), on the
``words_vector`` column that PostgreSQL computes from the word columns.
"""

from django.db import migrations

INDEX = "search_entry_words_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry "
        "USING gin (words_vector)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [migrations.RunPython(create, drop)]
