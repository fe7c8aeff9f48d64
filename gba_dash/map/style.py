"""How the map draws: the category palette and symbols, the basemap's style. Static markup
only; no data text reaches these strings."""

from __future__ import annotations

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; the symbol differs
# too, so colour is never the only cue.
PALETTE: dict[str, str] = {
    "science_city": "#0072B2",
    "ai_park": "#D55E00",
    "facility": "#009E73",
    "checkpoint": "#CC79A7",
    "context": "#E69F00",
}
SYMBOLS: dict[str, str] = {
    "science_city": '<circle cx="9" cy="9" r="7"/>',
    "ai_park": '<polygon points="9,1 16.6,5 16.6,13 9,17 1.4,13 1.4,5"/>',
    "facility": '<polygon points="9,1.5 17,16 1,16"/>',
    "checkpoint": '<rect x="2" y="2" width="14" height="14"/>',
    "context": '<polygon points="9,1 17,9 9,17 1,9"/>',
}
BASEMAP_STYLE: dict[str, dict] = {
    "land": {"fillColor": "#f4f1ea", "color": "#f4f1ea", "weight": 0, "fillOpacity": 1},
    "lake": {"fillColor": "#cfe3f2", "color": "#9cc3df", "weight": 0.5, "fillOpacity": 1},
    "coastline": {"color": "#7aa6c9", "weight": 1},
    "admin1_boundary": {"color": "#8c8c8c", "weight": 1, "dashArray": "4 3"},
    "admin0_boundary": {"color": "#555555", "weight": 1.5, "dashArray": "8 4"},
}
OWN_COLOUR = "#56B4E9"  # Okabe-Ito sky blue: apart from every category colour
# Drawn in the major names' style (larger, darker).
LABELLED_ALWAYS = ("science_city", "ai_park")
# The label placement's order (issue #26): the selected site (0), the science cities and the
# AI park, facilities, checkpoints, context places, then place names. One exception: the
# eleven cities' names come straight after the science cities, because a reader of the whole
# Greater Bay Area finds their way by them (districts and towns stay last). A label that
# would cover a higher one, a symbol or a control, or run past the map's edge, moves or hides.
LABEL_PRIORITY: dict[str, float] = {"science_city": 1, "ai_park": 1, "facility": 2, "checkpoint": 3, "context": 4}
PLACE_PRIORITY: dict[str, float] = {"1": 1.5, "2": 5}  # by the place's rank: cities, then districts


def symbol_svg(category: str, *, size: int = 18, selected: bool = False) -> str:
    """A small SVG symbol of a category (static markup, no data text)."""
    stroke = "#000" if selected else "#fff"
    width = 3 if selected else 1.5
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 18 18" '
        f'aria-hidden="true"><g fill="{PALETTE[category]}" stroke="{stroke}" stroke-width="{width}">'
        f"{SYMBOLS[category]}</g></svg>"
    )
