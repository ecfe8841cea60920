"""How big a tile of the client's grid is drawn, for its image's `sizes`.

The grid (`static/sharing/client.css`, `.jgrid`) lays photos out in justified rows: a tile
starts at its ratio x the row height and grows with its row. `sizes` says that start,
with room for the usual growth, so the browser picks from the srcset before layout; a tile
stretched further asks again once laid out (`static/sharing/tiles.js`).
"""

import functools

# (min-width of the viewport in px, or 0; the row height there in px), widest first: the
# same breakpoints and heights as `.jgrid` in client.css.
ROW_HEIGHTS = ((1100, 200), (600, 170), (0, 118))
# How far a tile usually grows past its starting width to fill its row.
ROW_GROWTH = 1.3


@functools.lru_cache(maxsize=512)
def tile_sizes(ratio: float) -> str:
    """The `sizes` of a tile of this aspect ratio (width / height); a gallery's photos share
    a few ratios, so each is worked out once."""
    parts = []
    for min_width, row in ROW_HEIGHTS:
        width = f"{max(1, round(ratio * row * ROW_GROWTH))}px"
        parts.append(f"(min-width: {min_width}px) {width}" if min_width else width)
    return ", ".join(parts)
