"""Fixtures shared by the whole suite; each app's conftest builds on these."""

from pathlib import Path

import pytest

from tests.factories import GalleryFactory, UserFactory

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples" / "orientation"
OUTPUT = REPO / "test-output"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Every test gets its own empty storage folder for originals and renditions."""
    storages = {**settings.STORAGES}
    storages["default"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "storage", "base_url": None},
    }
    settings.STORAGES = storages
    return tmp_path / "storage"


@pytest.fixture
def sample_paths() -> list[Path]:
    return [SAMPLES / f"Landscape_{n}.jpg" for n in range(9)]


@pytest.fixture
def photographer(db):
    return UserFactory()


@pytest.fixture
def other_photographer(db):
    return UserFactory()


@pytest.fixture
def signed_in(client, photographer):
    client.force_login(photographer)
    return client


@pytest.fixture
def gallery(photographer):
    from gallery import services

    return services.gallery_create(owner=photographer, title="Harbour wedding")


@pytest.fixture
def other_gallery(other_photographer):
    from gallery import services

    return services.gallery_create(owner=other_photographer, title="Someone else's shoot")


@pytest.fixture
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


__all__ = ["GalleryFactory"]
