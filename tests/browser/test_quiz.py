"""The self-quiz in a real Chromium, as a learner would use it: each behaviour once, in English;
the final quiz's scores and the fit on a narrow screen in Russian too (numbers written the page
language's way, longer words). tests/test_strings.py checks every language's quiz strings.

Expected answers, explanations and strings come from the YAML content (the source of truth), never
from the page under test, so a build that emits a wrong key or text fails here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, Route, expect

from build_tools import render
from build_tools.build import content_security_policy
from build_tools.models import FinalQuizPage, Question

from .conftest import SCRIPTS, enforce_csp
from .expected import content, plain, ui

KEY_PREFIX = "bsh-quiz:v1:"


# --- the content: what the learner should see -----------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Quiz:
    page_id: str
    url: str
    questions: tuple[Question, ...]


def quiz_of(page_id: str) -> Quiz:
    p = content().page(page_id)
    return Quiz(page_id, render.html_path(p.spec.md), tuple(p.page.quiz))


def first_page_with(qtype: str) -> Quiz:
    """The first page in navigation order whose quiz has a question of ``qtype``."""
    return next(quiz_of(p.id) for p in content().pages if any(q.type == qtype for q in p.page.quiz))


def keys(q: Question) -> list[str]:
    return [q.answer] if isinstance(q.answer, str) else list(q.answer)


def option_label(q: Question, option_id: str, lang: str) -> str:
    o = next(o for o in q.options if o.id == option_id)
    return plain(o.text[lang], lang) if o.text else ui(option_id, lang)


def explanation(q: Question, option_id: str, lang: str) -> str:
    o = next(o for o in q.options if o.id == option_id)
    return f"{option_label(q, option_id, lang)}: {plain(o.explain[lang], lang)}"


COLOUR_OF = """(el, name) => {
  const probe = el.appendChild(document.createElement("i"));
  probe.style.color = `var(${name})`;
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}"""
"""The computed colour of a custom property (rgb(...)) where ``el`` is."""


def wrong_option(q: Question) -> str:
    return next(o.id for o in q.options if o.id not in keys(q))


# --- acting on the page ---------------------------------------------------------------------------


def open_quiz(page: Page, base_url: str, lang: str, quiz: Quiz) -> Locator:
    page.goto(f"{base_url}{lang}/{quiz.url}")
    root = page.locator(f'[data-quiz="{quiz.page_id}"]')
    # quiz.js shows the reset button when it has taken over the quiz.
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    return root


def question(root: Locator, q: Question) -> Locator:
    return root.locator(f'[data-quiz-question="{q.id}"]')


def order_of(item: Locator) -> list[str]:
    return item.locator('input[type="hidden"]').evaluate_all("inputs => inputs.map(i => i.value)")


def arrange(item: Locator, order: list[str]) -> None:
    """Puts an ordering question's items in ``order`` with the Move up buttons (an order only
    counts as an answer once an item has moved: already in ``order``, one moves and back)."""
    if order_of(item) == order:
        item.locator(f'[data-quiz-option="{order[0]}"] [data-quiz-move="down"]').click()
    for i, option_id in enumerate(order):
        current = order_of(item)
        for _ in range(current.index(option_id) - i):
            item.locator(f'[data-quiz-option="{option_id}"] [data-quiz-move="up"]').click()
    assert order_of(item) == order


def answer(item: Locator, q: Question, *, right: bool) -> None:
    """Gives the right answer or a wrong one, by mouse."""
    if q.type == "ordering":
        order = keys(q) if right else keys(q)[1:] + keys(q)[:1]
        arrange(item, order)
        return
    chosen = keys(q) if right else [wrong_option(q)]
    for box in item.locator('input:not([type="hidden"])').all():
        value = box.get_attribute("value")
        if value in chosen:
            box.check()
        elif q.type == "multiple":
            box.uncheck()


def submit_anyway(root: Locator) -> None:
    """Submits a test with questions left unanswered: the first press says how many, the second
    submits."""
    root.locator('[data-quiz-action="submit"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    root.locator('[data-quiz-action="submit"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_visible()


def saved(page: Page, quiz_id: str) -> dict[str, object] | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY_PREFIX + quiz_id)
    return json.loads(raw) if raw is not None else None


def percent(page: Page, lang: str, score: float, total: int) -> str:
    """The score as the quiz should phrase it; the numbers are formatted by the browser's Intl."""
    fmt = page.evaluate(
        """([lang, score, total]) => [
            new Intl.NumberFormat(lang, {maximumFractionDigits: 2}).format(score),
            new Intl.NumberFormat(lang, {maximumFractionDigits: 2}).format(total),
            new Intl.NumberFormat(lang, {style: "percent", maximumFractionDigits: 0}).format(score / total)]""",
        [lang, score, total],
    )
    return ui("quiz_result", lang, score=fmt[0], total=fmt[1], percent=fmt[2])


def expect_focus_inside(locator: Locator) -> None:
    expect(locator).to_be_visible()
    assert locator.evaluate("el => el.contains(document.activeElement)"), "focus is elsewhere"


# --- practice quizzes -----------------------------------------------------------------------------


def test_practice_wrong_then_right(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("single")
    q = next(q for q in quiz.questions if q.type == "single")
    root = open_quiz(quiet, base_url, lang, quiz)
    item = question(root, q)
    feedback = item.locator("[data-quiz-feedback]")
    expect(item.locator("details")).to_be_hidden()  # the no-JS answer would give it away
    expect(feedback).to_be_hidden()

    wrong = wrong_option(q)
    item.locator(f'input[value="{wrong}"]').check()
    item.locator('[data-quiz-action="check"]').click()

    expect(item).to_have_attribute("data-quiz-state", "incorrect")
    expect_focus_inside(feedback)
    text = squash(feedback.inner_text())
    assert text.startswith(ui("quiz_incorrect", lang))
    assert ui("quiz_your_answer", lang) in text
    assert squash(explanation(q, wrong, lang)) in text
    assert ui("correct_answer", lang) in text
    assert squash(explanation(q, keys(q)[0], lang)) in text
    expect(root.locator("[data-quiz-live]")).to_have_text(ui("quiz_incorrect", lang))
    expect(item.locator(f'input[value="{wrong}"]')).to_be_disabled()

    item.locator('[data-quiz-action="retry"]').click()
    expect(item).not_to_have_attribute("data-quiz-state", re.compile(".*"))
    expect(feedback).to_be_hidden()
    assert item.evaluate("el => el.contains(document.activeElement) && document.activeElement.type === 'radio'")

    item.locator(f'input[value="{keys(q)[0]}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "correct")
    text = squash(feedback.inner_text())
    assert text.startswith(ui("quiz_correct", lang))
    assert squash(explanation(q, keys(q)[0], lang)) in text
    assert ui("correct_answer", lang) not in text  # nothing to correct


def check_unanswered(page: Page, base_url: str, lang: str, qtype: str) -> tuple[Quiz, Question, Locator]:
    """Presses Check on the first unanswered question of ``qtype``: it asks for an answer, on
    screen, and judges nothing. Returns the quiz, the question and its element."""
    quiz = first_page_with(qtype)
    q = next(q for q in quiz.questions if q.type == qtype)
    root = open_quiz(page, base_url, lang, quiz)
    item = question(root, q)
    item.locator('[data-quiz-action="check"]').click()
    expect(root.locator("[data-quiz-live]")).to_have_text(ui("quiz_choose_first", lang))
    feedback = item.locator("[data-quiz-feedback]")
    expect(feedback).to_be_visible()  # seen, not only heard
    expect(feedback).to_have_text(ui("quiz_choose_first", lang))
    expect(item).not_to_have_attribute("data-quiz-state", re.compile(".*"))
    return quiz, q, item


def test_check_without_an_answer_asks_for_one(quiet: Page, base_url: str, lang: str) -> None:
    _, _, item = check_unanswered(quiet, base_url, lang, "multiple")
    item.locator("input").first.check()  # choosing clears the request
    expect(item.locator("[data-quiz-feedback]")).to_be_hidden()


def test_an_ordering_question_left_as_shown_is_not_an_answer(quiet: Page, base_url: str, lang: str) -> None:
    quiz, q, item = check_unanswered(quiet, base_url, lang, "ordering")
    answers = (saved(quiet, quiz.page_id) or {}).get("answers") or {}
    assert isinstance(answers, dict) and q.id not in answers
    arrange(item, keys(q))
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "correct")


def test_multiple_choice_partial_credit(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("multiple")
    q = next(q for q in quiz.questions if q.type == "multiple" and len(keys(q)) >= 2)
    root = open_quiz(quiet, base_url, lang, quiz)
    item = question(root, q)
    right = keys(q)[0]
    item.locator(f'input[value="{right}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "incorrect")
    verdict = squash(item.locator(".bsh-quiz__verdict").inner_text())
    partial = ui("quiz_partial_multiple", lang, hits=1, total=len(keys(q)), wrong=0)
    assert verdict == f"{ui('quiz_partly', lang)} {partial}"


def test_score_breakdown_reload_and_reset(quiet: Page, base_url: str, lang: str) -> None:
    quiz = quiz_of("key-points")
    root = open_quiz(quiet, base_url, lang, quiz)
    wrong = next(q for q in quiz.questions if q.type == "single" and q.review and "#" not in q.review)
    results = root.locator("[data-quiz-results]")
    for q in quiz.questions:
        expect(results).to_be_hidden()  # only once every question is checked
        item = question(root, q)
        answer(item, q, right=q is not wrong)
        item.locator('[data-quiz-action="check"]').click()
        expect(item).to_have_attribute("data-quiz-state", "incorrect" if q is wrong else "correct")

    # The chosen wrong answer's edge is the red of its ✗, not the blue of a selection.
    item = question(root, wrong)
    for option, mark in ((wrong_option(wrong), "--bsh-wrong"), (keys(wrong)[0], "--bsh-right")):
        label = item.locator(f'[data-quiz-option="{option}"] label')
        expect(label).to_have_css("border-left-color", label.evaluate(COLOUR_OF, mark))

    total = len(quiz.questions)
    score = root.locator("[data-quiz-score]")
    expect(results).to_be_visible()
    expect(score).to_have_attribute("data-score", str(total - 1))
    expect(score).to_have_attribute("data-total", str(total))
    result = percent(quiet, lang, total - 1, total)
    expect(score).to_have_text(ui("quiz_score", lang, result=result))
    topic = results.locator('[data-quiz-topic="key-points"]')
    title = plain(content().page("key-points").page.title[lang], lang)
    expect(topic.locator("a").first).to_have_text(title)
    review = topic.locator("a").nth(1)
    section = next(s for s in content().page("key-points").page.sections if s.id == wrong.review)
    expect(review).to_have_text(plain(section.title[lang], lang))
    expect(review).to_have_attribute("href", f"#{wrong.review}")
    assert f"{ui('quiz_review', lang)} " in topic.inner_text()
    history = root.locator("[data-quiz-history]")
    expect(history).to_have_text(ui("quiz_history", lang, last=result, best=result))

    # Next day: the answers, the feedback and the result are still there.
    orders = {q.id: order_of(question(root, q)) for q in quiz.questions if q.type == "ordering"}
    quiet.reload()
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    for q in quiz.questions:
        item = question(root, q)
        expect(item).to_have_attribute("data-quiz-state", "incorrect" if q is wrong else "correct")
        expect(item.locator("[data-quiz-feedback]")).to_be_visible()
        if q.type == "ordering":
            assert order_of(item) == orders[q.id] == keys(q)
        else:
            chosen = keys(q) if q is not wrong else [wrong_option(q)]
            for box in item.locator("input").all():
                (expect(box).to_be_checked if box.get_attribute("value") in chosen else expect(box).not_to_be_checked)()
    expect(score).to_have_attribute("data-score", str(total - 1))
    expect(history).to_have_text(ui("quiz_history", lang, last=result, best=result))

    # Clearing asks first; saying no keeps everything.
    asked: list[str] = []
    reset = root.locator('[data-quiz-action="reset"]')
    quiet.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    reset.click()
    expect(history).to_have_text(ui("quiz_history", lang, last=result, best=result))
    assert asked == [ui("quiz_reset_confirm", lang)]
    expect(score).to_have_attribute("data-score", str(total - 1))
    kept = saved(quiet, "key-points")
    assert kept is not None and kept["last"] is not None
    quiet.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    reset.click()
    expect(root.locator("[data-quiz-live]")).to_have_text(ui("quiz_cleared", lang))
    assert len(asked) == 2
    expect(results).to_be_hidden()
    expect(history).to_be_hidden()
    expect(root.locator("[data-quiz-state]")).to_have_count(0)
    expect(root.locator("input:checked")).to_have_count(0)
    state = saved(quiet, "key-points")
    assert state is not None and state["answers"] == {} and state["last"] is None
    quiet.reload()
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    expect(root.locator("[data-quiz-state]")).to_have_count(0)
    expect(history).to_be_hidden()


def test_options_keep_their_order_on_reload(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("multiple")
    root = open_quiz(quiet, base_url, lang, quiz)

    def orders() -> list[list[str]]:
        return [
            question(root, q).locator("[data-quiz-option]").evaluate_all("els => els.map(e => e.dataset.quizOption)")
            for q in quiz.questions
        ]

    before = orders()
    quiet.reload()
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    assert orders() == before
    for q, order in zip(quiz.questions, before, strict=True):
        if q.type == "true-false":
            assert order == ["true", "false"]
        if q.type == "ordering":
            assert order != keys(q), "an ordering question must not start solved"


def test_ordering_by_keyboard_alone(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("ordering")
    q = next(q for q in quiz.questions if q.type == "ordering")
    root = open_quiz(quiet, base_url, lang, quiz)
    item = question(root, q)
    kb = quiet.keyboard

    # Reach the question with Tab from the question's hint, as from the end of the previous one.
    item.locator(".bsh-quiz__hint").evaluate("el => { el.tabIndex = -1; el.focus(); }")
    kb.press("Tab")
    buttons = item.locator("[data-quiz-move]")
    assert buttons.first.evaluate("el => el === document.activeElement")

    def focused_index() -> int:
        return int(buttons.evaluate_all("bs => bs.indexOf(document.activeElement)"))

    def go_to(index: int) -> None:
        while (at := focused_index()) != index:
            kb.press("Tab" if at < index else "Shift+Tab")

    target = keys(q)
    for i, option_id in enumerate(target):
        j = order_of(item).index(option_id)
        go_to(2 * j)  # its Move up button
        for _ in range(j - i):
            kb.press("Enter")
        assert focused_index() == 2 * i, "focus follows the moved item"
    assert order_of(item) == target

    check = item.locator('[data-quiz-action="check"]')
    for _ in range(2 * len(target) + 1):
        if check.evaluate("el => el === document.activeElement"):
            break
        kb.press("Tab")
    kb.press("Space")
    expect(item).to_have_attribute("data-quiz-state", "correct")
    expect_focus_inside(item.locator("[data-quiz-feedback]"))
    expect(item.locator("[data-quiz-move]").first).to_be_hidden()


def test_ordering_move_is_announced(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("ordering")
    q = next(q for q in quiz.questions if q.type == "ordering")
    root = open_quiz(quiet, base_url, lang, quiz)
    item = question(root, q)
    first = order_of(item)[0]
    item.locator(f'[data-quiz-option="{first}"] [data-quiz-move="down"]').click()
    assert order_of(item)[1] == first
    label = plain(next(o for o in q.options if o.id == first).text[lang], lang)
    expect(root.locator("[data-quiz-live]")).to_have_text(
        ui("quiz_moved", lang, item=label, position=2, total=len(q.options))
    )
    up = item.locator(f'[data-quiz-option="{order_of(item)[0]}"] [data-quiz-move="up"]')
    expect(up).to_have_attribute("aria-disabled", "true")


# --- the final quiz -------------------------------------------------------------------------------


def final_page() -> tuple[Quiz, int]:
    p = content().page("final-quiz")
    assert isinstance(p.page, FinalQuizPage)
    bank = tuple(q for _, q in content().questions())
    return Quiz("final-quiz", render.html_path(p.spec.md), bank), p.page.sample_size


def visible_questions(root: Locator, quiz: Quiz) -> list[Question]:
    by_id = {q.id: q for q in quiz.questions}
    ids = root.locator("[data-quiz-question]:visible").evaluate_all("els => els.map(e => e.dataset.quizQuestion)")
    return [by_id[i] for i in ids]


def test_submitting_with_questions_unanswered_asks_to_press_again(quiet: Page, base_url: str, lang: str) -> None:
    quiz, _ = final_page()
    root = open_quiz(quiet, base_url, lang, quiz)
    drawn = visible_questions(root, quiz)
    progress = root.locator("[data-quiz-progress]")
    answer(question(root, drawn[0]), drawn[0], right=True)
    submit = root.locator('[data-quiz-action="submit"]')
    submit.click()
    notice = ui("quiz_unanswered", lang, left=len(drawn) - 1, total=len(drawn))
    expect(progress).to_have_text(notice)
    expect(root.locator("[data-quiz-live]")).to_have_text(notice)
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    assert (saved(quiet, quiz.page_id) or {}).get("submitted") is False
    answer(question(root, drawn[1]), drawn[1], right=True)  # a change: the next press asks again
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=2, total=len(drawn)))
    submit.click()
    expect(progress).to_have_text(ui("quiz_unanswered", lang, left=len(drawn) - 2, total=len(drawn)))
    submit.click()
    expect(root.locator("[data-quiz-results]")).to_be_visible()
    expect(root.locator("[data-quiz-score]")).to_have_attribute("data-score", "2")


@pytest.mark.parametrize("lang", SCRIPTS)
def test_final_quiz_in_test_mode(quiet: Page, base_url: str, lang: str) -> None:
    quiz, size = final_page()
    root = open_quiz(quiet, base_url, lang, quiz)
    drawn = visible_questions(root, quiz)
    assert len(drawn) == min(size, len(quiz.questions))
    assert len({q.id for q in drawn}) == len(drawn)
    # The page holds the attempt's questions only; the rest of the bank stays in its script.
    expect(root.locator("[data-quiz-question]")).to_have_count(len(drawn))
    expect(root.locator("[data-quiz-pending]")).to_have_count(0)
    expect(root.locator('[data-quiz-action="check"]')).to_have_count(0)
    progress = root.locator("[data-quiz-progress]")
    # Nothing answered yet: an ordering question's shuffled start is no answer either.
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=0, total=len(drawn)))

    wrong = next(q for q in drawn if q.type != "ordering")
    for q in drawn:
        answer(question(root, q), q, right=q is not wrong)
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=len(drawn), total=len(drawn)))
    expect(root.locator("[data-quiz-state]")).to_have_count(0)  # no feedback before submitting

    quiet.reload()  # answers and sample survive a reload before submitting
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    assert [q.id for q in visible_questions(root, quiz)] == [q.id for q in drawn]
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=len(drawn), total=len(drawn)))

    root.locator('[data-quiz-action="submit"]').click()
    results = root.locator("[data-quiz-results]")
    expect_focus_inside(results)
    for q in drawn:
        expect(question(root, q)).to_have_attribute("data-quiz-state", "incorrect" if q is wrong else "correct")
    expect(root.locator("[data-quiz-question]:visible [data-quiz-feedback]:visible")).to_have_count(len(drawn))
    score = root.locator("[data-quiz-score]")
    expect(score).to_have_attribute("data-score", str(len(drawn) - 1))
    expect(score).to_have_attribute("data-total", str(len(drawn)))
    result = percent(quiet, lang, len(drawn) - 1, len(drawn))
    expect(score).to_have_text(ui("quiz_score", lang, result=result))
    expect(root.locator("[data-quiz-live]")).to_have_text(ui("quiz_score", lang, result=result))
    expect(root.locator('[data-quiz-action="submit"]')).to_be_hidden()
    for box in root.locator('[data-quiz-question]:visible input:not([type="hidden"])').all():
        expect(box).to_be_disabled()

    # One entry per topic drawn, in the course's order, each linking to its page.
    topic_of = {q.id: p.id for p, q in content().questions()}
    order = [p.id for p in content().pages]
    topics = sorted({topic_of[q.id] for q in drawn}, key=order.index)
    rows = results.locator("[data-quiz-topic]")
    assert rows.evaluate_all("els => els.map(e => e.dataset.quizTopic)") == topics
    for topic in topics:
        link = results.locator(f'[data-quiz-topic="{topic}"] a').first
        expect(link).to_have_text(plain(content().page(topic).page.title[lang], lang))
        expect(link).to_have_attribute("href", render.html_path(content().page(topic).spec.md))
    wrong_row = results.locator(f'[data-quiz-topic="{topic_of[wrong.id]}"]')
    assert ui("quiz_review", lang) in wrong_row.inner_text()

    quiet.reload()  # submitted stays submitted
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    expect(score).to_have_attribute("data-score", str(len(drawn) - 1))
    assert [q.id for q in visible_questions(root, quiz)] == [q.id for q in drawn]

    results.locator('[data-quiz-action="retry"]').click()  # a new attempt: a new sample, scores kept
    expect(results).to_be_hidden()
    expect(root.locator("[data-quiz-state]")).to_have_count(0)
    expect(root.locator("[data-quiz-history]")).to_have_text(ui("quiz_history", lang, last=result, best=result))
    again = visible_questions(root, quiz)
    assert len(again) == len(drawn)
    if len(quiz.questions) > 2 * size:
        assert [q.id for q in again] != [q.id for q in drawn]
    state = saved(quiet, "final-quiz")
    assert state is not None and state["sample"] == [q.id for q in again] and state["submitted"] is False


# --- storage, navigation, no JavaScript ------------------------------------------------------------

# Material's own inline scripts read localStorage while the page is parsed (palette, consent) and
# throw when it is blocked; that is outside the quiz. Storage here fails from the moment parsing
# ends, which is before the quiz starts: the quiz alone meets the blocked storage.
BLOCK_STORAGE = """
(() => {
  Object.defineProperty(window, "localStorage", {
    configurable: true,
    get() {
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
})();
"""

FULL_STORAGE = """
(() => {
  localStorage.setItem("bsh-quiz:v1:%s", "{corrupt");
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
})();
"""


@pytest.mark.parametrize("storage", ["blocked", "full-and-corrupt"])
def test_quiz_works_without_storage(quiet: Page, base_url: str, lang: str, storage: str) -> None:
    quiz = first_page_with("single")
    q = next(q for q in quiz.questions if q.type == "single")
    quiet.add_init_script(BLOCK_STORAGE if storage == "blocked" else FULL_STORAGE % quiz.page_id)
    root = open_quiz(quiet, base_url, lang, quiz)
    note = root.locator("[data-quiz-nosave]")
    expect(note).to_have_text(ui("quiz_not_saved", lang))
    item = question(root, q)
    answer(item, q, right=True)
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "correct")

    quiet.reload()  # nothing was kept, and nothing broke
    expect(root.locator('[data-quiz-action="reset"]')).to_be_visible()
    expect(item).not_to_have_attribute("data-quiz-state", re.compile(".*"))
    expect(item.locator("input:checked")).to_have_count(0)


def test_without_javascript_answers_sit_in_details(browser: Browser, base_url: str, lang: str) -> None:
    quiz = quiz_of("key-points")
    page = browser.new_context(java_script_enabled=False).new_page()
    try:
        page.goto(f"{base_url}{lang}/{quiz.url}")
        root = page.locator(f'[data-quiz="{quiz.page_id}"]')
        expect(root.locator("[data-quiz-question]")).to_have_count(len(quiz.questions))
        expect(root.locator("button:visible")).to_have_count(0)
        q = quiz.questions[0]
        details = question(root, q).locator("details")
        expect(details.locator("summary")).to_have_text(ui("show_answer", lang))
        details.locator("summary").click()
        text = squash(details.inner_text())
        for option_id in keys(q):
            assert option_label(q, option_id, lang) in text
        assert squash(explanation(q, keys(q)[0], lang)) in text
    finally:
        page.context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_an_ordering_hint_names_only_buttons_the_page_has(browser: Browser, base_url: str, lang: str, js: bool) -> None:
    quiz = first_page_with("ordering")
    q = next(q for q in quiz.questions if q.type == "ordering")
    page = browser.new_context(java_script_enabled=js).new_page()
    try:
        if js:
            root = open_quiz(page, base_url, lang, quiz)
        else:
            page.goto(f"{base_url}{lang}/{quiz.url}")
            root = page.locator(f'[data-quiz="{quiz.page_id}"]')
        item = question(root, q)
        hint = ui("order_hint" if js else "order_hint_nojs", lang)
        expect(item.locator(".bsh-quiz__hint")).to_have_text(hint, use_inner_text=True)
        expect(item.locator("fieldset")).to_have_accessible_description(re.compile(re.escape(hint) + "$"))
        expect(item.locator("[data-quiz-move]:visible")).to_have_count(2 * len(q.options) if js else 0)
    finally:
        page.context.close()


def test_without_javascript_the_final_quiz_links_every_topics_quiz(browser: Browser, base_url: str, lang: str) -> None:
    quiz, _ = final_page()
    order = [p.id for p in content().pages]
    topic_of = {q.id: p.id for p, q in content().questions()}
    topics = sorted({topic_of[q.id] for q in quiz.questions}, key=order.index)
    page = browser.new_context(java_script_enabled=False).new_page()
    try:
        page.goto(f"{base_url}{lang}/{quiz.url}")
        root = page.locator('[data-quiz="final-quiz"]')
        expect(root.locator("[data-quiz-question]")).to_have_count(0)  # a test needs the script
        expect(root.locator("[data-quiz-nojs]").first).to_have_text(ui("quiz_bank_nojs", lang))
        links = root.locator(".bsh-quiz__topics a")
        expect(links).to_have_count(len(topics))
        for i, topic in enumerate(topics):
            target = content().page(topic)
            expect(links.nth(i)).to_have_text(plain(target.page.title[lang], lang))
            expect(links.nth(i)).to_have_attribute("href", render.html_path(target.spec.md) + "#quiz")
        links.nth(1).click()  # the topic's quiz, readable without the script
        expect(page.locator(f'[data-quiz="{topics[1]}"] details').first).to_be_visible()
    finally:
        page.context.close()


def test_a_final_quiz_whose_bank_does_not_load_links_the_topics(page: Page, base_url: str, lang: str) -> None:
    quiz, _ = final_page()
    page.route("**/assets/quiz-bank-*.js", lambda route: route.abort())
    page.goto(f"{base_url}{lang}/{quiz.url}")
    root = page.locator('[data-quiz="final-quiz"]')
    links = root.locator("[data-quiz-pending] a")
    expect(links.first).to_be_visible()  # what readers without JavaScript get, not an empty test
    assert links.count() == len({p.id for p, _ in content().questions()})
    expect(root.locator("[data-quiz-question]")).to_have_count(0)
    expect(root.locator('[data-quiz-action="submit"]')).to_be_hidden()


def test_an_answer_chosen_before_the_script_runs_is_kept(quiet: Page, base_url: str, lang: str) -> None:
    """The scripts load after the page shows: on a slow connection a learner may answer first."""
    quiz = first_page_with("single")
    q = next(q for q in quiz.questions if q.type == "single")
    held: list[Route] = []
    quiet.route("**/assets/quiz.js", lambda route: held.append(route))  # waits until released below
    # Not waiting for DOMContentLoaded: a script at the end of the page may hold it back.
    quiet.goto(f"{base_url}{lang}/{quiz.url}", wait_until="commit")
    root = quiet.locator(f'[data-quiz="{quiz.page_id}"]')
    item = question(root, q)
    item.locator(f'input[value="{keys(q)[0]}"]').check()
    for _ in range(100):
        if held:
            break
        quiet.wait_for_timeout(50)
    assert held, "quiz.js was never requested"
    expect(item.locator('[data-quiz-action="check"]')).to_be_hidden()  # the script has not run
    held[0].continue_()
    expect(item.locator('[data-quiz-action="check"]')).to_be_visible()
    expect(item.locator(f'input[value="{keys(q)[0]}"]')).to_be_checked()
    state = saved(quiet, quiz.page_id)
    assert state is not None and state["answers"] == {q.id: [keys(q)[0]]}
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "correct")


# --- layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", SCRIPTS)
def test_targets_and_narrow_screens(quiet: Page, base_url: str, lang: str) -> None:
    quiet.set_viewport_size({"width": 320, "height": 640})
    quiz = quiz_of("key-points")
    root = open_quiz(quiet, base_url, lang, quiz)
    for control in root.locator('input:not([type="hidden"]):visible, button:visible').all():
        box = control.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, control.evaluate("e => e.outerHTML")
    overflow = root.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow <= 0, f"the quiz is {overflow}px wider than a 320px screen"


def test_print_shows_the_questions_and_the_result(quiet: Page, base_url: str, lang: str) -> None:
    quiz, size = final_page()
    root = open_quiz(quiet, base_url, lang, quiz)
    submit_anyway(root)
    quiet.emulate_media(media="print")
    expect(root.locator("[data-quiz-question]:visible")).to_have_count(min(size, len(quiz.questions)))
    expect(root.locator("[data-quiz-score]")).to_be_visible()
    expect(root.locator("[data-quiz-feedback]:visible").first).to_be_visible()
    expect(root.locator("button:visible")).to_have_count(0)


# --- accessibility and security -------------------------------------------------------------------

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_after_an_attempt(quiet: Page, base_url: str, lang: str, scheme: str) -> None:
    quiet.emulate_media(color_scheme=scheme)
    quiz, _ = final_page()
    root = open_quiz(quiet, base_url, lang, quiz)
    drawn = visible_questions(root, quiz)
    answer(question(root, drawn[0]), drawn[0], right=False)
    submit_anyway(root)
    quiet.mouse.move(0, 0)  # no hover colours
    results = Axe().run(quiet, context="[data-quiz]", options={**WCAG, "resultTypes": ["violations"]})
    violations = [f"{v['id']}: {[n['html'][:80] for n in v['nodes'][:3]]}" for v in results.response["violations"]]
    assert violations == []


def test_quiz_runs_under_the_sites_csp(quiet: Page, built_site: Path, base_url: str, lang: str) -> None:
    policy = content_security_policy(built_site)

    enforce_csp(quiet, policy)
    quiz, _ = final_page()
    root = open_quiz(quiet, base_url, lang, quiz)
    drawn = visible_questions(root, quiz)
    for q in drawn[:3]:
        answer(question(root, q), q, right=True)
    submit_anyway(root)
    quiet.once("dialog", lambda d: d.accept())
    root.locator('[data-quiz-action="reset"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    assert quiet.evaluate("window.__violations") == []
