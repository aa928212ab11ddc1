"""One row per public record that the site search can find."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned


class WordsVector(models.Func):
    """Title words (weight A) and body words (weight B) as one ``tsvector``.

    Configuration ``simple``: the words are already cut and lower-cased. On
    databases without full-text search the generated column stays empty and
    search matches the word columns with ``LIKE`` instead.
    """

    template = "(setweight(to_tsvector('simple'::regconfig, %(expressions)s), 'B'))"
    arg_joiner = "), 'A') || setweight(to_tsvector('simple'::regconfig, "
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(models.F("title_words"), models.F("body_words"))

    def as_sqlite(self, compiler, connection, **extra_context):
        return "''", []


class SearchEntry(OrganizationOwned):
    """A denormalised copy of one public record, cut into Thai words.

    Rows are written by :mod:`prongsai.search.services` whenever a registered
    record is saved or deleted, and rebuilt by ``prongsai rebuild_search_index``.
    Only records the public may see are stored here.
    """

    organization = organization_fk(
        "+",
        # The unique (organization, kind, object_id) index serves lookups by
        # organisation; a second one lures PostgreSQL away from the GIN index.
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.CharField(_("record"), max_length=64)
    title = models.CharField(pgettext_lazy("document title", "title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    public_from = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("Scheduled records are found only from this time on."),
    )
    title_words = models.TextField(editable=False, blank=True)
    body_words = models.TextField(editable=False, blank=True)
    # Stored by PostgreSQL itself; a GIN index (migration 0002) serves @@.
    words_vector = models.GeneratedField(
        expression=WordsVector(),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "object_id"],
                name="search_entry_one_per_record",
            )
        ]

    def __str__(self) -> str:
        return self.title
