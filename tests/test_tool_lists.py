"""A level's tool list stays a list of its own, and reads as Russian after the dash."""

import re
from pathlib import Path

import markdown
from helpers import level, minimal_tree, text

from build_tools import render
from build_tools.content import load_content


def test_a_tool_list_is_not_merged_into_the_list_above_it(tmp_path: Path) -> None:
    # A tools block straight after a list: Markdown used to merge the two, which showed an empty
    # bullet and repeated the list's items as tool cards (level 5 had one).
    tool = {"serves": 1, "name": text("Tool"), "purpose": text("Purpose."), "what": text("W."), "how": text("H.")}
    toolbox = {"title": text("T"), "description": text("T."), "summary": text("T."), "tools": [{**tool, "id": "plain"}]}
    blocks = [{"list": [text("Advice one"), text("Advice two")]}, {"tools": ["plain"]}]
    sections = [{"id": "risk", "title": text("Risk"), "blocks": blocks}]
    minimal_tree(
        tmp_path, {"content/toolbox.yaml": toolbox, "content/levels/level-1.yaml": level(1, sections=sections)}
    )
    md = render.render_language(load_content(tmp_path), "en")["levels/level-1.md"]
    html = markdown.markdown(md, extensions=["toc", "attr_list", "admonition"])
    assert not re.search(r"<li>\s*<p>", html)
    lists = re.findall(r"<ul>(.*?)</ul>", html, re.S)
    assert len(lists) == 2, lists
    assert "Advice one" in lists[0] and "toolbox.md#plain" not in lists[0]
    assert "toolbox.md#plain" in lists[1] and "Advice" not in lists[1]


def test_a_russian_tool_purpose_continues_in_lowercase_after_the_dash(real_site: Path) -> None:
    page = (real_site / "ru" / "levels" / "level-3.html").read_text(encoding="utf-8")
    purposes = re.findall(r"</a></strong> — (\w)", page)
    assert purposes and all(c.islower() for c in purposes), purposes
    # The toolbox still shows each purpose on its own, capitalised.
    toolbox = (real_site / "ru" / "toolbox.html").read_text(encoding="utf-8")
    assert "Творческое решение сложных проблем клиента" in toolbox
