"""A GIN index for PostgreSQL full-text search over the indexed Thai words.

Only created on PostgreSQL (other databases match with ``LIKE``). The
expression is the one ``prongsai.search.selectors.WordsVector`` builds, so
that the planner uses the index.
"""

from django.db import migrations

INDEX = "search_entry_words_idx"
VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, title_words), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body_words), 'B'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry "
        f"USING gin ({VECTOR})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [migrations.RunPython(create, drop)]
