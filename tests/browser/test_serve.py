"""The authoring loop: `python -m build_tools serve` rebuilds on a YAML edit and the open page
reloads itself. (How fast is measured by `make bench`, not here.)"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .expected import content


@contextlib.contextmanager
def _serving(project: Path, tmp_path: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """``serve`` on a copy of the project, at a free port: its URL and the copy's root."""
    root = tmp_path / "project"
    shutil.copytree(project, root, ignore=shutil.ignore_patterns("site", "build", ".site-*", "dist"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "--root", str(root), "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "en/index.html", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield url, root
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# One server for the tests below, which run one after the other (with pytest-xdist, in one worker:
# `make test` distributes whole files, --dist loadfile); each puts back what it changed.
@pytest.fixture(scope="module")
def served(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    with _serving(project, tmp_path_factory.mktemp("serve")) as found:
        yield found


def test_edit_shows_in_the_open_page(page: Page, served: tuple[str, Path]) -> None:
    url, root = served
    page.goto(url + "ru/levels/level-2.html")
    level = root / "content/levels/level-2.yaml"
    text = level.read_text(encoding="utf-8")
    marker = "Проверка живой перезагрузки"
    old = next(line for line in text.splitlines() if line.startswith("  ru: "))
    try:
        level.write_text(text.replace(old, f"  ru: {marker}", 1), encoding="utf-8")
        # Generous timeout: this checks that the page reloads by itself, not how fast (see `make bench`).
        expect(page.locator("article h1")).to_contain_text(marker, timeout=180_000)
    finally:
        level.write_text(text, encoding="utf-8")
    expect(page.locator("article h1")).not_to_contain_text(marker, timeout=60_000)


def test_broken_yaml_keeps_serving_the_last_good_site(page: Page, served: tuple[str, Path]) -> None:
    url, root = served
    level = root / "content/levels/level-2.yaml"
    good = level.read_text(encoding="utf-8")
    page.goto(url + "en/levels/level-2.html")
    title = page.locator("article h1").inner_text()
    problems = page.locator("#bsh-build-problems")
    expect(problems).to_have_count(0)

    try:
        level.write_text("title: [broken\n", encoding="utf-8")
        # The open page shows what is wrong, where, on top of the last good build.
        expect(problems).to_contain_text("content/levels/level-2.yaml:", timeout=60_000)
        expect(problems).to_contain_text("YAML syntax error")
        expect(problems).to_have_attribute("role", "alert")
        page.reload()
        expect(page.locator("article h1")).to_have_text(title)
        expect(problems).to_be_visible(timeout=10_000)
    finally:
        # Fixed: the page rebuilds, reloads and the problems are gone.
        level.write_text(good, encoding="utf-8")
    expect(problems).to_have_count(0, timeout=60_000)
    expect(page.locator("article h1")).to_have_text(title)


def test_a_broken_template_is_located_and_serving_goes_on(page: Page, served: tuple[str, Path]) -> None:
    """A theme override that does not compile is a problem like a content one: file, line, no
    traceback, the last good site still served."""
    url, root = served
    override = root / "build_tools/theme/overrides/main.html"
    good = override.read_text(encoding="utf-8")
    page.goto(url + "en/index.html")
    problems = page.locator("#bsh-build-problems")
    try:
        override.write_text(good + "{% bad %}\n", encoding="utf-8")
        where = f"build_tools/theme/overrides/main.html:{good.count(chr(10)) + 1}: template error"
        expect(problems).to_contain_text(where, timeout=60_000)
        expect(problems).not_to_contain_text("Traceback")
    finally:
        override.write_text(good, encoding="utf-8")
    expect(problems).to_have_count(0, timeout=60_000)


def test_a_draft_preview_shows_untranslated_texts_and_lists_them(page: Page, project: Path, tmp_path: Path) -> None:
    """``serve --draft``: a text not translated yet shows in English instead of stopping the
    build, and the page lists it, where it is; translated, it leaves the list."""
    with _serving(project, tmp_path, "--draft") as (url, root):
        level = root / "content/levels/level-2.yaml"
        good = level.read_text(encoding="utf-8")
        english = content().page("level-2").page.title["en"]
        page.goto(url + "vi/levels/level-2.html")
        notes = page.locator("#bsh-draft-notes")
        expect(notes).to_have_count(0)
        lines = good.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith("  vi: "))  # the title's
        level.write_text("".join(lines[:at] + lines[at + 1 :]), encoding="utf-8")
        expect(page.locator("article h1")).to_contain_text(english, timeout=60_000)
        expect(page.locator("#bsh-build-problems")).to_have_count(0)
        expect(notes).to_contain_text("Draft preview: 1 text(s) not translated yet")
        notes.locator("summary").click()
        title = next(i for i, line in enumerate(lines, start=1) if line.startswith("title:"))
        expect(notes).to_contain_text(f"content/levels/level-2.yaml:{title}: title.vi: not translated yet")

        level.write_text(good, encoding="utf-8")
        expect(notes).to_have_count(0, timeout=60_000)
        expect(page.locator("article h1")).not_to_contain_text(english)
        # A draft is never built where a deployable site goes.
        assert not (root / "site").exists()
        assert (root / "build/draft-site/vi/levels/level-2.html").is_file()
