"""axe-core finds no violation on any page type, in light and dark mode (tests/browser/axecheck.py;
Material's two own findings are fixed by theme overrides: build_tools/theme/overrides/partials/
search.html and docs/assets/site.css)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from .axecheck import in_both_schemes, violations


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


# Colours, structure and names do not depend on the language (tests/test_strings.py checks that
# every language's names and labels are there): in English.
def test_no_axe_violation(page: Page, base_url: str, built_site: Path, lang: str) -> None:
    found = {}
    for rel in page_types(built_site):
        page.goto(f"{base_url}{lang}/{rel}")
        schemes = in_both_schemes(page)
        if schemes != {"light": [], "dark": []}:
            found[f"{lang}/{rel}"] = schemes
    assert found == {}


def test_no_axe_violation_on_the_language_chooser(browser: Browser, base_url: str) -> None:
    # A French browser has no language of ours, so the chooser stays on screen.
    ctx = browser.new_context(locale="fr-FR")
    try:
        page = ctx.new_page()
        page.goto(base_url)
        assert page.url == base_url
        assert violations(page) == []
    finally:
        ctx.close()
