"""Marked HTML blocks pass through Markdown verbatim, and MkDocs' anchor check still sees their ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest
from helpers import minimal_tree

from build_tools.theme.rawhtml import CLOSE, OPEN, RawHtmlExtension

BLOCK = """<section class="quiz" id="quiz-1">
<p>First <em>paragraph</em> with *no* Markdown.</p>

<ol>
<li id="q-1">A question &amp; an answer</li>
</ol>
</section>"""

PAGE = """# Title

Some *text* before.

{block}

After the block, a [link](#q-1).
"""


def convert(text: str, *extensions: Any) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc", *extensions])


def test_a_marked_block_renders_as_python_markdown_renders_it_unmarked() -> None:
    plain = convert(PAGE.format(block=BLOCK))
    marked = convert(PAGE.format(block=f"{OPEN}\n{BLOCK}\n{CLOSE}"), RawHtmlExtension())
    assert marked == plain
    assert "<em>paragraph</em> with *no* Markdown" in marked  # verbatim, not converted
    assert OPEN not in marked


def test_an_unpaired_marker_leaves_the_page_to_python_markdown() -> None:
    text = PAGE.format(block=f"{OPEN}\n{BLOCK}")
    assert convert(text, RawHtmlExtension()) == convert(text)


@pytest.mark.parametrize(("anchor", "ok"), [("inside", True), ("absent", False)])
def test_mkdocs_anchor_check_sees_ids_in_marked_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, anchor: str, ok: bool
) -> None:
    import multiprocessing

    from build_tools import build as build_module
    from build_tools import render
    from build_tools.build import build
    from build_tools.errors import SiteBuildError

    minimal_tree(tmp_path)
    real = render.render_language

    def with_a_block(content: Any, lang: str) -> dict[str, str]:
        files = real(content, lang)
        files["levels/level-3.md"] += f'\n{OPEN}\n<div>\n\n<p id="inside">x</p>\n</div>\n{CLOSE}\n'
        files["levels/level-2.md"] += f"\n[to the block](level-3.md#{anchor})\n"
        return files

    monkeypatch.setattr(render, "render_language", with_a_block)
    # Workers forked from this process see the patched renderer (the fork server's would not).
    monkeypatch.setattr(build_module, "_context", lambda: multiprocessing.get_context("fork"))
    if ok:
        build(tmp_path)
        assert 'id="inside"' in (tmp_path / "site" / "en" / "levels" / "level-3.html").read_text(encoding="utf-8")
    else:
        with pytest.raises(SiteBuildError, match="absent"):
            build(tmp_path)
