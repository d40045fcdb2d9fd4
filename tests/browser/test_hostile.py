"""Hostile text: markup, script and template syntax typed into every text of a copy of the real
content is shown as text everywhere — pages, quiz, assessment, the figure — and never runs."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import dump
from playwright.sync_api import Browser

from build_tools.build import build

from .conftest import REPO, serve

PAYLOAD = (
    ' </script><script>window.__pwned="script"</script>'
    ' <img src=x onerror="window.__pwned=\'img\'"> "><svg onload=window.__pwned="svg">'
    " {{ 7*7 }} {% if true %}jinja{% endif %} [x](javascript:window.__pwned='link') &amp; `code`"
)
LANGS = {"en", "id", "ru", "vi"}
# Texts the build checks as something narrower than text, so the payload never reaches a page:
# the export's file name (letters, digits, - and _; tests/corpus/ui-export-file-name). And the
# quiz verdicts: the checker refuses a verdict that shares a word with the true-false labels, which
# the same payload on both would (they go through the same escaping as every interface string).
NOT_TEXT = {"as_export_file", "quiz_verdict_right", "quiz_verdict_wrong"}


def poison(node: Any) -> Any:
    """Append the payload to every translation of every text."""
    if isinstance(node, dict):
        if set(node) == LANGS and all(isinstance(v, str) for v in node.values()):
            return {k: v + PAYLOAD for k, v in node.items()}
        return {k: v if k in NOT_TEXT else poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v) for v in node]
    return node


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name in ("content", "docs", "build_tools/theme/overrides", "mkdocs.yml"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy2(src, root / name)
    for path in (root / "content").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(dump(poison(data)), encoding="utf-8")
    build(root)
    return root / "site"


def test_no_script_runs_and_text_shows_as_typed(browser: Browser, hostile_site: Path) -> None:
    pages = sorted(str(p.relative_to(hostile_site)) for p in (hostile_site / "en").rglob("*.html"))
    assert len(pages) >= 10
    stack = contextlib.ExitStack()
    ctx = browser.new_context()
    dialogs: list[str] = []
    problems: list[str] = []
    try:
        base = stack.enter_context(serve(hostile_site))
        page = ctx.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[func-returns-value]
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        for rel in pages:
            page.goto(base + rel)
            assert page.evaluate("window.__pwned") is None, rel
            assert page.locator("img[src='x'], svg[onload]").count() == 0, rel
            # Shown literally, never double-escaped: in the tab title, header, navigation, body.
            assert "</script>" in page.title() and "&lt;" not in page.title(), rel
            header = page.locator(".md-header__topic").first.inner_text()
            assert "{{ 7*7 }}" in header and "&amp;" not in header.replace("&amp; `code`", ""), rel
            nav = page.locator(".md-nav__link").first.inner_text()
            assert "</script>" in nav, rel
            text = page.locator("article").inner_text()
            assert "{{ 7*7 }}" in text and "</script>" in text and "&lt;" not in text, rel
    finally:
        ctx.close()
        stack.close()
    assert dialogs == []
    assert problems == []
