"""Keyboard only: from the top of the page, reach and complete a level quiz and the final quiz with
Tab, the arrow keys, Space and Enter — no mouse, no script shortcuts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from build_tools.models import FinalQuizPage

from .expected import content

FOCUS = """() => {
  const a = document.activeElement;
  const q = a && a.closest("[data-quiz-question]");
  return {
    tag: a ? a.tagName : null, type: a ? a.type : null,
    action: a && a.dataset ? a.dataset.quizAction || null : null,
    move: a && a.dataset ? a.dataset.quizMove || null : null,
    edge: !!(a && a.getAttribute("aria-disabled") === "true"),
    question: q ? q.dataset.quizQuestion : null,
    inQuiz: !!(a && a.closest("[data-quiz]")),
    checked: !!(a && a.checked),
    visible: !!(a && a.getClientRects().length),
  };
}"""


def _complete(page: Page, submit: bool) -> int:
    """Tab through the page, answering and checking every question; return the keys pressed."""
    answered: set[str] = set()
    presses = 0
    while presses < 3000:
        page.keyboard.press("Tab")
        presses += 1
        f: dict[str, Any] = page.evaluate(FOCUS)
        if not f["inQuiz"]:
            open_ = '[data-quiz-question]:not([data-quiz-state="correct"]):not([data-quiz-state="incorrect"])'
            if answered and not submit and page.locator(open_).count() == 0:
                return presses
            continue
        assert f["visible"], f"focus on an invisible element: {f}"
        if f["tag"] == "INPUT" and f["type"] in {"radio", "checkbox"} and f["question"] not in answered:
            if f["type"] == "radio":
                page.keyboard.press("ArrowDown")  # arrows move within a radio group and select
                presses += 1
            if not page.evaluate(FOCUS)["checked"]:
                page.keyboard.press("Space")
                presses += 1
            answered.add(f["question"])
        elif f["move"] and not f["edge"] and f["question"] not in answered:
            # An ordering question: moving an item gives an answer (its shuffled start is none).
            page.keyboard.press("Enter")
            presses += 1
            answered.add(f["question"])
        elif (f["action"] == "check" and f["question"] in answered) or f["action"] == "show-answer":
            page.keyboard.press("Enter")
            presses += 1
        elif f["action"] == "start":
            # Start focuses the first answer; one step back, so that the next Tab lands on it.
            page.keyboard.press("Enter")
            expect(page.locator("[data-quiz-question]").first).to_be_visible()
            page.keyboard.press("Shift+Tab")
            presses += 2
        elif f["action"] == "submit" and submit:
            page.keyboard.press("Enter")
            return presses + 1
    raise AssertionError("the quiz could not be completed with the keyboard")


def test_level_quiz_by_keyboard(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/levels/level-2.html")
    _complete(page, submit=False)
    questions = page.locator("[data-quiz-question]")
    for i in range(questions.count()):
        expect(questions.nth(i)).to_have_attribute("data-quiz-state", re.compile("correct|incorrect"))


def test_final_quiz_by_keyboard(page: Page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}{lang}/final-quiz.html")
    _complete(page, submit=True)
    score = page.locator("[data-quiz-score]")
    expect(score).to_be_visible()
    final = content().page("final-quiz").page
    assert isinstance(final, FinalQuizPage)
    expect(score).to_have_attribute("data-total", str(final.attempt_size))
    focused = page.evaluate("document.activeElement.closest('[data-quiz-results]') !== null")
    assert focused, "after submitting, focus moves to the results"


UNDER_HEADER = """() => {
  const a = document.activeElement;
  if (!a || a === document.body || a.closest(".md-header, .md-sidebar, .md-skip")) return null;
  const r = a.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  return r.top < header ? a.outerHTML.slice(0, 120) : null;
}"""


@pytest.mark.parametrize("page_path", ["levels/level-2.html", "assessment.html"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_focus_never_hides_under_the_sticky_header(page: Page, base_url: str, lang: str, page_path: str) -> None:
    """Shift+Tab upwards scrolls each focused control clear of the header, at 200 % zoom too."""
    page.set_viewport_size({"width": 640, "height": 400})  # 1280 × 800 at 200 %
    page.goto(f"{base_url}{lang}/{page_path}")
    expect(page.locator('[data-quiz-action="reset"], [data-assessment-action="submit"]')).to_be_visible()
    # Not the End key: Chromium animates that scroll, and on a loaded machine the animation was
    # still running after the first Shift+Tab and carried the page back down past the focus.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.locator(".md-footer a").first.focus()
    hidden = []
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        if covered := page.evaluate(UNDER_HEADER):
            hidden.append(covered)
    assert hidden == []
