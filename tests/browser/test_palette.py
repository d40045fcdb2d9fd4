"""The light/dark toggle (our script, docs/overrides/partials/javascripts/palette.html): right
from the first paint, cycles and remembers the choice, follows the system, works by keyboard.
Material's bundle is blocked in most of these tests: the toggle must not need it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

PAGE = "en/levels/level-2.html"
SCHEMES = {
    "auto": "(prefers-color-scheme)",
    "light": "(prefers-color-scheme: light)",
    "dark": "(prefers-color-scheme: dark)",
}


@pytest.fixture(params=["light", "dark"])
def system(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def no_bundle(browser: Browser, system: str) -> Iterator[Page]:
    ctx = browser.new_context(color_scheme=system)  # type: ignore[arg-type]
    ctx.route(re.compile(r".*/javascripts/bundle\.[^/]*\.js$"), lambda route: route.abort())
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert errors == []


def body(page: Page) -> dict[str, str | None]:
    return {key: page.locator("body").get_attribute(f"data-md-color-{key}") for key in ("media", "scheme")}


def test_colours_follow_the_system_from_the_first_paint(no_bundle: Page, base_url: str, system: str) -> None:
    page = no_bundle
    # Before any script but the inline ones: the attributes are set while the page is parsed.
    page.goto(f"{base_url}{PAGE}", wait_until="domcontentloaded")
    assert body(page) == {"media": SCHEMES["auto"], "scheme": "slate" if system == "dark" else "default"}
    assert page.locator('meta[name="color-scheme"]').get_attribute("content") == system
    # One button shows: the one that switches to the next choice.
    expect(page.locator("[data-bsh-palette] label:visible")).to_have_count(1)
    expect(page.locator("[data-bsh-palette] label:visible")).to_have_attribute("for", "__palette_1")


def test_the_trimmed_palette_stylesheet_still_colours_the_header(no_bundle: Page, base_url: str, system: str) -> None:
    """Material's indigo, in both schemes (palettecss.py keeps only the site's colours)."""
    no_bundle.goto(f"{base_url}{PAGE}")
    header = no_bundle.locator("header.md-header")
    expect(header).to_have_css("background-color", "rgb(64, 81, 181)")
    link = no_bundle.locator("article p a[href]").first
    expected = "rgb(84, 136, 232)" if system == "dark" else "rgb(64, 81, 181)"  # slate's indigo links
    expect(link).to_have_css("color", expected)


def test_toggle_cycles_and_the_choice_is_kept(no_bundle: Page, base_url: str, system: str) -> None:
    page = no_bundle
    page.goto(f"{base_url}{PAGE}")
    toggle = page.locator("[data-bsh-palette] label:visible")
    seen = []
    for _ in range(3):
        toggle.click()
        seen.append(body(page))
    assert seen == [
        {"media": SCHEMES["light"], "scheme": "default"},
        {"media": SCHEMES["dark"], "scheme": "slate"},
        {"media": SCHEMES["auto"], "scheme": "slate" if system == "dark" else "default"},
    ]
    toggle.click()  # light, then a new page in the same scope keeps it
    page.goto(f"{base_url}en/index.html")
    assert body(page) == {"media": SCHEMES["light"], "scheme": "default"}
    stored = page.evaluate("() => Object.entries(localStorage).find(([k]) => k.endsWith('.__palette'))[1]")
    assert json.loads(stored)["index"] == 1  # Material's format: {index, color}


def test_the_choice_carries_over_to_the_other_languages(no_bundle: Page, base_url: str, system: str) -> None:
    page = no_bundle
    page.goto(f"{base_url}{PAGE}")
    toggle = page.locator("[data-bsh-palette] label:visible")
    other = "light" if system == "dark" else "dark"
    while body(page)["media"] != SCHEMES[other]:
        toggle.click()
    for lang in ("ru", "vi", "id"):
        page.goto(f"{base_url}{lang}/levels/level-2.html")
        assert body(page)["media"] == SCHEMES[other], lang
    keys = page.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith('.__palette'))")
    assert keys == ["/training/buy-sell/.__palette"]  # one for the site, under its sub-path


def test_auto_follows_a_system_change(no_bundle: Page, base_url: str, system: str) -> None:
    page = no_bundle
    page.goto(f"{base_url}{PAGE}")
    other = "light" if system == "dark" else "dark"
    page.emulate_media(color_scheme=other)  # type: ignore[arg-type]
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if other == "dark" else "default")
    expect(page.locator('meta[name="color-scheme"]')).to_have_attribute("content", other)


def test_enter_switches_and_keeps_the_focus(no_bundle: Page, base_url: str) -> None:
    page = no_bundle
    page.goto(f"{base_url}{PAGE}")
    page.locator("[data-bsh-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert body(page)["media"] == SCHEMES["light"]
    assert page.evaluate("document.activeElement.id") == "__palette_1"


def test_material_does_not_run_a_second_palette(page: Page, base_url: str) -> None:
    """With the bundle running, the toggle still switches once per click, and Material has not
    added palette metas of its own."""
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_function("() => document.documentElement.classList.contains('js') && window.document$ !== undefined")
    page.locator("[data-bsh-palette] label:visible").click()
    assert body(page)["media"] == SCHEMES["light"]
    expect(page.locator('meta[name="color-scheme"]')).to_have_count(1)
    expect(page.locator('meta[name="theme-color"]')).to_have_count(1)


@pytest.mark.parametrize("width", [412, 1400])
def test_until_the_bundle_runs_the_page_keeps_materials_no_js_layout(
    no_bundle: Page, base_url: str, width: int
) -> None:
    """partials/early.html marks <html> "js" before the content (Material's own change would
    restyle every element); until the bundle runs, data-bsh-pending keeps the no-JavaScript
    layout: no search, sidebars at their natural height. Here the bundle never loads."""
    page = no_bundle
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}{PAGE}")
    page.wait_for_timeout(300)
    expect(page.locator("html")).to_have_attribute("data-bsh-pending", "")
    expect(page.locator(".md-search")).to_be_hidden()
    expect(page.locator('.md-header__button[for="__search"]')).to_be_hidden()
    if width > 1220:  # both sidebars shown: at their content's height, not Material's 0
        for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
            assert page.locator(sidebar).evaluate("e => e.getBoundingClientRect().height") > 100, sidebar
    expect(page.locator("[data-bsh-palette] label:visible")).to_have_count(1)


def test_once_the_bundle_runs_search_works_and_the_mark_is_gone(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{PAGE}")
    expect(page.locator("html")).not_to_have_attribute("data-bsh-pending", "")
    expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    page.locator(".md-search__input").fill("customer")
    page.locator(".md-search__input").press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("stored", ['{"index":0.5}', '{"index":"1"}', '{"index":7}', "[1]", '"dark"', "{"])
def test_a_stored_choice_that_is_not_one_keeps_the_toggle(browser: Browser, base_url: str, stored: str) -> None:
    ctx = browser.new_context()
    ctx.add_init_script(
        f"Object.keys(localStorage).length || localStorage.setItem('/training/buy-sell/en/.__palette', {stored!r})"
    )
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{base_url}{PAGE}")
        expect(page.locator("[data-bsh-palette] label:visible")).to_have_count(1)
        page.locator("[data-bsh-palette] label:visible").click()
        assert body(page)["media"] in SCHEMES.values()
    finally:
        ctx.close()
    assert errors == []
