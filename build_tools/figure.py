"""The hierarchy figure's layout: five ascending steps, with line breaks computed here.

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
INDENT = 24
"""How far each step starts to the right of the one below it."""
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
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while text_width(word, size, bold) > width:
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
    """One level's step: a box with a link to the level page."""

    level: int
    href: str
    """Site-relative URL of the level page."""
    label: str
    """'Level n' in the page's language."""
    lines: tuple[str, ...]
    """The short name, broken into lines."""
    x: float
    y: float
    width: float
    height: float
    current: bool
    """The level of the page the figure is on."""

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
class Figure:
    """Everything the template draws."""

    width: float
    height: float
    steps: tuple[Step, ...]
    """From level 5 (top) down to level 1, the order a reader meets them."""
    chasm: Chasm | None
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
    steps_data = []
    for lv in ordered:
        x = (lv.level - 1) * INDENT
        width = WIDTH - x
        name = markup.to_plain(lv.short_name[lang])
        lines = tuple(wrap(name, width - 2 * PAD, NAME_SIZE))
        steps_data.append((lv, x, width, lines))
    most = max((len(lines) for *_, lines in steps_data), default=1)
    height = 2 * PAD + LABEL_SIZE + most * NAME_SIZE * LINE + NAME_SIZE * 0.3
    chasm_x = 2 * INDENT
    chasm_label = tuple(wrap(ui("chasm"), WIDTH - chasm_x - 2 * PAD, LABEL_SIZE, bold=True))
    chasm_height = max(CHASM, len(chasm_label) * LABEL_SIZE * LINE + 2 * GAP)
    has_chasm = any(lv.level == 3 for lv in ordered) and any(lv.level == 4 for lv in ordered)

    y = 0.0
    steps: list[Step] = []
    chasm: Chasm | None = None
    for lv, x, width, lines in reversed(steps_data):
        if lv.level == 3 and has_chasm:
            chasm = Chasm(y - GAP, chasm_height, chasm_label, chasm_x)
            y += chasm_height - GAP
        steps.append(
            Step(
                level=lv.level,
                href=f"levels/level-{lv.level}.html",
                label=ui("level_n", n=lv.level),
                lines=lines,
                x=x,
                y=y,
                width=width,
                height=height,
                current=lv.level == current,
            )
        )
        y += height + GAP
    return Figure(WIDTH, max(y - GAP, 0), tuple(steps), chasm)
