"""Reads of galleries: a photographer reaches only their own."""

import pytest
from django.http import Http404

from gallery import selectors


def test_a_photographer_gets_their_own_gallery_and_no_one_elses(
    photographer, gallery, other_gallery
):
    assert selectors.gallery_get_owned(owner=photographer, pk=gallery.pk) == gallery
    for pk in (other_gallery.pk, "no-such-gallery"):
        with pytest.raises(Http404, match="No such gallery"):
            selectors.gallery_get_owned(owner=photographer, pk=pk)
