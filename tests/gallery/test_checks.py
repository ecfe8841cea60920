"""Start-up checks of Proofsheet's settings."""

from gallery.checks import check_proofsheet_settings


def test_default_settings_pass():
    assert check_proofsheet_settings() == []


def test_export_parts_smaller_than_s3_takes_or_none_in_flight_are_refused(settings):
    settings.PROOFSHEET_EXPORT_PART_BYTES = 1024 * 1024
    settings.PROOFSHEET_EXPORT_PARALLEL_PARTS = 0

    errors = check_proofsheet_settings()

    assert [error.id for error in errors] == ["proofsheet.E005", "proofsheet.E006"]
    assert "at least 5242880 bytes" in errors[0].msg
