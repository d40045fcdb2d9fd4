"""The hierarchy figure's layout: five positions on one escalator, with line breaks computed here.

The levels are not steps you keep: the figure draws them as stretches of one continuous ramp
whose left edge is a single slanted line, with a two-way arrow beside it (you can be carried up or
slip down), and the caption says so (``ui.figure_caption``).

Pure: takes the level pages and returns coordinates and wrapped lines that ``figure.html.j2``
writes as an inline SVG. SVG text does not wrap by itself, so the lines are broken here from an
estimate of each character's width; the estimate errs on the wide side so that the text never
overflows its step. The drawing is narrow (``WIDTH`` user units) so that, scaled to a 320 px
phone, the text is still about 14 px high.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from build_tools import markup
from build_tools.models import LevelPage

WIDTH = 320
"""Width of the drawing in user units."""
RAMP = 30
"""Room left of the ramp for the two-way arrow."""
SLOPE = 0.22
"""How far the ramp's left edge moves right per unit of height: one straight line, no steps."""
ARROW = 12
"""Distance of the two-way arrow from the ramp's edge."""
PAD = 12
"""Space between a step's edge and its text."""
LABEL_SIZE = 14
"""Font size of 'Level n'."""
NAME_SIZE = 16
"""Font size of the level's short name."""
LINE = 1.25
"""Line height, as a multiple of the font size."""
GAP = 6
"""Space between two steps."""
CHASM = 44
"""Height of the gap between levels 3 and 4."""

# Average advance widths in em of a sans-serif system font, rounded up. Unknown characters count
# as wide. Combining marks (Vietnamese tones when decomposed) take no space of their own.
_NARROW = set("iIjlft.,;:!|'’()[] -–")
_WIDE = set("mwMWЖШЩЮМДФЫжшщюмдфы@%")


def char_width(ch: str) -> float:
    """The estimated advance width of one character, in em."""
    if unicodedata.combining(ch):
        return 0.0
    if ch in _NARROW:
        return 0.32
    if ch in _WIDE:
        return 0.92
    if ch.isupper() or ch.isdigit():
        return 0.7
    if ch.isalpha():
        return 0.6
    return 0.7


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of ``text`` at font size ``size``, in user units."""
    width = sum(char_width(ch) for ch in unicodedata.normalize("NFC", text)) * size
    return width * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; a word too long for a line is split."""
    lines: list[str] = []
    current = ""
    width = max(width, text_width("M-", size, bold))  # at least one letter a line, or no line ever ends
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while len(word) > 1 and text_width(word, size, bold) > width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", size, bold) > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Step:
    """One level's stretch of the ramp: a box with a slanted left edge, linking to the level page."""

    level: int
    href: str
    """Site-relative URL of the level page."""
    label: str
    """'Level n' in the page's language."""
    lines: tuple[str, ...]
    """The short name, broken into lines."""
    x: float
    """Left edge at the top of the box (the ramp's edge is slanted: the text starts here)."""
    y: float
    width: float
    """From ``x`` to the right edge of the drawing."""
    height: float
    current: bool
    """The level of the page the figure is on."""
    bottom_x: float = 0.0
    """Left edge at the bottom of the box."""

    @property
    def outline(self) -> str:
        """The box as an SVG path: its left edge follows the ramp."""
        bottom = self.y + self.height
        return f"M{self.bottom_x:g} {bottom:g}L{self.x:g} {self.y:g}H{self.x + self.width:g}V{bottom:g}Z"

    @property
    def text_x(self) -> float:
        return self.x + PAD

    @property
    def label_y(self) -> float:
        return self.y + PAD + LABEL_SIZE

    def line_ys(self) -> list[float]:
        """The baseline of each line of the name."""
        first = self.label_y + NAME_SIZE * LINE
        return [first + i * NAME_SIZE * LINE for i in range(len(self.lines))]


@dataclass(frozen=True)
class Chasm:
    """The gap between levels 3 and 4."""

    y: float
    """Top of the gap."""
    height: float
    label: tuple[str, ...]
    x: float
    """Left end of the gap (level 3's left edge); it runs to the right edge of the drawing."""

    @property
    def label_x(self) -> float:
        return self.x + PAD

    @property
    def middle(self) -> float:
        return self.y + self.height / 2

    def line_ys(self) -> list[float]:
        """Baselines of the label's lines, centred in the gap."""
        step = LABEL_SIZE * LINE
        top = self.middle - step * (len(self.label) - 1) / 2 + LABEL_SIZE * 0.35
        return [top + i * step for i in range(len(self.label))]


@dataclass(frozen=True)
class Arrow:
    """The two-way arrow along the ramp: a line with a head at each end."""

    line: str
    heads: tuple[str, str]
    """SVG paths of the heads, at the top (up) and at the bottom (down)."""


def _arrow(x1: float, y1: float, x2: float, y2: float, size: float = 7.0) -> Arrow:
    """A two-way arrow from (x1, y1) at the bottom to (x2, y2) at the top."""
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux

    def head(tx: float, ty: float, sx: float, sy: float) -> str:
        bx, by = tx - sx * size * 1.4, ty - sy * size * 1.4
        return (
            f"M{tx:.1f} {ty:.1f}L{bx + nx * size:.1f} {by + ny * size:.1f}L{bx - nx * size:.1f} {by - ny * size:.1f}Z"
        )

    return Arrow(f"M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}", (head(x2, y2, ux, uy), head(x1, y1, -ux, -uy)))


@dataclass(frozen=True)
class Figure:
    """Everything the template draws."""

    width: float
    height: float
    steps: tuple[Step, ...]
    """From level 5 (top) down to level 1, the order a reader meets them."""
    chasm: Chasm | None
    arrow: Arrow | None = None
    label_size: int = LABEL_SIZE
    name_size: int = NAME_SIZE


def layout(levels: Sequence[LevelPage], lang: str, ui: Callable[..., str], current: int | None = None) -> Figure:
    """Lay out the figure for ``levels`` in ``lang``, highlighting level ``current`` if given.

    Args:
        levels: The level pages (any order; missing levels are left out).
        lang: The language code of the page.
        ui: The interface-string lookup of the page's language (``level_n``, ``chasm``).
        current: The level of the page the figure is on, if any.
    """
    ordered = sorted(levels, key=lambda lv: lv.level)
    has_chasm = any(lv.level == 3 for lv in ordered) and any(lv.level == 4 for lv in ordered)
    names = [markup.to_plain(lv.short_name[lang]) for lv in ordered]
    chasm_label = tuple(wrap(ui("chasm"), WIDTH - RAMP - 2 * PAD, LABEL_SIZE, bold=True))
    chasm_height = max(CHASM, len(chasm_label) * LABEL_SIZE * LINE + 2 * GAP)

    # Heights measured from the bottom; a box's text starts at the ramp's edge at its top, so its
    # width depends on the heights below it, and the common height on the widest wrap: settle both.
    most = 1
    for _ in range(4):
        height = 2 * PAD + LABEL_SIZE + most * NAME_SIZE * LINE + NAME_SIZE * 0.3
        spans: list[tuple[float, float]] = []  # (bottom, top), from the bottom of the drawing
        up = 0.0
        for lv in ordered:
            if spans:
                up += chasm_height - GAP if lv.level == 4 and has_chasm else 0
            spans.append((up, up + height))
            up += height + GAP
        lines = [
            tuple(wrap(name, WIDTH - (RAMP + SLOPE * top) - 2 * PAD, NAME_SIZE))
            for name, (_, top) in zip(names, spans, strict=True)
        ]
        settled = max((len(x) for x in lines), default=1)
        if settled <= most:
            break
        most = settled
    total = max(up - GAP, 0)

    def edge(from_bottom: float) -> float:
        return RAMP + SLOPE * from_bottom

    steps: list[Step] = []
    chasm: Chasm | None = None
    for lv, text, (bottom, top) in reversed(list(zip(ordered, lines, spans, strict=True))):
        if lv.level == 3 and has_chasm:
            gap_top = total - (top + chasm_height - GAP)
            chasm = Chasm(gap_top - GAP, chasm_height, chasm_label, edge(top + chasm_height / 2))
        steps.append(
            Step(
                level=lv.level,
                href=f"levels/level-{lv.level}.html",
                label=ui("level_n", n=lv.level),
                lines=text,
                x=edge(top),
                y=total - top,
                width=WIDTH - edge(top),
                height=height,
                current=lv.level == current,
                bottom_x=edge(bottom),
            )
        )
    arrow = _arrow(edge(0) - ARROW, total - 2, edge(total) - ARROW, 2) if ordered else None
    return Figure(WIDTH, total, tuple(steps), chasm, arrow)
