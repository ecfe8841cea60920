"""Issue 13, must-show 4: axe-core finds no serious or critical violation on any page a
photographer or a client uses; each page's report is saved beside the screenshots."""

import pytest
from playwright.sync_api import expect

from gallery import services as gallery_services
from gallery.worker import LocalWorker
from sharing import selectors, services
from tests.e2e.axe import audit
from tests.e2e.conftest import client_ready, watched_context
from tests.photos import import_photos

pytestmark = pytest.mark.e2e

PASSWORD = "lighthouse-77"


@pytest.fixture
def shared_gallery(photographer, sample_paths):
    gallery = gallery_services.gallery_create(
        owner=photographer, title="Lighthouse portraits", min_favourites=1
    )
    import_photos(gallery, sample_paths[:4], [f"IMG_{n:04d}.jpg" for n in range(11, 15)])
    LocalWorker().run_pending()
    link = services.share_link_create(gallery=gallery, label="Family", password=PASSWORD)
    return gallery, selectors.share_link_token(link=link)


def test_every_page_passes_axe(
    browser, live_server, page, shared_gallery, photographer, sign_in, sample_paths, output_dir
):
    gallery, token = shared_gallery
    problems: list[str] = []

    # The client: password, name, grid, viewer, sent.
    client = watched_context(browser, viewport={"width": 1280, "height": 900})
    visitor = client.new_page()
    visitor.goto(f"{live_server.url}/p/{token}/")
    problems += audit(visitor, "client-password", output_dir)
    visitor.fill("#id_password", "wrong")
    visitor.click("button:has-text('Open the gallery')")
    expect(visitor.locator("#password-error")).to_be_visible()
    problems += audit(visitor, "client-password-error", output_dir)
    visitor.fill("#id_password", PASSWORD)
    visitor.click("button:has-text('Open the gallery')")
    expect(visitor.locator("#id_name")).to_be_visible()
    problems += audit(visitor, "client-name", output_dir)
    visitor.fill("#id_name", "Grace")
    visitor.fill("#id_email", "grace@example.com")
    visitor.click("button:has-text('View the photos')")
    expect(visitor.locator("#grid .shot")).to_have_count(4)
    client_ready(visitor)
    visitor.locator("#grid .shot .fav").first.click()
    expect(visitor.locator("#counter")).to_contain_text("1 chosen")
    problems += audit(visitor, "client-grid", output_dir)
    visitor.locator("#grid .shot .open").nth(1).click()
    expect(visitor.locator(".pswp.is-ready")).to_be_visible()
    problems += audit(visitor, "client-viewer", output_dir)
    visitor.keyboard.press("Escape")
    expect(visitor.locator(".pswp")).to_have_count(0)
    visitor.click("#submit-button")
    visitor.click("#submit-confirm")
    expect(visitor.locator("#sent-notice")).to_be_visible()
    problems += audit(visitor, "client-sent", output_dir)
    client.close()
    assert client.csp_violations == [], "Content-Security-Policy violations"

    # The photographer: sign-in, galleries, workspace with uploads held mid-way, settings,
    # sharing, selections.
    page.goto("/accounts/login/")
    problems += audit(page, "sign-in", output_dir)
    sign_in(page, photographer)
    problems += audit(page, "gallery-list", output_dir)

    held = []
    page.route("**/upload/", lambda route: held.append(route))
    page.goto(f"/galleries/{gallery.pk}/")
    expect(page.locator("#grid .tile")).to_have_count(4)
    page.set_input_files("#file-input", [str(path) for path in sample_paths[4:6]])
    page.wait_for_function(
        "count => document.querySelectorAll('.upload-item.uploading').length === count", arg=2
    )
    problems += audit(page, "workspace-uploading", output_dir)
    for route in held:
        route.continue_()
    expect(page.locator("#upload-counts")).to_have_text("2 of 2 uploaded", timeout=60_000)
    page.unroute("**/upload/")

    for name, path in [
        ("gallery-settings", f"/galleries/{gallery.pk}/edit/"),
        ("new-gallery", "/galleries/new/"),
        ("account-settings", "/settings/"),
        ("share", f"/p/manage/{gallery.pk}/"),
        ("selections", f"/p/manage/{gallery.pk}/selections/"),
    ]:
        page.goto(path)
        problems += audit(page, name, output_dir)

    assert problems == [], "\n".join(problems)
