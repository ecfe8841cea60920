"""Import a folder of photos from disk into a gallery, through the same path as uploads."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gallery import services, uploads
from gallery.models import Gallery

from ._progress import progress


class Command(BaseCommand):
    help = "Import the photos of a folder into a gallery and queue them for processing."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--gallery", required=True, help="The gallery's id.")

    def handle(self, *args, folder: Path, gallery: str, **options):
        try:
            target = Gallery.objects.get(pk=gallery)
        except Gallery.DoesNotExist as error:
            raise CommandError(f"No gallery has the id {gallery}.") from error
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        extensions = uploads.accepted_extensions()
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in extensions)
        if not files:
            raise CommandError(f"{folder} holds no photos ({', '.join(sorted(extensions))}).")
        imported, refused = 0, []
        for path in progress(files, label="Importing", stream=self.stdout):
            try:
                with path.open("rb") as handle:
                    # The type is sniffed from the bytes; the extension only picks the files.
                    services.photo_import(gallery=target, filename=path.name, file=handle)
                imported += 1
            except ValidationError as error:
                refused.append(f"{path.name}: {' '.join(error.messages)}")
        self.stdout.write(self.style.SUCCESS(f"Imported {imported} photo(s) into “{target}”."))
        if imported:
            self.stdout.write("They are held back from clients until you publish them.")
        for line in refused:
            self.stderr.write(f"Refused {line}")
