"""Templates compiled ahead by the helper process are the ones the build uses, and change nothing."""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import Any

import jinja2
import pytest
from helpers import minimal_tree

from build_tools import compiled

OVERRIDES = Path(__file__).parents[1] / "docs" / "overrides"


@pytest.fixture
def fresh_store(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    store: dict[str, bytes] = {}
    monkeypatch.setattr(compiled.STORE, "store", store)
    return store


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def compile(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        names.append(name or "")
        return real(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    return names


def test_the_renderer_compiles_nothing_the_helper_compiled(
    tmp_path: Path, fresh_store: dict[str, bytes], compiles: list[str]
) -> None:
    from build_tools import render
    from build_tools.content import load_content

    minimal_tree(tmp_path)
    content = load_content(tmp_path)
    ahead = compiled.compile_ahead(OVERRIDES)
    ours = [n for n in compiles if n.endswith(".j2")]
    assert len(ours) == len(list(compiled.TEMPLATES.glob("*.j2")))
    compiles.clear()
    with_bytecode = render.render_language(content, "en")
    assert compiles == []  # every template came from the helper's bytecode
    fresh_store.clear()
    assert render.render_language(content, "en") == with_bytecode  # and renders the same
    assert ahead is fresh_store


def test_mkdocs_uses_the_theme_templates_compiled_and_listed_ahead(
    tmp_path: Path, fresh_store: dict[str, bytes], compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools.build import Job, run_mkdocs, write_sources
    from build_tools.content import load_content

    minimal_tree(tmp_path)
    config = write_sources(Job(load_content(tmp_path), tmp_path, tmp_path / "out", tmp_path / "site"), "en")
    compiled.compile_ahead(OVERRIDES)
    ahead = set(compiles)
    assert {"main.html", "base.html", "partials/header.html", "partials/nav-item.html"} <= ahead
    monkeypatch.setattr(compiled, "LISTINGS", {})
    compiled.list_theme_ahead(OVERRIDES)
    assert len(compiled.LISTINGS) == 1
    walks: list[object] = []
    real_walk = jinja2.FileSystemLoader.list_templates
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: walks.append(self) or real_walk(self))
    compiles.clear()
    assert run_mkdocs(config, tmp_path / "site" / "en") == (0, "")
    assert walks == []  # the theme was not listed again
    assert (tmp_path / "site" / "en" / "assets" / "javascripts").is_dir()  # and its static files were copied
    # Left for MkDocs: what no template names literally (icons, one language's strings).
    assert not set(compiles) & ahead
    assert all(n.startswith((".icons/", "partials/languages/")) for n in compiles), compiles


def test_a_build_with_templates_compiled_ahead_equals_one_without(
    tmp_path: Path, fresh_store: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools.build import build

    minimal_tree(tmp_path)
    build(tmp_path, site=tmp_path / "with-helper")
    assert fresh_store, "the helper's bytecode reached the main process"
    fresh_store.clear()
    monkeypatch.setattr(compiled.Warmup, "__init__", lambda self, overrides: setattr(self, "process", None))
    build(tmp_path, site=tmp_path / "without")
    compare = filecmp.dircmp(tmp_path / "with-helper", tmp_path / "without")
    stack = [compare]
    while stack:
        c = stack.pop()
        assert not (c.diff_files or c.left_only or c.right_only), (c.left, c.diff_files, c.left_only, c.right_only)
        stack.extend(c.subdirs.values())


def test_a_later_build_in_the_same_process_sees_new_theme_files(tmp_path: Path) -> None:
    """``make serve`` rebuilds in one process: the theme's listing is made again each build."""
    import shutil

    from build_tools.build import build

    shutil.copytree(OVERRIDES.parent, tmp_path / "docs")
    minimal_tree(tmp_path)
    build(tmp_path)
    (tmp_path / "docs" / "overrides" / "added-later.txt").write_text("new", encoding="utf-8")
    build(tmp_path)
    assert (tmp_path / "site" / "en" / "added-later.txt").read_text(encoding="utf-8") == "new"
