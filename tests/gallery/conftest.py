import os

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from gallery import services
from gallery.worker import LocalWorker


@pytest.fixture
def run_jobs():
    """Runs every queued local job to the end, as the worker thread would."""

    def run() -> int:
        return LocalWorker().run_pending()

    return run


@pytest.fixture
def imported_photo(gallery, sample_paths):
    with sample_paths[1].open("rb") as handle:
        return services.photo_import(gallery=gallery, filename=sample_paths[1].name, file=handle)


@pytest.fixture
def processed_photo(imported_photo, run_jobs):
    run_jobs()
    return imported_photo


@pytest.fixture
def stored_keys():
    def keys(prefix: str = "") -> list[str]:
        from gallery.storage import storage

        found = []
        for top in ("originals", "renditions"):
            if default_storage.exists(top):
                found += storage().list_keys(top)
        return sorted(k for k in found if k.startswith(prefix))

    return keys


@pytest.fixture
def local_mode_environment(private_storage):
    """The environment of a process with `make run`'s settings over this test's database
    and storage folder (the test needs `django_db(transaction=True)` to share rows)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
        "PROOFSHEET_DATA_DIR": str(private_storage.parent),
    }


@pytest.fixture
def presigning_storage(settings, monkeypatch):
    """AWS mode's storage for signing URLs only: fake credentials, no endpoint (nothing is
    sent; presigning is local to boto3)."""
    from gallery import aws
    from gallery.storage import storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    settings.PROOFSHEET_MODE = "aws"
    settings.PROOFSHEET_BUCKET = settings.PROOFSHEET_OUTPUT_BUCKET = "proofs"
    settings.PROOFSHEET_AWS_ENDPOINT_URL = ""
    aws.reset_clients()
    yield storage()
    aws.reset_clients()
