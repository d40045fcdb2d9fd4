"""axe-core (bundled by axe-playwright-python, no network) finds no violation on any page type, in
light and dark mode (Material's two own findings are fixed by theme overrides:
build_tools/theme/overrides/partials/search.html and docs/assets/site.css)."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

AXE = Axe()


def page_types(site: Path) -> list[str]:
    """One page of each type that exists in the build."""
    wanted = [
        "index.html",
        "levels/level-3.html",
        "toolbox.html",
        "modules/customer-value.html",
        "key-points.html",
        "final-quiz.html",
        "glossary.html",
        "assessment.html",
        "progress.html",
        "404.html",
    ]
    return [rel for rel in wanted if (site / "en" / rel).exists()]


def _violations(browser: Browser, url: str, scheme: str) -> list[str]:
    ctx = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = ctx.new_page()
        page.goto(url)
        result = AXE.run(page)
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"]
        ]
    finally:
        ctx.close()


# Colours, structure and names do not depend on the language (tests/test_strings.py checks that
# every language's names and labels are there): both schemes, in English.
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation(browser: Browser, base_url: str, built_site: Path, lang: str, scheme: str) -> None:
    found = {}
    for rel in page_types(built_site):
        violations = _violations(browser, f"{base_url}{lang}/{rel}", scheme)
        if violations:
            found[f"{lang}/{rel}"] = violations
    assert found == {}


def test_no_axe_violation_on_the_language_chooser(browser: Browser, base_url: str) -> None:
    # A French browser has no language of ours, so the chooser stays on screen.
    ctx = browser.new_context(locale="fr-FR")
    try:
        page = ctx.new_page()
        page.goto(base_url)
        assert page.url == base_url
        violations = AXE.run(page).response["violations"]
    finally:
        ctx.close()
    assert [v["id"] for v in violations] == []
