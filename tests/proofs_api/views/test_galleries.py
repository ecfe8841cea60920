"""Galleries over HTTP: create, read, update, archive, delete; filters and ordering; the
photo list's cursor, one record-table Query per page."""

import pytest

from gallery import services
from gallery.models import Gallery, Photo
from gallery.records import LocalRecordTable


def add_photos(gallery, count: int) -> set[str]:
    return {
        services.photo_create(
            gallery=gallery, filename=f"frame-{n}.jpg", size=1000 + n, content_type="image/jpeg"
        ).pk
        for n in range(count)
    }


def walk_pages(api, gallery_id: str, page_size: int) -> list[list[str]]:
    pages, url = [], f"/api/galleries/{gallery_id}/photos/?page_size={page_size}"
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append([photo["id"] for photo in body["results"]])
        url = body["next"]
        assert len(pages) < 10, "the cursor does not end"
    return pages


def test_photos_come_in_pages_with_a_cursor_one_query_each(api, gallery, monkeypatch):
    ids = add_photos(gallery, 7)
    queries = []
    real_query = LocalRecordTable.query

    def counted(self, gallery_id, **kwargs):
        queries.append(kwargs)
        return real_query(self, gallery_id, **kwargs)

    monkeypatch.setattr(LocalRecordTable, "query", counted)

    pages = walk_pages(api, gallery.pk, page_size=3)

    assert [len(page) for page in pages] == [3, 3, 1]
    listed = [photo_id for page in pages for photo_id in page]
    assert sorted(listed) == sorted(ids)  # every photo exactly once
    assert len(queries) == 3 and {q["limit"] for q in queries} == {3}


@pytest.mark.e2e  # a moto server
def test_photo_pages_in_aws_mode_are_dynamodb_queries_never_a_scan(aws_mode, api, photographer):
    from gallery import aws

    gallery = services.gallery_create(owner=photographer, title="Paged on DynamoDB")
    ids = add_photos(gallery, 7)
    operations = []
    dynamodb = aws.client("dynamodb")
    dynamodb.meta.events.register(
        "before-call.dynamodb.*", lambda model, **kwargs: operations.append(model.name)
    )

    pages = walk_pages(api, gallery.pk, page_size=3)

    assert [len(page) for page in pages] == [3, 3, 1]
    assert sorted(p for page in pages for p in page) == sorted(ids)
    assert operations.count("Query") == 3
    assert "Scan" not in operations


def finish(photo, *, status: str, thumb: tuple[int, int] = (600, 400)) -> None:
    """The photo's file arrived and the processor wrote its outcome, as its record shows."""
    Photo.objects.filter(pk=photo.pk).update(upload_state=Photo.UploadState.UPLOADED)
    item = {"gallery_id": photo.gallery_id, "photo_id": photo.pk, "status": status}
    if status == "processed":
        key = f"renditions/{photo.gallery_id}/{photo.pk}/thumb.jpg"
        item["renditions"] = {"thumb": {"key": key, "width": thumb[0], "height": thumb[1]}}
    LocalRecordTable().put(item, only_if_newer_than=None)


def test_the_photo_list_gives_only_the_statuses_asked_for(api, gallery):
    uploading, processing, processed, failed = (
        services.photo_create(
            gallery=gallery, filename=f"{name}.jpg", size=1000, content_type="image/jpeg"
        )
        for name in ("uploading", "processing", "processed", "failed")
    )
    finish(processing, status="processing")
    finish(processed, status="processed", thumb=(400, 600))
    finish(failed, status="failed")
    url = f"/api/galleries/{gallery.pk}/photos/"

    unfinished = api.get(url + "?status=uploading&status=processing").json()["results"]
    assert {(p["filename"], p["status"]) for p in unfinished} == {
        ("uploading.jpg", "uploading"),
        ("processing.jpg", "processing"),
    }
    assert [p["filename"] for p in api.get(url + "?status=failed").json()["results"]] == [
        "failed.jpg"
    ]
    assert len(api.get(url).json()["results"]) == 4

    refused = api.get(url + "?status=done")
    assert refused.status_code == 400 and refused.json()["errors"]["status"]


def test_a_photo_carries_its_thumbnail_size(api, gallery):
    photo = services.photo_create(
        gallery=gallery, filename="portrait.jpg", size=1000, content_type="image/jpeg"
    )
    assert api.get(f"/api/photos/{photo.pk}/").json()["thumb_width"] is None
    finish(photo, status="processed", thumb=(400, 600))

    (listed,) = api.get(f"/api/galleries/{gallery.pk}/photos/?status=processed").json()["results"]
    assert (listed["thumb_width"], listed["thumb_height"]) == (400, 600)


def test_a_cursor_we_did_not_issue_is_refused(api, gallery):
    response = api.get(f"/api/galleries/{gallery.pk}/photos/?cursor=%%%")
    assert response.status_code == 400
    assert response.json()["errors"]["cursor"]
    assert api.get(f"/api/galleries/{gallery.pk}/photos/?page_size=0").status_code == 400


def test_create_read_update_and_delete_a_gallery(api, photographer):
    created = api.post(
        "/api/galleries/",
        json={"title": "Lighthouse", "client_email": "ada@example.com", "watermark_text": "ADA"},
    )
    assert created.status_code == 201, created.text
    gallery_id = created.json()["id"]
    assert Gallery.objects.get(pk=gallery_id).owner == photographer

    changed = api.patch(f"/api/galleries/{gallery_id}/", json={"min_favourites": 5})
    assert changed.status_code == 200
    assert api.get(f"/api/galleries/{gallery_id}/").json()["min_favourites"] == 5

    refused = api.patch(
        f"/api/galleries/{gallery_id}/", json={"min_favourites": 9, "max_favourites": 2}
    )
    assert refused.status_code == 400
    assert "below the minimum" in refused.json()["message"]

    assert api.delete(f"/api/galleries/{gallery_id}/").status_code == 204
    assert not Gallery.objects.filter(pk=gallery_id).exists()
    missing = api.get(f"/api/galleries/{gallery_id}/")
    assert missing.status_code == 404
    assert missing.json()["status"] == 404


def test_archive_filter_search_and_order_the_list(api, photographer):
    for title, client in (("Birch", "Ada"), ("Alder", "Grace"), ("Cedar", "Ada Lovelace")):
        services.gallery_create(owner=photographer, title=title, client_name=client)
    cedar = Gallery.objects.get(title="Cedar")
    archived = api.post(f"/api/galleries/{cedar.pk}/archive/", json={})
    assert archived.status_code == 200 and archived.json()["archived"] is True

    def titles(query: str) -> list[str]:
        response = api.get(f"/api/galleries/{query}")
        assert response.status_code == 200, response.text
        return [g["title"] for g in response.json()["results"]]

    assert titles("?ordering=title") == ["Alder", "Birch", "Cedar"]
    assert titles("?ordering=-title&archived=false") == ["Birch", "Alder"]
    assert titles("?archived=true") == ["Cedar"]
    assert titles("?search=ada&ordering=title") == ["Birch", "Cedar"]
    assert titles("?ordering=title&page_size=2") == ["Alder", "Birch"]
    assert api.get("/api/galleries/?archived=maybe").status_code == 400

    restored = api.post(f"/api/galleries/{cedar.pk}/archive/", json={"archived": False})
    assert restored.json()["archived"] is False
    assert titles("?archived=false&ordering=title") == ["Alder", "Birch", "Cedar"]


def test_a_photo_of_the_gallery_becomes_its_cover(api, gallery):
    [photo_id] = add_photos(gallery, 1)
    response = api.patch(f"/api/galleries/{gallery.pk}/", json={"cover_photo": photo_id})
    assert response.status_code == 200
    assert response.json()["cover_photo"] == photo_id


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=501", "page_size=null"])
def test_paging_values_outside_the_schema_are_refused(api, query):
    answer = api.get(f"/api/galleries/?{query}")
    assert answer.status_code == 400, answer.text
    assert set(answer.json()["errors"]) <= {"page", "page_size"}


def test_a_page_after_the_last_is_empty_not_an_error(api, gallery):
    answer = api.get("/api/galleries/?page=5&page_size=1")
    assert answer.status_code == 200
    assert answer.json()["results"] == [] and answer.json()["next"] is None
