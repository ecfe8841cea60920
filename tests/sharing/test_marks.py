"""A client's proofing marks through the link: which the gallery shows, Lightroom's one
flag (pick or reject), the lock of a sent selection, the legend, replies, the webhook."""

import pytest

from core import events
from gallery import services as gallery_services
from sharing import marks, services
from sharing.marks import MarkFilter, PhotoMarks

from .conftest import api


def set_marks(browser, token, photo_id, **changes):
    return browser.post(api(token, "api_marks", photo_id), changes, content_type="application/json")


def client_state(browser, token) -> dict:
    return browser.get(api(token, "api_state")).json()


@pytest.fixture
def all_marks(gallery):
    services.mark_settings_update(
        gallery=gallery,
        show_labels=True,
        show_stars=True,
        show_reject=True,
        label_meanings={"green": "print", "yellow": " maybe ", "red": ""},
    )


def test_favourites_only_is_the_default_and_other_marks_are_refused(link, photos, join):
    _share, token = link
    ada = join(token)
    state = client_state(ada, token)
    assert {k: state["gallery"]["marks"][k] for k in ("labels", "stars", "reject")} == {
        "labels": False,
        "stars": False,
        "reject": False,
    }
    refused = set_marks(ada, token, photos[0].pk, label="green")
    assert refused.status_code == 403
    assert "Colour labels are switched off" in refused.json()["message"]
    assert set_marks(ada, token, photos[0].pk, favourite=True).status_code == 200


def test_marks_round_trip_and_the_legend(link, photos, join, all_marks):
    _share, token = link
    ada = join(token)
    answer = set_marks(ada, token, photos[0].pk, label="green", stars=4)
    assert answer.status_code == 200
    assert answer.json()["marks"] == {"label": "green", "stars": 4, "rejected": False}
    set_marks(ada, token, photos[1].pk, favourite=True)
    state = client_state(ada, token)
    by_id = {photo["id"]: photo for photo in state["photos"]}
    assert by_id[photos[0].pk]["marks"] == {"label": "green", "stars": 4, "rejected": False}
    assert by_id[photos[1].pk]["favourite"] is True
    legend = {item["label"]: item["meaning"] for item in state["gallery"]["marks"]["legend"]}
    assert legend == {"red": "", "yellow": "maybe", "green": "print", "blue": "", "purple": ""}
    # The same key again clears: the page sends the cleared value.
    assert set_marks(ada, token, photos[0].pk, label="", stars=0).json()["marks"]["stars"] == 0
    assert marks.visitor_marks(
        visitor=services.visitor_join(link=_share, name="Ada", email="ada@example.com")
    )[photos[1].pk] == PhotoMarks(favourite=True)


def test_a_pick_and_a_reject_exclude_each_other(link, photos, join, all_marks):
    _share, token = link
    ada = join(token)
    set_marks(ada, token, photos[0].pk, favourite=True)
    rejected = set_marks(ada, token, photos[0].pk, rejected=True).json()
    assert (rejected["favourite"], rejected["marks"]["rejected"]) == (False, True)
    assert rejected["favourites"] == 0
    picked = set_marks(ada, token, photos[0].pk, favourite=True).json()
    assert (picked["favourite"], picked["marks"]["rejected"]) == (True, False)
    # The old heart endpoint does the same.
    set_marks(ada, token, photos[1].pk, rejected=True)
    ada.post(api(token, "api_favourite", photos[1].pk))
    state = {p["id"]: p for p in client_state(ada, token)["photos"]}
    assert state[photos[1].pk]["marks"]["rejected"] is False


def test_bad_values_are_refused(link, photos, join, all_marks):
    _share, token = link
    ada = join(token)
    assert set_marks(ada, token, photos[0].pk, stars=6).status_code == 400
    assert set_marks(ada, token, photos[0].pk, stars="3").status_code == 400
    assert set_marks(ada, token, photos[0].pk, label="orange").status_code == 400
    assert set_marks(ada, token, photos[0].pk).status_code == 400
    assert set_marks(ada, token, "nope", stars=1).status_code == 404


def test_a_sent_selection_locks_every_mark(link, photos, join, all_marks):
    _share, token = link
    ada = join(token)
    set_marks(ada, token, photos[0].pk, favourite=True, stars=2)
    assert ada.post(api(token, "api_submit")).status_code == 200
    for change in ({"stars": 3}, {"label": "red"}, {"rejected": True}, {"favourite": False}):
        refused = set_marks(ada, token, photos[0].pk, **change)
        assert refused.status_code == 409, change
    state = {p["id"]: p for p in client_state(ada, token)["photos"]}
    assert state[photos[0].pk]["marks"]["stars"] == 2


def test_the_submitted_webhook_payload_carries_the_marks(link, photos, join, all_marks):
    _share, token = link
    ada = join(token)
    set_marks(ada, token, photos[0].pk, favourite=True)
    set_marks(ada, token, photos[1].pk, label="blue", stars=5)
    seen = []

    def listener(*, owner, name, payload):
        if name == "selection.submitted":
            seen.append(payload)

    events.subscribe(listener)
    try:
        ada.post(api(token, "api_submit"))
    finally:
        events._listeners.remove(listener)
    [payload] = seen
    assert [(m["filename"], m["favourite"], m["label"], m["stars"]) for m in payload["marks"]] == [
        (photos[0].filename, True, "", 0),
        (photos[1].filename, False, "blue", 5),
    ]


def test_the_photographer_replies_and_the_client_sees_it(link, photos, join):
    _share, token = link
    ada = join(token)
    ada.post(
        api(token, "api_comment", photos[0].pk), {"body": "Crop?"}, content_type="application/json"
    )
    [row] = marks.mark_rows(gallery=_share.gallery)
    services.comment_reply(comment=row.comments[0], body="Yes, square.")
    state = {p["id"]: p for p in client_state(ada, token)["photos"]}
    assert state[photos[0].pk]["comments"][0]["reply"] == "Yes, square."


def test_filters_add_up_and_the_winner_takes_disagreements(gallery, link, photos, join, all_marks):
    share, token = link
    ada = services.visitor_join(link=share, name="Ada", email="ada@example.com")
    mary = services.visitor_join(link=share, name="Mary", email="mary@example.com")
    services.mark_set(visitor=ada, photo=photos[0], label="green")
    services.mark_set(visitor=ada, photo=photos[1], stars=4)
    services.mark_set(visitor=ada, photo=photos[2], stars=2)
    services.mark_set(visitor=mary, photo=photos[0], label="red", stars=5)

    def taken(**criteria):
        rows = marks.mark_rows(gallery=gallery, mark_filter=MarkFilter(**criteria))
        return [(row.photo.pk, row.visitor.name) for row in rows]

    green_or_four = taken(labels=frozenset({"green"}), min_stars=4)
    assert green_or_four == [(photos[0].pk, "Ada"), (photos[0].pk, "Mary"), (photos[1].pk, "Ada")]
    assert taken(visitor_ids=frozenset({mary.pk})) == [(photos[0].pk, "Mary")]
    rows = marks.mark_rows(gallery=gallery)
    assert [r.visitor.name for r in marks.winning_rows(rows)] == ["Ada", "Ada", "Ada"]
    winners = marks.winning_rows(rows, winner_id=mary.pk)
    assert [(r.photo.pk, r.visitor.name) for r in winners][0] == (photos[0].pk, "Mary")
    [pair, *rest] = marks.visitors_compare(gallery=gallery, first=ada, second=mary)
    assert pair.differs and pair.second.label == "red"
    assert all(p.second == PhotoMarks() for p in rest)


def test_marks_are_listed_as_the_client_sees_the_photos_sets_first(
    gallery, link, photos, all_marks
):
    share, _token = link
    ada = services.visitor_join(link=share, name="Ada", email="ada@example.com")
    for photo in photos[:3]:
        services.mark_set(visitor=ada, photo=photo, stars=3)
    portraits = gallery_services.set_create(gallery=gallery, name="Portraits")
    gallery_services.photos_move_to_set(
        gallery=gallery, photo_ids=[photos[2].pk], photo_set=portraits
    )

    listed = [row.photo.pk for row in marks.mark_rows(gallery=gallery)]

    # The set's photo comes first, as on the client's page; then the others in order.
    assert listed == [photos[2].pk, photos[0].pk, photos[1].pk]
