from django.db import migrations


class Migration(migrations.Migration):
    """Unhappy ratings now reopen the case at once (0015 reopened the ones
    that were waiting); the flag that asked for it is gone."""

    dependencies = [
        ("complaints", "0017_reopen_unhappy_ratings"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="case",
            name="reopen_requested",
        ),
    ]
