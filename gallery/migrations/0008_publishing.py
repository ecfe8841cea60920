from django.db import migrations, models
from django.db.models import F


def publish_existing(apps, _schema_editor):
    """Galleries from before drafts count as published, with all their photos visible."""
    Gallery = apps.get_model("gallery", "Gallery")
    Gallery.objects.filter(published_at__isnull=True).update(published_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0007_photo_sets"),
    ]

    operations = [
        migrations.AddField(
            model_name="gallery",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        # Existing photos get True; photos created from now on start held back.
        migrations.AddField(
            model_name="photo",
            name="published",
            field=models.BooleanField(default=True),
        ),
        migrations.AlterField(
            model_name="photo",
            name="published",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
