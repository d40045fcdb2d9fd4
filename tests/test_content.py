"""A meta-test over the real content: complete, consistent, answerable, and our own words."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from build_tools.content import Content, load_content
from build_tools.models import LevelPage, Question, ToolboxPage

REPO = Path(__file__).resolve().parent.parent
COPYCHECK = REPO.parent / "shared" / "tools" / "copycheck.py"
MINIMUM = {"level": 8, "module": 6, "home": 5, "key-points": 5}


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(REPO)


def test_every_language_complete(content: Content) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "build_tools", "status"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    for lang in content.languages:
        assert re.search(rf"^{lang}\s+(\d+)/\1 texts\s+100\.0%  0 missing$", proc.stdout, re.M), proc.stdout


def test_question_counts_meet_the_minimums(content: Content) -> None:
    total = 0
    for p in content.pages:
        minimum = MINIMUM.get(p.spec.kind, 0)
        assert len(p.page.quiz) >= minimum, f"{p.id} has {len(p.page.quiz)} questions, needs {minimum}"
        total += len(p.page.quiz)
    assert total >= 57


def test_question_mix(content: Content) -> None:
    types = Counter(q.type for _, q in content.questions())
    assert set(types) == {"single", "multiple", "true-false", "ordering"}, types
    for level in content.levels():
        scenarios = [q for q in level.quiz if q.scenario is not None]
        assert len(scenarios) >= 2, f"level {level.level} has {len(scenarios)} scenario items"


def _keys(q: Question) -> list[str]:
    return [q.answer] if isinstance(q.answer, str) else list(q.answer)


def test_every_answer_key_and_explanation(content: Content) -> None:
    for page, q in content.questions():
        options = {o.id for o in q.options}
        assert set(_keys(q)) <= options, f"{page.id}/{q.id}"
        for o in q.options:
            for lang in content.languages:
                assert o.explain[lang].strip(), f"{page.id}/{q.id}/{o.id}/{lang}"
        if q.type == "multiple":
            assert 1 <= len(_keys(q)) < len(q.options), f"{q.id}: a multiple question with every option right"
        texts = [o.text["en"].lower() for o in q.options if o.text is not None]
        assert not any("all of the above" in t or "none of the above" in t for t in texts), q.id


def test_every_tool_a_level_names_is_in_the_toolbox(content: Content) -> None:
    toolbox = next(p.page for p in content.pages if isinstance(p.page, ToolboxPage))
    tool_ids = {t.id for t in toolbox.tools}
    named: set[str] = set()
    for p in content.pages:
        if not isinstance(p.page, LevelPage):
            continue
        for s in p.page.sections:
            for b in s.blocks:
                named.update(b.tools or [])
        raw = p.doc.path and (REPO / p.doc.path).read_text(encoding="utf-8")
        named.update(m for m in re.findall(r"\[\[([a-z0-9-]+)(?:\|[^\]]*)?\]\]", raw or "") if m in tool_ids)
    assert named, "the level pages name no tool"
    assert named <= tool_ids
    # Every tool of the sources is on a level page: the toolbox is not a list of orphans.
    assert tool_ids <= named, f"tools no level page names: {sorted(tool_ids - named)}"


def test_nothing_copied_from_the_sources() -> None:
    if not COPYCHECK.exists():
        pytest.skip(f"{COPYCHECK} is not here: the copy check runs where the shared sources are")
    proc = subprocess.run(
        [shutil.which("python3") or sys.executable, str(COPYCHECK), "content"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
