import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('diagnosis', '0005_people_from_respondents'),
    ]

    operations = [
        migrations.AlterField(
            model_name='respondent',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.RESTRICT, related_name='respondents', to='organisations.person'),
        ),
        migrations.AddConstraint(
            model_name='respondent',
            constraint=models.UniqueConstraint(fields=('assessment', 'person'), name='one_respondent_per_person'),
        ),
        migrations.RemoveField(
            model_name='respondent',
            name='email',
        ),
        migrations.RemoveField(
            model_name='respondent',
            name='name',
        ),
        migrations.RemoveField(
            model_name='respondent',
            name='user',
        ),
    ]
