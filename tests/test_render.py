"""Golden tests: the Markdown the renderer writes for every block kind, in two languages.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_render.py`` and
review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import home, level, minimal_tree, question, text

from build_tools import render
from build_tools.content import load_content

GOLDEN = Path(__file__).parent / "golden"


def _every_block() -> list[dict[str, object]]:
    return [
        {
            "text": {
                **text("First paragraph with **bold**, *italic* and [[level-2]]."),
                "en": "One.\n\nTwo <b>x</b> # {{ y }}",
            }
        },
        {"list": [text("Item one"), text("Item two")]},
        {"steps": [text("Step one"), text("Step two")]},
        {"checklist": [text("Sign one"), text("Sign two")]},
        {"note": text("A note")},
        {"tip": text("A tip")},
        {"warning": text('A "warning"')},
        {"example": {"title": text("Example title"), "text": text("Example body.")}},
        {"quote": {"text": text("Quoted words."), "source": text("Someone, somewhere")}},
        {"stats": [{"value": text("60–70%"), "label": text("chance of selling again")}]},
        {"figure": "hierarchy"},
    ]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    root = tmp_path_factory.mktemp("golden")
    sections = [{"id": "all-blocks", "title": text("All blocks"), "blocks": _every_block()}]
    quiz = [
        question("home-single", scenario=text("A customer says so."), review="all-blocks"),
        question("home-multi", type="multiple", answer=["a", "b"]),
        question(
            "home-tf",
            type="true-false",
            options=[{"id": "true", "explain": text("Because so.")}, {"id": "false", "explain": text("Because not.")}],
            answer="false",
        ),
        question("home-order", type="ordering", answer=["b", "a"]),
    ]
    minimal_tree(
        root, {"content/home.yaml": home(sections=sections, quiz=quiz), "content/levels/level-2.yaml": level(2)}
    )
    content = load_content(root)
    return {lang: render.render_language(content, lang) for lang in ("en", "ru")}


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", ["index.md", "levels/level-2.md", "404.md"])
def test_golden(files: dict[str, dict[str, str]], lang: str, page: str) -> None:
    golden = GOLDEN / lang / page
    actual = files[lang][page]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_tool_example_is_a_running_case_box(tmp_path: Path) -> None:
    """A tool's optional worked example renders as an example box labelled with ui case_label."""
    tool = {
        "serves": 1,
        "name": text("Tool"),
        "purpose": text("Purpose."),
        "what": text("What."),
        "how": text("How."),
    }
    toolbox = {
        "title": text("Toolbox"),
        "description": text("Tools."),
        "summary": text("Tools."),
        "tools": [{**tool, "id": "with-example", "example": text("Year 2: the case.")}, {**tool, "id": "plain"}],
    }
    minimal_tree(tmp_path, {"content/toolbox.yaml": toolbox})
    md = render.render_language(load_content(tmp_path), "en")["toolbox.md"]
    assert md.count('!!! example "Running case"') == 1
    assert "    Year 2: the case\\. \\[en\\]" in md
    plain = md[md.index("{ #plain }") :]
    assert "!!! example" not in plain
