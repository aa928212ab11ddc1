"""The risk register moves out of ``plans`` with every row: this migration only
tells Django's state that the models now belong to ``risks`` (still in the
``plans_*`` tables); ``plans.0006_risks_to_own_app`` drops them from the plans
state, and ``0002_tables`` gives the tables their own names."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('plans', '0005_reminders_to_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RiskAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('fiscal_year', models.PositiveSmallIntegerField(help_text='Buddhist-era fiscal year, e.g. 2569.', validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('notes', models.TextField(blank=True, verbose_name='method and notes')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risk_assessments', to='organizations.organization', verbose_name='organization')),
                    ],
                    options={
                        'verbose_name': 'risk assessment',
                        'verbose_name_plural': 'risk assessments',
                        'ordering': ['organization', '-fiscal_year'],
                        'db_table': 'plans_riskassessment',
                    },
                ),
                migrations.CreateModel(
                    name='Risk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('process', models.CharField(choices=[('permits', 'Permits and approvals'), ('procurement', 'Procurement'), ('authority', 'Use of authority'), ('hr', 'Human resources'), ('assets', 'Use of government property'), ('other', 'Other')], max_length=16, verbose_name='process')),
                        ('event', models.CharField(max_length=500, verbose_name='risk event')),
                        ('cause', models.TextField(blank=True, verbose_name='causes')),
                        ('likelihood', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='likelihood (1-5)')),
                        ('impact', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='impact (1-5)')),
                        ('existing_controls', models.TextField(blank=True, verbose_name='existing controls')),
                        ('control_measures', models.TextField(blank=True, verbose_name='control measures')),
                        ('responsible_unit', models.CharField(blank=True, max_length=200, verbose_name='responsible unit')),
                        ('follow_up', models.CharField(blank=True, choices=[('', 'Not yet followed up'), ('controlled', 'Controlled; risk reduced'), ('partly', 'Partly controlled'), ('not_controlled', 'Not controlled; carried over')], max_length=16, verbose_name='follow-up')),
                        ('follow_up_note', models.TextField(blank=True, verbose_name='follow-up result')),
                        ('measure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='risks', to='plans.measure', verbose_name='plan measure')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organizations.organization', verbose_name='organization')),
                        ('previous', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='risks.risk', verbose_name='same risk last year')),
                        ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risks', to='risks.riskassessment', verbose_name='risk assessment')),
                    ],
                    options={
                        'verbose_name': 'risk',
                        'verbose_name_plural': 'risks',
                        'ordering': ['assessment', '-likelihood', '-impact', 'id'],
                        'db_table': 'plans_risk',
                    },
                ),
                migrations.AddConstraint(
                    model_name='riskassessment',
                    constraint=models.UniqueConstraint(fields=('organization', 'fiscal_year'), name='risk_assessment_one_per_year'),
                ),
                migrations.AddConstraint(
                    model_name='risk',
                    constraint=models.CheckConstraint(condition=models.Q(('likelihood__gte', 1), ('likelihood__lte', 5), ('impact__gte', 1), ('impact__lte', 5)), name='risk_levels_1_to_5'),
                ),
            ],
            database_operations=[],
        ),
    ]
