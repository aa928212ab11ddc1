"""Publications of the ITA analysis report: a frozen snapshot per publication.

A report published before this migration keeps its PDF as publication 1,
without a snapshot (the public page then offers the PDF alone).
"""

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_published_pdfs(apps, schema_editor):
    AnalysisReport = apps.get_model("ita", "AnalysisReport")
    AnalysisPublication = apps.get_model("ita", "AnalysisPublication")
    for report in AnalysisReport.objects.exclude(published_pdf=""):
        try:
            with report.published_pdf.open("rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            digest = ""
        AnalysisPublication.objects.create(
            organization_id=report.organization_id,
            report=report,
            number=1,
            published_at=report.published_at or report.updated_at,
            pdf=report.published_pdf.name,
            sha256=digest,
            withdrawn_at=None if report.status == "published" else report.updated_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ita", "0004_peer_sources_and_tool_scores"),
        ("organizations", "0007_data_subject_register_logged_requests"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AnalysisPublication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="created at"
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="updated at"),
                ),
                (
                    "number",
                    models.PositiveSmallIntegerField(verbose_name="publication number"),
                ),
                ("published_at", models.DateTimeField(verbose_name="published at")),
                (
                    "published_by_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="published by (name)"
                    ),
                ),
                (
                    "published_by_position",
                    models.CharField(
                        blank=True,
                        max_length=200,
                        verbose_name="position of the publisher",
                    ),
                ),
                (
                    "snapshot",
                    models.JSONField(
                        blank=True, null=True, verbose_name="published content"
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        upload_to="ita/reports/", verbose_name="published PDF"
                    ),
                ),
                (
                    "sha256",
                    models.CharField(max_length=64, verbose_name="SHA-256 of the PDF"),
                ),
                (
                    "withdrawn_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="withdrawn at"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ita_publications",
                        to="organizations.organization",
                        verbose_name="organization",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="publications",
                        to="ita.analysisreport",
                        verbose_name="ITA analysis report",
                    ),
                ),
            ],
            options={
                "verbose_name": "ITA report publication",
                "verbose_name_plural": "ITA report publications",
                "ordering": ["report", "-number"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "number"),
                        name="ita_publication_unique_number",
                    )
                ],
            },
        ),
        migrations.RunPython(keep_published_pdfs, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="analysisreport",
            name="published_pdf",
        ),
    ]
