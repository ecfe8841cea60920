"""The publishing migration: galleries from before drafts count as published, with all
their photos visible; photos created afterwards start held back."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("gallery", "0007_photo_sets")]
AFTER = [("gallery", "0008_publishing")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Whatever happens, the database ends at the latest migrations for the next tests."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_galleries_are_published_with_every_photo(back_to_latest):
    old = migrate(BEFORE)
    user = old.get_model(settings.AUTH_USER_MODEL).objects.create(username="before")
    gallery = old.get_model("gallery", "Gallery").objects.create(owner=user, title="Old")
    old.get_model("gallery", "Photo").objects.create(
        gallery=gallery, filename="a.jpg", original_key="originals/x/y/a.jpg", size_bytes=1
    )

    new = migrate(AFTER)
    Gallery, Photo = new.get_model("gallery", "Gallery"), new.get_model("gallery", "Photo")
    migrated = Gallery.objects.get(pk=gallery.pk)
    assert migrated.published_at == migrated.created_at
    assert list(Photo.objects.values_list("published", flat=True)) == [True]
    later = Photo.objects.create(
        gallery=migrated, filename="b.jpg", original_key="originals/x/z/b.jpg", size_bytes=1
    )
    assert later.published is False
