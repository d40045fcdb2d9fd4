"""Search as a person types: key by key (``press_sequentially``), not pasted (``fill``).

Playwright types a character that no key of its US keyboard stands for (Cyrillic, "ư") as text
input alone, with no key events: as input methods, phone keyboards' suggestions and dictation do.
Material read the box on "keyup" only, so a Russian word typed so was never searched (issue 18).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

WORDS = [  # a word, and a page it is on
    ("ru", "доверие", "levels/level-3.html"),
    ("ru", "клиент", "glossary.html"),
    ("vi", "tin tưởng", "levels/level-3.html"),
    ("en", "strategy", "modules/customer-value.html"),
    ("id", "kepercayaan", "toolbox.html"),
]


def _expect_results(page: Page, lang: str, target: str) -> None:
    """Results are listed, and one of them links to ``target`` in ``lang``."""
    result = page.locator(f'.md-search-result__item a[href*="/{lang}/{target}"]').first
    expect(result).to_be_attached(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d"))


@pytest.mark.parametrize(("lang", "word", "target"), WORDS, ids=["ru-trust", "ru-customer", "vi-trust", "en", "id"])
def test_a_word_typed_key_by_key_finds_its_page(quiet: Page, base_url: str, lang: str, word: str, target: str) -> None:
    quiet.goto(f"{base_url}{lang}/index.html")
    box = quiet.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word, delay=60)
    _expect_results(quiet, lang, target)


def test_a_word_typed_while_the_page_loads(page: Page, base_url: str) -> None:
    """Typing starts as soon as the box can take it, before the search index is ready."""
    page.goto(f"{base_url}ru/levels/level-1.html", wait_until="commit")
    box = page.locator("input.md-search__input")
    box.press_sequentially("доверие", delay=60)
    _expect_results(page, "ru", "levels/level-3.html")


def test_a_word_corrected_with_backspace(page: Page, base_url: str) -> None:
    """The wrong word deleted letter by letter, the right one typed: its results, not the first's."""
    page.goto(f"{base_url}ru/index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("клиент", delay=60)
    expect(page.locator(".md-search-result__item").first).to_be_attached(timeout=10_000)
    for _ in "клиент":
        box.press("Backspace", delay=60)
    box.press_sequentially("доверие", delay=60)
    _expect_results(page, "ru", "levels/level-3.html")
    marks = page.locator(".md-search-result__item mark")
    expect(marks.first).to_be_attached()
    # The words of доверие and its stem (довер-) are marked, no клиент.
    words = marks.all_text_contents()
    assert all(m.lower().startswith("довер") for m in words), words
