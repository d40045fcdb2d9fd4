"""The self-assessment and the progress dashboard in a real Chromium, as a salesperson would use
them: rate customers person by person, reload, print, move to another browser by export and import,
and clear everything. Each behaviour once, in English; in Russian too where the script changes it:
the export's file name, scores written the page language's way, and what must fit a phone or
one printed page. tests/test_strings.py checks every language's strings.

Expected strings come from the YAML content (the source of truth), never from the page under test.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page, expect

from build_tools.models import AssessmentPage, FinalQuizPage

from .axecheck import WCAG, in_both_schemes
from .conftest import SCRIPTS, enforce_csp
from .expected import content, plain, ui

KEY = "bsh-assessment:v1"
LANGUAGES = ("en", "id", "ru", "vi")


# --- the content: what the learner should see -----------------------------------------------------


def assessment() -> AssessmentPage:
    page = content().page("assessment").page
    assert isinstance(page, AssessmentPage)
    return page


def level_name(n: int, lang: str) -> str:
    short = next(lv for lv in content().levels() if lv.level == n).short_name[lang]
    return f"{ui('level_n', lang, n=n)}: {plain(short, lang)}"


Points = Callable[[int, int], int]


def everywhere(points: int) -> Points:
    return lambda _level, _index: points


def up_to(level: int) -> Points:
    """Full marks up to ``level``, nothing above: a person at exactly that level."""
    return lambda lv, _index: 3 if lv <= level else 0


# --- acting on the page ---------------------------------------------------------------------------


def open_assessment(page: Page, base_url: str, lang: str) -> Locator:
    page.goto(f"{base_url}{lang}/assessment.html")
    root = page.locator("[data-assessment]")
    # assessment.js shows the submit button when it has taken over the form.
    expect(root.locator('[data-assessment-action="submit"]')).to_be_visible()
    return root


def type_text(field: Locator, text: str) -> None:
    """Replaces a text field's value key by key, as a person types."""
    field.click()
    field.press("ControlOrMeta+a")
    field.press("Backspace")
    if text:
        field.press_sequentially(text)


def choose(root: Locator, statement_id: str, value: object) -> None:
    """Clicks one answer to one statement with the mouse, as a person does. A form takes dozens
    of these, so Playwright does not first wait for the button to stand still over two animation
    frames; the click still lands where the button is, and fails unless it checks the button."""
    root.locator(f'input[name="bsh-as-{statement_id}"][value="{value}"]').check(force=True)


def rate(root: Locator, customer: str | None, person: str, points: Points) -> None:
    """Fills in the form by mouse and keyboard, as a person would, and submits it."""
    if customer is not None:
        type_text(root.locator("[data-assessment-customer]"), customer)
    type_text(root.locator("[data-assessment-person]"), person)
    for lv in assessment().levels:
        for i, st in enumerate(lv.statements):
            choose(root, st.id, points(lv.level, i))
    root.locator('[data-assessment-action="submit"]').click()
    expect(root.locator("[data-assessment-result]")).to_be_visible()


def new_customer(root: Locator) -> None:
    root.locator('[data-assessment-action="new"]').click()
    expect(root.locator("[data-assessment-result]")).to_be_hidden()


def another_person(root: Locator) -> None:
    root.locator('[data-assessment-action="add-person"]').click()


def result(root: Locator) -> Locator:
    return root.locator("[data-assessment-result]")


def message(root: Locator) -> Locator:
    return root.locator("[data-assessment-message]")


def form_message(root: Locator) -> Locator:
    """The form's own messages, next to its buttons."""
    return root.locator("[data-assessment-form-message]")


def saved(page: Page) -> str | None:
    value = page.evaluate("key => localStorage.getItem(key)", KEY)
    return value if isinstance(value, str) else None


def customers_listed(root: Locator) -> list[str]:
    return root.locator("[data-assessment-list] .bsh-assessment__item-name").all_inner_texts()


def open_customer(root: Locator, name: str) -> None:
    item = root.locator("[data-assessment-list] li").filter(has_text=name)
    item.locator("[data-assessment-open]").click()
    expect(root.locator("[data-assessment-customer]")).to_have_value(name)


def accept_dialogs(page: Page, answers: list[str] | None = None) -> None:
    """Accept every confirmation, recording its text in ``answers``."""

    def on_dialog(dialog: Dialog) -> None:
        if answers is not None:
            answers.append(dialog.message)
        dialog.accept()

    page.on("dialog", on_dialog)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- scoring, as the page shows it ---------------------------------------------------------------


def test_lowest_answers_give_level_1_and_highest_level_5(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    levels = assessment().levels

    rate(root, "Lowest Ltd", "Buyer", everywhere(0))
    box = result(root)
    expect(box).to_have_attribute("data-level", "1")
    expect(box.locator("h2")).to_have_text(ui("as_result_heading", lang, name="Lowest Ltd"))
    expect(box.locator("[data-assessment-result-level]")).to_have_text(level_name(1, lang))
    expect(box.locator("[data-assessment-result-body]")).to_have_text(plain(levels[0].result[lang], lang))
    expect(box.locator("[data-assessment-result-next] h3").first).to_have_text(ui("as_next_heading", lang, n=2))
    # At level 1 the gap lists every statement of levels 1 and 2 (all rated 0 here).
    gap = [plain(st.text[lang], lang) for lv in levels[:2] for st in lv.statements]
    expect(box.locator(".bsh-assessment__gaps > li")).to_have_text(gap)
    expect(box.locator("[data-assessment-spread]")).to_have_text(ui("as_spread_one", lang))
    expect(form_message(root)).to_have_text(ui("as_saved", lang))
    expect(box).to_be_focused()

    new_customer(root)
    rate(root, "Highest Ltd", "Board", everywhere(3))
    expect(box).to_have_attribute("data-level", "5")
    expect(box.locator("[data-assessment-result-level]")).to_have_text(level_name(5, lang))
    expect(box.locator("[data-assessment-result-next] h3").first).to_have_text(ui("as_keep_heading", lang))
    expect(box.locator(".bsh-assessment__gaps")).to_have_count(0)
    tools = box.locator(".bsh-assessment__tools a")
    expect(tools).to_have_count(2)
    assert sorted(a.get_attribute("href") or "" for a in tools.all()) == [
        "toolbox.html#industry-expertise",
        "toolbox.html#senior-leaders",
    ]
    tools.first.click()
    expect(quiet).to_have_url(re.compile(r"/toolbox\.html#(senior-leaders|industry-expertise)$"))


def test_every_level_in_between_with_its_tools(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    toolbox = content().toolbox()
    assert toolbox is not None
    for n in (2, 3, 4):
        rate(root, f"Customer {n}", "Buyer", up_to(n))
        expect(result(root)).to_have_attribute("data-level", str(n))
        serving = sorted(f"toolbox.html#{t.id}" for t in toolbox.tools if t.serves == n)
        hrefs = (
            result(root).locator(".bsh-assessment__tools a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        )
        assert sorted(hrefs) == serving
        new_customer(root)


def test_an_incomplete_form_says_what_is_missing(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    submit = root.locator('[data-assessment-action="submit"]')
    submit.click()
    expect(form_message(root)).to_have_text(ui("as_need_customer", lang))
    expect(root.locator("[data-assessment-customer]")).to_be_focused()

    type_text(root.locator("[data-assessment-customer]"), "Half Done")
    first_level = assessment().levels[0]
    for st in first_level.statements:
        choose(root, st.id, 2)
    submit.click()
    missing = sum(len(lv.statements) for lv in assessment().levels) - len(first_level.statements)
    expect(form_message(root)).to_have_text(ui("as_need_answers", lang, count=missing))
    expect(form_message(root)).to_have_class(re.compile(r"bsh-assessment__message--error"))
    # The message sits next to the button, not a screen away.
    button, said = submit.bounding_box(), form_message(root).bounding_box()
    assert button is not None and said is not None
    assert abs(said["y"] - (button["y"] + button["height"])) < 80, (button, said)
    # Each open statement is marked where it is; focus is on the first one shown, with a ring.
    marked = root.locator(".bsh-assessment__statement--missing")
    expect(marked).to_have_count(missing)
    expect(marked.locator("[data-assessment-missing]")).to_have_text([ui("as_missing", lang)] * missing)
    first_open = marked.first.get_attribute("data-assessment-statement")
    focused = root.locator(f'input[name="bsh-as-{first_open}"]').first
    expect(focused).to_be_focused()
    ring = focused.evaluate("e => getComputedStyle(e.closest('label')).outlineStyle")
    assert ring == "solid"
    assert focused.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    expect(result(root)).to_be_hidden()
    assert saved(quiet) is None
    # Answering a statement takes its mark away.
    focused.check()
    expect(marked).to_have_count(missing - 1)


def test_several_people_show_the_spread(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    accept_dialogs(quiet)
    rate(root, "Spread Inc", "Anna", up_to(2))
    another_person(root)
    rate(root, None, "Budi", up_to(4))
    another_person(root)
    rate(root, None, "Chen", up_to(5))
    box = result(root)
    expect(box).to_have_attribute("data-level", "4")  # the median of 2, 4 and 5
    expect(box.locator("[data-assessment-spread]")).to_have_text(ui("as_spread_range", lang, low=2, high=5))
    rows = box.locator("[data-assessment-rows] tr")
    expect(rows.locator("th")).to_have_text(["Anna", "Budi", "Chen"])
    expect(rows.locator("td:nth-child(2)")).to_have_text(["2", "4", "5"])
    # The gap to level 5 names who does not see it yet.
    who = ui("as_gap_who", lang, names="Anna, Budi")
    expect(box.locator(".bsh-assessment__gaps > li").first).to_contain_text(who)

    # Edit Anna's view: her ratings come back into the form; lower them all to 0.
    people = root.locator("[data-assessment-people-list] li")
    expect(people).to_have_count(3)
    people.filter(has_text="Anna").locator("[data-assessment-edit]").click()
    first = assessment().levels[0].statements[0].id
    expect(root.locator(f'input[name="bsh-as-{first}"][value="3"]')).to_be_checked()
    expect(root.locator("[data-assessment-editing]")).to_have_text(ui("as_editing", lang, name="Anna"))
    rate(root, None, "Anna", everywhere(0))
    expect(rows.locator("td:nth-child(2)")).to_have_text(["1", "4", "5"])
    expect(people).to_have_count(3)

    # Remove Chen: two people left, the lower of the two middle levels counts.
    people.filter(has_text="Chen").locator("[data-assessment-unrate]").click()
    expect(people).to_have_count(2)
    expect(box).to_have_attribute("data-level", "1")
    expect(box.locator("[data-assessment-spread]")).to_have_text(ui("as_spread_range", lang, low=1, high=4))


def test_typing_over_an_open_customer_loses_nothing(quiet: Page, base_url: str, lang: str) -> None:
    """Without pressing New customer, a learner types the next customer over the open one."""
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Alpha GmbH", "Buyer", everywhere(3))
    asked: list[str] = []
    quiet.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    rate(root, "Beta Ltd", "CEO", everywhere(1))
    assert asked == [ui("as_rename_confirm", lang, old="Alpha GmbH", name="Beta Ltd")]
    expect(root.locator("[data-assessment-list] li")).to_have_count(2)
    assert sorted(customers_listed(root)) == ["Alpha GmbH", "Beta Ltd"]
    expect(root.locator("[data-assessment-people-list] li")).to_have_text(re.compile("CEO"))
    open_customer(root, "Alpha GmbH")
    expect(result(root)).to_have_attribute("data-level", "5")
    expect(root.locator("[data-assessment-rows] tr th")).to_have_text(["Buyer"])

    # Said yes: renamed; rating "Buyer" again asks before replacing Buyer's ratings.
    accept_dialogs(quiet, asked)
    rate(root, "Alpha AG", "Buyer", everywhere(0))
    expect(result(root)).to_have_attribute("data-level", "1")
    assert asked[1:] == [
        ui("as_rename_confirm", lang, old="Alpha GmbH", name="Alpha AG"),
        ui("as_replace_confirm", lang, name="Buyer"),
    ]
    assert sorted(customers_listed(root)) == ["Alpha AG", "Beta Ltd"]
    expect(root.locator("[data-assessment-rows] tr th")).to_have_text(["Buyer"])


# --- saving, reloading, export and import --------------------------------------------------------


def test_a_reload_keeps_the_open_result(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Gamma", "Buyer", up_to(3))
    new_customer(root)
    rate(root, "Delta", "Buyer", up_to(2))
    quiet.reload()
    expect(result(root)).to_have_attribute("data-level", "2")
    expect(root.locator("[data-assessment-customer]")).to_have_value("Delta")
    open_customer(root, "Gamma")
    quiet.reload()
    expect(result(root)).to_have_attribute("data-level", "3")
    new_customer(root)
    quiet.reload()
    expect(root.locator('[data-assessment-action="submit"]')).to_be_visible()
    expect(result(root)).to_be_hidden()
    expect(root.locator("[data-assessment-customer]")).to_have_value("")


@pytest.mark.parametrize("lang", SCRIPTS)
def test_two_customers_survive_reload_and_move_to_a_fresh_browser(
    quiet: Page, browser: Browser, base_url: str, lang: str, tmp_path: Path
) -> None:
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Alpha GmbH", "Purchasing", everywhere(3))
    new_customer(root)
    rate(root, "Beta Tbk", "Purchasing", everywhere(1))
    another_person(root)
    rate(root, None, "Finance", up_to(3))

    quiet.reload()
    root = quiet.locator("[data-assessment]")
    expect(root.locator("[data-assessment-list] li")).to_have_count(2)
    assert sorted(customers_listed(root)) == ["Alpha GmbH", "Beta Tbk"]
    expect(root.locator("[data-assessment-list] li").filter(has_text="Alpha GmbH")).to_contain_text(level_name(5, lang))
    open_customer(root, "Beta Tbk")
    expect(result(root)).to_have_attribute("data-level", "1")
    expect(root.locator("[data-assessment-people-list] li")).to_have_count(2)

    with quiet.expect_download() as info:
        root.locator('[data-assessment-action="export"]').click()
    download = info.value
    # Named in the learner's language (Russian: самооценка-купля-продажа-2026-11-23.json).
    name = re.escape(ui("as_export_file", lang))
    assert re.fullmatch(name + r"-\d{4}-\d\d-\d\d\.json", download.suggested_filename)
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    expect(message(root)).to_have_text(ui("as_exported", lang, file=download.suggested_filename))
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported["format"] == "bsh-assessment"
    assert exported["version"] == 1
    assert sorted(c["name"] for c in exported["customers"]) == ["Alpha GmbH", "Beta Tbk"]

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other_root = open_assessment(other, base_url, lang)
        expect(other_root.locator("[data-assessment-empty]")).to_have_text(ui("as_customers_empty", lang))
        other_root.locator("[data-assessment-file]").set_input_files(path)
        expect(message(other_root)).to_have_text(ui("as_imported", lang, added=2, updated=0, kept=0))
        expect(other_root.locator("[data-assessment-list] li")).to_have_count(2)
        open_customer(other_root, "Beta Tbk")
        expect(result(other_root)).to_have_attribute("data-level", "1")
        expect(other_root.locator("[data-assessment-rows] tr")).to_have_count(2)
        open_customer(other_root, "Alpha GmbH")
        expect(result(other_root)).to_have_attribute("data-level", "5")
        # Importing the same file again adds nothing and changes nothing.
        before = saved(other)
        other_root.locator("[data-assessment-file]").set_input_files(path)
        expect(message(other_root)).to_have_text(ui("as_imported", lang, added=0, updated=0, kept=2))
        assert saved(other) == before
    finally:
        fresh.close()


def _damaged_files(good: dict[str, object]) -> list[tuple[str, str, str, dict[str, object]]]:
    """(file name, content, message key, message values) for files that must be refused."""
    text = json.dumps(good)
    customer = good["customers"][0]  # type: ignore[index]
    bad_rating = {**customer, "people": [{**customer["people"][0], "ratings": {"s1-spec": 9}}]}  # type: ignore[index]
    return [
        ("cut.json", text[: len(text) // 2], "as_import_not_json", {}),
        ("photo.json", "\x89PNG\r\n\x1a\n\x00\x00", "as_import_not_json", {}),
        ("other.json", json.dumps({"hello": "world"}), "as_import_wrong", {}),
        ("old.json", json.dumps({**good, "version": 0}), "as_import_old", {}),
        ("newer.json", json.dumps({**good, "version": 2}), "as_import_newer", {}),
        ("bad.json", json.dumps({**good, "customers": [customer, bad_rating]}), "as_import_damaged", {"n": 2}),
        ("empty.json", json.dumps({**good, "customers": []}), "as_import_empty", {}),
    ]


def test_a_damaged_import_is_refused_and_loses_nothing(quiet: Page, base_url: str, lang: str, tmp_path: Path) -> None:
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Gamma Co", "Buyer", up_to(2))
    before = saved(quiet)
    assert before is not None
    with quiet.expect_download() as info:
        root.locator('[data-assessment-action="export"]').click()
    good = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    good["customers"][0]["id"] = "another-customer"
    for name, body, key, values in _damaged_files(good):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        root.locator("[data-assessment-file]").set_input_files(path)
        expect(message(root)).to_have_text(ui(key, lang, **values))
        expect(message(root)).to_have_class(re.compile(r"bsh-assessment__message--error"))
        assert saved(quiet) == before, name
        assert customers_listed(root) == ["Gamma Co"], name
        expect(result(root)).to_have_attribute("data-level", "2")


# --- the dashboard --------------------------------------------------------------------------------


def _answer_one_practice_question(page: Page, base_url: str, lang: str) -> tuple[str, int]:
    """Answer and check the first single-choice question of the first level page with one."""
    for lv in content().levels():
        if any(q.type == "single" for q in lv.quiz):
            page_id = f"level-{lv.level}"
            break
    else:
        pytest.fail("no level page has a single-choice question")
    page.goto(f"{base_url}{lang}/levels/{page_id}.html")
    quiz = page.locator(f'[data-quiz="{page_id}"]')
    expect(quiz.locator('[data-quiz-action="reset"]')).to_be_visible()
    item = quiz.locator('[data-quiz-question][data-quiz-type="single"]').first
    item.locator('input[type="radio"]').first.check()
    item.locator('[data-quiz-action="check"]').click()
    expect(item.locator("[data-quiz-feedback]")).to_be_visible()
    return page_id, len(lv.quiz)


def _submit_the_final_quiz_unanswered(page: Page, base_url: str, lang: str) -> tuple[float, int]:
    """Start and submit an attempt of the final test without answering (Submit lists the open
    questions, "Submit anyway" submits); return the score the test recorded."""
    final = content().page("final-quiz").page
    assert isinstance(final, FinalQuizPage)
    page.goto(f"{base_url}{lang}/final-quiz.html")
    quiz = page.locator('[data-quiz="final-quiz"]')
    quiz.locator('[data-quiz-action="start"]').click()
    quiz.locator('[data-quiz-action="submit"]').click()
    expect(quiz.locator("[data-quiz-results]")).to_be_hidden()
    quiz.locator('[data-quiz-action="submit-anyway"]').click()
    expect(quiz.locator("[data-quiz-results]")).to_be_visible()
    state = json.loads(page.evaluate("() => localStorage.getItem('bsh-quiz:v1:final-quiz')"))
    assert state["last"]["total"] == final.attempt_size
    return state["last"]["score"], state["last"]["total"]


def score(page: Page, lang: str, points: float, total: int) -> str:
    """A score as the page should phrase it; the numbers are formatted by the browser's Intl."""
    fmt = page.evaluate(
        """([lang, points, total]) => [
            new Intl.NumberFormat(lang, {maximumFractionDigits: 2}).format(points),
            new Intl.NumberFormat(lang, {maximumFractionDigits: 0}).format(total),
            new Intl.NumberFormat(lang, {style: "percent"}).format(points / total)]""",
        [lang, points, total],
    )
    return ui("quiz_result", lang, score=fmt[0], total=fmt[1], percent=fmt[2])


@pytest.mark.parametrize("lang", SCRIPTS)
def test_dashboard_after_a_quiz_then_clear_all(quiet: Page, base_url: str, lang: str) -> None:
    quiz_id, total = _answer_one_practice_question(quiet, base_url, lang)
    points, sample = _submit_the_final_quiz_unanswered(quiet, base_url, lang)
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Delta Pte", "Buyer", up_to(3))
    another_person(root)
    rate(root, None, "Director", up_to(4))

    quiet.goto(f"{base_url}{lang}/progress.html")
    dash = quiet.locator("[data-progress]")
    row = dash.locator(f'[data-progress-quiz="{quiz_id}"]')
    expect(row).to_have_attribute("data-state", "in-progress")
    expect(row.locator("[data-progress-status]")).to_have_text(ui("pr_in_progress", lang, answered=1, total=total))
    expect(row.locator("[data-progress-last]")).to_have_text(ui("pr_no_score", lang))
    final = dash.locator('[data-progress-quiz="final-quiz"]')
    expect(final).to_have_attribute("data-state", "done")
    expect(final).to_have_attribute("data-passed", "false")  # nothing answered: not passed
    expect(final.locator("[data-progress-status]")).to_have_text(ui("pr_not_passed", lang))
    expect(final.locator("[data-progress-last]")).to_have_text(score(quiet, lang, points, sample))
    expect(final.locator("[data-progress-best]")).to_have_text(score(quiet, lang, points, sample))
    quiz_ids = [p.id for p in content().pages if p.page.quiz] + ["final-quiz"]
    expect(dash.locator("[data-progress-quiz]")).to_have_count(len(quiz_ids))
    for other in quiz_ids:
        if other not in (quiz_id, "final-quiz"):
            expect(dash.locator(f'[data-progress-quiz="{other}"]')).to_have_attribute("data-state", "not-started")
    customer = dash.locator("[data-progress-customer]")
    expect(customer).to_have_count(1)
    expect(customer.locator("th")).to_have_text("Delta Pte")
    expect(customer.locator("td").first).to_contain_text(level_name(3, lang))
    expect(customer.locator("td").nth(2)).to_have_text("3–4")  # the spread
    expect(customer.locator("td").nth(4)).to_have_text("2")  # people

    # The customer's name opens it on the self-assessment page.
    customer.locator("a").click()
    expect(quiet.locator("[data-assessment-result]")).to_have_attribute("data-level", "3")
    quiet.go_back()

    # Cancelling the confirmation keeps everything.
    quiet.once("dialog", lambda d: d.dismiss())
    dash.locator('[data-progress-action="clear"]').click()
    expect(customer).to_have_count(1)

    asked: list[str] = []
    accept_dialogs(quiet, asked)
    dash.locator('[data-progress-action="clear"]').click()
    expect(dash.locator("[data-progress-message]")).to_have_text(ui("pr_cleared", lang))
    assert asked == [ui("pr_clear_confirm", lang)]
    expect(row).to_have_attribute("data-state", "not-started")
    expect(final).to_have_attribute("data-state", "not-started")
    expect(final.locator("[data-progress-last]")).to_have_text(ui("pr_no_score", lang))
    expect(dash.locator("[data-progress-customer]")).to_have_count(0)
    expect(dash.locator("[data-progress-empty]")).to_be_visible()
    keys = quiet.evaluate("() => Object.keys(localStorage)")
    assert [k for k in keys if k.startswith("bsh-")] == []

    root = open_assessment(quiet, base_url, lang)
    expect(root.locator("[data-assessment-empty]")).to_be_visible()


# --- print, no storage, no JavaScript, CSP, accessibility -----------------------------------------


@pytest.mark.parametrize("lang", SCRIPTS)
def test_print_is_one_clean_page(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    # No result open: the form prints to be filled in on paper, without the screen's buttons.
    quiet.emulate_media(media="print")
    expect(root.locator("[data-assessment-form]")).to_be_visible()
    assert root.locator("button").count() > 0
    for button in root.locator("button").all():
        expect(button).to_be_hidden()
    quiet.emulate_media(media="screen")

    rate(root, "Epsilon Holdings International", "Head of purchasing", up_to(2))
    another_person(root)
    rate(root, None, "Chief financial officer", up_to(3))
    another_person(root)
    rate(root, None, "Operations director", up_to(4))
    quiet.emulate_media(media="print")
    expect(result(root)).to_be_visible()
    for hidden in (".md-header", "[data-assessment-form]", ".bsh-assessment__customers", "article > h1", "#scoring"):
        expect(quiet.locator(hidden).first).to_be_hidden()
    expect(result(root).locator('[data-assessment-action="print"]')).to_be_hidden()
    for size in ("A4", "Letter"):
        pdf = quiet.pdf(format=size)
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, size


# Material's own inline scripts read localStorage while the page is parsed (palette, consent) and
# throw when it is blocked; that is outside our widgets. Storage here fails from the moment parsing
# ends, before the widgets start: they alone meet the blocked storage.
BLOCK_STORAGE = """
(() => {
  const real = Object.getOwnPropertyDescriptor(window, "localStorage").get;
  Object.defineProperty(window, "localStorage", {
    configurable: true,
    get() {
      if (document.readyState === "loading") return real.call(window);
      throw new DOMException("The operation is insecure.", "SecurityError");
    },
  });
})();
"""

FULL_AND_CORRUPT = """
(() => {
  if (localStorage.getItem("KEY") === null) localStorage.setItem("KEY", "{corrupt");
  Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
})();
""".replace("KEY", KEY)


@pytest.mark.parametrize("storage", ["blocked", "full-and-corrupt"])
def test_without_storage_the_result_still_shows(
    quiet: Page, base_url: str, lang: str, storage: str, tmp_path: Path
) -> None:
    quiet.add_init_script(BLOCK_STORAGE if storage == "blocked" else FULL_AND_CORRUPT)
    root = open_assessment(quiet, base_url, lang)
    if storage == "blocked":
        expect(root.locator("[data-assessment-nosave]")).to_have_text(ui("as_no_storage", lang))
    rate(root, "Zeta", "Buyer", up_to(3))
    expect(result(root)).to_have_attribute("data-level", "3")
    expect(form_message(root)).to_have_text(ui("as_no_storage", lang))
    expect(root.locator("[data-assessment-nosave]")).to_be_visible()

    # A file brought from another browser opens for this visit, beside what was rated here.
    rate(root, "Eta", "Buyer", up_to(2))
    with quiet.expect_download() as info:
        root.locator('[data-assessment-action="export"]').click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    accept_dialogs(quiet)
    root.locator("[data-assessment-list] li").filter(has_text="Zeta").locator("[data-assessment-delete]").click()
    expect(root.locator("[data-assessment-list] li")).to_have_count(1)
    root.locator("[data-assessment-file]").set_input_files(path)
    imported = ui("as_imported", lang, added=1, updated=0, kept=1)
    expect(message(root)).to_have_text(f"{imported} {ui('as_no_storage', lang)}")
    assert sorted(customers_listed(root)) == ["Eta", "Zeta"]
    open_customer(root, "Zeta")
    expect(result(root)).to_have_attribute("data-level", "3")
    quiet.goto(f"{base_url}{lang}/progress.html")
    if storage == "blocked":
        expect(quiet.locator("[data-progress-nosave]")).to_have_text(ui("pr_no_storage", lang))
        # Nothing to delete, and nothing known about the quizzes: no "Not started".
        expect(quiet.locator("#bsh-pr-clear")).to_be_hidden()
        expect(quiet.locator('[data-progress-action="clear"]')).to_be_hidden()
        assert set(quiet.locator("[data-progress-quiz] td").all_inner_texts()) == {"—"}
    else:
        expect(quiet.locator("[data-progress-empty]")).to_be_visible()


def test_unreadable_saved_data_is_kept_aside_not_lost(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/index.html")
    quiet.evaluate("key => localStorage.setItem(key, '{half a file')", KEY)
    root = open_assessment(quiet, base_url, lang)
    expect(root.locator("[data-assessment-empty]")).to_be_visible()
    rate(root, "Kappa", "Buyer", up_to(2))
    assert quiet.evaluate("key => localStorage.getItem(key + ':damaged')", KEY) == "{half a file"
    quiet.reload()
    assert customers_listed(quiet.locator("[data-assessment]")) == ["Kappa"]


def test_without_javascript_the_statements_can_be_read(browser: Browser, base_url: str, lang: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(f"{base_url}{lang}/assessment.html")
        expect(page.locator("[data-assessment-nojs]")).to_have_text(ui("as_nojs", lang))
        first = assessment().levels[0].statements[0]
        expect(page.locator(f'[data-assessment-statement="{first.id}"] legend')).to_have_text(
            plain(first.text[lang], lang)
        )
        expect(page.locator('[data-assessment-action="submit"]')).to_be_hidden()
        page.goto(f"{base_url}{lang}/progress.html")
        expect(page.locator("[data-progress-nojs]")).to_have_text(ui("pr_nojs", lang))
        # What cannot be read without JavaScript is not claimed: no "Not started", no "No score yet".
        cells = page.locator("[data-progress-quiz] td")
        assert cells.count() > 0
        assert set(cells.all_inner_texts()) == {"—"}
        expect(page.locator("[data-progress-empty]")).to_be_hidden()  # it cannot know
        expect(page.locator("#bsh-pr-clear")).to_be_hidden()  # no button to speak of
    finally:
        ctx.close()


def test_everything_runs_under_the_sites_csp(
    quiet: Page, built_site: Path, base_url: str, lang: str, tmp_path: Path
) -> None:
    from build_tools.build import content_security_policy

    policy = content_security_policy(built_site)

    enforce_csp(quiet, policy)
    accept_dialogs(quiet)
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Eta", "Buyer", up_to(4))
    with quiet.expect_download() as info:
        root.locator('[data-assessment-action="export"]').click()
    path = tmp_path / "export.json"
    info.value.save_as(path)
    root.locator("[data-assessment-file]").set_input_files(path)
    expect(message(root)).to_have_text(ui("as_imported", lang, added=0, updated=0, kept=1))
    assert quiet.evaluate("window.__violations") == []
    quiet.goto(f"{base_url}{lang}/progress.html")
    expect(quiet.locator("[data-progress-customer]")).to_have_count(1)
    quiet.locator('[data-progress-action="clear"]').click()
    expect(quiet.locator("[data-progress-customer]")).to_have_count(0)
    assert quiet.evaluate("window.__violations") == []


def test_axe_finds_nothing_with_results_on_screen(quiet: Page, base_url: str, lang: str) -> None:
    _answer_one_practice_question(quiet, base_url, lang)
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Theta", "Buyer", up_to(2))
    another_person(root)
    rate(root, None, "Director", up_to(4))
    root.locator('[data-assessment-action="submit"]').click()  # nothing changed: saves again
    root.locator("[data-assessment-people-list] [data-assessment-edit]").first.click()
    found = {"assessment": in_both_schemes(quiet, options=WCAG)}
    quiet.goto(f"{base_url}{lang}/progress.html")
    expect(quiet.locator("[data-progress-customer]")).to_have_count(1)
    found["progress"] = in_both_schemes(quiet, options=WCAG)
    assert found == {"assessment": {"light": [], "dark": []}, "progress": {"light": [], "dark": []}}


@pytest.mark.parametrize("lang", SCRIPTS)
def test_narrow_screen_and_targets(quiet: Page, base_url: str, lang: str) -> None:
    quiet.set_viewport_size({"width": 320, "height": 700})
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Iota Sdn Bhd with a rather long registered name", "Kepala bagian pengadaan barang", up_to(3))
    width = quiet.evaluate("document.documentElement.clientWidth")
    for selector in (
        ".bsh-assessment__form",
        "[data-assessment-result]",
        "[data-assessment-list]",
        ".bsh-assessment__scale",
    ):
        box = root.locator(selector).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, selector
    for target in root.locator(".bsh-assessment__scale label, button:visible").all()[:40]:
        box = target.bounding_box()
        assert box is not None and box["height"] >= 24 and box["width"] >= 24, target


@pytest.mark.parametrize("lang", ["ru"])  # the longest column names
@pytest.mark.parametrize("width", [320, 390])
def test_progress_tables_fit_a_phone(quiet: Page, base_url: str, lang: str, width: int) -> None:
    """On a phone each name takes a line of its own and the other columns fit (Russian needed
    379 px in four columns), with the table still read out as a table."""
    quiet.set_viewport_size({"width": width, "height": 700})
    root = open_assessment(quiet, base_url, lang)
    rate(root, "PT Sumber Makmur Sejahtera", "Purchasing", up_to(5))
    quiet.goto(f"{base_url}{lang}/progress.html")
    expect(quiet.locator("[data-progress-customer]")).to_have_count(1)
    regions = quiet.locator(".bsh-progress .bsh-assessment__table")
    expect(regions).to_have_count(2)
    for region in regions.all():
        assert region.evaluate("e => e.scrollWidth <= e.clientWidth"), region.inner_text()[:80]
    table = quiet.locator(".bsh-progress table").first
    expect(table.get_by_role("columnheader")).to_have_count(4)
    expect(table.get_by_role("rowheader")).to_have_count(quiet.locator("[data-progress-quiz]").count())


# --- issue 17: honest scoring, "don't know", drafts, two tabs, the account plan ------------------
# Behaviour in English once (tests/test_assessment_strings.py checks every language's strings); the
# CSV with every script in one file, and the printed plan in every language, whose text decides
# whether it fits one page.
