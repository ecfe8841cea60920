"""XMP sidecars of the clients' marks, for placing beside the raw files: `<stem>.xmp` with
`xmp:Rating` (stars; -1 for a reject) and `xmp:Label` (Lightroom's colour names), the
two properties Lightroom Classic, Bridge and Capture One read from a sidecar. Flags
(favourite = pick) have no XMP property, so a photo marked only as favourite gets none.
"""

import zipfile
from collections.abc import Iterable
from datetime import datetime
from xml.sax.saxutils import quoteattr

from .marks import MarkRow, PhotoMarks
from .models import Label

XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/"
REJECTED_RATING = -1
_LABEL_NAMES = dict(Label.choices)

_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Proofsheet">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="{namespace}"{properties}/>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
"""


def rating(marks: PhotoMarks) -> int:
    return REJECTED_RATING if marks.rejected else marks.stars


def sidecar(marks: PhotoMarks) -> bytes:
    """One photo's sidecar. The label is written only when set, so reading the file does
    not clear a label the photographer gave in the catalogue."""
    properties = f"\n    xmp:Rating={quoteattr(str(rating(marks)))}"
    if marks.label:
        properties += f"\n    xmp:Label={quoteattr(_LABEL_NAMES[marks.label])}"
    return _TEMPLATE.format(namespace=XMP_NAMESPACE, properties=properties).encode()


# How sidecars are named: `stem` (IMG_0042.xmp: Lightroom, Bridge, Capture One) or
# `darktable` (IMG_0042.CR3.xmp, darktable's and digiKam's default).
NAMINGS = ("stem", "darktable")


def sidecar_name(filename: str, naming: str = "stem") -> str:
    """`IMG_0042.CR3` -> `IMG_0042.xmp`, or `IMG_0042.CR3.xmp` for darktable."""
    if naming == "darktable":
        return f"{filename}.xmp"
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return f"{stem}.xmp"


def sidecar_files(rows: Iterable[MarkRow], naming: str = "stem") -> list[tuple[str, bytes]]:
    """One file per photo whose (winning) marks an XMP can carry. Rows must hold one row
    per photo (`marks.winning_rows`). Two originals with one stem (IMG_1.jpg, IMG_1.png)
    would share a sidecar: the first in gallery order keeps it."""
    files: dict[str, bytes] = {}
    for row in rows:
        if not row.marks.has_xmp:
            continue
        name = sidecar_name(row.photo.filename, naming)
        files.setdefault(name.lower(), (name, sidecar(row.marks)))
    return list(files.values())


def write_zip(files: list[tuple[str, bytes]], target) -> None:
    """The sidecars into `target` (a writable stream, such as `storage().writer()`)."""
    stamp = datetime.now().timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(
                zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED
            )
