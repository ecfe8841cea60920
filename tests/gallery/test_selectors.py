from gallery import selectors
from gallery.models import Gallery, Photo


def test_by_file_name_photos_sort_as_people_read_numbers_and_ignore_case(gallery):
    names = ["IMG_10.jpg", "img_2.jpg", "IMG_1.JPG", "b.jpg", "A.jpg"]
    for position, name in enumerate(names, start=1):
        Photo.objects.create(
            gallery=gallery,
            filename=name,
            original_key=f"originals/{gallery.pk}/{position}/{name}",
            size_bytes=1,
            position=position,
        )
    gallery.ordering = Gallery.Ordering.FILENAME

    listed = [view.photo.filename for view in selectors.photo_list(gallery=gallery)]

    assert listed == ["A.jpg", "b.jpg", "IMG_1.JPG", "img_2.jpg", "IMG_10.jpg"]
