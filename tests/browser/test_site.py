"""A learner's first steps in a real Chromium: the switcher, search, no JS, narrow screens. Search
runs in English and in a non-Latin script (Russian, or Vietnamese where its diacritics or tags are
the point); every language's strings and switcher links are checked on the built HTML
(tests/test_strings.py)."""

from __future__ import annotations

import html.parser
import json
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import LANGS, SCRIPTS
from .expected import content, plain, ui

LEVEL = "levels/level-2.html"


def test_switcher_leads_to_the_same_page(page: Page, base_url: str) -> None:
    """Every language's links are checked on the built pages (tests/test_strings.py)."""
    source, target = "en", "ru"
    page.goto(f"{base_url}{source}/{LEVEL}")
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{target}"]').click()
    expect(page).to_have_url(f"{base_url}{target}/{LEVEL}")
    expect(page.locator("html")).to_have_attribute("lang", target)


def test_switcher_keeps_the_section_in_view(page: Page, base_url: str) -> None:
    """Section ids are the same in every language: the other language opens at the same place."""
    source, target = "vi", "id"
    page.goto(f"{base_url}{source}/{LEVEL}#risk", wait_until="load")
    # By keyboard: Playwright's hover scrolls the page to the sticky header's menu, which moves
    # the reader's place (a person's pointer does not).
    page.locator(f'.md-select__link[hreflang="{target}"]').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}{target}/{LEVEL}#risk")
    expect(page.locator("#risk")).to_be_in_viewport()


def test_switcher_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}en/toolbox.html")
    link = page.locator('.md-select__link[hreflang="vi"]')
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}vi/toolbox.html")


def test_root_sends_visitor_to_their_language(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(locale="ru-RU")
    try:
        p = ctx.new_page()
        p.goto(base_url)
        expect(p).to_have_url(f"{base_url}ru/index.html")
    finally:
        ctx.close()


def test_root_without_javascript_lists_languages(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        p = ctx.new_page()
        p.goto(base_url)
        expect(p).to_have_url(base_url)
        for lang in LANGS:
            expect(p.locator(f'a[hreflang="{lang}"]')).to_be_visible()
        p.locator('a[hreflang="id"]').click()
        expect(p.locator("html")).to_have_attribute("lang", "id")
    finally:
        ctx.close()


def _search(page: Page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    return [a.get_attribute("href") or "" for a in results.all()]


def test_russian_search_finds_russian_pages_only(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}ru/index.html")
    # An inflected form, found as written: Material's search has no stemmer (its default pipeline
    # leaves lunr's out), and every word matches as a prefix.
    hrefs = _search(page, "поставщиками")
    assert hrefs
    for href in hrefs:
        absolute = page.evaluate("h => new URL(h, location.href).href", href)
        assert absolute.startswith(f"{base_url}ru/"), absolute
    titles = page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
    assert any(re.search("[а-яё]", t, re.I) for t in titles)


def test_english_search_does_not_return_russian(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}en/index.html")
    hrefs = _search(page, "supplier")
    for href in hrefs:
        absolute = page.evaluate("h => new URL(h, location.href).href", href)
        assert absolute.startswith(f"{base_url}en/"), absolute


def _word_only_after_an_opening_mark(site: Path, lang: str) -> str:
    """A word that ``lang``'s pages only ever write right after an opening bracket or quote, as in
    "(CLV)" or "«купля-продажа»": split at spaces and hyphens alone (Material's default), the
    index holds it with the mark, and no search finds it."""
    index = json.loads((site / lang / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(re.sub(r"<[^>]+>", " ", f"{d['title']} {d['text']}") for d in index["docs"]).lower()
    tokens = set(re.split(r"[\s\-]+", text))
    marked = {m.group(1) for t in tokens if (m := re.match(r"""[(\[«“„‘"]+(\w{3,})""", t))}
    words = sorted(w for w in marked if not any(t.startswith(w) for t in tokens if t[:1].isalnum()))
    assert words, f"no word of {lang} appears only after an opening mark: pick another check"
    return words[0]


@pytest.mark.parametrize("lang", SCRIPTS)
def test_search_finds_a_word_after_a_bracket_or_quote(quiet: Page, built_site: Path, base_url: str, lang: str) -> None:
    """Also quiet: lunr.vi as Material ships it warned on every page (stop-word filter unregistered)."""
    word = _word_only_after_an_opening_mark(built_site, lang)
    quiet.goto(f"{base_url}{lang}/index.html")
    assert _search(quiet, word), word


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_levels_name_or_number_finds_its_page_first(page: Page, base_url: str, lang: str) -> None:
    """The hierarchy figure named all five levels on every level page (it is left out of search
    now), and each level page carries its number and name as search tags."""
    page.goto(f"{base_url}{lang}/index.html")
    box = page.locator("input.md-search__input")
    first = page.locator(".md-search-result__item > a").first
    for level in content().levels():
        for query in (plain(level.short_name[lang], lang), ui("level_n", lang, n=level.level)):
            box.click()
            box.fill(query)
            box.press("End")
            expect(first).to_have_attribute("href", re.compile(rf"/{lang}/levels/level-{level.level}\.html"))


@pytest.mark.parametrize("lang", SCRIPTS)
def test_a_glossary_term_is_a_result_of_its_own(page: Page, base_url: str, lang: str) -> None:
    """Each term is found on its own and opens at its definition, not the whole glossary at the top."""
    glossary = content().glossary()
    assert glossary is not None
    term = next(t for t in glossary.terms if t.id == "reverse-auction")
    page.goto(f"{base_url}{lang}/index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(plain(term.term[lang], lang))
    box.press("End")
    link = page.locator(f'.md-search-result__item a[href*="glossary.html"][href$="#{term.id}"]').first
    expect(link).to_be_visible(timeout=10_000)
    link.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/glossary\.html\?h=.*#{term.id}$"))
    expect(page.locator(f"#{term.id}")).to_be_in_viewport()


def test_vietnamese_search_without_diacritics(quiet: Page, base_url: str) -> None:
    """Typed without diacritics ("khach hang"), a Vietnamese query still finds the page, and the
    results mark the words as written ("khách hàng")."""
    quiet.goto(f"{base_url}vi/levels/level-4.html")
    title = quiet.locator("article h1").evaluate("h => h.firstChild.textContent")

    def unaccented(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).replace("đ", "d")

    # Only the title's words that have diacritics, typed without them.
    bare = " ".join(unaccented(w) for w in title.lower().split() if unaccented(w) != w)
    assert len(bare.split()) >= 3, title
    hrefs = _search(quiet, bare)
    assert any("/vi/levels/level-4.html" in h for h in hrefs), (bare, hrefs)
    marks = quiet.locator(".md-search-result__item mark").all_inner_texts()
    assert any(m != unicodedata.normalize("NFD", m) for m in marks), marks  # accented words marked


def test_russian_search_with_e_for_yo(quiet: Page, base_url: str) -> None:
    """Most people type "е" for "ё": "партнер" finds "партнёр", and the results mark it as written."""
    quiet.goto(f"{base_url}ru/levels/level-5.html")
    name = plain(content().levels()[4].short_name["ru"], "ru").lower()
    assert "ё" in name, name
    hrefs = _search(quiet, name.replace("ё", "е"))
    assert any("/ru/levels/level-5.html" in h for h in hrefs), hrefs
    marks = quiet.locator(".md-search-result__item mark").all_inner_texts()
    assert any("ё" in m.lower() for m in marks), marks


@pytest.mark.parametrize("lang", SCRIPTS)
def test_no_sideways_scrolling_at_320px(browser: Browser, base_url: str, lang: str) -> None:
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = ctx.new_page()
        for rel in ("index.html", "levels/level-4.html", "toolbox.html", "final-quiz.html", "assessment.html"):
            page.goto(f"{base_url}{lang}/{rel}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{lang}/{rel} is {width} px wide"
    finally:
        ctx.close()


@pytest.mark.parametrize("js", [True, False])
def test_no_sideways_scrolling_on_a_laptop(browser: Browser, base_url: str, js: bool) -> None:
    """The header's language list, closed, must not stick out past the right edge (it did by
    24 px without JavaScript, when its button is the last one in the header)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=js)
    try:
        page = ctx.new_page()
        for lang in LANGS:
            page.goto(f"{base_url}{lang}/levels/level-4.html")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1280, f"{lang} is {width} px wide"
    finally:
        ctx.close()


@pytest.mark.parametrize("lang", SCRIPTS)
def test_toolbox_results_name_their_tool(page: Page, base_url: str, lang: str) -> None:
    """A word from a tool's "How to use it" finds a result titled with the tool's name, not one
    of a dozen results all titled "How to use it with a customer" (every language's index:
    tests/test_strings.py)."""
    toolbox = content().toolbox()
    assert toolbox is not None
    tool = next(t for t in toolbox.tools if t.id == "rater-model")
    page.goto(f"{base_url}{lang}/index.html")
    # The longest word of the tool's "how" text that no other tool's text has.
    others = " ".join(plain(t.how[lang] + " " + t.what[lang], lang) for t in toolbox.tools if t is not tool).lower()
    words = re.findall(r"\w{6,}", plain(tool.how[lang], lang).lower())
    word = max((w for w in words if w not in others), key=len)
    _search(page, word)
    result = page.locator('.md-search-result__item a[href*="toolbox.html"][href$="#rater-model"]').first
    expect(result).to_contain_text(plain(tool.name[lang], lang))


class _Text(html.parser.HTMLParser):
    """The text of a page outside scripts, styles and code."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in {"script", "style", "code", "template"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"script", "style", "code", "template"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def test_no_markdown_attribute_list_shows_as_text(built_site: Path) -> None:
    """A ``{ .class }`` or ``{ #id }`` the Markdown did not take (a template that lost a blank
    line) shows on the page as text."""
    leaked = []
    for path in sorted(built_site.rglob("*.html")):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        text = "".join(parser.parts)
        leaked += [f"{path.relative_to(built_site)}: {m}" for m in re.findall(r"\{:?\s*[.#][\w-][^}\n]*\}", text)]
    assert leaked == []


@pytest.mark.parametrize(
    ("lang", "query", "written"),
    [
        # Forms the pages never use, of words they do use in other forms.
        ("en", "strategies", re.compile(r"^strateg(y|ic)", re.I)),
        ("en", "supplied", re.compile(r"^suppl(y|ier|ies|ying)", re.I)),
        ("ru", "стратегическому", re.compile(r"^стратегическ", re.I)),
        ("ru", "партнёрам", re.compile(r"^партнёр", re.I)),
    ],
)
def test_search_finds_other_forms_of_a_word(
    quiet: Page, built_site: Path, base_url: str, lang: str, query: str, written: re.Pattern[str]
) -> None:
    """Each query word also asks for its stem: an inflected form finds the pages, which mark the
    words as written, and the word is not listed as missing."""
    index = (built_site / lang / "search/search_index.json").read_text(encoding="utf-8").lower()
    assert query not in index  # else this would not test word forms
    quiet.goto(f"{base_url}{lang}/index.html")
    assert _search(quiet, query)
    first = quiet.locator(".md-search-result__item").first
    marks = first.locator("mark").all_text_contents()
    assert marks and all(written.match(m) for m in marks), marks
    expect(quiet.locator(".md-search-result__terms")).to_have_count(0)


@pytest.mark.parametrize(
    ("lang", "query", "first"),
    [
        # A stem ("strategi") once matched the level-5 tag "Strategic partner", weighed a
        # thousand times a title; "и", as a prefix, matched every word starting with и; one word of
        # a level's tags ("hàng") outweighed a title with every word of the query.
        ("en", "strategy and marketing", "modules/customer-value.html"),
        ("ru", "стратегия и маркетинг", "modules/customer-value.html"),
        ("vi", "giá trị khách hàng", "modules/customer-value.html"),
        # The tool and its glossary entry both have every word in their titles: either may lead.
        ("vi", "bán hàng tư vấn", "toolbox.html|glossary.html"),
    ],
)
def test_a_page_with_every_word_ranks_above_a_tag_with_one(
    page: Page, base_url: str, lang: str, query: str, first: str
) -> None:
    page.goto(f"{base_url}{lang}/index.html")
    hrefs = _search(page, query)
    assert any(hrefs[0].split("?")[0].endswith(f"/{lang}/{one}") for one in first.split("|")), hrefs[:3]


@pytest.mark.parametrize(("lang", "query"), [("ru", "ценность для клиента"), ("en", "value for money")])
def test_a_stop_word_is_not_listed_as_missing(page: Page, base_url: str, lang: str, query: str) -> None:
    """Material knows English stop words only: «для» was "not found" on every result."""
    page.goto(f"{base_url}{lang}/index.html")
    _search(page, query)
    top = page.locator(".md-search-result__item").first.locator("article").first
    expect(top).to_be_visible()
    expect(top.locator(".md-search-result__terms")).to_have_count(0)
