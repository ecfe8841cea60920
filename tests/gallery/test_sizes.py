import pytest

from gallery.templatetags.sizes import file_size


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (200 * 1024 * 1024, "200 MB"),
        (1_468_006, "1.4 MB"),
        (358_400, "350 KB"),
        (1024, "1 KB"),
        (900, "900 bytes"),
        (3 * 1024**4, "3 TB"),
        (None, ""),
    ],
)
def test_file_size_is_written_as_a_person_would(size, shown):
    assert file_size(size) == shown
