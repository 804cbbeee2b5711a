from pathlib import Path

from django.db import migrations, models


def move_file_names(apps, schema_editor):
    """Versions imported before this migration stored the file name in `source`.

    Move it to `source_name`, and keep the file's text in `source` when the file is still
    there with the same content; otherwise leave `source` empty (nothing to download).
    """
    from maturity.framework_files import FrameworkFileError, parse_framework

    FrameworkVersion = apps.get_model("maturity", "FrameworkVersion")
    for version in FrameworkVersion.objects.exclude(source="").iterator():
        if "\n" in version.source:
            continue
        path = Path(version.source)
        version.source_name, version.source = path.name, ""
        try:
            parsed = parse_framework(path.read_bytes(), filename=path.name)
        except (OSError, FrameworkFileError):
            parsed = None
        if parsed is not None and parsed.content_hash == version.content_hash:
            version.source = parsed.text
        version.save(update_fields=["source", "source_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("maturity", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="frameworkversion",
            name="source_name",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.RunPython(move_file_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dimension",
            name="kind",
            field=models.CharField(
                choices=[
                    ("feature", "Learning-organisation feature"),
                    ("quadrant", "Learning quadrants"),
                    ("capability", "L&D capability"),
                    ("culture", "Culture aspect"),
                    ("obstacle", "Obstacle"),
                    ("work_type", "Type of work"),
                    ("custom", "Custom"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="item",
            name="response",
            field=models.CharField(
                choices=[
                    ("likert5", "Agreement 1–5"),
                    ("level5", "Level 1–5"),
                    ("current_target", "Current and target level 1–5"),
                    ("points100", "Points out of 100, today and desired"),
                    ("choice", "One of the options"),
                ],
                max_length=20,
            ),
        ),
    ]
