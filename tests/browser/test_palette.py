"""The light/dark toggle is Material's own (its partials/palette.html, run by its bundle). The
choice is stored once for the whole site (the storage scope in partials/javascripts/base.html is
the site's root), so it holds on every page and in every language; the toggle speaks the page's
language."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .expected import ui

LEVEL = "levels/level-2.html"
AUTO, LIGHT, DARK = "(prefers-color-scheme)", "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"
# What each toggle switches to next (mkdocs.yml: auto → light → dark → auto).
NEXT_LABEL = {AUTO: "palette_light", LIGHT: "palette_dark", DARK: "palette_auto"}


def toggle(page: Page) -> Locator:
    return page.locator('form[data-md-component="palette"] label:visible')


def expect_choice(page: Page, media: str, scheme: str, lang: str) -> None:
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-media", media)
    expect(body).to_have_attribute("data-md-color-scheme", scheme)
    expect(toggle(page)).to_have_count(1)
    expect(toggle(page)).to_have_attribute("title", ui(NEXT_LABEL[media], lang))


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_choice_holds_on_every_page_and_in_every_language(browser: Browser, base_url: str, system: str) -> None:
    ctx = browser.new_context(color_scheme=system)  # type: ignore[arg-type]
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type in {"error", "warning"} and errors.append(msg.text))
    try:
        page.goto(f"{base_url}en/{LEVEL}")
        expect_choice(page, AUTO, "slate" if system == "dark" else "default", "en")
        toggle(page).click()
        expect_choice(page, LIGHT, "default", "en")
        page.locator('form[data-md-component="palette"] input:checked').press("Enter")  # by keyboard
        expect_choice(page, DARK, "slate", "en")
        # The scheme the system does not ask for, so that keeping it shows.
        if system == "dark":
            toggle(page).click()
            toggle(page).click()
            expect_choice(page, LIGHT, "default", "en")
        media, scheme = (LIGHT, "default") if system == "dark" else (DARK, "slate")
        for lang, rel in [("en", "index.html"), ("ru", LEVEL), ("vi", "toolbox.html"), ("id", "404.html")]:
            page.goto(f"{base_url}{lang}/{rel}")
            expect_choice(page, media, scheme, lang)
        stored = page.evaluate("() => Object.entries(localStorage).filter(([k]) => k.endsWith('.__palette'))")
        assert [key for key, _ in stored] == ["/training/buy-sell/.__palette"]  # one for the site, under its sub-path
        assert json.loads(stored[0][1])["color"]["media"] == media  # Material's format: {index, color}
    finally:
        ctx.close()
    assert errors == []
