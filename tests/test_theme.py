"""build_tools/theme/: the version check, the search plugin's view of a page, and the build that
takes over the languages a save did not change."""

from __future__ import annotations

import os
import re
from importlib import metadata
from pathlib import Path

import pytest
from helpers import minimal_tree

from build_tools import theme
from build_tools.build import build
from build_tools.theme.hooks import without_excluded


def test_a_theme_version_it_was_not_written_for_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "10.0.0" if name == "mkdocs-material" else real(name))
    with pytest.raises(theme.ThemeVersionError) as caught:
        theme.check_versions()
    message = str(caught.value)
    assert message.startswith("mkdocs-material 10.0.0 is installed; build_tools/theme/ was written for 9.8.x.")
    assert "Re-check every file in build_tools/theme/" in message


def test_the_installed_versions_are_the_ones_it_was_written_for() -> None:
    theme.check_versions()


def test_search_skips_excluded_elements_up_to_their_own_end() -> None:
    html = (
        "<p>a</p><section class=q data-search-exclude><section>answer</section><p>key</p></section>"
        "<p>b</p><figure data-search-exclude><figure>x</figure></figure><section>kept</section>"
    )
    assert without_excluded(html) == "<p>a</p><p>b</p><section>kept</section>"


def test_an_excluded_element_never_closed_is_left_to_the_search_plugin() -> None:
    assert without_excluded("<p>a</p><section data-search-exclude><p>b") == "<p>a</p><section data-search-exclude><p>b"


def test_the_search_view_leaves_out_buttons_templates_and_hidden_elements() -> None:
    html_in = (
        '<p>a <button type="button">Save</button> b</p><template><p>later</p></template>'
        '<div class="x" hidden><div>inner</div><p>shown by a script</p></div>'
        '<p class="hidden" aria-hidden="true" title="hidden">kept</p>'
        '<p data-search-exclude>note</p><input type="file" hidden><p>end</p>'
    )
    assert without_excluded(html_in) == (
        '<p>a  b</p><p class="hidden" aria-hidden="true" title="hidden">kept</p><p>end</p>'
    )


def _inodes(site: Path, lang: str) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_ino for p in (site / lang).rglob("*") if p.is_file()}


def test_a_save_rebuilds_only_the_languages_it_changes(tmp_path: Path) -> None:
    root = minimal_tree(tmp_path)
    site = root / "site"
    reuse: dict[str, str] = {}
    build(root, reuse=reuse)
    assert sorted(reuse) == ["en", "id", "ru", "vi"]
    before = {lang: _inodes(site, lang) for lang in reuse}

    level = root / "content/levels/level-2.yaml"
    text = level.read_text(encoding="utf-8")
    edited, count = re.subn(r"(\n\s+ru: )(.+)", r"\1Правка \2", text, count=1)
    assert count == 1
    level.write_text(edited, encoding="utf-8")
    build(root, reuse=reuse)

    for lang in ("en", "id", "vi"):  # the same files, linked from the previous build
        assert _inodes(site, lang) == before[lang]
    assert set(_inodes(site, "ru").values()).isdisjoint(before["ru"].values())
    assert "Правка" in (site / "ru/levels/level-2.html").read_text(encoding="utf-8")
    assert os.stat(site / "en/levels/level-2.html").st_nlink == 1  # the previous site is gone


def test_a_save_that_changes_every_language_rebuilds_them_all(tmp_path: Path) -> None:
    root = minimal_tree(tmp_path)
    reuse: dict[str, str] = {}
    build(root, reuse=reuse)
    first = dict(reuse)
    mkdocs_yml = root / "mkdocs.yml"
    shared = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.unlink()  # minimal_tree links the real one
    mkdocs_yml.write_text(shared.replace("- toc.follow\n", ""), encoding="utf-8")
    build(root, reuse=reuse)
    assert all(reuse[lang] != first[lang] for lang in first)
