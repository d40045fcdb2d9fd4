"""Search as a person types: key by key (``press_sequentially``), not pasted (``fill``); and what
it finds: the built index holds what a reader sees on arriving at a page (the last tests here, on
the index itself).

Playwright types a character that no key of its US keyboard stands for (Cyrillic, "ư") as text
input alone, with no key events: as input methods, phone keyboards' suggestions and dictation do.
Material read the box on "keyup" only, so a Russian word typed so was never searched (issue 18).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import LANGS

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


def test_vietnamese_syllables_together_rank_first(quiet: Page, base_url: str) -> None:
    """ "tin tưởng" (trust) lists first the sections that say "tin tưởng", not those with "tin"
    (or "tính", "tin" without its diacritics) alone; a word typed is never listed as missing."""
    quiet.goto(f"{base_url}vi/index.html")
    box = quiet.locator("input.md-search__input")
    box.click()
    box.press_sequentially("tin tưởng", delay=60)
    first = quiet.locator(".md-search-result__item").first
    expect(first).to_be_attached(timeout=10_000)
    expect(first).to_contain_text("tin tưởng", ignore_case=True)
    marked = {m.lower() for m in quiet.locator(".md-search-result__item mark").all_text_contents()}
    assert marked and not marked & {"tính", "tình", "tinh"}, marked
    # Nothing "missing" where the words are: the page's own entry above a matching section may
    # lack them (Material lists them there), the section that says "tin tưởng" may not.
    hit = first.locator("article").filter(has_text="tin tưởng").first
    expect(hit.locator(".md-search-result__terms")).to_have_count(0)


@pytest.mark.parametrize(
    ("lang", "query", "marked"),
    [("vi", "khach hang", "khách"), ("ru", "партнер", "партнёр"), ("en", "strategies", "strategy")],
    ids=["vi-diacritics", "ru-yo", "en-stem"],
)
def test_the_page_opened_marks_the_words_the_search_matched(
    quiet: Page, base_url: str, lang: str, query: str, marked: str
) -> None:
    """Material's search.highlight marks the query on the page a result opens: the words as the
    page writes them, not only the letters typed."""
    quiet.goto(f"{base_url}{lang}/index.html")
    box = quiet.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=60)
    result = quiet.locator(".md-search-result__item a").first
    expect(result).to_be_attached(timeout=10_000)
    result.click()
    expect(quiet).to_have_url(re.compile(r"[?&]h="))
    marks = quiet.locator("article mark[data-md-highlight]")
    expect(marks.first).to_be_attached(timeout=10_000)
    words = [m.lower() for m in marks.all_text_contents()]  # Material joins neighbours in one mark
    assert any(marked in w.split() for w in words), words


# --- what the index holds: no button labels, no text of hidden parts (a self-assessment's result,
# notes for another browser), no template contents (issue 18: results showed "Save and show the
# result Rate another person", text not visible where they led).


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _index(site: Path, lang: str) -> dict[str, str]:
    """``location: title and text`` of every entry of ``lang``'s search index, as plain text."""
    docs = json.loads((site / lang / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: _plain(d["title"] + " " + d["text"]) for d in docs}


_UNSEEN = [  # a button, a template, a hidden paragraph, heading or span (their text, group "text")
    re.compile(r"<button\b[^>]*>(?P<text>.*?)</button>", re.S),
    re.compile(r"<template\b[^>]*>(?P<text>.*?)</template>", re.S),
    re.compile(r"<(p|h\d|span)\b[^>]*\shidden\b[^>]*>(?P<text>.*?)</\1>", re.S),
]


def _unseen_texts(page: str) -> dict[str, int]:
    """The button labels, template contents and hidden elements' texts of a built page's article,
    each with the number of times a reader sees it there (the same words in the visible text)."""
    article = visible = page[page.index("<article") : page.index("</article>")]
    texts = []
    for pattern in _UNSEEN:
        texts += [t for t in (_plain(m["text"]) for m in pattern.finditer(article)) if len(t) > 3]
        visible = pattern.sub(" ", visible)
    return {t: _plain(visible).count(t) for t in texts}


@pytest.mark.parametrize("lang", LANGS)
def test_the_self_assessment_is_found_by_its_statements_not_its_buttons_or_results(built_site: Path, lang: str) -> None:
    index = _index(built_site, lang)
    page = (built_site / lang / "assessment.html").read_text(encoding="utf-8")
    unseen = _unseen_texts(page)
    assert len(unseen) > 10, unseen  # the buttons, the result texts, the notes
    text = " ".join(text for location, text in index.items() if location.startswith("assessment.html"))
    for hidden, seen in unseen.items():
        assert text.count(hidden) <= seen, f"{lang}/assessment.html: the index holds text not visible there: {hidden!r}"
    # What is seen is found: every statement, in the form's section; the answer scale, repeated
    # under each statement, is not.
    legends = re.findall(r'data-assessment-statement="[^"]+"[^>]*>\s*<legend>(.*?)</legend>', page, re.S)
    statements = [_plain(s) for s in legends]
    assert len(statements) >= 10
    form = index["assessment.html#bsh-as-form"]
    assert all(s in form for s in statements)
    scale = [_plain(s) for s in re.findall(r'<input type="radio"[^>]*><span>(.*?)</span>', page)][:4]
    assert len(scale) == 4 and not any(s in form for s in scale)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_indexes_its_buttons_or_hidden_parts(built_site: Path, lang: str) -> None:
    index = _index(built_site, lang)
    for path in sorted((built_site / lang).rglob("*.html")):
        rel = path.relative_to(built_site / lang).as_posix()
        texts = " ".join(text for location, text in index.items() if location.split("#")[0] == rel)
        for hidden, seen in _unseen_texts(path.read_text(encoding="utf-8")).items():
            assert texts.count(hidden) <= seen, f"{lang}/{rel}: {hidden!r}"
