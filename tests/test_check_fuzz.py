"""Property test: random mutations of the real content never make the checker crash.

Whatever an author does to a file (delete a key, change a value's type, duplicate or cut lines,
paste garbage, swap ids, save it in another encoding), ``load_content`` either succeeds or raises
``ContentError`` whose every problem is one well-formed ``path:line: key.path: message`` line, with a
repo-relative path and a line inside the file. Anything else is a checker bug.

The real files are copied once; each example mutates one copy and restores it. Files the example
leaves alone are parsed once and cached, so an example costs one parse of the mutated file.

The examples are derandomized, so CI runs the same ones every time. To hunt for longer, set
``FUZZ_EXAMPLES`` (e.g. ``FUZZ_EXAMPLES=2000``) and, for other examples, ``FUZZ_SEED``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from helpers import REPO, problem_format_error
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from build_tools import yamlload
from build_tools.content import load_content
from build_tools.errors import ContentError, Problem
from build_tools.yamlload import Document

PARSE = yamlload.load  # the real loader, before the fixture wraps it in a cache

KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w-]*):(?P<value>.*)$")
ID_VALUE = re.compile(r"\bid: ([a-z0-9-]+)")
LINK = re.compile(r"\[\[([^\]|]*)")
ODD_VALUES = [
    "42",
    "-1",
    "3.5",
    "1e9",
    "0x1F",
    "~",
    "''",
    "true",
    "no",
    "2026-01-01",
    "[]",
    "{}",
    "[a, b]",
    "{en: x}",
    "{en: x, id: y, ru: z, vi: w, fr: q}",
    "!!python/object/apply:os.system ['false']",
    "!!binary aGk=",
    "!custom x",
    "&anchor x",
    "*anchor",
    "|",
    ">-",
    "'unclosed",
    '"unclosed',
    "[unclosed",
    "[[level-9]]",
    "x: y: z",
    "- item",
]
INSERTS = ["\t", "\x00", "\x1b", "\u2028", "\ufeff", "\r", "\n", ": ", "- ", "#", "&a ", "*a", "<<: ", "---\n", "...\n"]
INSERTS += ["[[", "]]", "{{ x }}", "{%", "'", '"', "|\n", "? ", "!!", "%YAML 1.1\n", "\\", "é", "Ж", "😀", " " * 5]


@dataclass
class Project:
    """A copy of the real content and the bytes of every file the fuzzer may mutate."""

    root: Path
    originals: dict[str, bytes] = field(repr=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(REPO / "content", root / "content", symlinks=True)
    targets = sorted([*(root / "content").glob("*.yaml"), *(root / "content/levels").glob("*.yaml")])
    originals = {p.relative_to(root).as_posix(): p.read_bytes() for p in targets}
    parse = PARSE
    cache: dict[str, tuple[Document | None, list[Problem]]] = {}

    def cached_load(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
        if originals.get(path) != raw:
            return parse(path, raw)
        if path not in cache:
            cache[path] = parse(path, raw)
        return cache[path]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yamlload, "load", cached_load)
        yield Project(root, originals)


# --- mutations: each takes the file as text (undecodable bytes kept by surrogateescape) -------

Mutation = Callable[[st.DataObject, str], str]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick(data: st.DataObject, items: list[int]) -> int:
    return data.draw(st.sampled_from(items)) if items else 0


def delete_key(data: st.DataObject, text: str) -> str:
    """Delete a key with everything indented under it."""
    lines = _lines(text)
    keys = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keys:
        return text
    start = _pick(data, keys)
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "\n".join(lines[:start] + lines[end:])


def change_value(data: st.DataObject, text: str) -> str:
    """Give a key a value of another type (or a tag, an alias, broken quoting)."""
    lines = _lines(text)
    keys = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keys:
        return text
    i = _pick(data, keys)
    m = KEY_LINE.match(lines[i])
    assert m
    value = data.draw(st.sampled_from(ODD_VALUES) | st.text(max_size=12))
    lines[i] = f"{m['indent']}{m['dash'] or ''}{m['key']}: {value}"
    return "\n".join(lines)


def rename_key(data: st.DataObject, text: str) -> str:
    """Misspell a key, or make it a number or a null."""
    lines = _lines(text)
    keys = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    if not keys:
        return text
    i = _pick(data, keys)
    m = KEY_LINE.match(lines[i])
    assert m
    key = data.draw(st.sampled_from([m["key"] + "s", m["key"][:-1], m["key"].upper(), "1", "~", "<<", "? x"]))
    lines[i] = f"{m['indent']}{m['dash'] or ''}{key}:{m['value']}"
    return "\n".join(lines)


def duplicate_line(data: st.DataObject, text: str) -> str:
    lines = _lines(text)
    i = data.draw(st.integers(0, len(lines) - 1))
    return "\n".join(lines[: i + 1] + lines[i:])


def delete_lines(data: st.DataObject, text: str) -> str:
    lines = _lines(text)
    i = data.draw(st.integers(0, len(lines) - 1))
    n = data.draw(st.integers(1, 20))
    return "\n".join(lines[:i] + lines[i + n :])


def swap_lines(data: st.DataObject, text: str) -> str:
    lines = _lines(text)
    i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def reindent(data: st.DataObject, text: str) -> str:
    """Indent a line more or less than its neighbours."""
    lines = _lines(text)
    i = data.draw(st.integers(0, len(lines) - 1))
    shift = data.draw(st.sampled_from([-4, -2, -1, 1, 2, 3]))
    lines[i] = " " * shift + lines[i] if shift > 0 else lines[i][-shift:]
    return "\n".join(lines)


def truncate(data: st.DataObject, text: str) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    return raw[: data.draw(st.integers(0, len(raw)))].decode("utf-8", "surrogateescape")


def insert(data: st.DataObject, text: str) -> str:
    """Paste a tab, a control character, YAML syntax, Unicode or random text somewhere."""
    at = data.draw(st.integers(0, len(text)))
    what = data.draw(st.sampled_from(INSERTS) | st.text(min_size=1, max_size=8))
    return text[:at] + what + text[at:]


def insert_bytes(data: st.DataObject, text: str) -> str:
    """Paste raw bytes, most of them not UTF-8."""
    raw = text.encode("utf-8", "surrogateescape")
    at = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(min_size=1, max_size=8))
    return (raw[:at] + junk + raw[at:]).decode("utf-8", "surrogateescape")


def swap_ids(data: st.DataObject, text: str) -> str:
    """Give an id the value of another id of the file (a duplicate), or make it invalid."""
    found = list(ID_VALUE.finditer(text))
    if not found:
        return text
    m = data.draw(st.sampled_from(found))
    other = data.draw(st.sampled_from([x[1] for x in found] + [m[1].upper(), m[1] + " x", m[1] + "_", ""]))
    return text[: m.start(1)] + other + text[m.end(1) :]


def break_link(data: st.DataObject, text: str) -> str:
    """Point a [[link]] at something else."""
    found = list(LINK.finditer(text))
    if not found:
        return text
    m = data.draw(st.sampled_from(found))
    target = data.draw(st.sampled_from(["level-9", "level-2#nowhere", "l1-q1", "", "#", "level-2#", "toolbox#x"]))
    return text[: m.start(1)] + target + text[m.end(1) :]


MUTATIONS: list[Mutation] = [
    delete_key,
    change_value,
    rename_key,
    duplicate_line,
    delete_lines,
    swap_lines,
    reindent,
    truncate,
    insert,
    insert_bytes,
    swap_ids,
    break_link,
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1", "crlf"]


def encode(text: str, encoding: str) -> bytes:
    """The mutated text as the bytes an editor would save."""
    raw = text.encode("utf-8", "surrogateescape")
    if encoding == "utf-8":
        return raw
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + raw
    if encoding == "crlf":
        return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return raw.decode("utf-8", "replace").encode(encoding, "replace")


def fuzz(test: Any) -> Any:
    """The shared hypothesis settings: derandomised for CI unless FUZZ_SEED asks for a hunt."""
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
        deadline=None,
        derandomize="FUZZ_SEED" not in os.environ,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(seed(int(os.environ.get("FUZZ_SEED", "0")))(given(data=st.data())(test)))


@fuzz
def test_mutated_content_gives_clean_problems_or_passes(project: Project, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(sorted(project.originals)), label="file")
    text = project.originals[rel].decode("utf-8", "surrogateescape")
    for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3), label="mutations"):
        text = mutation(data, text)
    raw = encode(text, data.draw(st.sampled_from(ENCODINGS), label="saved as"))
    path = project.root / rel
    path.write_bytes(raw)
    try:
        load_content(project.root)
    except ContentError as exc:
        lines = [str(p) for p in exc.problems]
        assert lines, "a ContentError without a problem"
        bad = [f"{line!r}: {why}" for line in lines if (why := problem_format_error(line, project.root))]
        assert bad == []
    finally:
        path.write_bytes(project.originals[rel])


@fuzz
def test_libyaml_and_pure_python_agree(project: Project, data: st.DataObject) -> None:
    """The fast path (libyaml's parser) gives the same document, lines and problems as the
    pure-Python loader whose messages the checker reports."""
    rel = data.draw(st.sampled_from(sorted(project.originals)), label="file")
    text = project.originals[rel].decode("utf-8", "surrogateescape")
    for mutation in data.draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3), label="mutations"):
        text = mutation(data, text)
    raw = encode(text, data.draw(st.sampled_from(ENCODINGS), label="saved as"))
    fast = PARSE(rel, raw)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yamlload, "_compose_fast", lambda text: None)
        careful = PARSE(rel, raw)
    assert fast == careful
