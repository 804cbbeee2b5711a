import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('diagnosis', '0003_anonymity_threshold'),
        ('organisations', '0002_people'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='respondent',
            options={'ordering': ['assessment', 'group', 'pk']},
        ),
        migrations.RemoveConstraint(
            model_name='respondent',
            name='one_respondent_per_member',
        ),
        migrations.RemoveConstraint(
            model_name='respondent',
            name='one_respondent_per_email',
        ),
        migrations.AddField(
            model_name='respondent',
            name='person',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='respondents', to='organisations.person'),
        ),
    ]
