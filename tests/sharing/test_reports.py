"""The selection reports: Lightroom filter strings and the CSV, with its formula escaping.
They are pure functions of the selectors' `Selection`s, so these tests build the rows
in memory (unsaved model instances) and need no database."""

import csv
import io
from datetime import UTC, datetime

import pytest

from accounts import timezones
from gallery.models import Photo
from sharing import reports
from sharing.models import Comment, ShareLink, Visitor
from sharing.selectors import Selection


def _selection(name, favourites, comments=(), *, submitted=True, label="Family"):
    visitor = Visitor(
        pk=f"v-{name}",
        link=ShareLink(label=label),
        name=name,
        email=f"{name.lower()}@example.com",
        submitted_at=datetime(2026, 3, 1, 12, 30, tzinfo=UTC) if submitted else None,
    )
    notes = [Comment(visitor=visitor, photo=photo, body=body) for photo, body in comments]
    return Selection(visitor=visitor, favourites=list(favourites), comments=notes)


def _photo(filename):
    return Photo(pk=f"p-{filename}", filename=filename)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["IMG_0001.CR3", "IMG_0002.jpg"], "IMG_0001, IMG_0002"),
        (["DSC_1.jpg", "DSC_1.JPG", "scan"], "DSC_1, scan"),
        (["a,b.jpg", "final.v2.tif"], "a b, final.v2"),
    ],
)
def test_lightroom_filter_lists_names_as_lightroom_reads_them(names, expected):
    assert reports.lightroom_filter(names) == expected


def test_the_combined_lightroom_filter_holds_only_submitted_selections():
    one, two, three = _photo("IMG_1.jpg"), _photo("IMG_2.CR3"), _photo("IMG_3.jpg")
    ada = _selection("Ada", [one, two])
    grace = _selection("Grace", [two, three], submitted=False)
    mary = _selection("Mary", [three])
    assert reports.selection_lightroom(grace) == "IMG_2, IMG_3"
    assert reports.selections_lightroom([ada, grace, mary]) == "IMG_1, IMG_2, IMG_3"
    assert reports.selections_lightroom([ada]) == "IMG_1, IMG_2"
    assert reports.selections_lightroom([grace]) == ""


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(lead):
    assert reports.csv_cell(f"{lead}cmd|' /C calc'!A0") == f"'{lead}cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["Ada", "", "a=b", " =1+1", "'quoted", "2026-03-01"])
def test_other_cells_are_left_as_they_are(value):
    assert reports.csv_cell(value) == value


def test_the_csv_has_a_row_per_favourite_or_commented_photo_every_cell_escaped():
    one, two, three = _photo("IMG_1.jpg"), _photo("IMG_2.jpg"), _photo("IMG_3.jpg")
    ada = _selection(
        "=Ada",
        [one, two],
        [(two, "warmer please"), (three, "@SUM(A1)"), (three, "crop tighter")],
        label="-Family",
    )
    grace = _selection("Grace", [], [(one, "+1")], submitted=False)
    out = io.StringIO()
    reports.selections_csv_write([ada, grace], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))

    assert rows[0] == reports.CSV_HEADER
    assert rows[1:] == [
        ["'-Family", "'=Ada", "'=ada@example.com", "submitted", "2026-03-01T12:30:00+00:00",
         "IMG_1.jpg", "yes", "", ""],
        ["'-Family", "'=Ada", "'=ada@example.com", "submitted", "2026-03-01T12:30:00+00:00",
         "IMG_2.jpg", "yes", "warmer please", ""],
        ["'-Family", "'=Ada", "'=ada@example.com", "submitted", "2026-03-01T12:30:00+00:00",
         "IMG_3.jpg", "no", "'@SUM(A1) | crop tighter", ""],
        ["Family", "Grace", "grace@example.com", "in progress", "", "IMG_1.jpg", "no", "'+1", ""],
    ]  # fmt: skip


def test_the_csv_gives_the_sending_time_in_the_photographer_s_zone_with_its_offset():
    out = io.StringIO()
    with timezones.override("Asia/Kolkata"):
        reports.selections_csv_write([_selection("Ada", [_photo("IMG_1.jpg")])], out)

    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[4] == "2026-03-01T18:00:00+05:30"  # 12:30 UTC
