"""The self-assessment's account plan, questions and interview guide on the built pages, in every
language, read in Python (no browser): the browser tests (tests/browser/test_assessment.py) show
the widget uses the strings it is given once, in English; these show each language's page gives
it the right ones. Expected values come from the YAML content, never from the pages under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser.expected import CSV_COLUMNS, content, plain, ui
from helpers import LANGS
from htmldoc import Element, page, squash, texts

from build_tools.models import AssessmentPage

PLAN_LABELS = {
    "bsh-as-role": "as_plan_role",
    "bsh-as-target": "as_plan_target",
    "bsh-as-evidence": "as_plan_evidence",
    "bsh-as-action": "as_plan_action",
    "bsh-as-tool": "as_plan_tool",
    "bsh-as-owner": "as_plan_owner",
    "bsh-as-due": "as_plan_due",
}


def assessment() -> AssessmentPage:
    p = content().page("assessment").page
    assert isinstance(p, AssessmentPage)
    return p


def root_of(site: Path, lang: str) -> Element:
    return page(site / lang / "assessment.html").one(data_assessment=True)


def level_name(n: int, lang: str) -> str:
    short = next(lv for lv in content().levels() if lv.level == n).short_name[lang]
    return f"{ui('level_n', lang, n=n)}: {plain(short, lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_data_the_widget_reads(real_site: Path, lang: str) -> None:
    data = root_of(real_site, lang).one("script", data_assessment_data=True).json()
    toolbox = content().toolbox()
    assert toolbox is not None
    assert data["tools"] == [{"id": t.id, "name": plain(t.name[lang], lang), "serves": t.serves} for t in toolbox.tools]
    assert data["levels"] == [
        {
            "level": lv.level,
            "name": level_name(lv.level, lang).split(": ", 1)[1],
            "statements": [
                {"id": st.id, "text": plain(st.text[lang], lang), "question": plain(st.question[lang], lang)}
                for st in lv.statements
            ],
        }
        for lv in assessment().levels
    ]
    # The browser test downloads the CSV from one language's page (test_account_plan.py).
    for key in (*CSV_COLUMNS, "as_plan_file", "as_influence_high", "as_influence_medium", "as_influence_low"):
        assert data["ui"][key] == ui(key, lang), key


@pytest.mark.parametrize("lang", LANGS)
def test_the_form_dont_know_and_the_plan(real_site: Path, lang: str) -> None:
    root = root_of(real_site, lang)
    for st in root.all("fieldset", data_assessment_statement=True):
        assert st.one("p", data_assessment_missing=True).text == ui("as_missing", lang)
        assert st.one("input", value="unknown").attrs["name"] == f"bsh-as-{st.attrs['data-assessment-statement']}"
    labels = {e.attrs["for"]: e.text for e in root.all("label", for_=True)}
    assert {k: labels[k] for k in PLAN_LABELS} == {k: ui(v, lang) for k, v in PLAN_LABELS.items()}
    plan = root.one("fieldset", class_="bsh-assessment__plan")
    assert plan.all("legend")[0].text == ui("as_plan_form_heading", lang)
    choice = plan.one("fieldset", class_="bsh-assessment__choice")
    assert choice.one("legend").text == ui("as_plan_influence", lang)
    assert texts(choice.all("label")) == [ui(f"as_influence_{v}", lang) for v in ("high", "medium", "low")]
    target = root.one("select", data_assessment_plan_target=True)
    assert texts(target.all("option")) == [ui("as_plan_target_none", lang)] + [level_name(n, lang) for n in range(1, 6)]
    assert root.one("span", class_="bsh-assessment__label").text == ui("as_plan_now", lang)
    assert root.one("p", id="bsh-as-evidence-hint").text == ui("as_plan_evidence_hint", lang)
    assert root.one("p", id="bsh-as-tool-hint").text == ui("as_plan_tool_hint", lang)
    rate_hint = [p.text for p in root.all("p", class_="bsh-assessment__hint")]
    assert ui("as_rate_hint", lang) in rate_hint


@pytest.mark.parametrize("lang", LANGS)
def test_the_result_questions_plan_and_drafts(real_site: Path, lang: str) -> None:
    root = root_of(real_site, lang)
    assert root.one(data_assessment_damaged=True).text == ui("as_damaged", lang)
    assert root.one("h3", id="bsh-as-drafts").text == ui("as_drafts_heading", lang)
    result = root.one(data_assessment_result=True)
    odd = result.one(data_assessment_inconsistent=True)
    assert odd.one("h3").text == ui("as_inconsistent_heading", lang)
    assert odd.one("p").text == ui("as_inconsistent_intro", lang)
    questions = result.one(data_assessment_questions=True)
    assert questions.one("h3").text == ui("as_questions_heading", lang)
    assert questions.one("p").text == ui("as_questions_intro", lang)
    assert result.one("h3", id="bsh-as-plan").text == ui("as_plan_heading", lang)
    headers = texts(result.all("thead")[1].all("th"))
    assert headers == [
        f"{ui('as_col_person', lang)} ({ui('as_plan_role', lang)})",
        ui("as_plan_influence", lang),
        f"{ui('as_plan_now', lang)} → {ui('as_plan_target', lang)}",
        ui("as_plan_evidence", lang),
        f"{ui('as_plan_action', lang)} ({ui('as_plan_tool', lang)})",
        f"{ui('as_plan_owner', lang)}, {ui('as_plan_due', lang)}",
    ]
    assert result.one(data_assessment_action="csv").text == ui("as_csv", lang)
    assert root.one(data_assessment_form_message=True).attrs["role"] == "status"


@pytest.mark.parametrize("lang", LANGS)
def test_the_scoring_rule_and_the_interview_guide(real_site: Path, lang: str) -> None:
    article = page(real_site / lang / "assessment.html").one("article")
    headings = article.all("h2")
    rule = next(i for i, h in enumerate(headings) if h.attrs.get("id") == "scoring")
    assert headings[rule].text.startswith(ui("as_rule_heading", lang))
    guide = article.one("h2", id="interview")
    assert guide.text.startswith(ui("as_guide_heading", lang))
    body = article.children
    i = body.index(guide)
    following = [c for c in body[i + 1 :] if isinstance(c, Element)]
    assert following[0].text == squash(ui("as_guide_intro", lang))
    h3 = [e for e in following if e.tag == "h3"]
    assert [h.text.rstrip("¶") for h in h3] == [level_name(lv.level, lang) for lv in assessment().levels]
    lists = [e for e in following if e.tag == "ul"]
    assert [texts(ul.all("li")) for ul in lists[:5]] == [
        [squash(plain(st.question[lang], lang)) for st in lv.statements] for lv in assessment().levels
    ]
    rule_text = " ".join(p.text for p in article.all("p"))
    for para in assessment().rule[lang].split("\n\n"):
        assert squash(para) in rule_text
