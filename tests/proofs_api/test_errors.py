"""One error shape, with messages a person can act on."""


def test_invalid_input_names_each_field(api, gallery):
    response = api.post(
        f"/api/galleries/{gallery.pk}/uploads/",
        json={"filename": "notes.txt", "size": -1, "content_type": "text/plain"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["message"].startswith("size:")
    assert set(body["errors"]) == {"size"}


def test_a_refused_file_type_says_what_is_accepted(api, gallery):
    response = api.post(
        f"/api/galleries/{gallery.pk}/uploads/",
        json={"filename": "notes.txt", "size": 10, "content_type": "text/plain"},
    )
    assert response.status_code == 400
    assert "Upload JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC files" in response.json()["message"]


def test_an_unknown_api_path_answers_json_404_pointing_at_the_docs(api):
    response = api.unchecked("GET", "/api/galleris/")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert "/api/docs/" in response.json()["message"]


def test_a_wrong_method_is_named(api, gallery):
    response = api.unchecked("PUT", f"/api/photos/{gallery.pk}/", json={})
    assert response.status_code == 405
    assert response.json() == {"message": 'Method "PUT" not allowed.', "status": 405}
