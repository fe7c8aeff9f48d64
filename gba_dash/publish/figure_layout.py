"""Where the map figure's names go: the map's label rules (``map/js/gba-layout.js``) in Python.

Pure geometry on boxes in the figure's pixels: co-located symbols fanned out round their
shared point, then every name placed greedily, the highest priority first, on the first spot
that stays inside the map and clears the names placed before it and every symbol but its
own; a name with no such spot is left out, as the page leaves it out. No matplotlib here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # the bottom edge: matplotlib's pixels grow upwards
    w: float
    h: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        return (
            self.x < other.x + other.w + pad
            and other.x < self.x + self.w + pad
            and self.y < other.y + other.h + pad
            and other.y < self.y + self.h + pad
        )

    def inside(self, frame: Box) -> bool:
        return (
            self.x >= frame.x
            and self.y >= frame.y
            and self.x + self.w <= frame.x + frame.w
            and self.y + self.h <= frame.y + frame.h
        )


@dataclass(frozen=True)
class Item:
    """One name to place: its owner (a site id, or a place's), its point, its text's size,
    the symbol's radius (0: a place name, centred on its point), its priority (lower first)
    and whether it may lie over lower-ranked symbols when nothing else is free (``over``)."""

    owner: str
    x: float
    y: float
    w: float
    h: float
    r: float
    priority: float
    over: bool = False


@dataclass(frozen=True)
class Obstacle:
    box: Box
    owner: str | None = None
    priority: float | None = None


def candidates(item: Item) -> list[tuple[str, Box]]:
    """The spots tried for a name, in order (as the page tries them): right of its symbol,
    left, above, below, then the four corners; a place name on its point, then above, below,
    right, left. ``(where, box)``; the text's anchor is the box's lower-left corner."""
    w, h, x, y = item.w, item.h, item.x, item.y
    if item.r <= 0:
        return [
            ("centre", Box(x - w / 2, y - h / 2, w, h)),
            ("above", Box(x - w / 2, y + 2, w, h)),
            ("below", Box(x - w / 2, y - h - 2, w, h)),
            ("right", Box(x + 4, y - h / 2, w, h)),
            ("left", Box(x - 4 - w, y - h / 2, w, h)),
        ]
    r, gap = item.r, item.r + 3
    return [
        ("right", Box(x + gap, y - h / 2, w, h)),
        ("left", Box(x - gap - w, y - h / 2, w, h)),
        ("above", Box(x - w / 2, y + gap, w, h)),
        ("below", Box(x - w / 2, y - gap - h, w, h)),
        ("above-right", Box(x - r, y + gap, w, h)),
        ("above-left", Box(x + r - w, y + gap, w, h)),
        ("below-right", Box(x - r, y - gap - h, w, h)),
        ("below-left", Box(x + r - w, y - gap - h, w, h)),
    ]


def place_all(items: list[Item], *, frame: Box, obstacles: list[Obstacle], pad: float = 2.0) -> list[Box | None]:
    """Each item's box, or None where it found no room; in the items' order.

    Within one priority the names with the fewest spots inside the frame go first (a name by
    the edge has fewer ways out). An ``over`` name that finds no clear spot may, in a second
    round, cover the symbols of sites ranked below it, never another name or a higher symbol."""
    room = [sum(box.inside(frame) for _, box in candidates(item)) for item in items]
    order = sorted(range(len(items)), key=lambda i: (items[i].priority, room[i], i))
    placed: list[Box] = []
    out: list[Box | None] = [None] * len(items)
    for i in order:
        item = items[i]
        for round_ in range(2 if item.over else 1):
            hit = next(
                (
                    box
                    for _, box in candidates(item)
                    if box.inside(frame)
                    and not any(box.overlaps(p, pad) for p in placed)
                    and not any(_blocks(o, box, item, second=bool(round_)) for o in obstacles)
                ),
                None,
            )
            if hit is not None:
                placed.append(hit)
                out[i] = hit
                break
    return out


def _blocks(o: Obstacle, box: Box, item: Item, *, second: bool) -> bool:
    if o.owner is not None and o.owner == item.owner:
        return False
    if second and o.priority is not None and o.priority > item.priority:
        return False
    return box.overlaps(o.box)


def fan_out(points: list[tuple[str, float, float]], *, near: float, spacing: float) -> dict[str, tuple[float, float]]:
    """Symbols closer than ``near`` pixels, chained, share a point: each such group is spread
    on a circle round its centre (as the page's map does), so every symbol can be seen.
    ``points``: (key, x, y); returns {key: (x, y)} for the moved symbols."""
    parent = list(range(len(points)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, xi, yi) in enumerate(points):
        for j in range(i + 1, len(points)):
            _, xj, yj = points[j]
            if (xi - xj) ** 2 + (yi - yj) ** 2 < near * near:
                parent[find(j)] = find(i)
    groups: dict[int, list[tuple[str, float, float]]] = {}
    for i, p in enumerate(points):
        groups.setdefault(find(i), []).append(p)
    moved: dict[str, tuple[float, float]] = {}
    for members in groups.values():
        n = len(members)
        if n < 2:
            continue
        members.sort(key=lambda p: p[0])  # a stable order round the circle
        cx = sum(p[1] for p in members) / n
        cy = sum(p[2] for p in members) / n
        radius = max(spacing * 0.75, spacing * n / (2 * math.pi))
        for k, (key, _, _) in enumerate(members):
            # Two sit left and right (their names then run outwards); more go round from the top.
            angle = math.pi * (1 - k) if n == 2 else math.pi / 2 - 2 * math.pi * k / n
            moved[key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return moved


def scale_length_km(width_km: float) -> float:
    """A round scale bar length (1, 2 or 5 times a power of ten) near a fifth of the map's width."""
    target = max(width_km / 5, 1e-3)
    power = 10 ** math.floor(math.log10(target))
    return max(step * power for step in (1, 2, 5) if step * power <= target)


def wrap(text: str, width: float, measure) -> list[str]:
    """``text`` broken into lines no wider than ``width`` by ``measure(str) -> width``: at
    spaces where there are any, else (Chinese, a link) between any two characters."""
    tokens: list[str] = []
    for word in text.split(" "):
        if tokens:
            tokens.append(" ")
        if measure(word) <= width:
            tokens.append(word)
        else:
            tokens.extend(word)  # a word wider than the line, or Chinese: by character
    lines, line = [], ""
    for token in tokens:
        if line and measure(line + token) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines
