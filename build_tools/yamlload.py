"""A safe YAML loader that keeps the line of every key and refuses what authors should not write.

PyYAML's composer gives a node tree with positions; we construct plain Python values from it
ourselves, so no tag can ever run code, duplicate keys are caught, and booleans stay text
(``no`` is a word in a translation, never ``False``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

from build_tools import yamlhints
from build_tools.errors import Problem

Loc = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TEXT_LIKE = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp", _STR}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

MAX_BYTES = 1_000_000
"""The largest content file we parse: ten times the largest real one. PyYAML reads about 100 kB a
second, so a file pasted in by mistake would otherwise stall the check for minutes."""
MAX_DEPTH = 50
"""The deepest nesting we accept (the content needs about 8): PyYAML's composer recurses, so junk
nested thousands deep would otherwise end in a RecursionError."""

# Characters YAML refuses (outside its printable set), and the line separators YAML counts as line
# breaks although editors do not: either would give a confusing error or shifted line numbers.
_CONTROL = re.compile(r"[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INVISIBLE = (
    (re.compile(r"\t"), "tab character; indent and separate with spaces"),
    (re.compile(r"[\x85\u2028\u2029]"), "invisible line separator U+{code:04X}; replace it with a space"),
    (re.compile(r"\ufeff"), "invisible byte-order mark U+FEFF (two files pasted together?); delete it"),
    (_CONTROL, "invisible control character U+{code:04X}; delete it"),
)
_BREAK = re.compile(r"\r\n|\r|\n")


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
    refused: set[Loc] = field(default_factory=set)
    """Where the loader refused a value (a tag) and already said so: validation skips them."""
    source: str = ""
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    """Where each text value is in ``source`` (start and end character), to place a problem
    found inside a text on its own line (a link in the fifth line of a block of text)."""
    commented: dict[Loc, int] = field(default_factory=dict)
    """Plain values followed by `` #`` on their last line (that line): YAML read the rest of the
    line as a comment."""

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

    def lines_within(self, loc: Loc, parts: list[str]) -> list[int]:
        """The line of each of ``parts``, found in this order in the source of the text at
        ``loc``; the text's line for a part not written as is (an escape in a quoted text)."""
        span = self.spans.get(tuple(loc))
        out = []
        start, end = span or (0, 0)
        for part in parts:
            at = self.source.find(part, start, end) if span else -1
            if at < 0:
                out.append(self.line(loc))
                continue
            out.append(len(_BREAK.findall(self.source, 0, at)) + 1)
            start = at + len(part)
        return out


class _Refused(yaml.MarkedYAMLError):
    """A construct refused while composing, before anything is built from it."""


class _Careful(Composer):
    """PyYAML's composer, refusing aliases and absurd nesting as it composes (whatever the parser)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        mark = self.peek_event().start_mark  # type: ignore[attr-defined]
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            # An alias shares one node between several places: errors would point at the anchor,
            # and aliases of aliases expand exponentially (the "billion laughs").
            raise _Refused(problem="aliases (*name) are not allowed; write the value out in full", problem_mark=mark)
        if self.depth >= MAX_DEPTH:
            message = f"nested more than {MAX_DEPTH} levels deep; look for stray brackets or runaway indentation"
            raise _Refused(problem=message, problem_mark=mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Careful, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones the checker reports."""


if yaml.__with_libyaml__:
    _RESOLVED_BY_FIRST = frozenset(Resolver.yaml_implicit_resolvers)

    class _CComposer(CParser, Resolver):
        """libyaml's parser and composer, both in C: the fast path for well-formed files."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            # Most scalars are prose: a plain scalar whose first character starts no implicit
            # type (number, boolean, null, date) is a string without trying the patterns.
            if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _RESOLVED_BY_FIRST)):
                return _STR
            return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    class _FastLoader(_Careful, CParser, Resolver):
        """libyaml's parser (about ten times faster) under the careful composer, so it builds the
        same nodes and refuses the same things; on any error the pure-Python loader reads again."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)


class _Unusual(Exception):
    """The fast path met what only the careful composer may judge (an alias, deep nesting)."""


_COMMENT_AFTER = re.compile(r"\S[ \t]+#")
"""A ``#`` after a space, behind something on the same line: where a comment may start."""
_COMMENT_AT = re.compile(r"[ \t]+#")


def _comment_lines(text: str) -> dict[int, str]:
    """The lines (0-based) that may hold a comment behind a value: the only ones where a plain
    text can have lost its end to one. (Tabs are refused before this runs; a literal search
    first, since a regex scan of every file cost a sixth of loading.)"""
    if " #" not in text:
        return {}
    return {i: line for i, line in enumerate(_BREAK.split(text)) if " #" in line and _COMMENT_AFTER.search(line)}


class _Builder:
    def __init__(self, path: str, text: str, watch: bool = False) -> None:
        self.path = path
        self.text = text
        self.spans: dict[Loc, tuple[int, int]] = {}
        self.commented: dict[Loc, int] = {}
        self.comments = _comment_lines(text)
        self.lines: dict[Loc, int] = {}
        self.refused: set[Loc] = set()
        self.problems: list[Problem] = []
        self.watch = watch
        """Nodes come from libyaml's own composer, which allows aliases and any depth: stop at
        either (``_Unusual``) so that the careful composer reads the file and reports it."""
        self.seen: set[int] = set()

    def document(self, data: Any) -> Document:
        return Document(self.path, data, self.lines, self.refused, self.text, self.spans, self.commented)

    def fail(self, node: yaml.Node, loc: Loc, message: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1, format_loc(loc), message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if self.watch:
            if id(node) in self.seen or len(loc) >= MAX_DEPTH:
                raise _Unusual
            self.seen.add(id(node))
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self.refuse_tag(node, loc)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                return self.refuse_tag(node, loc)
            return self.mapping(node, loc)
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                self.fail(key_node, (*loc, "<<"), "merge keys (<<) are not allowed; write the keys out in full")
                continue
            if self.watch:
                if id(key_node) in self.seen:
                    raise _Unusual
                self.seen.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, loc, "a key must be a plain word, not a list or a mapping")
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
            if self.comments:
                self.check_comment(node, loc)
            self.spans[loc] = (node.start_mark.index, node.end_mark.index)
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
        return self.refuse_tag(node, loc)

    def check_comment(self, node: yaml.ScalarNode, loc: Loc) -> None:
        """Note a plain value followed by `` #`` on its last line: if it is a translation, it
        lost the rest of that line to a comment, the commonest silent loss in a translation (the
        checker, which knows what is a text, says so; behind an id or a number a comment is just
        a comment). PyYAML gives a plain scalar the style None, libyaml '' ."""
        line = self.comments.get(node.end_mark.line)
        if line is None or node.style or not _COMMENT_AT.match(line, node.end_mark.column):
            return
        self.commented[loc] = node.end_mark.line + 1

    def refuse_tag(self, node: yaml.Node, loc: Loc) -> None:
        """Report a tag and build nothing from its value (``None``, never validated further)."""
        self.refused.add(loc)
        self.fail(node, loc, f"the tag {node.tag!r} is not allowed")


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-32 or UTF-16, told by a byte-order mark or by the NUL bytes a wide encoding gives the
    first character (ASCII in any YAML file)."""
    if raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")) or b"\x00\x00\x00" in raw[:4]:
        return "UTF-32"
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")) or b"\x00" in raw[:2]:
        return "UTF-16"
    return None


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if encoding := _wide_encoding(raw):
        return None, [Problem(path, 1, "", f"the file is saved as {encoding}; save it as UTF-8")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = len(_BREAK.split(raw[: exc.start].decode("utf-8")))
        byte = raw[exc.start]
        return None, [Problem(path, line, "", f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")]


_ANY_INVISIBLE = re.compile("|".join(pattern.pattern for pattern, _ in _INVISIBLE))


def _characters(path: str, text: str) -> list[Problem]:
    """Tabs and invisible characters, one problem per line and kind."""
    if not _ANY_INVISIBLE.search(text):  # the usual case: one pass over the text, not four a line
        return []
    return [
        Problem(path, number, "", message.format(code=ord(m[0])))
        for number, line in enumerate(_BREAK.split(text), start=1)
        for pattern, message in _INVISIBLE
        if (m := pattern.search(line))
    ]


def _compose_fast(text: str) -> list[yaml.Node] | None:
    """The nodes, composed with libyaml's parser when PyYAML has it; ``None`` on any error (or
    without libyaml), for the pure-Python loader to read the file again: every message comes from
    one place. The careful composer, not libyaml's own recursive one, also keeps junk nested a
    hundred thousand levels deep from overflowing the C stack."""
    if not yaml.__with_libyaml__:
        return None
    try:
        return list(yaml.compose_all(text, Loader=_FastLoader))  # type: ignore[arg-type]
    except yaml.YAMLError:
        return None


MAX_FLOW_BRACKETS = 1_000
MAX_LINE = 2_000
"""libyaml's composer recurses in C, and junk nested a hundred thousand deep overflows its stack.
A node nests at most one level per flow bracket and per two columns (``- - - x``), so a file with
at most this many brackets and no longer lines (the content: under 200 brackets a file, lines
under 300 characters) nests at most about 2,000 deep, which C handles; any other file is read by
the careful composer instead."""


def _load_c(path: str, text: str) -> tuple[Document, list[Problem]] | None:
    """The common case, fast: one well-formed mapping, no alias, not nested too deep. ``None``
    for anything else, which the careful composer then reads (and words every message)."""
    if not yaml.__with_libyaml__ or text.count("[") + text.count("{") > MAX_FLOW_BRACKETS:
        return None
    if max(map(len, text.splitlines()), default=0) > MAX_LINE:
        return None
    try:
        nodes = list(yaml.compose_all(text, Loader=_CComposer))  # type: ignore[arg-type]
    except yaml.YAMLError:
        return None
    if len(nodes) != 1 or not isinstance(nodes[0], yaml.MappingNode):
        return None
    builder = _Builder(path, text, watch=True)
    try:
        data = builder.build(nodes[0], ())
    except _Unusual:
        return None
    return builder.document(data), builder.problems


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The error in an author's words where one of the usual mistakes explains it (yamlhints),
    on the line of the mistake; else PyYAML's words, on the line where it failed."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    what = exc.problem or exc.context or "invalid YAML"
    if found := yamlhints.explain(text, line):
        return Problem(path, found[0] + 1, "", f"YAML syntax error: {found[1]}")
    if what.startswith("expected ',' or ") and exc.context_mark:  # a flow collection left open
        closing = what[len("expected ',' or ") + 1]
        opening = {"}": "{", "]": "["}.get(closing, closing)
        message = f"the {opening} opened on this line is not closed with {closing}"
        return Problem(path, exc.context_mark.line + 1, "", f"YAML syntax error: {message}")
    return Problem(path, line + 1, "", f"YAML syntax error: {yamlhints.generic(what) or what}")


def load(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse ``raw`` (the bytes of the file at repo-relative ``path``).

    Returns:
        The document (``None`` when it cannot be read at all) and every problem found.
    """
    if len(raw) > MAX_BYTES:
        message = f"the file is {len(raw) // 1000:,} kB, over the {MAX_BYTES // 1000:,} kB limit; shorten it"
        return None, [Problem(path, 0, "", message)]
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    problems = _characters(path, text)
    if problems:
        return None, problems
    if fast := _load_c(path, text):
        return fast
    nodes = _compose_fast(text)
    try:
        if nodes is None:
            nodes = list(yaml.compose_all(text, Loader=_Loader))
    except _Refused as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        return None, [Problem(path, line, "", str(exc.problem))]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except yaml.YAMLError as exc:  # not expected after _characters; keep the message on one line
        return None, [Problem(path, 1, "", f"YAML syntax error: {' '.join(str(exc).split())}")]
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
    builder = _Builder(path, text)
    data = builder.build(root, ())
    return builder.document(data), builder.problems
