"""A tool list stays a list of its own, and reads as Russian after the dash."""

import re

import markdown
import pytest
from helpers import level, minimal_tree, text

from build_tools import render
from build_tools.content import load_content


@pytest.fixture(scope="module")
def level_1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Level 1 of a tree whose section has a list and then a tools block, rendered in en and ru."""
    root = tmp_path_factory.mktemp("tools")
    tool = {"serves": 1, "name": text("Tool"), "purpose": text("Purpose."), "what": text("W."), "how": text("H.")}
    toolbox = {"title": text("T"), "description": text("T."), "summary": text("T."), "tools": [{**tool, "id": "plain"}]}
    blocks = [{"list": [text("Advice one"), text("Advice two")]}, {"tools": ["plain"]}]
    sections = [{"id": "risk", "title": text("Risk"), "blocks": blocks}]
    files = {"content/toolbox.yaml": toolbox, "content/levels/level-1.yaml": level(1, sections=sections)}
    content = load_content(minimal_tree(root, files))
    return {lang: render.render_language(content, lang)["levels/level-1.md"] for lang in ("en", "ru")}


def test_a_tool_list_is_not_merged_into_the_list_above_it(level_1: dict[str, str]) -> None:
    # A tools block straight after a list: Markdown used to merge the two, which showed an empty
    # bullet and repeated the list's items as tool cards (level 5 had one).
    html = markdown.markdown(level_1["en"], extensions=["toc", "attr_list", "admonition"])
    assert not re.search(r"<li>\s*<p>", html)
    lists = [x for x in re.findall(r"<ul>(.*?)</ul>", html, re.S) if "Advice" in x or "toolbox" in x]
    assert len(lists) == 2, lists
    assert "Advice one" in lists[0] and "toolbox.md#plain" not in lists[0]
    assert "toolbox.md#plain" in lists[1] and "Advice" not in lists[1]


def test_a_russian_tool_purpose_continues_in_lowercase_after_the_dash(level_1: dict[str, str]) -> None:
    assert re.search(r"toolbox\.md#plain\)\*\* — purpose\\.", level_1["ru"]), level_1["ru"]
    assert re.search(r"toolbox\.md#plain\)\*\* — Purpose\\.", level_1["en"]), level_1["en"]
