"""Issue 5, must-show 1: what an integration does, over HTTP, in both modes.

Token -> gallery -> upload target -> multipart POST of a real photo to the target ->
`uploaded` -> poll until processed -> list the gallery -> fetch the thumbnail.
"""

import io
import json

import pytest
import requests
from django.core.management import call_command
from PIL import Image

pytestmark = pytest.mark.e2e


def create_token_with_command(photographer) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", photographer.username, "Round trip", stdout=out, stderr=err)
    assert "shown only this once" in err.getvalue()
    return out.getvalue().strip()


def upload_one_photo(api, wait_for, sample) -> tuple[dict, dict, dict]:
    """The session of docs/api.md: returns the gallery, the upload answer and the listed photo."""
    created = api.post("/api/galleries/", json={"title": "Harbour, by API", "client_name": "Ada"})
    assert created.status_code == 201, created.text
    gallery = created.json()

    content = sample.read_bytes()
    answer = api.post(
        f"/api/galleries/{gallery['id']}/uploads/",
        json={"filename": sample.name, "size": len(content), "content_type": "image/jpeg"},
    )
    assert answer.status_code == 201, answer.text
    upload = answer.json()
    assert upload["photo"]["status"] == "uploading"
    target = upload["target"]

    # As `curl -F` would send it: the form's fields in the order given, the file last.
    form = [(name, (None, value)) for name, value in target["fields"].items()]
    form.append(("file", (sample.name, content, "image/jpeg")))
    sent = requests.post(target["url"], files=form, timeout=30)
    assert sent.status_code in (201, 204), sent.text

    photo_id = upload["photo"]["id"]
    marked = api.post(f"/api/photos/{photo_id}/uploaded/")
    assert marked.status_code == 200, marked.text
    assert marked.json()["status"] in ("processing", "processed")

    def processed():
        photo = api.get(f"/api/photos/{photo_id}/").json()
        assert photo["status"] != "failed", photo["error"]
        return photo if photo["status"] == "processed" else None

    photo = wait_for(processed, timeout=60)
    assert photo["width"] > photo["height"]  # the sample is a landscape

    listed = api.get(f"/api/galleries/{gallery['id']}/photos/")
    assert listed.status_code == 200
    page = listed.json()
    assert [p["id"] for p in page["results"]] == [photo_id]
    assert page["next"] is None
    return gallery, upload, page["results"][0]


def fetch_image(url: str) -> Image.Image:
    response = requests.get(url, timeout=30)
    assert response.status_code == 200, url
    return Image.open(io.BytesIO(response.content))


def test_round_trip_in_local_mode(
    live_server,
    local_worker,
    delivery_worker,
    photographer,
    live_api_for,
    wait_for,
    sample_paths,
    receiver,
    allow_local_webhooks,
):
    api = live_api_for(key=create_token_with_command(photographer))
    told = receiver()
    hook = api.post("/api/webhooks/", json={"url": told.url, "events": ["gallery.processed"]})
    assert hook.status_code == 201

    gallery, upload, listed = upload_one_photo(api, wait_for, sample_paths[1])

    # The form went to this site's stand-in for S3, never through the API.
    assert upload["target"]["url"] == f"{live_server.url}/upload/"
    assert listed["status"] == "processed"
    assert listed["thumb_url"].startswith(live_server.url)
    thumb = fetch_image(listed["thumb_url"])
    assert thumb.width > thumb.height
    assert api.get(f"/api/galleries/{gallery['id']}/").json()["photo_count"] == 1

    # The webhook heard that the gallery finished processing.
    wait_for(lambda: told.received, timeout=20)
    [delivery] = told.received
    assert delivery["headers"]["X-Proofsheet-Event"] == "gallery.processed"
    assert json.loads(delivery["body"])["data"]["gallery"] == gallery["id"]


def test_round_trip_in_aws_mode(
    live_server, aws_mode, processor_lambda, photographer, live_api, wait_for, sample_paths
):
    api = live_api
    gallery, upload, listed = upload_one_photo(api, wait_for, sample_paths[3])

    # The bytes went to the bucket with the presigned POST, and came back processed.
    assert upload["target"]["url"].startswith(aws_mode.endpoint)
    key = upload["target"]["fields"]["key"]
    assert key == f"originals/{gallery['id']}/{listed['id']}/{sample_paths[3].name}"
    assert key in aws_mode.keys("originals/")
    [item] = [i for i in aws_mode.items(gallery["id"]) if i["photo_id"]["S"] == listed["id"]]
    assert item["status"]["S"] == "processed"
    assert listed["thumb_url"].startswith(aws_mode.endpoint)
    assert "X-Amz-Signature" in listed["thumb_url"]
    thumb = fetch_image(listed["thumb_url"])
    assert thumb.width > thumb.height

    # Deleting through the API leaves nothing behind in the bucket or the table.
    assert api.delete(f"/api/galleries/{gallery['id']}/").status_code == 204
    assert aws_mode.keys(f"originals/{gallery['id']}/") == []
    assert aws_mode.items(gallery["id"]) == []
