"""Issue 11, must-show 1: clients mark photos as photographers cull (tap on a phone, every
Lightroom key on a desktop), filter by each mark and submit; the photographer sees both
clients' marks, compares them and exports the current filter."""

import csv
import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from gallery import services as gallery_services
from gallery.worker import LocalWorker
from sharing import marks, selectors, services
from sharing.models import Visitor
from tests.photos import import_photos

from .conftest import client_ready, watched_context

pytestmark = pytest.mark.e2e

NAMES = ["DSC_0001.jpg", "DSC_0002.jpg", "DSC_0003.jpg", "DSC_0004.jpg"]


@pytest.fixture
def marked_gallery(photographer, sample_paths):
    """Four real photos; every mark switched on; green means print."""
    gallery = gallery_services.gallery_create(owner=photographer, title="Harbour wedding")
    import_photos(gallery, sample_paths[:4], NAMES)
    LocalWorker().run_pending()
    services.mark_settings_update(
        gallery=gallery,
        show_labels=True,
        show_stars=True,
        show_reject=True,
        label_meanings={"green": "print", "yellow": "maybe"},
    )
    link = services.share_link_create(gallery=gallery, label="Family")
    views = selectors.client_photos(gallery=gallery)
    assert [v.photo.filename for v in views] == NAMES
    return gallery, selectors.share_link_token(link=link), [v.photo for v in views]


def join(page, token, name, email):
    page.goto(f"/p/{token}/")
    page.fill("#id_name", name)
    page.fill("#id_email", email)
    page.click("button:has-text('View the photos')")
    expect(page.locator("#grid .shot")).to_have_count(4)
    expect(page.locator("#marks[data-ready=true]")).to_be_visible()
    client_ready(page)


def filter_shows(page, name, count):
    chip = page.locator(f"[data-mark-filter='{name}']")
    chip.click()
    expect(chip.locator("[data-count]")).to_have_text(str(count))
    expect(page.locator("#grid .shot:visible")).to_have_count(count)


def has_class(tile, name, present=True):
    pattern = re.compile(rf"(^|\s){name}(\s|$)")
    if present:
        expect(tile).to_have_class(pattern)
    else:
        expect(tile).not_to_have_class(pattern)


def marks_of(email, photos):
    visitor = Visitor.objects.get(email=email)
    found = marks.visitor_marks(visitor=visitor)
    return [found.get(photo.pk, marks.PhotoMarks()) for photo in photos], visitor


def submit(page):
    page.click("#submit-button")
    page.click("#submit-confirm")
    expect(page.locator("#sent-notice")).to_be_visible()


def test_a_client_marks_by_tap_on_a_phone_filters_and_submits(
    phone_page, marked_gallery, output_dir
):
    gallery, token, photos = marked_gallery
    phone = phone_page
    errors = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    join(phone, token, "Ada", "ada@example.com")
    expect(phone.locator(".marks-legend")).to_contain_text("Green: print")
    tiles = phone.locator("#grid .shot")

    # On the grid, one tap for each kind of mark.
    tiles.nth(0).locator(".fav").tap()
    tiles.nth(1).locator(".fav").tap()
    tiles.nth(0).locator(".mark-stars").tap()
    tiles.nth(0).locator(".mark-stars").tap()
    expect(tiles.nth(0).locator(".mark-stars")).to_have_text("2★")
    tiles.nth(1).locator(".mark-label").tap()  # red, the first of Lightroom's colours
    expect(tiles.nth(1).locator(".mark-label")).to_have_class("mark-button mark-label mk-red")
    tiles.nth(3).locator(".mark-reject").tap()
    has_class(tiles.nth(3), "is-rejected")

    # In the viewer, one tap for every mark.
    tiles.nth(2).locator(".open").tap()
    expect(phone.locator(".pswp.is-ready")).to_be_visible()
    bar = phone.locator(".viewer-marks")
    bar.locator("[data-stars='4']").tap()
    bar.locator("[data-label='green']").tap()
    expect(bar.locator("[data-label='green']")).to_have_attribute("aria-pressed", "true")
    expect(bar.locator("[data-stars='4']")).to_have_attribute("aria-pressed", "true")
    phone.locator(".pswp__button--close").tap()
    expect(phone.locator(".pswp")).to_have_count(0)

    # Every filter, with its count.
    filter_shows(phone, "favourite", 2)
    filter_shows(phone, "label:red", 1)
    filter_shows(phone, "label:green", 1)
    filter_shows(phone, "label:blue", 0)
    filter_shows(phone, "stars3", 1)
    filter_shows(phone, "rejected", 1)
    filter_shows(phone, "unmarked", 0)
    filter_shows(phone, "all", 4)
    phone.screenshot(path=output_dir / "client-marks-phone.png", full_page=True)

    submit(phone)
    # Sent: every mark is locked.
    tiles.nth(2).locator(".mark-reject").tap()
    expect(phone.locator("#toast")).to_contain_text("selection is sent")
    found, visitor = marks_of("ada@example.com", photos)
    assert visitor.is_locked
    assert found == [
        marks.PhotoMarks(favourite=True, stars=2),
        marks.PhotoMarks(favourite=True, label="red"),
        marks.PhotoMarks(label="green", stars=4),
        marks.PhotoMarks(rejected=True),
    ]
    assert errors == []


def press_on(page, tile, *keys):
    tile.hover()
    for key in keys:
        page.keyboard.press(key)


def test_a_second_client_marks_by_every_key_and_the_photographer_compares_and_exports(
    browser, live_server, page, marked_gallery, photographer, sign_in, output_dir, tmp_path
):
    gallery, token, photos = marked_gallery
    # The first client (marked on a phone in the test above) sent these.
    ada = services.visitor_join(link=gallery.share_links.get(), name="Ada", email="ada@example.com")
    services.mark_set(visitor=ada, photo=photos[0], favourite=True, stars=2)
    services.mark_set(visitor=ada, photo=photos[2], label="green", stars=4)
    services.selection_submit(visitor=ada)

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    join(page, token, "Grace", "grace@example.com")
    tiles = page.locator("#grid .shot")
    stars = lambda n: tiles.nth(n).locator(".mark-stars")  # noqa: E731
    label = lambda n: tiles.nth(n).locator(".mark-label")  # noqa: E731

    # The help overlay lists the keys.
    page.keyboard.press("?")
    expect(page.locator("#marks-help")).to_be_visible()
    expect(page.locator("#marks-help")).to_contain_text("Red, yellow, green, blue")
    page.keyboard.press("Escape")
    expect(page.locator("#marks-help")).to_be_hidden()

    # Every key on the grid: stars 1-5, 0 and the same key again; colours 6-9, same again.
    for key in "12345":
        press_on(page, tiles.nth(0), key)
        expect(stars(0)).to_have_text(f"{key}★")
    press_on(page, tiles.nth(0), "0")
    expect(stars(0)).to_have_text("☆")
    press_on(page, tiles.nth(0), "3", "3")
    expect(stars(0)).to_have_text("☆")
    for key, colour in zip("6789", ["red", "yellow", "green", "blue"], strict=True):
        press_on(page, tiles.nth(1), key)
        expect(label(1)).to_have_class(f"mark-button mark-label mk-{colour}")
    press_on(page, tiles.nth(1), "9")
    expect(label(1)).to_have_class("mark-button mark-label")
    # P favourite, X reject (takes the pick away), U clears the flag; P again clears.
    press_on(page, tiles.nth(2), "p")
    has_class(tiles.nth(2), "is-fav")
    press_on(page, tiles.nth(2), "x")
    has_class(tiles.nth(2), "is-rejected")
    has_class(tiles.nth(2), "is-fav", present=False)
    press_on(page, tiles.nth(2), "u")
    has_class(tiles.nth(2), "is-rejected", present=False)
    press_on(page, tiles.nth(2), "p")
    has_class(tiles.nth(2), "is-fav")
    press_on(page, tiles.nth(2), "p")
    has_class(tiles.nth(2), "is-fav", present=False)

    # In the viewer the keys mark the photo shown; typing a comment fires none of them.
    tiles.nth(3).locator(".open").click()
    expect(page.locator(".pswp.is-ready")).to_be_visible()
    page.keyboard.press("p")
    page.keyboard.press("5")
    page.keyboard.press("8")
    bar = page.locator(".viewer-marks")
    expect(bar.locator("[data-label='green']")).to_have_attribute("aria-pressed", "true")
    page.locator(".viewer-action[data-action=comment]").click()
    page.fill("#comment-body", "")
    page.keyboard.type("x 0 u 6 p")
    expect(page.locator("#comment-body")).to_have_value("x 0 u 6 p")
    page.click("#comment-form button")
    expect(page.locator("#comment-list")).to_contain_text("x 0 u 6 p")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.locator(".pswp")).to_have_count(0)
    press_on(page, tiles.nth(1), "7")  # Grace: photo 2 yellow

    filter_shows(page, "favourite", 1)
    filter_shows(page, "label:yellow", 1)
    filter_shows(page, "label:green", 1)
    filter_shows(page, "stars3", 1)
    filter_shows(page, "rejected", 0)
    filter_shows(page, "unmarked", 2)
    filter_shows(page, "all", 4)
    page.screenshot(path=output_dir / "client-marks-desktop.png", full_page=True)
    submit(page)
    found, grace = marks_of("grace@example.com", photos)
    assert found == [
        marks.PhotoMarks(),
        marks.PhotoMarks(label="yellow"),
        marks.PhotoMarks(),
        marks.PhotoMarks(favourite=True, label="green", stars=5),
    ]
    assert grace.is_locked and errors == []

    # The photographer sees both clients' marks, compares them and exports.
    studio = watched_context(
        browser, viewport={"width": 1280, "height": 900}, base_url=live_server.url,
        accept_downloads=True,
    )  # fmt: skip
    desk = studio.new_page()
    sign_in(desk, photographer)
    desk.goto(f"/p/manage/{gallery.pk}/selections/")
    desk.click("#marks-link")
    table = desk.locator("#marks-table")
    expect(table.locator("thead")).to_contain_text("Ada")
    expect(table.locator("thead")).to_contain_text("Grace")
    expect(table.locator("tr[data-photo='DSC_0003.jpg']")).to_contain_text("4★")
    desk.select_option("#compare-a", ada.pk)
    desk.select_option("#compare-b", grace.pk)
    desk.click("#compare-button")
    expect(desk.locator("#disagreements")).to_contain_text("4 photos where Ada and Grace disagree")
    expect(desk.locator("#compare-table tr.differs")).to_have_count(4)
    desk.screenshot(path=output_dir / "photographer-marks-compare.png", full_page=True)

    # Filter "green or 4+ stars", everyone, Grace's marks winning; export it.
    desk.check("input[name=label][value=green]")
    desk.select_option("#min-stars", "4")
    desk.select_option("#winner", grace.pk)
    desk.click("#apply-filter")
    expect(desk.locator("#marks-table tbody tr")).to_have_count(2)
    expect(desk.locator("#lightroom-marks")).to_have_value("DSC_0003, DSC_0004")
    with desk.expect_download() as download:
        desk.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [(r["filename"], r["name"], r["colour"], r["stars"]) for r in rows] == [
        ("DSC_0003.jpg", "Ada", "green", "4"),
        ("DSC_0004.jpg", "Grace", "green", "5"),
    ]
    with desk.expect_download() as download:
        desk.click("#export-xmp")
    archive = zipfile.ZipFile(download.value.path())
    assert sorted(archive.namelist()) == ["DSC_0003.xmp", "DSC_0004.xmp"]
    assert 'xmp:Rating="5"' in archive.read("DSC_0004.xmp").decode()

    # The photographer answers Grace's comment; she sees the reply on that photo.
    desk.fill("textarea[name=reply]", "Yes: printing it 30x45.")
    desk.click(".reply-form button")
    expect(desk.locator(".messages")).to_contain_text("Reply saved")
    studio.close()
    assert studio.csp_violations == []
    page.reload()
    expect(page.locator("#marks[data-ready=true]")).to_be_visible()
    client_ready(page)
    tiles.nth(3).locator(".open").click()
    page.locator(".viewer-action[data-action=comment]").click()
    expect(page.locator("#comment-list")).to_contain_text("Your photographer: Yes: printing it")
