"""The self-assessment of issue 17 in a real Chromium: honest scoring, "Don't know", neutral order,
drafts and two tabs, the account plan (CSV, print) and the dashboard. Split from test_assessment.py
so that the two halves run on different workers."""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Dialog, Locator, Page, expect

from .axecheck import WCAG, in_both_schemes
from .conftest import SCRIPTS
from .expected import CSV_COLUMNS, content, plain, ui
from .test_assessment import (  # noqa: F401
    BLOCK_STORAGE,
    FULL_AND_CORRUPT,
    KEY,
    LANGUAGES,
    Points,
    _answer_one_practice_question,
    _damaged_files,
    _submit_the_final_quiz_unanswered,
    accept_dialogs,
    another_person,
    assessment,
    choose,
    customers_listed,
    everywhere,
    form_message,
    level_name,
    message,
    new_customer,
    open_assessment,
    open_customer,
    rate,
    result,
    saved,
    score,
    squash,
    type_text,
    up_to,
)


def statement_ids(level: int) -> list[str]:
    return [st.id for st in assessment().levels[level - 1].statements]


def question(statement_id: str, lang: str) -> str:
    st = next(st for lv in assessment().levels for st in lv.statements if st.id == statement_id)
    return plain(st.question[lang], lang)


def statement(statement_id: str, lang: str) -> str:
    st = next(st for lv in assessment().levels for st in lv.statements if st.id == statement_id)
    return plain(st.text[lang], lang)


def answer(root: Locator, answers: dict[str, str]) -> None:
    for sid, value in answers.items():
        choose(root, sid, value)


def edge_profile() -> dict[str, str]:
    """The issue's example: level 2 rated 3/2/0, levels 1 and 3-5 all "Fully true"."""
    out = {sid: "3" for lv in assessment().levels for sid in statement_ids(lv.level)}
    out.update(zip(statement_ids(2), ["3", "2", "0"], strict=True))
    return out


def plan(
    root: Locator, role: str, influence: str, target: int, action: str, owner: str, due: str, evidence: str = ""
) -> None:
    """Fills in the plan's fields; due as YYYY-MM-DD, typed into the date field as a person would."""
    type_text(root.locator('[data-assessment-plan-field="role"]'), role)
    root.locator(f'input[name="bsh-plan-influence"][value="{influence}"]').check()
    root.locator("[data-assessment-plan-target]").select_option(str(target))
    type_text(root.locator('[data-assessment-plan-field="evidence"]'), evidence)
    type_text(root.locator('[data-assessment-plan-field="action"]'), action)
    type_text(root.locator('[data-assessment-plan-field="owner"]'), owner)
    tool = root.locator("[data-assessment-plan-tool]")
    tool.select_option(index=1)
    year, month, day = due.split("-")
    date = root.locator('[data-assessment-plan-field="due"]')
    date.click()
    date.press_sequentially(month + day + year)  # Chromium's en-US date field: mm dd yyyy
    expect(date).to_have_value(due)


@pytest.mark.parametrize("lang", ["en"])
def test_the_edge_profile_is_level_3_or_higher_and_says_which_answers_disagree(
    quiet: Page, base_url: str, lang: str
) -> None:
    root = open_assessment(quiet, base_url, lang)
    type_text(root.locator("[data-assessment-customer]"), "Edge Corp")
    type_text(root.locator("[data-assessment-person]"), "CFO")
    answer(root, edge_profile())
    root.locator('[data-assessment-action="submit"]').click()
    box = result(root)
    expect(box).to_have_attribute("data-level", re.compile("^[345]$"))
    expect(box).to_have_attribute("data-level", "5")
    odd = box.locator("[data-assessment-inconsistent]")
    expect(odd).to_be_visible()
    expect(odd.locator("h3")).to_have_text(ui("as_inconsistent_heading", lang))
    item = odd.locator('[data-assessment-inconsistent-list] > li[data-person="CFO"]')
    expect(item).to_contain_text(ui("as_inconsistent_below", lang, n=5, levels=2))
    # The one answer that disagrees, mapped back to its level: the level-2 statement rated 0.
    expect(item.locator("li")).to_have_text([f"{ui('level_n', lang, n=2)}: {statement(statement_ids(2)[2], lang)}"])
    # The rule is stated on the page, in plain words.
    expect(quiet.locator("#scoring ~ p").nth(1)).to_contain_text("at most one level below it missing")


@pytest.mark.parametrize("lang", ["en"])
def test_statements_are_in_a_neutral_order_without_level_names(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    form = root.locator("[data-assessment-form]")
    levels = [
        int(x) for x in form.locator("[data-assessment-statement]").evaluate_all("es => es.map(e => e.dataset.level)")
    ]
    assert sorted(levels) == sorted(lv.level for lv in assessment().levels for _ in lv.statements)
    assert all(a != b for a, b in itertools.pairwise(levels)), levels
    assert levels[:5] != sorted(levels[:5]), levels
    legends = form.locator("legend").all_inner_texts()
    for lv in assessment().levels:
        assert not any(t.startswith(level_name(lv.level, lang)) for t in legends)
    # Every statement offers "Don't know".
    expect(form.locator('input[value="unknown"]')).to_have_count(len(levels))


@pytest.mark.parametrize("lang", ["en"])
def test_dont_know_becomes_questions_for_the_next_meeting(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    type_text(root.locator("[data-assessment-customer]"), "Omega")
    type_text(root.locator("[data-assessment-person]"), "Buyer")
    answers = {sid: "3" for lv in assessment().levels for sid in statement_ids(lv.level) if lv.level <= 3}
    answers.update({sid: "0" for sid in statement_ids(5)})
    unknown = statement_ids(4)[1:] + statement_ids(5)[:1]
    answers.update({sid: "unknown" for sid in unknown})
    answers[statement_ids(4)[0]] = "3"
    answers[statement_ids(5)[0]] = "unknown"
    answer(root, answers)
    root.locator('[data-assessment-action="submit"]').click()
    box = result(root)
    # Level 4: one known answer, fully true; the two unknown ones neither help nor hurt.
    expect(box).to_have_attribute("data-level", "4")
    questions = box.locator("[data-assessment-questions]")
    expect(questions.locator("h3")).to_have_text(ui("as_questions_heading", lang))
    items = questions.locator("li[data-statement]")
    expect(items.locator(".bsh-assessment__question")).to_have_text([question(sid, lang) for sid in unknown])
    expect(items.locator(".bsh-assessment__who")).to_have_text([" (Buyer)"] * len(unknown))
    # Not counted as a gap either: the gap to level 5 lists the statements rated low, not the unknown.
    gaps = box.locator(".bsh-assessment__gaps > li").all_inner_texts()
    assert statement(statement_ids(5)[0], lang) not in gaps
    assert statement(statement_ids(5)[1], lang) in gaps
    # Editing the person brings "Don't know" back into the form.
    root.locator("[data-assessment-people-list] [data-assessment-edit]").click()
    expect(root.locator(f'input[name="bsh-as-{unknown[0]}"][value="unknown"]')).to_be_checked()


@pytest.mark.parametrize("lang", ["en"])
def test_a_half_rated_form_survives_a_reload_and_is_never_cleared_without_asking(
    quiet: Page, base_url: str, lang: str
) -> None:
    root = open_assessment(quiet, base_url, lang)
    rate(root, "Sigma", "Buyer", up_to(2))
    another_person(root)
    type_text(root.locator("[data-assessment-person]"), "Plant manager")
    half = dict(list(edge_profile().items())[:7])
    answer(root, half)
    type_text(root.locator('[data-assessment-plan-field="role"]'), "Runs the plant")
    quiet.reload()
    root = quiet.locator("[data-assessment]")
    expect(root.locator("[data-assessment-customer]")).to_have_value("Sigma")
    expect(root.locator("[data-assessment-person]")).to_have_value("Plant manager")
    expect(root.locator('[data-assessment-plan-field="role"]')).to_have_value("Runs the plant")
    for sid, value in half.items():
        expect(root.locator(f'input[name="bsh-as-{sid}"][value="{value}"]')).to_be_checked()
    expect(result(root)).to_have_attribute("data-level", "2")  # Sigma's saved result still shows

    # "Rate another person", "New customer", opening a customer: each asks, and "no" keeps the form.
    asked: list[str] = []

    def refuse(d: Dialog) -> None:
        asked.append(d.message)
        d.dismiss()

    quiet.on("dialog", refuse)
    another_person(root)
    root.locator('[data-assessment-action="new"]').click()
    root.locator("[data-assessment-list] [data-assessment-open]").click()
    assert asked == [ui("as_leave_confirm", lang, name="Plant manager")] * 3
    expect(root.locator("[data-assessment-person]")).to_have_value("Plant manager")
    for sid, value in half.items():
        expect(root.locator(f'input[name="bsh-as-{sid}"][value="{value}"]')).to_be_checked()
    quiet.remove_listener("dialog", refuse)

    # "Yes" starts a new customer; the half-rated form waits under the drafts.
    quiet.once("dialog", lambda d: d.accept())
    root.locator('[data-assessment-action="new"]').click()
    expect(root.locator("[data-assessment-customer]")).to_have_value("")
    expect(root.locator(f'input[name="bsh-as-{next(iter(half))}"]:checked')).to_have_count(0)
    drafts = root.locator("[data-assessment-drafts] li")
    expect(drafts).to_have_count(1)
    expect(drafts).to_contain_text("Sigma — Plant manager")
    expect(drafts).to_contain_text(
        ui(
            "as_draft_meta", lang, answered=7, total=sum(len(lv.statements) for lv in assessment().levels), date=""
        ).split(",")[0]
    )
    drafts.locator("[data-assessment-resume]").click()  # the new form is empty: no question
    expect(root.locator("[data-assessment-person]")).to_have_value("Plant manager")
    expect(root.locator('[data-assessment-plan-field="role"]')).to_have_value("Runs the plant")
    expect(root.locator("[data-assessment-drafts]")).to_be_hidden()

    # Saved, the draft is gone; a discarded draft asks first.
    answer(root, {sid: "3" for lv in assessment().levels for sid in statement_ids(lv.level) if sid not in half})
    root.locator('[data-assessment-action="submit"]').click()
    expect(root.locator("[data-assessment-rows] tr")).to_have_count(2)
    assert json.loads(quiet.evaluate("() => localStorage.getItem('bsh-assessment-drafts:v1')"))["drafts"] == {}
    another_person(root)
    answer(root, {statement_ids(1)[0]: "1"})
    quiet.once("dialog", lambda d: d.accept())
    root.locator('[data-assessment-action="new"]').click()
    confirm: list[str] = []
    quiet.once("dialog", lambda d: (confirm.append(d.message), d.accept()))
    root.locator("[data-assessment-drafts] [data-assessment-discard]").click()
    assert confirm == [ui("as_discard_confirm", lang, name="Sigma")]
    expect(root.locator("[data-assessment-drafts]")).to_be_hidden()
    expect(message(root)).to_have_text(ui("as_discarded", lang, name="Sigma"))


@pytest.mark.parametrize("lang", ["en"])
def test_two_tabs_see_each_others_work_instead_of_overwriting_it(
    context: BrowserContext, base_url: str, lang: str
) -> None:
    one, two = context.new_page(), context.new_page()
    root_one, root_two = open_assessment(one, base_url, lang), open_assessment(two, base_url, lang)
    # A person works in the tab in front (Chromium holds back a background tab's frames).
    one.bring_to_front()
    rate(root_one, "From tab one", "Buyer", up_to(3))
    # Tab two never reloaded: it hears of the change and lists it.
    expect(root_two.locator("[data-assessment-list] li")).to_have_count(1)
    two.bring_to_front()
    rate(root_two, "From tab two", "Buyer", up_to(4))
    expect(root_one.locator("[data-assessment-list] li")).to_have_count(2)
    # A second person in tab one, saved after tab two's save, keeps tab two's customer.
    one.bring_to_front()
    another_person(root_one)
    rate(root_one, None, "Director", up_to(5))
    for page in (one, two):
        page.reload()
        assert sorted(customers_listed(page.locator("[data-assessment]"))) == ["From tab one", "From tab two"]
    # The same saved person edited in both tabs: what one types shows in the other.
    root_one, root_two = one.locator("[data-assessment]"), two.locator("[data-assessment]")
    for root in (root_one, root_two):
        open_customer(root, "From tab one")
        root.locator("[data-assessment-people-list] li").filter(has_text="Director").locator(
            "[data-assessment-edit]"
        ).click()
    one.bring_to_front()
    type_text(root_one.locator('[data-assessment-plan-field="action"]'), "Book the plant visit")
    expect(root_two.locator('[data-assessment-plan-field="action"]')).to_have_value("Book the plant visit")
    # Unsaved work of a new form in one tab is listed in the other as a draft, not taken over.
    two.bring_to_front()
    two.once("dialog", lambda d: d.accept())  # the Director's edited plan stays a draft
    another_person(root_two)
    type_text(root_two.locator("[data-assessment-person]"), "Engineer")
    expect(root_one.locator("[data-assessment-drafts] li").filter(has_text="Engineer")).to_have_count(1)
    expect(root_one.locator("[data-assessment-person]")).to_have_value("Director")


# The file holds Latin, Cyrillic and Vietnamese text whatever the page's language: one language
# (tests/test_assessment_strings.py checks every language's column names).
@pytest.mark.parametrize("lang", ["ru"])
def test_the_account_plan_downloads_as_csv_with_every_script_intact(
    quiet: Page, base_url: str, lang: str, tmp_path: Path
) -> None:
    root = open_assessment(quiet, base_url, lang)
    names = {
        "en": "Head of purchasing",
        "id": "Kepala Pengadaan",
        "ru": "Начальник закупок",
        "vi": "Trưởng phòng mua hàng",
    }
    type_text(root.locator("[data-assessment-customer]"), 'PT Maju "Jaya", ООО «Вектор»; Công ty Việt')
    type_text(root.locator("[data-assessment-person]"), names[lang])
    answers = {sid: "3" for lv in assessment().levels for sid in statement_ids(lv.level) if lv.level <= 2}
    answers.update({sid: "1" for lv in assessment().levels for sid in statement_ids(lv.level) if lv.level >= 3})
    answers[statement_ids(4)[0]] = "unknown"
    answer(root, answers)
    plan(
        root,
        "Закупщик, decides",
        "high",
        4,
        "=Gọi điện, xin gặp lần 2",
        "Budi Santoso",
        "2031-03-15",
        'Said "fine",\nthen signed',
    )
    root.locator('[data-assessment-action="submit"]').click()
    expect(result(root)).to_have_attribute("data-level", "2")
    with quiet.expect_download() as info:
        root.locator('[data-assessment-action="csv"]').click()
    download = info.value
    assert re.fullmatch(re.escape(ui("as_plan_file", lang)) + r"-\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    path = tmp_path / "plan.csv"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    assert b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [ui(k, lang) for k in CSV_COLUMNS]
    assert rows[0] == header
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row[header[0]] == 'PT Maju "Jaya", ООО «Вектор»; Công ty Việt'
    assert row[header[1]] == names[lang]
    assert row[header[2]] == "Закупщик, decides"
    assert row[header[3]] == ui("as_influence_high", lang)
    assert row[header[4]] == level_name(2, lang)
    assert row[header[5]] == level_name(4, lang)
    assert row[header[6]] == 'Said "fine",\nthen signed'
    assert row[header[7]] == "'=Gọi điện, xin gặp lần 2"  # a formula stays text
    assert row[header[9]] == "Budi Santoso"
    assert row[header[10]] == "2031-03-15"
    assert row[header[11]] == question(statement_ids(4)[0], lang)
    tool = row[header[8]]
    toolbox = content().toolbox()
    assert toolbox is not None
    offered = [plain(t.name[lang], lang) for t in toolbox.tools if 2 <= t.serves <= 3]
    assert tool in offered, (tool, offered)


_THREE_PEOPLE: dict[str, str] = {}
"""The storage of the A4 test's three people, once one language has typed them: whether a plan fits
one page depends on the language's text, not on how the plan was typed, so the other languages
start from it instead of typing it again (about 10 s each)."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_customers_plan_prints_on_one_a4_page(quiet: Page, base_url: str, lang: str, tmp_path: Path) -> None:
    quiet.set_viewport_size({"width": 1280, "height": 900})
    if _THREE_PEOPLE:
        quiet.goto(f"{base_url}{lang}/assessment.html")
        stored = {k: v for k, v in _THREE_PEOPLE.items() if k != "#"}
        quiet.evaluate("s => { for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v) }", stored)
        quiet.goto(f"{base_url}{lang}/assessment.html{_THREE_PEOPLE['#']}")
        quiet.reload()  # the goto above only changed the hash
        expect(result(quiet.locator("[data-assessment]")).locator("[data-assessment-plan-rows] tr")).to_have_count(3)
    else:
        _type_three_people(open_assessment(quiet, base_url, lang))
        _THREE_PEOPLE.update(quiet.evaluate("() => Object.fromEntries(Object.entries(localStorage))"))
        _THREE_PEOPLE["#"] = quiet.evaluate("() => location.hash")  # the open customer
    root = quiet.locator("[data-assessment]")
    pdf = quiet.pdf(format="A4", print_background=True)
    (tmp_path / f"plan-{lang}.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    quiet.emulate_media(media="print")
    box = result(root)
    expect(box.locator("[data-assessment-plan-rows] tr")).to_have_count(3)
    expect(box.locator("[data-assessment-questions]")).to_be_visible()
    expect(box.locator('[data-assessment-action="csv"]')).to_be_hidden()
    expect(quiet.locator("[data-assessment-form]")).to_be_hidden()


def _type_three_people(root: Locator) -> None:
    people = [
        ("Head of purchasing", up_to(2), "medium", 3),
        ("Chief financial officer", up_to(3), "high", 4),
        ("Operations director", up_to(4), "low", 5),
    ]
    for i, (person, points, influence, target) in enumerate(people):
        if i:
            another_person(root)
        type_text(root.locator("[data-assessment-customer]"), "Epsilon Holdings International")
        type_text(root.locator("[data-assessment-person]"), person)
        for lv in assessment().levels:
            for k, st in enumerate(lv.statements):
                choose(root, st.id, points(lv.level, k))
        choose(root, statement_ids(5)[0], "unknown")
        plan(
            root,
            "Signs the contract",
            influence,
            target,
            "Agree the quarterly review agenda with the team",
            "Account manager",
            "2027-01-15",
            "Asked us to join the cost-reduction project last month",
        )
        root.locator('[data-assessment-action="submit"]').click()
        expect(root.locator("[data-assessment-plan-rows] tr")).to_have_count(i + 1)


@pytest.mark.parametrize("lang", ["en"])
def test_the_dashboard_lists_level_target_spread_and_the_next_due_action(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    type_text(root.locator("[data-assessment-customer]"), "Late Ltd")
    type_text(root.locator("[data-assessment-person]"), "Buyer")
    answer(root, {sid: "3" if lv.level <= 2 else "0" for lv in assessment().levels for sid in statement_ids(lv.level)})
    plan(root, "Buyer", "high", 3, "Send the RATER survey", "Me", "2020-05-04")
    root.locator('[data-assessment-action="submit"]').click()
    another_person(root)
    type_text(root.locator("[data-assessment-person]"), "CEO")
    answer(root, {sid: "3" if lv.level <= 4 else "0" for lv in assessment().levels for sid in statement_ids(lv.level)})
    plan(root, "CEO", "high", 5, "Prepare the strategy meeting", "Me", "2099-01-31")
    root.locator('[data-assessment-action="submit"]').click()
    new_customer(root)
    rate(root, "Calm Co", "Buyer", up_to(3))

    quiet.goto(f"{base_url}{lang}/progress.html")
    rows = quiet.locator("[data-progress-customer]")
    expect(rows).to_have_count(2)
    late = rows.filter(has_text="Late Ltd")
    cells = late.locator("td")
    expect(cells.nth(0)).to_have_text(level_name(2, lang))  # median of 2 and 4, the lower one
    expect(cells.nth(1)).to_have_text(level_name(5, lang))
    expect(cells.nth(2)).to_have_text("2–4")
    expect(cells.nth(3)).to_have_attribute("data-progress-next", "overdue")
    expect(cells.nth(3)).to_have_text(ui("pr_overdue", lang, action="Buyer: Send the RATER survey", date="May 4, 2020"))
    calm = rows.filter(has_text="Calm Co").locator("td")
    expect(calm.nth(1)).to_have_text("—")
    expect(calm.nth(3)).to_have_attribute("data-progress-next", "none")
    headers = quiet.locator(".bsh-progress table").nth(1).locator("th[scope=col]").all_inner_texts()
    assert headers[:5] == [
        ui(k, lang) for k in ("pr_col_customer", "pr_col_level", "pr_col_target", "pr_col_spread", "pr_col_next")
    ]


@pytest.mark.parametrize("lang", SCRIPTS)
def test_the_result_and_plan_fit_a_375_px_phone_with_44_px_targets(quiet: Page, base_url: str, lang: str) -> None:
    quiet.set_viewport_size({"width": 375, "height": 740})
    root = open_assessment(quiet, base_url, lang)
    rate(root, "PT Sumber Makmur Sejahtera Abadi", "Kepala bagian pengadaan barang", up_to(3))
    another_person(root)
    type_text(root.locator("[data-assessment-person]"), "Direktur keuangan")
    answer(root, edge_profile())
    plan(
        root,
        "Approves every contract above budget",
        "high",
        5,
        "Present the cost-of-ownership study",
        "Me",
        "2027-02-01",
    )
    root.locator('[data-assessment-action="submit"]').click()
    expect(root.locator("[data-assessment-plan-rows] tr")).to_have_count(2)
    assert quiet.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for region in result(root).locator(".bsh-assessment__table").all():
        assert region.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), region.inner_text()[:60]
    small = []
    for target in root.locator(".bsh-assessment__scale label:visible, button:visible, select:visible").all():
        box = target.bounding_box()
        assert box is not None
        if box["height"] < 44 or box["width"] < 44:
            small.append((target.inner_text()[:30], box["width"], box["height"]))
    assert small == []
    result(root).screenshot(path=f"/tmp/as/phone-result-{lang}.png")


@pytest.mark.parametrize("lang", ["en"])
def test_axe_finds_nothing_on_the_new_views(quiet: Page, base_url: str, lang: str) -> None:
    root = open_assessment(quiet, base_url, lang)
    type_text(root.locator("[data-assessment-customer]"), "Axe Ltd")
    type_text(root.locator("[data-assessment-person]"), "CFO")
    answers = edge_profile()
    answers[statement_ids(4)[2]] = "unknown"
    answer(root, answers)
    plan(root, "CFO", "high", 5, "Call", "Me", "2020-01-01", "Said so")
    root.locator('[data-assessment-action="submit"]').click()
    another_person(root)
    answer(root, {statement_ids(1)[0]: "2"})
    root.locator('[data-assessment-action="submit"]').click()  # missing answers marked in place
    quiet.once("dialog", lambda d: d.accept())
    root.locator('[data-assessment-action="new"]').click()  # a draft listed
    open_customer(root, "Axe Ltd")
    expect(root.locator("[data-assessment-drafts]")).to_be_visible()
    expect(result(root).locator("[data-assessment-inconsistent]")).to_be_visible()
    expect(result(root).locator("[data-assessment-questions]")).to_be_visible()
    root.locator("[data-assessment-drafts] [data-assessment-resume]").click()
    root.locator('[data-assessment-action="submit"]').click()
    expect(root.locator(".bsh-assessment__statement--missing").first).to_be_visible()
    found = {"assessment": in_both_schemes(quiet, options=WCAG)}
    quiet.goto(f"{base_url}{lang}/progress.html")
    expect(quiet.locator('[data-progress-next="overdue"]')).to_have_count(1)
    found["progress"] = in_both_schemes(quiet, options=WCAG)
    assert found == {"assessment": {"light": [], "dark": []}, "progress": {"light": [], "dark": []}}


@pytest.mark.parametrize("lang", ["en"])
def test_unreadable_drafts_are_reported_and_the_page_goes_on(quiet: Page, base_url: str, lang: str) -> None:
    quiet.goto(f"{base_url}{lang}/index.html")
    quiet.evaluate('() => localStorage.setItem(\'bsh-assessment-drafts:v1\', \'{"v":1,"drafts":{"x/y":{"bad":1}}}\')')
    root = open_assessment(quiet, base_url, lang)
    expect(root.locator("[data-assessment-damaged]")).to_have_text(ui("as_damaged", lang))
    rate(root, "Still works", "Buyer", up_to(2))
    expect(result(root)).to_have_attribute("data-level", "2")
