import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gallery import selectors
from gallery.models import LocalJob


def test_import_photos_imports_a_folder_and_queues_it(gallery, sample_paths, tmp_path, run_jobs):
    folder = tmp_path / "shoot"
    folder.mkdir()
    for path in sample_paths[:3]:
        shutil.copy(path, folder / path.name)
    (folder / "notes.txt").write_text("not a photo")
    (folder / "fake.jpg").write_text("not a photo either")
    out, err = StringIO(), StringIO()

    call_command("import_photos", str(folder), gallery=gallery.pk, stdout=out, stderr=err)

    assert "Importing [" in out.getvalue() and "4/4" in out.getvalue()
    assert "Imported 3 photo(s)" in out.getvalue()
    assert "Refused fake.jpg" in err.getvalue()
    assert LocalJob.objects.count() == 3
    run_jobs()
    statuses = {view.photo.filename: view.status for view in selectors.photo_list(gallery=gallery)}
    assert statuses == dict.fromkeys((p.name for p in sample_paths[:3]), "processed")


def test_import_photos_explains_a_wrong_gallery_or_folder(gallery, tmp_path):
    with pytest.raises(CommandError, match="No gallery has the id nope"):
        call_command("import_photos", str(tmp_path), gallery="nope")
    with pytest.raises(CommandError, match="holds no photos"):
        call_command("import_photos", str(tmp_path), gallery=gallery.pk)


def test_reprocess_queues_every_uploaded_photo(processed_photo, run_jobs):
    out = StringIO()
    call_command("reprocess", gallery=processed_photo.gallery_id, stdout=out)
    assert "Queued 1 photo(s)" in out.getvalue()
    assert LocalJob.objects.filter(finished_at__isnull=True).count() == 1
    assert run_jobs() == 1
