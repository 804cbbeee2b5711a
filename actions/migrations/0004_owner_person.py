import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0003_owners_are_people"),
    ]

    operations = [
        migrations.RemoveField(model_name="action", name="owner"),
        migrations.RemoveField(model_name="recommendation", name="owner"),
        migrations.RenameField(model_name="action", old_name="owner_person", new_name="owner"),
        migrations.RenameField(
            model_name="recommendation", old_name="owner_person", new_name="owner"
        ),
        migrations.AlterField(
            model_name="action",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owned_actions",
                to="organisations.person",
                verbose_name="accountable owner",
            ),
        ),
        migrations.AlterField(
            model_name="recommendation",
            name="owner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="recommendations",
                to="organisations.person",
                verbose_name="handed to",
            ),
        ),
    ]
