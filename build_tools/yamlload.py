"""A safe YAML loader that keeps the line of every key and refuses what authors should not write.

PyYAML's composer gives a node tree with positions; we construct plain Python values from it
ourselves, so no tag can ever run code, duplicate keys are caught, and booleans stay text
(``no`` is a word in a translation, never ``False``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from build_tools.errors import Problem

Loc = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TEXT_LIKE = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", _STR}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def format_loc(loc: Loc) -> str:
    """Turn ``("quiz", 2, "answer")`` into ``quiz[2].answer``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass
class Document:
    """A loaded YAML file: its data and the line where each key path starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem located at ``loc`` in this document."""
        return Problem(self.path, self.line(loc), format_loc(loc), message)


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, format_loc(loc), message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, loc, f"the tag {node.tag!r} is not allowed")
                return None
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.fail(node, loc, f"the tag {node.tag!r} is not allowed")
                return None
            return self.mapping(node, loc)
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, loc, "keys must be plain text")
                continue
            key = str(key_node.value)
            child = (*loc, key)
            if key in out:
                first = self.lines.get(child, 0)
                self.fail(key_node, child, f"duplicate key (first defined on line {first})")
                continue
            self.lines[child] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, child)
        return out

    def scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        tag = node.tag
        if tag in _TEXT_LIKE:
            return node.value
        if tag == _INT:
            try:
                return int(node.value.replace("_", ""), 0)
            except ValueError:
                return node.value
        if tag == _FLOAT:
            try:
                return float(node.value)
            except ValueError:
                return node.value
        if tag == _NULL:
            return None
        self.fail(node, loc, f"the tag {tag!r} is not allowed")
        return None


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        return None, [Problem(path, line, "", f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")]


def _tabs(path: str, text: str) -> list[Problem]:
    return [
        Problem(path, number, "", "tab character; indent and separate with spaces")
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line
    ]


def load(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse ``raw`` (the bytes of the file at repo-relative ``path``).

    Returns:
        The document (``None`` when it cannot be read at all) and every problem found.
    """
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    problems = _tabs(path, text)
    if problems:
        return None, problems
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(path, line, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        return None, [Problem(path, 1, "", f"YAML syntax error: {exc}")]
    if not nodes or nodes[0] is None:
        return None, [Problem(path, 1, "", "the file is empty; expected a mapping of keys")]
    if len(nodes) > 1:
        return None, [Problem(path, nodes[1].start_mark.line + 1, "", "only one YAML document per file")]
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        return None, [
            Problem(path, root.start_mark.line + 1, "", f"expected a mapping of keys at the top level, found {kind}")
        ]
    builder = _Builder(path)
    data = builder.build(root, ())
    return Document(path, data, builder.lines), builder.problems
