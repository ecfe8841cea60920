"""Issue 13 (time zones): a photographer with no zone gets their browser's, and the
workspace then shows times in it and names it where a time is typed. One light page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts.selectors import time_zone_for
from gallery import services as gallery_services
from sharing import services

from .conftest import watched_context

pytestmark = pytest.mark.e2e


def test_the_time_zone_comes_from_the_browser_and_times_show_in_it(
    browser, live_server, photographer, sign_in
):
    gallery = gallery_services.gallery_create(owner=photographer, title="Maya & Tom")
    # 17:00 UTC is 22:30 in Kolkata (UTC+5:30, no DST).
    expires = dt.datetime(2031, 1, 15, 17, 0, tzinfo=dt.UTC)
    link = services.share_link_create(gallery=gallery, label="Couple", expires_at=expires)
    context = watched_context(browser, base_url=live_server.url, timezone_id="Asia/Kolkata")
    page = context.new_page()

    # The first page after signing in tells the server the browser's zone.
    with page.expect_response(lambda r: r.url.endswith("/settings/time-zone/")) as told:
        sign_in(page, photographer)
    assert told.value.status == 204
    # Chromium (ICU) still reports India by the zone's older IANA name, Asia/Calcutta, which
    # the tz database keeps as a link: whichever the browser says is stored as it is.
    reported = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert reported in ("Asia/Kolkata", "Asia/Calcutta")
    assert time_zone_for(owner=photographer) == reported

    page.goto(f"/p/manage/{gallery.pk}/")
    expect(page.locator(f"[data-link='{link.pk}']")).to_contain_text(
        "Expires 15 Jan 2031, 22:30 IST"
    )
    expect(page.locator("label[for=id_expires_at]")).to_have_text(f"Expires ({reported})")
    # Known now: no page asks the browser again.
    expect(page.locator("#time-zone-learn")).to_have_count(0)
    context.close()
    assert context.csp_violations == [], "Content-Security-Policy violations"
