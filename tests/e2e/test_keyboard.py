"""Issue 13, must-show 3: the whole round by keyboard alone, in Chromium. The photographer
signs in, creates a gallery, uploads through the file chooser, previews the proofs and makes
a share link; the client opens it, moves through the grid and the viewer, favourites and
sends. Nothing is clicked: every step is a key press (page loads aside)."""

import pytest
from playwright.sync_api import expect

from gallery.models import Gallery
from sharing import selectors
from sharing.models import Visitor
from tests.e2e.axe import audit
from tests.e2e.conftest import client_ready, watched_context

pytestmark = pytest.mark.e2e

THUMBS_LOADED = """count => {
  const images = [...document.querySelectorAll('#grid .tile img')];
  return images.length === count && images.every(img => img.complete && img.naturalWidth > 0);
}"""


def tab_to(page, selector: str, *, most: int = 40, key: str = "Tab") -> int:
    """Presses Tab (or `key`) until the focus is on `selector`; returns how many presses it
    took, and fails if it takes more than `most`."""
    for presses in range(1, most + 1):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return presses
    raise AssertionError(
        f"{selector} not reached with {most} presses of {key} on {page.url}: "
        + page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    )


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement?.matches(s) ?? false", selector)


def test_photographer_and_client_by_keyboard_alone(
    browser, live_server, page, local_worker, photographer, sample_paths, output_dir
):
    # Sign in.
    page.goto("/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(photographer.username)
    tab_to(page, "#id_password", most=1)
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url("**/galleries/")

    # Create a gallery.
    tab_to(page, "a[href$='/galleries/new/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/galleries/new/")
    tab_to(page, "#id_title")
    page.keyboard.type("Keyboard shoot")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Keyboard shoot")
    expect(page.locator("#grid-summary")).to_have_text("0 photos")
    gallery = Gallery.objects.get(owner=photographer)

    # Upload through the file chooser, reached by Tab, opened by Space.
    tab_to(page, "#file-input")
    expect(page.locator(".dropzone .button")).to_have_css("outline-style", "solid")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files([str(path) for path in sample_paths[:3]])
    expect(page.locator("#upload-counts")).to_have_text("3 of 3 uploaded", timeout=60_000)
    page.wait_for_function(THUMBS_LOADED, arg=3, timeout=90_000)
    names = page.locator("#grid .tile .name").all_inner_texts()
    # Each tile's buttons sit on one line ("Delete" does not wrap onto a line of its own).
    lines = page.locator("#grid .tile .actions").evaluate_all(
        "boxes => boxes.map(box => new Set([...box.children].map(b => b.offsetTop)).size)"
    )
    assert lines == [1, 1, 1]

    # Each tile's buttons are named with its photo.
    first = page.locator("#grid .tile").first
    expect(first.locator(".actions button").first).to_have_accessible_name(
        f"Move {names[0]} earlier"
    )
    expect(first.get_by_role("button", name=f"Hide {names[0]}")).to_have_count(1)

    # The preview: the first tile opens it; arrows move; Escape closes; focus comes back.
    tab_to(page, "#grid .tile:first-child .frame")
    expect(page.locator("#grid .tile:first-child .frame")).to_have_css("outline-style", "solid")
    page.keyboard.press("Enter")
    viewer = page.locator(".pswp")
    expect(viewer).to_have_accessible_name("Preview: the proofs as your clients see them")
    expect(page.locator(".pswp.is-ready")).to_be_visible()
    expect(page.locator(".pswp__counter")).to_have_text("1 / 3")
    record = page.locator(".photo-record")
    expect(record).to_contain_text(names[0])
    expect(record).to_contain_text("Original")
    expect(record).to_contain_text("Proof")
    expect(record).to_contain_text("Processed")
    proof = gallery.photos.get(filename=names[0])
    page.wait_for_function(
        """id => [...document.querySelectorAll('img.pswp__img')]
            .some(img => img.src.includes(id) && img.complete && img.naturalWidth > 0)""",
        arg=proof.pk,
    )
    page.screenshot(path=output_dir / "workspace-preview.png")
    problems = audit(page, "workspace-preview", output_dir)
    page.keyboard.press("ArrowRight")
    expect(page.locator(".pswp__counter")).to_have_text("2 / 3")
    expect(record).to_contain_text(names[1])
    page.keyboard.press("Escape")
    expect(viewer).to_have_count(0)
    assert focused(page, "#grid .tile:first-child .frame")

    # A new gallery is a draft: publish it, so the client sees the photos.
    tab_to(page, "#publish-button", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#publish-bar")).to_be_hidden()

    # A share link, from the Share button.
    tab_to(page, f"a[href$='/p/manage/{gallery.pk}/']", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/p/manage/**")
    tab_to(page, "#id_label")
    page.keyboard.type("Couple")
    page.keyboard.press("Enter")
    link = page.locator(".link-url")
    expect(link).to_have_count(1)
    url = link.input_value()

    # The client, in a browser of their own.
    client = watched_context(browser, viewport={"width": 1280, "height": 900})
    visitor = client.new_page()
    visitor.goto(url)
    tab_to(visitor, "#id_name")
    visitor.keyboard.type("Ada")
    tab_to(visitor, "#id_email", most=1)
    visitor.keyboard.type("ada@example.com")
    visitor.keyboard.press("Enter")
    expect(visitor.locator("#grid .shot")).to_have_count(3)
    client_ready(visitor)

    # Through the grid: the first photo shows its focus; its heart by Enter.
    tab_to(visitor, ".shot:first-child .open")
    ring = visitor.evaluate("() => getComputedStyle(document.activeElement, '::after').boxShadow")
    assert "inset" in ring
    tab_to(visitor, ".shot:first-child .fav", most=1)
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".shot:first-child .fav")).to_have_attribute("aria-pressed", "true")

    # The viewer, from the second photo: arrows, a favourite, Escape.
    tab_to(visitor, ".shot:nth-child(2) .open", most=2)
    visitor.keyboard.press("Enter")
    expect(visitor.locator(".pswp")).to_have_accessible_name("Photo viewer")
    expect(visitor.locator(".pswp.is-ready")).to_be_visible()
    expect(visitor.locator(".pswp__counter")).to_have_text("2 / 3")
    visitor.keyboard.press("ArrowRight")
    expect(visitor.locator(".pswp__counter")).to_have_text("3 / 3")
    favourite = visitor.locator(".viewer-action[data-action=favourite]")
    tab_to(visitor, ".viewer-action[data-action=favourite]")
    visitor.keyboard.press("Enter")
    expect(favourite).to_have_attribute("aria-pressed", "true")
    visitor.keyboard.press("Escape")
    expect(visitor.locator(".pswp")).to_have_count(0)
    expect(visitor.locator("#counter")).to_contain_text("2 chosen")

    # Send, a few stops away by the skip link rather than after every photo.
    tab_to(visitor, "a.skip-link[href='#selection-bar']", key="Shift+Tab")
    visitor.keyboard.press("Enter")
    assert tab_to(visitor, "#submit-button", most=4) <= 4
    visitor.keyboard.press("Enter")
    expect(visitor.locator("#submit-summary")).to_contain_text("2 favourites")
    tab_to(visitor, "#submit-confirm", most=3)
    visitor.keyboard.press("Enter")
    expect(visitor.locator("#sent-notice")).to_be_visible()
    expect(visitor.locator("#submit-button")).to_be_disabled()
    visitor.screenshot(path=output_dir / "client-sent-keyboard.png")
    client.close()
    assert client.csp_violations == [], "Content-Security-Policy violations"

    sent = Visitor.objects.get(email="ada@example.com")
    assert sent.is_locked
    gallery.refresh_from_db()  # published since it was read
    shown = [view.photo.pk for view in selectors.client_photos(gallery=gallery)]
    assert set(sent.favourites.values_list("photo_id", flat=True)) == {shown[0], shown[2]}
    assert problems == [], "\n".join(problems)
