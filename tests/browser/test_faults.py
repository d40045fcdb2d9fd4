"""Browser faults never break a page: storage blocked from the first byte, full or corrupt;
JavaScript off; a slow network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

PAGES = ["index.html", "levels/level-1.html", "final-quiz.html", "assessment.html", "progress.html"]

BLOCKED = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
FULL_AND_CORRUPT = """
for (const key of ["bsh-quiz:v1:level-1", "bsh-quiz:v1:final-quiz", "__palette"]) {
  try { localStorage.setItem(key, "{not json"); } catch (e) {}
}
for (let i = 0; i < localStorage.length; i++) {
  const key = localStorage.key(i);
  if (key && key.startsWith("bsh-")) localStorage.setItem(key, "\\u0000garbage");
}
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


# The site's own toggle, or Material's.
PALETTE_TOGGLE = "form[data-bsh-palette] label:visible, form[data-md-component=palette] label:visible"


def _existing(site: Path) -> list[str]:
    return [rel for rel in PAGES if (site / "en" / rel).exists()]


@pytest.mark.parametrize("fault", ["blocked", "full-and-corrupt"])
def test_storage_faults_break_nothing(browser: Browser, base_url: str, built_site: Path, fault: str) -> None:
    ctx = browser.new_context()
    ctx.add_init_script(BLOCKED if fault == "blocked" else FULL_AND_CORRUPT)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"{page.url}: {msg.text}"))
    try:
        for rel in _existing(built_site):  # the scripts are the same in every language
            page.goto(f"{base_url}en/{rel}")
            expect(page.locator("article h1")).to_be_visible()
            # The palette toggle writes to storage: it must still switch the scheme.
            before = page.locator("body").get_attribute("data-md-color-media")
            page.locator(PALETTE_TOGGLE).first.click()
            expect(page.locator("body")).not_to_have_attribute("data-md-color-media", before or "")
    finally:
        ctx.close()
    assert errors == []


def test_without_javascript_every_page_reads(browser: Browser, base_url: str, built_site: Path, lang: str) -> None:
    """In English: every language's pages carry the same markup (tests/test_strings.py reads them)."""
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    try:
        for rel in _existing(built_site):
            page.goto(f"{base_url}{lang}/{rel}")
            expect(page.locator("article h1")).to_be_visible()
            assert len(page.locator("article").inner_text()) > 200, rel
    finally:
        ctx.close()


def test_slow_network_loads_and_works(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    # Roughly a slow 3G connection: 400 ms latency, 50 KB/s.
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 50_000, "uploadThroughput": 20_000},
    )
    try:
        page.goto(f"{base_url}vi/levels/level-4.html", timeout=120_000)
        expect(page.locator("article h1")).to_be_visible()
        quiz = page.locator("[data-quiz]").first
        expect(quiz).to_be_visible()
        first = quiz.locator("[data-quiz-question]").first
        first.locator("input").first.check()
        first.locator('[data-quiz-action="check"]').click()
        expect(first).to_have_attribute("data-quiz-state", re.compile("correct|retry"))  # right, or a first wrong try
    finally:
        ctx.close()
    assert errors == []
