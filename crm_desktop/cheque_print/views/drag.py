"""The designer's mouse arithmetic, in millimetres (no Qt): which part of a field a point is on,
and where a field goes when that part is dragged by (dx, dy), snapped to the grid.

Parts: ``"box"`` (move the field, its second line too), ``"line2"`` (move the second line only),
a handle of the box (``"tl" "t" "tr" "r" "br" "b" "bl" "l"``), of a line (``"start"``,
``"end"``) or of the second line (``"l2l"``, ``"l2r"``). Coordinates are the leaf's own: x from
the leaf's left edge, y from its top, as printed.
"""

from __future__ import annotations

from dataclasses import replace

from crm_desktop.cheque_print.model import Field

MIN_SIDE = 1.0  # mm: a box dragged smaller stops here
SNAP = 0.5  # mm: the grid a dragged edge snaps to
BOX_HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


def snap(value: float, step: float | None) -> float:
    """``value`` on the grid of ``step`` mm (None: to 0.1 mm, the properties' precision)."""
    step = step or 0.1
    return round(round(value / step) * step, 3)


def handles(f: Field) -> dict[str, tuple[float, float]]:
    """Every handle of a field at its point (mm)."""
    if f.kind == "line":
        return {"start": (f.x, f.y), "end": (f.x + f.w, f.y + f.h)}
    x, y, w, h = f.x, f.y, f.w, f.h
    points = {"tl": (x, y), "t": (x + w / 2, y), "tr": (x + w, y), "r": (x + w, y + h / 2),
              "br": (x + w, y + h), "b": (x + w / 2, y + h), "bl": (x, y + h), "l": (x, y + h / 2)}
    if f.line2:
        lx, ly, lw = f.line2
        points.update(l2l=(lx, ly + h / 2), l2r=(lx + lw, ly + h / 2))
    return points


def _distance_to_segment(px, py, ax, ay, bx, by) -> float:
    vx, vy = bx - ax, by - ay
    length = vx * vx + vy * vy
    t = 0.0 if not length else max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / length))
    cx, cy = ax + t * vx, ay + t * vy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def part_at(f: Field, x: float, y: float, tolerance: float) -> str | None:
    """The part of ``f`` under (x, y) mm, handles not included (see ``handle_at``)."""
    if f.kind == "line":
        near = _distance_to_segment(x, y, f.x, f.y, f.x + f.w, f.y + f.h) <= tolerance
        return "box" if near else None
    if f.x <= x <= f.x + f.w and f.y <= y <= f.y + f.h:
        return "box"
    if f.line2:
        lx, ly, lw = f.line2
        if lx <= x <= lx + lw and ly <= y <= ly + f.h:
            return "line2"
    return None


def handle_at(f: Field, x: float, y: float, tolerance: float) -> str | None:
    for name, (hx, hy) in handles(f).items():
        if abs(hx - x) <= tolerance and abs(hy - y) <= tolerance:
            return name
    return None


def dragged(f: Field, part: str, dx: float, dy: float, step: float | None) -> Field:
    """``f`` with ``part`` dragged by (dx, dy) mm; the edges moved land on the grid."""
    if part == "box":
        ax, ay = snap(f.x + dx, step) - f.x, snap(f.y + dy, step) - f.y
        moved = f.moved(ax, ay)
        return replace(moved, x=round(moved.x, 3), y=round(moved.y, 3),
                       line2=tuple(round(v, 3) for v in moved.line2) if moved.line2 else None)
    if part == "line2" and f.line2:
        lx, ly, lw = f.line2
        return replace(f, line2=(snap(lx + dx, step), snap(ly + dy, step), lw))
    if part in ("l2l", "l2r") and f.line2:
        lx, ly, lw = f.line2
        if part == "l2l":
            left = min(snap(lx + dx, step), lx + lw - MIN_SIDE)
            return replace(f, line2=(left, ly, round(lx + lw - left, 3)))
        right = max(snap(lx + lw + dx, step), lx + MIN_SIDE)
        return replace(f, line2=(lx, ly, round(right - lx, 3)))
    if part == "start":
        x, y = snap(f.x + dx, step), snap(f.y + dy, step)
        return replace(f, x=x, y=y, w=round(f.x + f.w - x, 3), h=round(f.y + f.h - y, 3))
    if part == "end":
        return replace(f, w=round(snap(f.x + f.w + dx, step) - f.x, 3), h=round(snap(f.y + f.h + dy, step) - f.y, 3))
    if part not in BOX_HANDLES:
        return f
    left, top, right, bottom = f.x, f.y, f.x + f.w, f.y + f.h
    if "l" in part:
        left = min(snap(left + dx, step), right - MIN_SIDE)
    if "r" in part:
        right = max(snap(right + dx, step), left + MIN_SIDE)
    if "t" in part:
        top = min(snap(top + dy, step), bottom - MIN_SIDE)
    if "b" in part:
        bottom = max(snap(bottom + dy, step), top + MIN_SIDE)
    return replace(f, x=round(left, 3), y=round(top, 3), w=round(right - left, 3), h=round(bottom - top, 3))
