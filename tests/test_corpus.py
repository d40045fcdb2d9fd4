"""The broken-content corpus: one folder per case under ``tests/corpus/``, each with the exact lines
the checker prints for it.

A case is the minimal valid tree of ``helpers.minimal_tree`` with the files of ``corpus/_base``
and then the case's own files written over it, byte for byte; ``case.yaml`` says what the case is
about and what to do beyond copying files. ``tests/corpus/README.md`` describes the layout.

After an intended change of a message, regenerate with ``UPDATE_CORPUS=1 pytest tests/test_corpus.py``
and review the diff line by line.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import problems_of
from helpers import minimal_tree, problem_format_error

from build_tools.ui_keys import PLACEHOLDERS, UI_KEYS
from build_tools.yamlload import MAX_BYTES

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "_base"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
CASE_KEYS = {"about", "remove", "move", "symlinks", "generate"}
UI_MARKER = re.compile(r"^( *)# @ui-strings(?: except ([^\r\n]*))?(\r?\n)", re.M)


def expand_ui_strings(text: str) -> str:
    """Replace the ``# @ui-strings`` line with one flow-style text per interface key."""

    def strings(m: re.Match[str]) -> str:
        indent, leave_out, eol = m.groups()
        skip = set((leave_out or "").replace(",", " ").split())

        def value(key: str) -> str:  # the key and the placeholders it takes
            return '"' + " ".join([key, *(f"{{{name}}}" for name in sorted(PLACEHOLDERS[key]))]) + '"'

        return "".join(
            f"{indent}{key}: {{en: {value(key)}, id: {value(key)}, ru: {value(key)}, vi: {value(key)}}}{eol}"
            for key in UI_KEYS
            if key not in skip
        )

    return UI_MARKER.sub(strings, text)


def _huge_file(root: Path) -> None:
    """A home page whose summary was pasted again and again: a valid file just over the limit."""
    paragraph = "The customer sees a supplier of commodities. " * 20
    repeat = MAX_BYTES // len(paragraph) // 4 + 10  # four languages: just over the limit in all
    lines = [f"  {lang}: >-\n" + f"    {paragraph}\n" * repeat for lang in ("en", "id", "ru", "vi")]
    flow = "{en: Home, id: Beranda, ru: Главная, vi: Trang chủ}"
    text = f"title: {flow}\ndescription: {flow}\nsummary:\n" + "".join(lines)
    (root / "content/home.yaml").write_text(text, encoding="utf-8")


def _nested_100k(root: Path) -> None:
    """Junk nested 100,000 levels deep, in flow and in block style: a recursive composer would
    overflow the Python stack (RecursionError) or, in C, crash the process."""
    flow = "{en: Home, id: Beranda, ru: Главная, vi: Trang chủ}"
    head = f"title: {flow}\ndescription: {flow}\nsummary: {flow}\n"
    junk = "{a: [" * 50_000 + "]}" * 50_000
    (root / "content/home.yaml").write_text(f"{head}nav_title: {junk}\n", encoding="utf-8")
    junk = "- " * 100_000 + "x"
    (root / "content/modules/junk.yaml").write_text(f"{head}nav_title:\n  {junk}\n", encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {"huge-file": _huge_file, "nested-100k": _nested_100k}


def _overlay(case: Path) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for folder in (BASE, case):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in {"case.yaml", "expected.txt"}:
                raw = path.read_bytes()
                if b"# @ui-strings" in raw:
                    raw = expand_ui_strings(raw.decode("utf-8")).encode("utf-8")
                files[rel] = raw
    return files


def build_case(case: Path, root: Path) -> dict[str, Any]:
    """Write the tree of ``case`` at ``root``; return its ``case.yaml``."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    files = _overlay(case)
    files.update(dict.fromkeys(spec.get("remove", [])))
    minimal_tree(root, files)
    for source, target in spec.get("move", {}).items():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(root / source, root / target)
    for link, target in spec.get("symlinks", {}).items():
        (root / link).unlink(missing_ok=True)
        (root / link).symlink_to(target)
    if "generate" in spec:
        GENERATORS[spec["generate"]](root)
    return dict(spec)


def test_every_case_is_described() -> None:
    """At least 40 cases, each with an ``about`` sentence, known keys and its expected lines (a
    lint of the fixtures: one test for all of them)."""
    assert len(CASES) >= 40
    problems = []
    for case in CASES:
        spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
        if not isinstance(spec.get("about"), str):
            problems.append(f"{case.name}: case.yaml needs an 'about' sentence")
        if not set(spec) <= CASE_KEYS:
            problems.append(f"{case.name}: unknown keys {sorted(set(spec) - CASE_KEYS)}")
        if spec.get("generate", "huge-file") not in GENERATORS:
            problems.append(f"{case.name}: no generator {spec['generate']!r}")
        if not (case / "expected.txt").is_file():
            problems.append(f"{case.name}: no expected.txt")
    assert problems == []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    build_case(case, tmp_path)
    found = problems_of(tmp_path)
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_CORPUS"):
        expected.write_text("".join(f"{line}\n" for line in found), encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8").splitlines()
    assert [line for line in found if problem_format_error(line, tmp_path)] == []
