"""The self-assessment and progress pages: their content model, exact messages, and what they render."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import problems_of
from helpers import LANGS, level, minimal_tree, question, text

from build_tools.build import build


def statement(sid: str) -> dict[str, Any]:
    return {"id": sid, "text": text(f"Statement {sid}."), "question": text(f"Is {sid} true?")}


def assessment(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": text("Self-assessment"),
        "description": text("Rate a customer."),
        "summary": text("Rate one customer."),
        "scale": [text("Not true"), text("Partly true"), text("Mostly true"), text("Fully true")],
        "rule": text("Each answer earns points.\n\nWith several people, the median."),
        "levels": [
            {
                "level": n,
                "statements": [statement(f"s{n}-a"), statement(f"s{n}-b")],
                "result": text(f"You are at level {n}."),
                "next_step": text(f"Beyond level {n}, see [[level-{min(n + 1, 5)}]]."),
            }
            for n in range(1, 6)
        ],
    }
    data.update(over)
    return data


def tool(tid: str, serves: int) -> dict[str, Any]:
    return {
        "id": tid,
        "serves": serves,
        "name": text(f"Tool {tid}"),
        "purpose": text(f"Purpose of {tid}."),
        "what": text("What."),
        "how": text("How."),
    }


def toolbox() -> dict[str, Any]:
    return {
        "title": text("Toolbox"),
        "description": text("Tools."),
        "summary": text("Tools."),
        "tools": [tool("usp-analysis", 1), tool("rater-model", 2), tool("simplex", 3), tool("senior-leaders", 4)],
    }


def progress() -> dict[str, Any]:
    return {"title": text("Progress"), "description": text("Progress."), "summary": text("Nothing leaves the browser.")}


def script_data(html: str, attribute: str) -> Any:
    """The JSON a widget reads from its <script type="application/json"> element."""
    found = re.search(rf'<script type="application/json" {attribute}>(.*?)</script>', html)
    assert found, attribute
    return json.loads(found.group(1))


def test_a_valid_assessment_and_progress_page(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/assessment.yaml": assessment(), "content/progress.yaml": progress()})
    assert problems_of(tmp_path) == []


def test_levels_must_be_the_five_in_order(tmp_path: Path) -> None:
    data = assessment()
    data["levels"] = [data["levels"][i] for i in (0, 2, 1, 3, 4)]
    minimal_tree(tmp_path, {"content/assessment.yaml": data})
    (problem,) = problems_of(tmp_path)
    assert re.sub(r":\d+:", ":N:", problem) == (
        "content/assessment.yaml:N: levels: list the five levels in order, 1 to 5; found 1, 3, 2, 4, 5"
    )


def test_statement_ids_are_unique(tmp_path: Path) -> None:
    data = assessment()
    data["levels"][3]["statements"][1]["id"] = "s1-a"
    minimal_tree(tmp_path, {"content/assessment.yaml": data})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == (
        "levels[3].statements[1].id: duplicate statement id 's1-a' in the self-assessment"
    )


def test_the_scale_has_four_answers(tmp_path: Path) -> None:
    data = assessment(scale=[text("No"), text("Yes")])
    minimal_tree(tmp_path, {"content/assessment.yaml": data})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == "scale: give exactly four answers, from the lowest to the highest; found 2"


def test_a_statement_needs_every_translation(tmp_path: Path) -> None:
    data = assessment()
    del data["levels"][0]["statements"][0]["text"]["vi"]
    minimal_tree(tmp_path, {"content/assessment.yaml": data})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == "levels[0].statements[0].text: missing the 'vi' translation"


def test_links_in_assessment_texts_are_checked(tmp_path: Path) -> None:
    data = assessment()
    data["levels"][1]["result"] = text("See [[level-9]].")
    minimal_tree(tmp_path, {"content/assessment.yaml": data})
    problems = problems_of(tmp_path)
    assert [p.split(": ", 1)[1] for p in problems] == [
        f"levels[1].result.{lang}: [[level-9]]: unknown id 'level-9'" for lang in LANGS
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("assessment")
    minimal_tree(
        root,
        {
            "content/assessment.yaml": assessment(),
            "content/progress.yaml": progress(),
            "content/toolbox.yaml": toolbox(),
            "content/levels/level-2.yaml": level(2, quiz=[question("l2-q1"), question("l2-q2")]),
        },
    )
    build(root)
    return root / "site"


@pytest.mark.parametrize("lang", LANGS)
def test_the_assessment_page_follows_its_dom_contract(site: Path, lang: str) -> None:
    html = (site / lang / "assessment.html").read_text(encoding="utf-8")
    assert html.count("data-assessment ") + html.count("data-assessment>") == 1
    assert len(re.findall(r'data-assessment-statement="s\d-[ab]"', html)) == 10
    for n in range(1, 6):
        for x in "ab":
            radios = re.findall(rf'<input type="radio" name="bsh-as-s{n}-{x}" value="(\d)">', html)
            assert radios == ["0", "1", "2", "3"]
    assert html.count('data-assessment-action="submit"') == 1
    result = re.search(r"<section [^>]*data-assessment-result [^>]*hidden>", html)
    assert result and "data-level=" not in result[0]  # no level until there is a result
    levels = re.findall(r'data-assessment-statement="s(\d)-[ab]" data-level="(\d)"', html)
    assert len(levels) == 10 and all(a == b for a, b in levels)  # each statement names its level
    data = script_data(html, "data-assessment-data")
    assert data["lang"] == lang
    assert data["gapLabel"] == f"Mostly true [{lang}]"
    assert data["ui"]["as_imported"].count("{added}") == 1
    scripts = re.findall(r'<script src="([^"]+)"></script>', html)
    assert scripts.index("assets/bsh.js") < scripts.index("assets/assessment.js")  # what it shares, first
    assert "<script>" not in html.split("</article>")[0].split("<article")[1]


def test_the_rule_is_on_the_page(site: Path) -> None:
    html = (site / "ru" / "assessment.html").read_text(encoding="utf-8")
    assert 'id="scoring"' in html
    assert "<p>Each answer earns points.</p>" in html
    assert "With several people, the median. [ru]" in html


def test_each_level_names_the_tools_serving_its_step(site: Path) -> None:
    html = (site / "en" / "assessment.html").read_text(encoding="utf-8")
    templates = dict(re.findall(r'<template data-assessment-next="(\d)">(.*?)</template>', html, re.S))
    links = {n: re.findall(r'href="toolbox.html#([a-z-]+)"', body) for n, body in templates.items()}
    assert links == {
        "1": ["usp-analysis"],
        "2": ["rater-model"],
        "3": ["simplex"],
        "4": ["senior-leaders"],
        "5": ["senior-leaders"],
    }
    assert "Beyond level 1, see" in templates["1"]
    assert '<a href="levels/level-2.html">' in templates["1"]


def test_the_progress_page_lists_every_quiz(site: Path) -> None:
    html = (site / "vi" / "progress.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-progress-quiz="([a-z0-9-]+)">', html)
    assert rows == ["level-1", "level-2", "level-3", "level-4", "level-5"]
    data = script_data(html, "data-progress-data")
    assert data["quizzes"][1] == {
        "id": "level-2",
        "title": "Level 2 title [vi]",
        "url": "levels/level-2.html#quiz",
        "questions": ["l2-q1", "l2-q2"],
        "sample": 0,
    }
    assert data["assessment"] == "assessment.html"
    assert 'data-progress-action="clear"' in html
