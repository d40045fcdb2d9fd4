"""Build small content trees for tests (inline trees, in the manner of copier's build_file_tree)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
LANGS = ("en", "id", "ru", "vi")


def text(s: str) -> dict[str, str]:
    """A translated text: ``s`` suffixed with each language code."""
    return {lang: f"{s} [{lang}]" for lang in LANGS}


def question(qid: str, **over: Any) -> dict[str, Any]:
    q: dict[str, Any] = {
        "id": qid,
        "type": "single",
        "prompt": text(f"Question {qid}?"),
        "options": [
            {"id": "a", "text": text("Right"), "explain": text("Because it is right.")},
            {"id": "b", "text": text("Wrong"), "explain": text("Because it is wrong.")},
        ],
        "answer": "a",
    }
    q.update(over)
    return q


def level(n: int, **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "level": n,
        "title": text(f"Level {n} title"),
        "short_name": text(f"L{n}"),
        "description": text(f"Level {n} description."),
        "summary": text(f"Level {n} summary."),
        "sections": [{"id": "risk", "title": text("Risk"), "blocks": [{"text": text("Risky.")}]}],
        "quiz": [question(f"l{n}-q1", review="risk")],
        "objectives": [text(f"Do one thing after level {n}."), text(f"Do another thing after level {n}.")],
    }
    data.update(over)
    return data


def home(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": text("Home"),
        "description": text("Home description."),
        "summary": text("Welcome, see [[level-1]]."),
        "sections": [{"id": "intro", "title": text("Intro"), "blocks": [{"text": text("Hello.")}]}],
    }
    data.update(over)
    return data


class _NoAliases(yaml.SafeDumper):
    """The checker refuses YAML aliases: write repeated values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def minimal_tree(root: Path, files: dict[str, Any] | None = None, *, site: bool = True) -> Path:
    """Write a valid minimal project at ``root``: the real site.yaml, home, five levels.

    ``files`` adds or replaces files: a value is dumped as YAML unless it is ``str`` or ``bytes``
    (written as is) or ``None`` (the file is removed).
    """
    content = root / "content"
    (content / "levels").mkdir(parents=True, exist_ok=True)
    (content / "modules").mkdir(exist_ok=True)
    if site:
        shutil.copy(REPO / "content" / "site.yaml", content / "site.yaml")
        for name in ("docs", "mkdocs.yml", "build_tools/theme/overrides"):
            if not (root / name).exists():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).symlink_to(REPO / name)
    tree: dict[str, Any] = {"content/home.yaml": home()}
    tree.update({f"content/levels/level-{n}.yaml": level(n) for n in range(1, 6)})
    tree.update(files or {})
    for rel, value in tree.items():
        path = root / rel
        if value is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value if isinstance(value, str) else dump(value), encoding="utf-8")
    return root


PROBLEM = re.compile(r"(?P<path>content/[^:\r\n]+?)(?::(?P<line>[1-9][0-9]*))?: (?P<rest>[^\r\n]+)")


def problem_format_error(problem: str, root: Path) -> str | None:
    """What is wrong with one line of the checker's output for the tree at ``root``, or ``None``
    when it is a well-formed ``path:line: key.path: message`` with a line inside the file."""
    m = PROBLEM.fullmatch(problem)
    if not m:
        return "not a single 'path:line: key.path: message' line"
    if m["line"]:
        path = root / m["path"]
        if not path.is_file():
            return "a line number for a file that does not exist"
        if int(m["line"]) > len(re.split(rb"\r\n|\r|\n", path.read_bytes())):
            return "a line number past the end of the file"
    return None
