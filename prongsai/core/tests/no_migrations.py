"""``MIGRATION_MODULES`` for test servers that need the tables, not the
migrations: with it, ``migrate --run-syncdb`` builds the schema straight from
the models in seconds instead of the minutes the migrations take (their own
correctness is tested elsewhere)."""


class NoMigrations(dict):
    """Every app without migrations (``MIGRATION_MODULES`` asks per app)."""

    def __contains__(self, item):
        return True

    def __getitem__(self, item):
        return None
