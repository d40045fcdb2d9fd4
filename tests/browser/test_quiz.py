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
from playwright.sync_api import Browser, Locator, Page, Route, expect

from build_tools import render
from build_tools.build import content_security_policy
from build_tools.models import FinalQuizPage, Question

from .axecheck import WCAG, in_both_schemes
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
    """An option's explanation, after the verdict the template writes (never the YAML)."""
    o = next(o for o in q.options if o.id == option_id)
    if q.type == "ordering":
        return f"{option_label(q, option_id, lang)}: {plain(o.explain[lang], lang)}"
    verdict = ui("quiz_verdict_right" if option_id in keys(q) else "quiz_verdict_wrong", lang)
    return f"{option_label(q, option_id, lang)} — {verdict}. {plain(o.explain[lang], lang)}"


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
    for o in q.options:
        box = item.locator(f'input:not([type="hidden"])[value="{o.id}"]')
        # A test is answered twenty questions at a time: the mouse clicks each box where it is
        # without Playwright's wait for it to stand still, and fails unless the click takes.
        if o.id in chosen:
            box.check(force=True)
        elif q.type == "multiple":
            box.uncheck(force=True)


def submit_anyway(root: Locator) -> None:
    """Submits a test with questions left unanswered: Submit lists them, "Submit anyway" submits."""
    root.locator('[data-quiz-action="submit"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    root.locator('[data-quiz-action="submit-anyway"]').click()
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

    # A first wrong try teaches: why that pick is wrong, and no key yet.
    expect(item).to_have_attribute("data-quiz-state", "retry")
    expect_focus_inside(feedback)
    text = squash(feedback.inner_text())
    assert text.startswith(ui("quiz_first_wrong", lang))
    assert squash(explanation(q, wrong, lang)) in text
    assert ui("correct_answer", lang) not in text
    assert squash(explanation(q, keys(q)[0], lang)) not in text
    expect(root.locator("[data-quiz-live]")).to_have_text(ui("quiz_first_wrong", lang))
    expect(item.locator(f'input[value="{wrong}"]')).to_be_disabled()
    expect(item.locator('[data-quiz-action="check"]')).to_be_hidden()
    expect(item.locator('[data-quiz-action="show-answer"]')).to_be_visible()

    item.locator('[data-quiz-action="try-again"]').click()
    expect(item).not_to_have_attribute("data-quiz-state", re.compile(".*"))
    expect(feedback).to_be_hidden()
    expect(item.locator("input:checked")).to_have_count(0)  # a single choice starts blank
    assert item.evaluate("el => el.contains(document.activeElement) && document.activeElement.type === 'radio'")

    item.locator(f'input[value="{keys(q)[0]}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "correct")
    text = squash(feedback.inner_text())
    assert text.startswith(ui("quiz_correct", lang))
    assert squash(explanation(q, keys(q)[0], lang)) in text
    assert ui("correct_answer", lang) not in text  # nothing to correct
    # Right: nothing to try again.
    expect(item.locator("[data-quiz-action]:visible")).to_have_count(0)


def test_practice_shows_the_answer_after_two_wrong_tries_or_on_request(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("single")
    singles = [q for q in quiz.questions if q.type == "single" and len(q.options) - len(keys(q)) >= 2]
    first, second = singles[0], singles[1]
    root = open_quiz(quiet, base_url, lang, quiz)

    # Wrong twice: the key and every explanation.
    item = question(root, first)
    wrongs = [o.id for o in first.options if o.id not in keys(first)]
    item.locator(f'input[value="{wrongs[0]}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    item.locator('[data-quiz-action="try-again"]').click()
    item.locator(f'input[value="{wrongs[1]}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "incorrect")
    text = squash(item.locator("[data-quiz-feedback]").inner_text())
    assert ui("correct_answer", lang) in text
    for o in first.options:
        assert squash(explanation(first, o.id, lang)) in text, o.id
    expect(item.locator("[data-quiz-action]:visible")).to_have_count(0)

    # "Show the answer" after one wrong try.
    item = question(root, second)
    item.locator(f'input[value="{wrong_option(second)}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    item.locator('[data-quiz-action="show-answer"]').click()
    expect(item).to_have_attribute("data-quiz-state", "incorrect")
    expect_focus_inside(item.locator("[data-quiz-feedback]"))
    feedback = squash(item.locator("[data-quiz-feedback]").inner_text())
    assert squash(explanation(second, keys(second)[0], lang)) in feedback
    quiet.reload()  # judged stays judged
    expect(question(root, second)).to_have_attribute("data-quiz-state", "incorrect")
    expect(question(root, first)).to_have_attribute("data-quiz-state", "incorrect")


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


def test_an_ordering_question_is_checked_in_the_order_shown(quiet: Page, base_url: str, lang: str) -> None:
    quiz = first_page_with("ordering")
    q = next(q for q in quiz.questions if q.type == "ordering")
    root = open_quiz(quiet, base_url, lang, quiz)
    item = question(root, q)
    shown = order_of(item)
    assert shown != keys(q), "an ordering question must never start solved"
    item.locator('[data-quiz-action="check"]').click()  # untouched: judged as shown
    expect(item).to_have_attribute("data-quiz-state", "retry")
    hits = sum(a == b for a, b in zip(shown, keys(q), strict=True))
    partial = ui("quiz_partial_ordering", lang, hits=hits, total=len(keys(q)))
    assert partial in squash(item.locator(".bsh-quiz__verdict").inner_text())
    assert order_of(item) == shown
    item.locator('[data-quiz-action="try-again"]').click()
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
    expect(item).to_have_attribute("data-quiz-state", "retry")
    verdict = squash(item.locator(".bsh-quiz__verdict").inner_text())
    partial = ui("quiz_partial_multiple", lang, hits=1, total=len(keys(q)), wrong=0)
    assert verdict == f"{ui('quiz_first_wrong', lang)} {partial}"
    # What was wrong in the pick: the right answers still missing (no wrong pick to explain).
    text = squash(item.locator("[data-quiz-feedback]").inner_text())
    assert ui("quiz_missed_picks", lang, n=len(keys(q)) - 1) in text
    assert ui("quiz_wrong_picks", lang) not in text

    # A wrong pick added: named with its explanation; the right pick is kept for the next try.
    item.locator('[data-quiz-action="try-again"]').click()
    expect(item.locator(f'input[value="{right}"]')).to_be_checked()
    item.locator(f'input[value="{wrong_option(q)}"]').check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item).to_have_attribute("data-quiz-state", "incorrect")  # the second wrong try
    text = squash(item.locator("[data-quiz-feedback]").inner_text())
    assert ui("correct_answer", lang) in text and squash(explanation(q, wrong_option(q), lang)) in text


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
        if q is wrong:
            item.locator('[data-quiz-action="show-answer"]').click()
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


# --- the final test -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Final:
    quiz: Quiz
    page: FinalQuizPage

    @property
    def size(self) -> int:
        return self.page.attempt_size

    @property
    def needed(self) -> int:
        return self.page.pass_count


def final_page() -> Final:
    p = content().page("final-quiz")
    assert isinstance(p.page, FinalQuizPage)
    assert p.page.bank, "the final test has no bank"
    return Final(Quiz("final-quiz", render.html_path(p.spec.md), tuple(p.page.bank)), p.page)


def start_final(page: Page, base_url: str, lang: str, final: Final) -> Locator:
    """Opens the final test and starts an attempt: its questions are in the page."""
    root = open_quiz(page, base_url, lang, final.quiz)
    root.locator('[data-quiz-action="start"]').click()
    expect(root.locator("[data-quiz-question]")).to_have_count(final.size)
    return root


def visible_questions(root: Locator, quiz: Quiz) -> list[Question]:
    by_id = {q.id: q for q in quiz.questions}
    ids = root.locator("[data-quiz-question]:visible").evaluate_all("els => els.map(e => e.dataset.quizQuestion)")
    return [by_id[i] for i in ids]


def check_draw(final: Final, drawn: list[Question]) -> None:
    """An attempt holds the blueprint's count per topic, in its order, and one item per group."""
    blueprint = final.page.blueprint
    if blueprint:
        expected = [t for t, n in blueprint.items() for _ in range(n)]
        assert [q.topic for q in drawn] == expected  # type: ignore[attr-defined]
    else:
        assert sorted(q.id for q in drawn) == sorted(q.id for q in final.quiz.questions)
    groups = [q.group for q in drawn]  # type: ignore[attr-defined]
    assert len(set(groups)) == len(groups), "two items of one concept group"


def test_the_start_panel_states_the_test_and_loads_the_bank_on_start(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    requested: list[str] = []
    quiet.on("request", lambda r: requested.append(r.url) if "quiz-bank" in r.url else None)
    root = open_quiz(quiet, base_url, lang, final.quiz)
    start = root.locator("[data-quiz-start]")
    expect(start).to_be_visible()
    facts = (
        ui("quiz_start_count", lang, n=final.size)
        + " "
        + ui("quiz_pass_rule", lang, percent=final.page.pass_mark, count=final.needed, total=final.size)
    )
    expect(start.locator("p").first).to_have_text(facts)
    expect(start).to_contain_text(ui("quiz_start_note", lang))
    expect(root.locator('[data-quiz-action="submit"]')).to_be_hidden()
    expect(root.locator("[data-quiz-question]")).to_have_count(0)
    assert requested == [] and quiet.evaluate("() => window.bshQuizBanks === undefined"), "the bank loaded before Start"

    root.locator('[data-quiz-action="start"]').click()
    expect(root.locator("[data-quiz-question]")).to_have_count(final.size)
    assert len(requested) == 1
    expect(start).to_be_hidden()
    check_draw(final, visible_questions(root, final.quiz))
    focused = quiet.evaluate("() => document.activeElement.closest('[data-quiz-question]') !== null")
    assert focused, "focus on the first question"


def test_ten_attempts_each_follow_the_blueprint(quiet: Page, base_url: str, lang: str) -> None:
    """The page's own draw over its real bank (tests/js/quiz.test.mjs draws 2,000 times)."""
    final = final_page()
    root = start_final(quiet, base_url, lang, final)
    attempts = set()
    for _ in range(10):
        drawn = visible_questions(root, final.quiz)
        check_draw(final, drawn)
        attempts.add(tuple(q.id for q in drawn))
        submit_anyway(root)
        root.locator('[data-quiz-action="retry"]').click()
        expect(root.locator("[data-quiz-results]")).to_be_hidden()
    assert len(attempts) > 1, "every attempt drew the same questions"


def test_submitting_with_questions_unanswered_lists_them(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    root = start_final(quiet, base_url, lang, final)
    drawn = visible_questions(root, final.quiz)
    answer(question(root, drawn[0]), drawn[0], right=True)
    root.locator('[data-quiz-action="submit"]').click()
    panel = root.locator("[data-quiz-unanswered]")
    expect(panel).to_be_visible()
    expect_focus_inside(panel)
    notice = ui("quiz_unanswered", lang, left=len(drawn) - 1, total=len(drawn))
    expect(panel.locator("[data-quiz-unanswered-count]")).to_have_text(notice)
    expect(root.locator("[data-quiz-live]")).to_have_text(notice)
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    assert (saved(quiet, "final-quiz") or {}).get("submitted") is False
    links = panel.locator("a")
    expect(links).to_have_count(len(drawn) - 1)
    expect(links.first).to_have_text(re.compile("^" + re.escape(ui("quiz_question_n", lang, n=2, prompt="X")[:-1])))

    # A link jumps to its question, focus on its first answer.
    target = drawn[3]
    links.nth(2).click()
    item = question(root, target)
    expect(item).to_be_in_viewport()
    assert item.evaluate("el => el.contains(document.activeElement)"), "focus is not in the question"
    answer(item, target, right=True)
    expect(links).to_have_count(len(drawn) - 2)  # the list follows the answers
    root.locator('[data-quiz-action="submit-anyway"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_visible()
    expect(panel).to_be_hidden()


@pytest.mark.parametrize("lang", SCRIPTS)
def test_final_quiz_in_test_mode(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    quiz = final.quiz
    root = start_final(quiet, base_url, lang, final)
    drawn = visible_questions(root, quiz)
    # The page holds the attempt's questions only; the rest of the bank stays in its script.
    expect(root.locator('[data-quiz-action="check"]')).to_have_count(0)
    progress = root.locator("[data-quiz-progress]")
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=0, total=len(drawn)))

    wrong = next(q for q in drawn if q.type != "ordering")
    for q in drawn:
        answer(question(root, q), q, right=q is not wrong)
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=len(drawn), total=len(drawn)))
    expect(root.locator("[data-quiz-state]")).to_have_count(0)  # no feedback before submitting

    quiet.reload()  # answers and the draw survive a reload before submitting
    expect(root.locator("[data-quiz-question]")).to_have_count(final.size)
    assert [q.id for q in visible_questions(root, quiz)] == [q.id for q in drawn]
    expect(progress).to_have_text(ui("quiz_answered", lang, answered=len(drawn), total=len(drawn)))

    root.locator('[data-quiz-action="submit"]').click()
    results = root.locator("[data-quiz-results]")
    expect_focus_inside(results)
    # On top: above the first question.
    top = results.bounding_box()
    first = question(root, drawn[0]).bounding_box()
    assert top and first and top["y"] < first["y"], "the result is not above the questions"
    for q in drawn:
        expect(question(root, q)).to_have_attribute("data-quiz-state", "incorrect" if q is wrong else "correct")
    score = root.locator("[data-quiz-score]")
    expect(score).to_have_attribute("data-score", str(len(drawn) - 1))
    result = percent(quiet, lang, len(drawn) - 1, len(drawn))
    expect(score).to_have_text(ui("quiz_score", lang, result=result))
    expect(root.locator('[data-quiz-action="submit"]')).to_be_hidden()
    for box in root.locator('[data-quiz-question]:visible input:not([type="hidden"])').all():
        expect(box).to_be_disabled()

    # Topics weakest first, each linking to its page; the wrong one's with its section to reread.
    rows = results.locator("[data-quiz-topic]")
    topics = rows.evaluate_all("els => els.map(e => e.dataset.quizTopic)")
    assert topics[0] == wrong.topic  # type: ignore[attr-defined]
    assert sorted(topics) == sorted({q.topic for q in drawn})  # type: ignore[attr-defined]
    for topic in topics:
        link = results.locator(f'[data-quiz-topic="{topic}"] a').first
        expect(link).to_have_text(plain(content().page(topic).page.title[lang], lang))
        expect(link).to_have_attribute("href", render.html_path(content().page(topic).spec.md))
    if wrong.review:
        assert ui("quiz_review", lang) in rows.first.inner_text()
    # The missed question, linked.
    missed = results.locator("[data-quiz-missed] a")
    expect(missed).to_have_count(1)
    expect(missed).to_have_attribute("href", "#" + question(root, wrong).get_attribute("id"))

    quiet.reload()  # submitted stays submitted
    expect(score).to_have_attribute("data-score", str(len(drawn) - 1))
    assert [q.id for q in visible_questions(root, quiz)] == [q.id for q in drawn]

    results.locator('[data-quiz-action="retry"]').click()  # a new attempt: a new draw, scores kept
    expect(results).to_be_hidden()
    expect(root.locator("[data-quiz-state]")).to_have_count(0)
    expect(root.locator("[data-quiz-history]")).to_have_text(ui("quiz_history", lang, last=result, best=result))
    again = visible_questions(root, quiz)
    check_draw(final, again)
    state = saved(quiet, "final-quiz")
    assert state is not None and state["sample"] == [q.id for q in again] and state["submitted"] is False


def test_a_pass_and_a_fail_are_judged_and_shown_on_the_dashboard(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    root = start_final(quiet, base_url, lang, final)
    pass_ = root.locator("[data-quiz-pass]")
    submit_anyway(root)  # nothing answered: not passed
    expect(pass_).to_have_attribute("data-passed", "false")
    not_passed = ui("quiz_not_passed", lang, date="X", count=final.needed, total=final.size)
    expect(pass_).to_contain_text(not_passed.split("X")[1])
    quiet.goto(f"{base_url}{lang}/progress.html")
    row = quiet.locator('[data-progress-quiz="final-quiz"]')
    expect(row).to_have_attribute("data-passed", "false")
    expect(row.locator("[data-progress-status]")).to_have_text(ui("pr_not_passed", lang))

    root = open_quiz(quiet, base_url, lang, final.quiz)
    root.locator('[data-quiz-action="retry"]').click()
    drawn = visible_questions(root, final.quiz)
    for q in drawn:
        answer(question(root, q), q, right=True)
    root.locator('[data-quiz-action="submit"]').click()
    today = quiet.evaluate(
        "lang => new Date().toLocaleDateString(lang, {year: 'numeric', month: 'long', day: 'numeric'})", lang
    )
    expect(pass_).to_have_attribute("data-passed", "true")
    expect(pass_).to_have_text(ui("quiz_passed", lang, date=today))
    expect(root.locator("[data-quiz-missed-section]")).to_be_hidden()
    state = saved(quiet, "final-quiz")
    assert state is not None and state["last"]["passed"] is True and state["best"]["passed"] is True
    quiet.goto(f"{base_url}{lang}/progress.html")
    expect(row).to_have_attribute("data-passed", "true")
    expect(row.locator("[data-progress-status]")).to_have_text(ui("pr_passed", lang, date=today))


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
    quiz = final_page().quiz
    order = [p.id for p in content().pages]
    topics = sorted({q.topic for q in quiz.questions}, key=order.index)  # type: ignore[attr-defined]
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
    quiz = final_page().quiz
    page.route("**/assets/quiz-bank-*.js", lambda route: route.abort())
    page.goto(f"{base_url}{lang}/{quiz.url}")
    root = page.locator('[data-quiz="final-quiz"]')
    root.locator('[data-quiz-action="start"]').click()
    expect(root.locator("[data-quiz-pending]")).to_contain_text(ui("quiz_bank_failed", lang))
    links = root.locator("[data-quiz-pending] a")
    expect(links.first).to_be_visible()  # what readers without JavaScript get, not an empty test
    assert links.count() == len({q.topic for q in quiz.questions})  # type: ignore[attr-defined]
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


def test_print_shows_the_answers_and_the_result(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    root = start_final(quiet, base_url, lang, final)
    drawn = visible_questions(root, final.quiz)
    q = next(q for q in drawn if q.type != "ordering")
    answer(question(root, q), q, right=True)
    quiet.emulate_media(media="print")
    chosen = question(root, q).locator(f'[data-quiz-option="{keys(q)[0]}"]')
    expect(chosen).to_have_attribute("data-quiz-chosen", "")
    weight = chosen.locator("label").evaluate("el => getComputedStyle(el).fontWeight")
    assert weight == "700", "the answer is not marked"
    quiet.emulate_media(media="screen")
    submit_anyway(root)
    quiet.emulate_media(media="print")
    expect(root.locator("[data-quiz-question]:visible")).to_have_count(final.size)
    expect(root.locator("[data-quiz-score]")).to_be_visible()
    expect(root.locator("[data-quiz-pass]")).to_be_visible()
    expect(root.locator("[data-quiz-feedback]:visible").first).to_be_visible()
    expect(root.locator("button:visible")).to_have_count(0)


def test_a_printed_practice_quiz_ends_with_its_answer_key(quiet: Page, base_url: str, lang: str) -> None:
    quiz = quiz_of("key-points")
    root = open_quiz(quiet, base_url, lang, quiz)
    key = root.locator("[data-quiz-key]")
    expect(key).to_be_hidden()  # on screen it would give the answers away
    quiet.emulate_media(media="print")
    expect(key).to_be_visible()
    expect(key.locator("li")).to_have_count(len(quiz.questions))
    q = quiz.questions[0]
    expect(key.locator("li").first).to_have_text("; ".join(option_label(q, k, lang) for k in keys(q)))


# --- accessibility and security -------------------------------------------------------------------


def test_axe_finds_nothing_after_an_attempt(quiet: Page, base_url: str, lang: str) -> None:
    final = final_page()
    root = open_quiz(quiet, base_url, lang, final.quiz)
    both = {"light": [], "dark": []}
    assert in_both_schemes(quiet, "[data-quiz]", WCAG) == both, "the start panel"
    root.locator('[data-quiz-action="start"]').click()
    expect(root.locator("[data-quiz-question]")).to_have_count(final.size)
    drawn = visible_questions(root, final.quiz)
    root.locator('[data-quiz-action="submit"]').click()  # the list of open questions
    assert in_both_schemes(quiet, "[data-quiz]", WCAG) == both, "the list of open questions"
    answer(question(root, drawn[0]), drawn[0], right=False)
    root.locator('[data-quiz-action="submit-anyway"]').click()
    assert in_both_schemes(quiet, "[data-quiz]", WCAG) == both, "the result"


def test_quiz_runs_under_the_sites_csp(quiet: Page, built_site: Path, base_url: str, lang: str) -> None:
    policy = content_security_policy(built_site)

    enforce_csp(quiet, policy)
    final = final_page()
    root = start_final(quiet, base_url, lang, final)  # the bank loads under the policy too
    drawn = visible_questions(root, final.quiz)
    for q in drawn[:3]:
        answer(question(root, q), q, right=True)
    submit_anyway(root)
    quiet.once("dialog", lambda d: d.accept())
    root.locator('[data-quiz-action="reset"]').click()
    expect(root.locator("[data-quiz-results]")).to_be_hidden()
    assert quiet.evaluate("window.__violations") == []
