"""The course frame in a real Chromium, as a learner meets it (issue 18): the overview's Start and
path, completion marks after a quiz and after reading a page to its end, the progress summary,
the checklists, glossary terms opened in place, and the fit on a 375-px phone. Each behaviour once,
in English; tests/test_course_strings.py checks every language's strings on the built pages.
Expected titles and strings come from the YAML content, never from the page under test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools import render

from .axecheck import in_both_schemes
from .expected import content, plain, ui
from .test_quiz import BLOCK_STORAGE, answer, open_quiz, question, quiz_of


def steps() -> list[render.LoadedPage]:
    return render.course_path(content())


def nav_title(page_id: str, lang: str) -> str:
    return render.nav_title(content().page(page_id), lang)


def url_of(page_id: str) -> str:
    return render.html_path(content().page(page_id).spec.md)


def done_marks(page: Page) -> list[str]:
    """The navigation's links that carry a completion mark, by their page's URL."""
    return page.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link:has(.bsh-done)", "links => links.map(a => a.getAttribute('href'))"
    )


def finish_quiz(page: Page, base_url: str, lang: str, page_id: str) -> None:
    """Answers every question of a page's quiz rightly and checks each, by mouse."""
    quiz = quiz_of(page_id)
    root = open_quiz(page, base_url, lang, quiz)
    for q in quiz.questions:
        item = question(root, q)
        answer(item, q, right=True)
        item.locator('[data-quiz-action="check"]').click()
        expect(item).to_have_attribute("data-quiz-state", "correct")


def test_the_overview_starts_the_course_in_the_navigations_order(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/index.html")
    path = quiet.locator(".bsh-course [data-course-step]")
    ids = [p.id for p in steps()]
    assert path.evaluate_all("lis => lis.map(li => li.dataset.courseStep)") == ids
    assert path.locator("a").all_inner_texts() == [nav_title(i, lang) for i in ids]
    # The path is the navigation's order: the sidebar lists the same pages in the same sequence.
    sidebar = quiet.eval_on_selector_all(
        ".md-nav--primary a.md-nav__link[href]", "links => links.map(a => new URL(a.href).pathname)"
    )
    in_nav = [
        next(i for i in ids if p.endswith("/" + url_of(i)))
        for p in sidebar
        if any(p.endswith("/" + url_of(i)) for i in ids)
    ]
    assert list(dict.fromkeys(in_nav)) == ids
    # A newcomer: Start leads to level 1, and nothing is said about progress.
    start = quiet.locator("[data-course-start]")
    expect(start).to_have_text(ui("course_start", lang))
    expect(quiet.locator("[data-course-status]")).to_be_hidden()
    start.click()
    assert quiet.url.endswith(f"/{lang}/{url_of('level-1')}")


def test_a_finished_quiz_marks_its_step_and_the_overview_leads_on(quiet: Page, base_url: str, lang: str) -> None:
    finish_quiz(quiet, base_url, lang, "level-1")
    # At once, on the page itself: the navigation's level 1 carries a ✓, read out as "completed".
    expect(quiet.locator(".md-nav--primary a.md-nav__link .bsh-done")).to_have_count(1)
    assert done_marks(quiet) == [quiet.evaluate("location.pathname").rsplit("/", 1)[-1]]
    mark = quiet.locator(".md-nav--primary a.md-nav__link .bsh-done")
    expect(mark.locator(".bsh-sr")).to_have_text(ui("course_done_mark", lang))
    assert mark.locator('[aria-hidden="true"]').inner_text() == "✓"

    quiet.goto(f"{base_url}{lang}/index.html")
    total = len(steps())
    share = quiet.evaluate(
        "([l, s]) => new Intl.NumberFormat(l, {style: 'percent', maximumFractionDigits: 0}).format(s)",
        [lang, 1 / total],
    )
    status = quiet.locator("[data-course-status]")
    expect(status).to_contain_text(ui("course_status", lang, percent=share, done=1, total=total))
    expect(status).to_contain_text(ui("course_next", lang))
    expect(status.locator("a")).to_have_text(nav_title("level-2", lang))
    start = quiet.locator("[data-course-start]")
    expect(start).to_have_text(ui("course_continue", lang, step=nav_title("level-2", lang)))
    expect(quiet.locator('[data-course-step="level-1"]')).to_have_attribute("data-done", "")
    start.click()
    assert quiet.url.endswith(f"/{lang}/{url_of('level-2')}")

    quiet.goto(f"{base_url}{lang}/{url_of('progress')}")
    expect(quiet.locator("[data-course-status]")).to_contain_text(
        ui("course_status", lang, percent=share, done=1, total=total)
    )
    expect(quiet.locator("[data-course-status] a")).to_have_attribute("href", re.compile(r"levels/level-2\.html$"))


def test_a_page_without_a_quiz_is_completed_when_read_to_its_end(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/{url_of('toolbox')}")
    quiet.wait_for_timeout(300)
    assert done_marks(quiet) == []
    quiet.locator("body").press("End")  # as a reader would, to the end of the page
    expect(quiet.locator(".md-nav--primary a.md-nav__link .bsh-done")).to_have_count(1)
    # On a phone the current page is a label (it opens the page's contents): marked too.
    quiet.set_viewport_size({"width": 375, "height": 740})
    quiet.locator('.md-header label[for="__drawer"]').click()
    expect(quiet.locator('.md-nav--primary label.md-nav__link[for="__toc"] .bsh-done')).to_be_visible()
    saved = json.loads(quiet.evaluate("localStorage.getItem('bsh-read:v1')"))
    assert saved["v"] == 1 and list(saved["pages"]) == ["toolbox"]


def test_without_storage_nothing_is_claimed(quiet: Page, base_url: str, lang: str) -> None:
    quiet.add_init_script(BLOCK_STORAGE)
    quiet.goto(f"{base_url}{lang}/index.html")
    expect(quiet.locator("[data-course-start]")).to_have_text(ui("course_start", lang))
    expect(quiet.locator("[data-course-status]")).to_be_hidden()
    quiet.goto(f"{base_url}{lang}/{url_of('progress')}")
    expect(quiet.locator("[data-course-status]")).to_have_text(ui("course_nojs", lang))
    quiet.goto(f"{base_url}{lang}/{url_of('level-1')}")
    checklist = quiet.locator("[data-checklist]").first
    checklist.locator("label").first.click()  # a checkbox still ticks; nothing says it is kept
    expect(checklist.locator("input").first).to_be_checked()
    expect(checklist.locator("[data-checklist-saved]")).to_be_hidden()
    assert quiet.locator(".bsh-done").count() == 0


def test_without_javascript_the_overview_still_starts_the_course(browser: Browser, base_url: str, lang: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}{lang}/index.html")
        start = page.locator("[data-course-start]")
        expect(start).to_have_text(ui("course_start", lang))
        assert start.get_attribute("href") == url_of("level-1")
        expect(page.locator("[data-course-status]")).to_be_hidden()
    finally:
        ctx.close()


def test_a_checklist_keeps_its_ticks(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/{url_of('level-2')}")
    checklist = quiet.locator("[data-checklist]").first
    expect(checklist.locator("[data-checklist-saved]")).to_be_visible()
    labels = checklist.locator("label")
    labels.nth(0).click()
    labels.nth(2).click()
    labels.nth(2).click()  # and untick it again
    checklist.locator("input").nth(1).press("Space")  # by keyboard too
    quiet.reload()
    boxes = checklist.locator("input")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, True, False]
    key = checklist.get_attribute("data-checklist")
    assert key == "level-2:signs:0"
    saved = json.loads(quiet.evaluate("localStorage.getItem('bsh-checklist:v1')"))
    assert saved == {"v": 1, "lists": {key: {"n": boxes.count(), "on": [0, 1]}}}


def test_a_glossary_term_opens_in_place(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/{url_of('customer-value')}")
    term = next(t for t in content().glossary().terms if t.id == "customer-value-term")
    button = quiet.locator(".bsh-term__button").first
    panel = quiet.locator(f"#{button.get_attribute('aria-controls')}")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    # By keyboard: Enter opens, the definition follows the term, Escape closes and focus returns.
    button.focus()
    quiet.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    expect(panel.locator("strong")).to_have_text(plain(term.term[lang], lang))
    expect(panel.locator(".bsh-term__definition")).to_have_text(plain(term.definition[lang], lang))
    more = panel.locator("a")
    expect(more).to_have_text(ui("term_more", lang))
    assert more.get_attribute("href") == f"../{url_of('glossary')}#{term.id}"
    quiet.keyboard.press("Tab")  # into the panel: its link is the next stop
    expect(more).to_be_focused()
    quiet.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    # By mouse or touch: a click opens, a click elsewhere closes.
    button.click()
    expect(panel).to_be_visible()
    quiet.locator("h1").click()
    expect(panel).to_be_hidden()
    # The link on to the glossary goes to the term's entry, highlighted.
    button.click()
    more.click()
    assert quiet.url.endswith(f"/{url_of('glossary')}#{term.id}")
    expect(quiet.locator(".bsh-glossary__term[data-target]")).to_have_count(1)


def _highlight(page: Page, term_id: str) -> dict[str, str]:
    return dict(
        page.evaluate(
            """id => {
                const entry = document.getElementById(id).closest(".bsh-glossary__term");
                const box = getComputedStyle(entry), mark = getComputedStyle(document.getElementById(id), "::before");
                const top = entry.getBoundingClientRect().top;
                return {bar: box.borderLeftWidth, outline: box.outlineStyle, mark: mark.content,
                        visible: String(top >= 0 && top < window.innerHeight)};
            }""",
            term_id,
        )
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_term_link_lands_on_the_term_highlighted(browser: Browser, base_url: str, lang: str, scheme: str) -> None:
    """Not by colour alone: a thick bar, a dashed frame and a marker; in light and dark mode. A link
    from one term to another on the glossary page moves the highlight (hashchange)."""
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        page.goto(f"{base_url}{lang}/{url_of('glossary')}#escalator")
        marked = _highlight(page, "escalator")
        assert marked["visible"] == "true"
        assert marked["outline"] == "dashed" and "▶" in marked["mark"], marked
        plain_entry = _highlight(page, "supplier")
        assert plain_entry["outline"] == "none" and plain_entry["mark"] == "none", plain_entry
        assert float(marked["bar"].removesuffix("px")) > float(plain_entry["bar"].removesuffix("px")), marked
        expect(page.locator(".bsh-glossary__term[data-target]")).to_have_count(1)
        page.evaluate("location.hash = '#customer'")
        expect(page.locator(".bsh-glossary__term[data-target] h3")).to_have_attribute("id", "customer")
        assert _highlight(page, "customer")["outline"] == "dashed"
        assert _highlight(page, "escalator")["outline"] == "none"
    finally:
        context.close()


def test_a_glossary_term_on_a_touch_phone(browser: Browser, base_url: str, lang: str) -> None:
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}{lang}/{url_of('customer-value')}")
        for button in page.locator(".bsh-term__button").all():
            button.tap()
            panel = page.locator(f"#{button.get_attribute('aria-controls')}")
            expect(panel).to_be_visible()
            box = panel.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            button.tap()
            expect(panel).to_be_hidden()
    finally:
        ctx.close()


# --- phones ------------------------------------------------------------------------------------------


def test_a_quiz_on_a_375px_phone(quiet: Page, base_url: str, lang: str) -> None:
    quiet.set_viewport_size({"width": 375, "height": 740})
    quiz = quiz_of("level-1")
    root = open_quiz(quiet, base_url, lang, quiz)
    content_box = quiet.locator(".md-content article").bounding_box()
    assert content_box is not None
    left, right = content_box["x"], content_box["x"] + content_box["width"]
    for q in quiz.questions:
        item = question(root, q)
        for option in item.locator('[data-quiz-option] label, [data-quiz-type="ordering"] [data-quiz-option]').all():
            box = option.bounding_box()
            assert box is not None
            # The whole width: from the text's left edge (16 px in) to its right one.
            assert box["x"] - left <= 16 and right - (box["x"] + box["width"]) <= 16, (q.id, box, content_box)
            assert box["height"] >= 44, (q.id, box)
        for control in item.locator("button:visible").all():
            box = control.bounding_box()
            assert box is not None and box["width"] >= 44 and box["height"] >= 44, control.evaluate("e => e.outerHTML")
        if q.type == "ordering":
            # Readable items: each has the width of its box, at most three lines.
            for text in item.locator(".bsh-quiz__item").all():
                box = text.bounding_box()
                assert box is not None
                lines = text.evaluate(
                    "e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))"
                )
                assert lines <= 3, (q.id, lines)


def test_the_courses_own_targets_on_a_375px_phone(quiet: Page, base_url: str, lang: str) -> None:
    quiet.set_viewport_size({"width": 375, "height": 740})
    for rel, selector in (
        ("index.html", "[data-course-start], .bsh-course__path a"),
        (url_of("level-1"), "[data-checklist] label"),
    ):
        quiet.goto(f"{base_url}{lang}/{rel}")
        targets = quiet.locator(selector).all()
        assert targets, selector
        for target in targets:
            box = target.bounding_box()
            assert box is not None and box["height"] >= 44, (rel, target.inner_text(), box)


def test_nothing_scrolls_sideways_on_a_375px_phone(quiet: Page, base_url: str, built_site: Path, lang: str) -> None:
    quiet.set_viewport_size({"width": 375, "height": 740})
    kinds = {p.spec.kind: render.html_path(p.spec.md) for p in content().pages}
    for rel in [*kinds.values(), "404.html"]:
        quiet.goto(f"{base_url}{lang}/{rel}")
        width = quiet.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{rel} is {width}px wide"


# --- accessibility of what the script adds ---------------------------------------------------------


def test_no_axe_violation_with_marks_ticks_and_an_open_term(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/index.html")
    page.evaluate(
        "localStorage.setItem('bsh-read:v1', JSON.stringify({v: 1, pages: {toolbox: 1}}));"
        "localStorage.setItem('bsh-checklist:v1',"
        " JSON.stringify({v: 1, lists: {'level-1:signs:0': {n: 6, on: [0, 2]}}}))"
    )
    found = {}
    for rel, act in (
        ("index.html", None),
        (url_of("level-1"), None),
        (url_of("customer-value"), ".bsh-term__button"),
        (url_of("progress"), None),
        (f"{url_of('glossary')}#customer-value-term", None),
    ):
        page.goto(f"{base_url}{lang}/{rel}")
        if act:
            page.locator(act).first.click()
        schemes = in_both_schemes(page)
        if schemes != {"light": [], "dark": []}:
            found[rel] = schemes
    assert found == {}
