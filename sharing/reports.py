"""The photographer's reports of the clients' selections and marks: Lightroom filter
strings and CSV files (with their escaping); XMP sidecars are `xmp`'s. They take the
selectors' `Selection`s and `MarkRow`s and read nothing."""

import csv
from collections import defaultdict

from django.utils import timezone

from .marks import MarkRow
from .selectors import Selection

# Who and which photo: the first columns of both the selections' and the marks' CSV.
_VISITOR_PHOTO_COLUMNS = ["link", "name", "email", "status", "submitted_at", "filename"]
CSV_HEADER = [*_VISITOR_PHOTO_COLUMNS, "favourite", "comments", "set"]

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def lightroom_filter(filenames: list[str]) -> str:
    """File names as Lightroom Classic's Library Filter takes them: Text > Filename >
    Contains, names separated by commas (any one matches). Extensions are dropped so a
    proof exported as JPEG also finds its raw file (IMG_0042.CR3)."""
    stems = []
    for name in filenames:
        stem = name.rsplit(".", 1)[0] if "." in name else name
        # A comma inside a name would split it in two in Lightroom's filter.
        stem = stem.replace(",", " ").strip()
        if stem and stem not in stems:
            stems.append(stem)
    return ", ".join(stems)


def selection_lightroom(selection: Selection) -> str:
    """One client's favourites as a Lightroom filter."""
    return lightroom_filter([photo.filename for photo in selection.favourites])


def selections_lightroom(selections: list[Selection]) -> str:
    """The favourites of every submitted selection as one Lightroom filter."""
    return lightroom_filter(
        [photo.filename for s in selections if s.visitor.is_locked for photo in s.favourites]
    )


def csv_cell(value: str) -> str:
    """Names and comments come from clients: never let a spreadsheet run them as formulas."""
    return f"'{value}" if value[:1] in _FORMULA_LEADS else value


def _visitor_photo_cells(visitor, photo) -> list[str]:
    """The cells of `_VISITOR_PHOTO_COLUMNS`."""
    return [
        visitor.link.label,
        visitor.name,
        visitor.email,
        "submitted" if visitor.is_locked else "in progress",
        # In the photographer's zone, with its offset: read as it is, converted exactly.
        timezone.localtime(visitor.submitted_at).isoformat() if visitor.submitted_at else "",
        photo.filename,
    ]


def selection_csv_rows(selections: list[Selection]) -> list[list[str]]:
    """The header, then one row per favourite or commented photo of each client."""
    rows = [CSV_HEADER]
    for selection in selections:
        visitor = selection.visitor
        notes = defaultdict(list)
        for comment in selection.comments:
            notes[comment.photo_id].append(comment.body)
        photos = {photo.pk: photo for photo in selection.favourites}
        commented = [c.photo for c in selection.comments if c.photo_id not in photos]
        for photo in [*selection.favourites, *dict.fromkeys(commented)]:
            rows.append(
                [
                    *_visitor_photo_cells(visitor, photo),
                    "yes" if photo.pk in photos else "no",
                    " | ".join(notes.get(photo.pk, [])),
                    photo.photo_set.name if photo.photo_set_id else "",
                ]
            )
    return rows


def _csv_write(rows: list[list[str]], out) -> None:
    """Writes the rows, every cell escaped, to `out` (a file or an HttpResponse)."""
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(str(cell)) for cell in row])


def selections_csv_write(selections: list[Selection], out) -> None:
    _csv_write(selection_csv_rows(selections), out)


MARKS_CSV_HEADER = [*_VISITOR_PHOTO_COLUMNS, "favourite", "colour", "stars", "rejected", "comments"]


def marks_lightroom(rows: list[MarkRow]) -> str:
    """The photos of these mark rows (any filter) as one Lightroom filter."""
    return lightroom_filter([row.photo.filename for row in rows])


def marks_csv_rows(rows: list[MarkRow]) -> list[list[str]]:
    """The header, then one row per visitor and photo: the marks and the comments."""
    result = [MARKS_CSV_HEADER]
    for row in rows:
        marks = row.marks
        result.append(
            [
                *_visitor_photo_cells(row.visitor, row.photo),
                "yes" if marks.favourite else "no",
                marks.label,
                str(marks.stars),
                "yes" if marks.rejected else "no",
                " | ".join(comment.body for comment in row.comments),
            ]
        )
    return result


def marks_csv_write(rows: list[MarkRow], out) -> None:
    _csv_write(marks_csv_rows(rows), out)
