"""Issue 11, must-show 2: the XMP sidecar ZIP read back by ExifTool (Debian's
libimage-exiftool-perl): Rating and Label per file, names from the originals' stems,
nothing for unmarked photos; and the CSV and Lightroom string of the same filter agree."""

import csv
import io
import json
import subprocess
import zipfile

import pytest
from django.urls import reverse

from gallery import services as gallery_services
from sharing import services

EXIFTOOL = "/usr/bin/exiftool"


@pytest.fixture
def shoot(gallery):
    """Four originals, as a camera names them, and two clients who disagree on one."""
    photos = [
        gallery_services.photo_create(
            gallery=gallery, filename=name, size=1000, content_type="image/jpeg"
        )
        for name in ("DSC_0001.jpg", "DSC_0002.JPG", "wedding-03.jpeg", "DSC_0004.jpg")
    ]
    couple = services.share_link_create(gallery=gallery, label="Couple")
    parents = services.share_link_create(gallery=gallery, label="Parents")
    ada = services.visitor_join(link=couple, name="Ada", email="ada@example.com")
    mary = services.visitor_join(link=parents, name="Mary", email="mary@example.com")
    mark = services.mark_set
    mark(visitor=ada, photo=photos[0], label="green", stars=3, as_client=False)
    mark(visitor=ada, photo=photos[1], stars=5, as_client=False)
    mark(visitor=ada, photo=photos[2], rejected=True, as_client=False)
    mark(visitor=ada, photo=photos[3], favourite=True, as_client=False)  # a pick: not in XMP
    mark(visitor=mary, photo=photos[0], label="red", stars=1, as_client=False)
    mark(visitor=mary, photo=photos[2], label="purple", as_client=False)
    return photos, ada, mary


def read_back(zip_bytes: bytes, folder) -> dict[str, dict]:
    """What ExifTool reads from each sidecar, by file name."""
    zipfile.ZipFile(io.BytesIO(zip_bytes)).extractall(folder)
    run = subprocess.run(
        [EXIFTOOL, "-json", "-XMP-xmp:Rating", "-XMP-xmp:Label", "-ext", "xmp", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {item["SourceFile"].rsplit("/", 1)[1]: item for item in json.loads(run.stdout)}


def export(signed_in, gallery, name, query=""):
    response = signed_in.get(reverse(f"sharing:{name}", args=[gallery.pk]) + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_exiftool_reads_rating_and_label_of_every_marked_photo(signed_in, gallery, shoot, tmp_path):
    photos, ada, mary = shoot
    found = read_back(export(signed_in, gallery, "marks_xmp", f"?visitor={ada.pk}"), tmp_path)
    assert found.keys() == {"DSC_0001.xmp", "DSC_0002.xmp", "wedding-03.xmp"}
    assert (found["DSC_0001.xmp"]["Rating"], found["DSC_0001.xmp"]["Label"]) == (3, "Green")
    assert found["DSC_0002.xmp"]["Rating"] == 5 and "Label" not in found["DSC_0002.xmp"]
    assert found["wedding-03.xmp"]["Rating"] == -1


def test_where_clients_disagree_the_photographer_chooses_whose_marks_win(
    signed_in, gallery, shoot, tmp_path
):
    photos, ada, mary = shoot
    everyone = read_back(export(signed_in, gallery, "marks_xmp"), tmp_path / "a")
    assert everyone["DSC_0001.xmp"]["Label"] == "Green"  # the first client's, by default
    mary_wins = read_back(
        export(signed_in, gallery, "marks_xmp", f"?winner={mary.pk}"), tmp_path / "b"
    )
    assert (mary_wins["DSC_0001.xmp"]["Rating"], mary_wins["DSC_0001.xmp"]["Label"]) == (1, "Red")
    assert mary_wins["wedding-03.xmp"]["Label"] == "Purple"
    assert mary_wins["DSC_0002.xmp"]["Rating"] == 5  # Mary did not mark it: Ada's stands


def test_the_csv_and_lightroom_string_agree_with_the_sidecars(signed_in, gallery, shoot, tmp_path):
    photos, ada, mary = shoot
    green_or_four = f"?visitor={ada.pk}&label=green&min_stars=4"
    found = read_back(export(signed_in, gallery, "marks_xmp", green_or_four), tmp_path)
    rows = list(
        csv.DictReader(io.StringIO(export(signed_in, gallery, "marks_csv", green_or_four).decode()))
    )
    lightroom = signed_in.get(
        reverse("sharing:marks_compare", args=[gallery.pk]) + green_or_four
    ).context["lightroom"]

    assert sorted(found) == ["DSC_0001.xmp", "DSC_0002.xmp"]
    assert lightroom == "DSC_0001, DSC_0002"
    assert [row["filename"].rsplit(".", 1)[0] + ".xmp" for row in rows] == sorted(found)
    for row in rows:
        sidecar = found[row["filename"].rsplit(".", 1)[0] + ".xmp"]
        assert int(row["stars"]) == sidecar["Rating"]
        assert row["colour"].capitalize() == sidecar.get("Label", "")
        assert (row["name"], row["favourite"], row["rejected"]) == ("Ada", "no", "no")


def test_darktable_naming_keeps_the_extension(signed_in, gallery, shoot, tmp_path):
    photos, ada, mary = shoot
    query = f"?visitor={ada.pk}&naming=darktable"
    found = read_back(export(signed_in, gallery, "marks_xmp", query), tmp_path)
    # The originals' whole names (as stored: upload sanitises the extension's case).
    assert set(found) == {f"{photo.filename}.xmp" for photo in photos[:3]}
    assert found[f"{photos[1].filename}.xmp"]["Rating"] == 5
