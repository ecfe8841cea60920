"""Objects the view tests of links and selections share."""

import pytest

from gallery import services as gallery_services
from sharing import services as sharing_services


@pytest.fixture
def photos(gallery):
    made = []
    for name in ("IMG_0001.jpg", "IMG_0002.jpg", "IMG_0003.jpg"):
        photo = gallery_services.photo_create(
            gallery=gallery, filename=name, size=1000, content_type="image/jpeg"
        )
        made.append(photo)
    return made


@pytest.fixture
def submitted(gallery, photos):
    """A client who favourited two photos, commented on one and sent the selection."""
    link = sharing_services.share_link_create(gallery=gallery, label="Couple")
    visitor = sharing_services.visitor_join(link=link, name="Ada", email="ada@example.com")
    for photo in photos[:2]:
        sharing_services.favourite_set(visitor=visitor, photo=photo, favourite=True)
    sharing_services.comment_create(visitor=visitor, photo=photos[1], body="Warmer, please")
    sharing_services.selection_submit(visitor=visitor)
    return visitor
