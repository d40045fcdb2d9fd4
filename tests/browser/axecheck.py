"""axe-core (bundled by axe-playwright-python, no network) on what a page shows now, in both colour
schemes.

The dark scheme changes colours only: the same markup, names and roles, other custom properties.
So axe runs every rule in light, then switches the page to dark as a reader's system would
(Material follows ``prefers-color-scheme`` live) and runs the rules that look at colour. One
page state is built once and checked in both schemes, instead of being clicked together twice."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
"""The WCAG 2.2 A and AA rules; without it, axe also runs its best-practice rules."""
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
"""The rules whose outcome a colour scheme can change."""
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def violations(page: Page, context: str | None = None, options: dict[str, Any] | None = None) -> list[str]:
    """axe's violations on ``page`` (within ``context``), one readable line each."""
    result = AXE.run(page, context=context, options={**(options or {}), "resultTypes": ["violations"]})
    return [f"{v['id']}: {[n['html'][:80] for n in v['nodes'][:3]]}" for v in result.response["violations"]]


def set_scheme(page: Page, scheme: str) -> None:
    """Switch the reader's system to ``scheme`` and wait until Material has followed it."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[scheme])


def in_both_schemes(
    page: Page, context: str | None = None, options: dict[str, Any] | None = None
) -> dict[str, list[str]]:
    """Violations on what ``page`` shows now: every rule (or ``options``) in light, the colour
    rules in dark. The page is left in light."""
    page.mouse.move(0, 0)  # no hover colours
    set_scheme(page, "light")
    found = {"light": violations(page, context, options)}
    set_scheme(page, "dark")
    found["dark"] = violations(page, context, COLOUR_RULES)
    set_scheme(page, "light")
    return found
