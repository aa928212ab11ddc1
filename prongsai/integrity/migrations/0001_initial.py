"""The No Gift Policy and gift registers, moved from plans with every row.

State only: the tables are still plans'; 0002 gives them this app's names.
"""

import django.core.validators
import django.db.models.deletion
import prongsai.integrity.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('organizations', '0002_membership_line_link'),
        ('plans', '0005_reminders_to_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GiftNilStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('fiscal_year', models.PositiveSmallIntegerField(help_text='Buddhist-era fiscal year, e.g. 2569.', validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year')),
                        ('stated_on', models.DateField(verbose_name='stated on')),
                        ('stated_by_name', models.CharField(max_length=200, verbose_name='stated by')),
                        ('stated_by_position', models.CharField(blank=True, max_length=200, verbose_name='position')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organizations.organization', verbose_name='organization')),
                    ],
                    options={
                        'db_table': 'plans_giftnilstatement',
                        'verbose_name': 'statement of no gifts received',
                        'verbose_name_plural': 'statements of no gifts received',
                        'ordering': ['organization', '-fiscal_year'],
                        'constraints': [models.UniqueConstraint(fields=('organization', 'fiscal_year'), name='gift_nil_statement_one_per_year')],
                    },
                ),
                migrations.CreateModel(
                    name='GiftReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('fiscal_year', models.PositiveSmallIntegerField(help_text='Buddhist-era fiscal year, e.g. 2569.', validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year')),
                        ('received_on', models.DateField(verbose_name='received on')),
                        ('giver', models.CharField(max_length=200, verbose_name='from whom')),
                        ('relationship', models.CharField(blank=True, max_length=200, verbose_name='relationship to the giver')),
                        ('description', models.CharField(max_length=500, verbose_name='what was received')),
                        ('value', models.DecimalField(decimal_places=2, max_digits=12, validators=[django.core.validators.MinValueValidator(0)], verbose_name='estimated value (baht)')),
                        ('action', models.CharField(choices=[('kept', 'Kept within the rules'), ('returned', 'Returned to the giver'), ('handed_over', 'Handed to the organisation'), ('other', 'Other')], max_length=16, verbose_name='what was done')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organizations.organization', verbose_name='organization')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='gift_reports', to='organizations.membership', verbose_name='reported by')),
                    ],
                    options={
                        'db_table': 'plans_giftreport',
                        'verbose_name': 'gift report',
                        'verbose_name_plural': 'gift reports',
                        'ordering': ['organization', '-received_on', '-id'],
                        'indexes': [models.Index(fields=['organization', 'fiscal_year'], name='gift_report_year_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='gift_report_value_not_negative')],
                    },
                ),
                migrations.CreateModel(
                    name='NoGiftActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('fiscal_year', models.PositiveSmallIntegerField(help_text='Buddhist-era fiscal year, e.g. 2569.', validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year')),
                        ('held_on', models.DateField(verbose_name='date')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('kind', models.CharField(choices=[('meeting', 'Meeting'), ('training', 'Training'), ('campaign', 'Campaign'), ('circular', 'Circular letter')], max_length=16, verbose_name='kind')),
                        ('covers_gift_rules', models.BooleanField(default=False, help_text='Tick when the activity taught staff the NACC 2563 rules on accepting property or benefits by custom (and how to report them).', verbose_name='covers the rules on accepting property by custom')),
                        ('participants', models.PositiveIntegerField(blank=True, null=True, verbose_name='participants')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('evidence_file', models.FileField(blank=True, max_length=300, upload_to=prongsai.integrity.models.no_gift_path, verbose_name='evidence file')),
                        ('evidence_url', models.URLField(blank=True, max_length=500, verbose_name='evidence link')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organizations.organization', verbose_name='organization')),
                    ],
                    options={
                        'db_table': 'plans_nogiftactivity',
                        'verbose_name': 'No Gift activity',
                        'verbose_name_plural': 'No Gift activities',
                        'ordering': ['organization', 'held_on', 'id'],
                        'indexes': [models.Index(fields=['organization', 'fiscal_year'], name='no_gift_activity_year_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='NoGiftAnnouncement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('fiscal_year', models.PositiveSmallIntegerField(help_text='Buddhist-era fiscal year, e.g. 2569.', validators=[django.core.validators.MinValueValidator(2500), django.core.validators.MaxValueValidator(2700)], verbose_name='fiscal year')),
                        ('announced_on', models.DateField(verbose_name='announced on')),
                        ('executive_name', models.CharField(max_length=200, verbose_name="executive's name")),
                        ('executive_position', models.CharField(max_length=200, verbose_name="executive's position")),
                        ('body', models.TextField(verbose_name='text of the announcement')),
                        ('signed_file', models.FileField(blank=True, max_length=300, upload_to=prongsai.integrity.models.no_gift_path, validators=[django.core.validators.FileExtensionValidator(['pdf'])], verbose_name='signed announcement (PDF)')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organizations.organization', verbose_name='organization')),
                    ],
                    options={
                        'db_table': 'plans_nogiftannouncement',
                        'verbose_name': 'No Gift announcement',
                        'verbose_name_plural': 'No Gift announcements',
                        'ordering': ['organization', '-fiscal_year'],
                        'constraints': [models.UniqueConstraint(fields=('organization', 'fiscal_year'), name='no_gift_announcement_one_per_year')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
