"""Render a gallery's proofs and thumbnails again from the originals."""

from django.core.management.base import BaseCommand, CommandError

from gallery import services
from gallery.models import Gallery, Photo

from ._progress import progress


class Command(BaseCommand):
    help = "Queue every uploaded photo of a gallery to be rendered again."

    def add_arguments(self, parser):
        parser.add_argument("--gallery", required=True, help="The gallery's id.")
        parser.add_argument("--failed-only", action="store_true")

    def handle(self, *args, gallery: str, failed_only: bool, **options):
        try:
            target = Gallery.objects.get(pk=gallery)
        except Gallery.DoesNotExist as error:
            raise CommandError(f"No gallery has the id {gallery}.") from error
        photos = list(target.photos.filter(upload_state=Photo.UploadState.UPLOADED))
        if failed_only:
            from gallery.selectors import photo_list

            failed = {v.photo.pk for v in photo_list(gallery=target) if v.status == "failed"}
            photos = [p for p in photos if p.pk in failed]
        count = 0
        for photo in progress(photos, label="Queueing", stream=self.stdout):
            count += services.photos_render(gallery=target, photos=[photo])
        self.stdout.write(self.style.SUCCESS(f"Queued {count} photo(s) of “{target}”."))
