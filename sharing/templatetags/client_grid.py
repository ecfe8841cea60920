"""The client page's grid and state, rendered in one pass rather than per tile.

A 500-photo gallery's page spent most of its time in Django's `json_script` (its
`str.translate` with a mapping walks the state's hundreds of KB a character at a time) and
in a tile's template and include per photo; both are done here with plain string work.
"""

import json
from html import escape  # Django's escape is this, behind a lazy-string check per call

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gallery.templatetags.css_inline import css_url

register = template.Library()


def json_for_script(value) -> str:
    """`json.dumps` with `<`, `>` and `&` as JavaScript escapes: exactly what Django's
    `json_script` writes, with three `str.replace` rather than one `str.translate`."""
    text = json.dumps(value, cls=DjangoJSONEncoder)
    return text.replace(">", "\\u003E").replace("<", "\\u003C").replace("&", "\\u0026")


@register.filter
def state_script(value, element_id: str):
    """`{{ value|json_script:"id" }}`, the same element, fast on a large value."""
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(json_for_script(value)),  # noqa: S308 - the three unsafe characters are escaped
    )


_HEART = (
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M12 20.3s-7.6-4.6'
    "-9.2-9.3C1.7 7.6 3.9 4.3 7.3 4.3c2 0 3.4 1.1 4.7 2.8 1.3-1.7 2.7-2.8 4.7-2.8 3.4 0 5.6 3.3 "
    '4.5 6.7-1.6 4.7-9.2 9.3-9.2 9.3Z"/></svg>'
)
# The first tiles load at once; those further down wait until they near the screen.
_EAGER_TILES = 6


def _image(photo: dict, number: int) -> str:
    """A tile's image: the srcset's widths with the tile's sizes (sharing/tiles.py), in a
    <picture> when they are not JPEG, with the JPEG thumb for the rest; the thumb alone for
    photos processed before the widths."""
    srcset, kind = photo["srcset"], photo["srcset_type"]
    sources = f'srcset="{escape(srcset)}" sizes="{escape(photo["sizes"])}"'
    lazy = 'loading="lazy" ' if number > _EAGER_TILES else ""
    own = f" {sources}" if srcset and kind == "image/jpeg" else ""
    image = (
        f'<img src="{escape(photo["thumb"])}"{own}'
        f' alt="Photo {number}" width="{photo["width"]}" height="{photo["height"]}" '
        f'{lazy}decoding="async">'
    )
    if srcset and kind != "image/jpeg":
        return f'<picture><source type="{escape(kind)}" {sources}>{image}</picture>'
    return image


def tile_html(photo: dict, *, number: int, total: int, favourites: bool) -> str:
    """One tile of the grid (`static/sharing/grid.js` draws the same from `photo`)."""
    classes = "shot" + (" is-fav" if photo["favourite"] else "")
    classes += " has-notes" if photo["comments"] else ""
    placeholder = '<span class="ph"></span>' if photo["placeholder"] else ""
    heart = ""
    if favourites:
        pressed = "true" if photo["favourite"] else "false"
        heart = (
            f'\n<button type="button" class="fav" aria-pressed="{pressed}" '
            f'aria-label="Favourite photo {number}">\n{_HEART}\n</button>'
        )
    return (
        f'<figure class="{classes}" data-id="{escape(photo["id"])}">\n'
        f'<a class="open" href="{escape(photo["proof"])}" '
        f'aria-label="Open photo {number} of {total}">\n'
        f"{placeholder}\n{_image(photo, number)}\n</a>{heart}\n"
        '<span class="note-dot" aria-hidden="true"></span>\n</figure>\n'
    )


@register.simple_tag
def grid_tiles(tiles: list[dict], total: int, favourites: bool):
    """The tiles the server draws (the first screen's, signed), one string for them all;
    `total`: the gallery's photos, for each tile's "photo n of total"."""
    return mark_safe(  # noqa: S308 - every value is escaped in tile_html
        "".join(
            tile_html(photo, number=number, total=total, favourites=favourites)
            for number, photo in enumerate(tiles, start=1)
        )
    )


@register.simple_tag
def tile_template(favourites: bool):
    """An empty tile for grid.js to copy for the photos the server did not draw."""
    blank = {
        "id": "",
        "favourite": False,
        "comments": [],
        "placeholder": "x",
        "proof": "",
        "thumb": "",
        "srcset": "x",
        "srcset_type": "image/webp",
        "sizes": "",
        "width": 0,
        "height": 0,
    }
    html = tile_html(blank, number=_EAGER_TILES + 1, total=0, favourites=favourites)
    return mark_safe(html.replace(' srcset="x"', "").replace(' src=""', ""))  # noqa: S308


@register.simple_tag
def tile_styles(tiles: list[dict]):
    """Each drawn tile's ratio and placeholder, for the page's nonce'd <style> (the CSP
    refuses style attributes); grid.js sets the others' through the CSSOM."""
    rules = []
    for photo in tiles:
        selector = f'.shot[data-id="{escape(photo["id"])}"]'
        rules.append(f"\n    {selector} {{ --r: {photo['ratio']}; }}")
        if photo["placeholder"]:
            rules.append(
                f"\n    {selector} .ph {{ background-image: {css_url(photo['placeholder'])}; }}"
            )
    return mark_safe("".join(rules))  # noqa: S308 - ids are escaped, placeholders css_url'd
