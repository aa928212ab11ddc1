"""The No Gift Policy and gift registers moved to ``prongsai.integrity``.

State only: the rows stay; ``integrity.0001_initial`` takes the models over
(on the same tables) and ``integrity.0002_tables`` renames the tables.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0006_risks_to_own_app"),
        ("integrity", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="NoGiftAnnouncement"),
                migrations.DeleteModel(name="NoGiftActivity"),
                migrations.DeleteModel(name="GiftReport"),
                migrations.DeleteModel(name="GiftNilStatement"),
            ],
            database_operations=[],
        ),
    ]
