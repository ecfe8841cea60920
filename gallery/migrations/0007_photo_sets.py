import django.db.models.deletion
from django.db import migrations, models

import core.ids


class Migration(migrations.Migration):
    dependencies = [
        ("gallery", "0006_local_job_claims"),
    ]

    operations = [
        migrations.CreateModel(
            name="PhotoSet",
            fields=[
                (
                    "id",
                    models.CharField(
                        default=core.ids.new_id,
                        editable=False,
                        max_length=32,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("position", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "gallery",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sets",
                        to="gallery.gallery",
                    ),
                ),
            ],
            options={
                "ordering": ["position", "created_at"],
            },
        ),
        migrations.AddField(
            model_name="photo",
            name="photo_set",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="photos",
                to="gallery.photoset",
            ),
        ),
    ]
