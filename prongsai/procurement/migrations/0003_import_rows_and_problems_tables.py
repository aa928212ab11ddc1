"""Import rows and problems get their own tables (pages read a slice of them).

Until now every parsed row and problem of an import sat in two JSON lists on
the batch, so every preview page loaded the whole file. Rows of existing
imports move into the new tables before the lists go.
"""

import django.db.models.deletion
from django.db import migrations, models


def move_rows(apps, schema_editor):
    ImportBatch = apps.get_model("procurement", "ImportBatch")
    ImportRow = apps.get_model("procurement", "ImportRow")
    ImportProblem = apps.get_model("procurement", "ImportProblem")
    for pk in ImportBatch.objects.values_list("pk", flat=True).iterator():
        batch = ImportBatch.objects.get(pk=pk)
        rows = batch.rows or []
        problems = batch.problems or []
        ImportRow.objects.bulk_create(
            (
                ImportRow(
                    batch=batch,
                    number=row.get("row") or 0,
                    exists=bool(row.get("exists")),
                    data=row,
                )
                for row in rows
            ),
            batch_size=2000,
        )
        ImportProblem.objects.bulk_create(
            (
                ImportProblem(
                    batch=batch,
                    row=problem.get("row") or 0,
                    column=(problem.get("column") or "")[:200],
                    severity=problem.get("severity") or "error",
                    message=problem.get("message") or "",
                )
                for problem in problems
            ),
            batch_size=2000,
        )
        errors = sum(1 for p in problems if p.get("severity", "error") == "error")
        batch.row_count = len(rows)
        batch.existing_count = sum(1 for row in rows if row.get("exists"))
        batch.error_count = errors
        batch.warning_count = len(problems) - errors
        batch.save(
            update_fields=[
                "row_count",
                "existing_count",
                "error_count",
                "warning_count",
            ]
        )


class Migration(migrations.Migration):

    dependencies = [
        ('procurement', '0002_postgres_word_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='importbatch',
            name='error_count',
            field=models.PositiveIntegerField(default=0, verbose_name='errors'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='existing_count',
            field=models.PositiveIntegerField(default=0, verbose_name='rows already recorded'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='row_count',
            field=models.PositiveIntegerField(default=0, verbose_name='rows'),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='warning_count',
            field=models.PositiveIntegerField(default=0, verbose_name='warnings'),
        ),
        migrations.CreateModel(
            name='ImportProblem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('row', models.PositiveIntegerField(default=0, verbose_name='row')),
                ('column', models.CharField(blank=True, max_length=200, verbose_name='column')),
                ('severity', models.CharField(max_length=10, verbose_name='severity')),
                ('message', models.TextField(verbose_name='message')),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_problems', to='procurement.importbatch', verbose_name='import')),
            ],
            options={
                'verbose_name': 'import problem',
                'verbose_name_plural': 'import problems',
                'ordering': ['batch', 'row', 'column', 'id'],
                'indexes': [models.Index(fields=['batch', 'severity', 'row', 'column', 'id'], name='import_problem_order_idx')],
            },
        ),
        migrations.CreateModel(
            name='ImportRow',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='row')),
                ('exists', models.BooleanField(default=False, verbose_name='already in the register')),
                ('data', models.JSONField(default=dict, verbose_name='parsed row')),
                ('batch', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='import_rows', to='procurement.importbatch', verbose_name='import')),
            ],
            options={
                'verbose_name': 'import row',
                'verbose_name_plural': 'import rows',
                'ordering': ['batch', 'number', 'id'],
                'indexes': [models.Index(fields=['batch', 'number', 'id'], name='import_row_order_idx')],
            },
        ),
        migrations.RunPython(move_rows, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='importbatch',
            name='problems',
        ),
        migrations.RemoveField(
            model_name='importbatch',
            name='rows',
        ),
    ]
