"""The risk register is an app of its own (``prongsai.risks``). Its tables stay
as they are: ``risks.0001_initial`` has taken the models over in Django's
state, so here they only leave the plans state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_reminders_to_notifications"),
        ("risks", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Risk"),
                migrations.DeleteModel(name="RiskAssessment"),
            ],
            database_operations=[],
        ),
    ]
