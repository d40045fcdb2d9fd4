"""The hierarchy figure in a real Chromium: real text that fits its steps at 320 px in the Latin,
Cyrillic and Vietnamese scripts (the build estimates the widths; the browser's fonts decide),
links to the level pages, light, dark and print. Every language's names, and the current level's
highlight, are checked on the built HTML (tests/test_strings.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from build_tools import markup

from .expected import content, ui


def short_name(n: int, lang: str) -> str:
    return markup.to_plain(next(lv for lv in content().levels() if lv.level == n).short_name[lang])


# Each step's text box within its box (a path with a slanted edge), in the SVG's own units (so the
# rendering font counts).
OVERFLOW = """svg => [...svg.querySelectorAll('a.bsh-figure__step')].flatMap(a => {
  const r = a.querySelector('.bsh-figure__box').getBBox();
  return [...a.querySelectorAll('tspan')].map(t => {
    const b = t.getBBox();
    return (b.x < r.x || b.x + b.width > r.x + r.width || b.y < r.y || b.y + b.height > r.y + r.height)
      ? t.textContent : null;
  }).filter(Boolean);
})"""


def luminance(rgb: str) -> float:
    values = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(page: Page, level: int) -> tuple[str, str]:
    """The text colour and the background colour behind it, for one step."""
    return page.evaluate(
        """n => {
          const a = document.querySelector(`.bsh-figure a[href$="level-${n}.html"]`);
          const fill = getComputedStyle(a.querySelector('.bsh-figure__box')).fill;
          const text = getComputedStyle(a.querySelector('text')).fill;
          const bg = getComputedStyle(document.body).backgroundColor;
          return [text, /rgba\\(.*, 0\\)$/.test(fill) || fill === 'none' ? bg : fill];
        }""",
        level,
    )


@pytest.mark.parametrize("lang", ["en", "ru", "vi"])
def test_real_text_fits_at_320_px(page: Page, base_url: str, lang: str) -> None:
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("index.html", "levels/level-4.html"):
        page.goto(f"{base_url}{lang}/{path}")
        svg = page.locator("svg.bsh-figure__svg")
        expect(svg).to_have_count(1)
        box = svg.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert svg.evaluate(OVERFLOW) == [], path
        # Scaled to the phone, the names are still at least 12 px high.
        size = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width * 16")
        assert size >= 12
        assert page.evaluate("document.documentElement.scrollWidth") <= 320 + 8  # the header's own menu aside


def test_title_description_and_links_in_the_page_language(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/index.html")
    svg = page.locator("svg.bsh-figure__svg")
    expect(svg).to_have_accessible_name(ui("figure_title", lang))
    expect(svg).to_have_accessible_description(ui("figure_desc", lang))
    expect(svg.locator("text").filter(has_text=ui("chasm", lang))).to_have_count(1)
    for n in range(1, 6):
        link = svg.locator(f'a[href="levels/level-{n}.html"]')
        expect(link).to_have_accessible_name(f"{ui('level_n', lang, n=n)} {short_name(n, lang)}")
    svg.locator('a[href="levels/level-4.html"]').click()
    expect(page).to_have_url(f"{base_url}{lang}/levels/level-4.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contrast_in_light_and_dark(page: Page, base_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(f"{base_url}en/levels/level-3.html")
    page.mouse.move(0, 0)
    for n in range(1, 6):
        text, background = colours(page, n)
        assert contrast(text, background) >= 4.5, (n, text, background)
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (luminance(body) < 0.2) == (scheme == "dark")


def test_keyboard_focus_is_visible(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}en/index.html")
    link = page.locator('.bsh-figure a[href="levels/level-2.html"]')
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    width = link.evaluate("a => getComputedStyle(a.querySelector('.bsh-figure__box')).strokeWidth")
    assert float(width.rstrip("px")) >= 3
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}en/levels/level-2.html")


def test_prints_in_black_on_white(page: Page, base_url: str) -> None:
    page.emulate_media(color_scheme="dark", media="print")
    page.goto(f"{base_url}ru/levels/level-5.html")
    steps = page.locator(".bsh-figure a")
    fills = steps.evaluate_all("as => as.map(a => getComputedStyle(a.querySelector('.bsh-figure__box')).fill)")
    texts = steps.evaluate_all("as => as.map(a => getComputedStyle(a.querySelector('text')).fill)")
    assert set(texts) == {"rgb(0, 0, 0)"}
    assert sorted(set(fills)) == ["rgb(221, 221, 221)", "rgb(255, 255, 255)"]
