from django.db import migrations, models


class Migration(migrations.Migration):
    """An action develops dimensions of its organisation's framework: the list of feature codes
    becomes the list of dimension codes it develops (the same codes, kept as they are)."""

    dependencies = [
        ("actions", "0005_bounded_dates_and_effort"),
    ]

    operations = [
        migrations.RenameField(model_name="action", old_name="features", new_name="dimensions"),
        migrations.AlterField(
            model_name="action",
            name="dimensions",
            field=models.JSONField(default=list, verbose_name="dimensions it develops"),
        ),
    ]
