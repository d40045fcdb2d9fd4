"""Syntax errors in words an author understands, on the line that caused them.

PyYAML reports where parsing failed, in its own terms ("expected <block end>, but found
'<scalar>'"), and that can be far from the cause: an unclosed quote swallows the lines after it
and fails a hundred lines later. When a file does not parse, :func:`explain` looks at its lines
up to the failure for the mistakes authors make (a text that needs quotes, an apostrophe inside
single quotes, a quote left open, no space after a colon) and names the first one. Only lines
that are ``key: value`` are read; the insides of block texts (``>-``, ``|``) are skipped.
"""

from __future__ import annotations

import re

_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<gap> *)(?P<value>.*)$")
_BLOCK = re.compile(r"^[|>][-+0-9]*\s*(?:#.*)?$")
_AFTER_FLOW_VALUE = re.compile(r"^\s*(?:$|#|,|\}|\])")
_RESERVED = "*&!@`%"
"""Characters that cannot start a plain text (an alias, an anchor, a tag, reserved ones)."""

QUOTE_IT = "put the whole text in double quotes"


def _closing(value: str, quote: str) -> int:
    """Where the quoted text opened at ``value[0]`` closes on this line, or -1."""
    i = 1
    while i < len(value):
        ch = value[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":  # '' is an apostrophe
                i += 2
                continue
            return i
        i += 1
    return -1


def _closes_later(lines: list[str], start: int, quote: str) -> bool:
    """A quoted text may go on over several lines: it does if a later line ends it properly."""
    for line in lines[start + 1 :]:
        at = _closing(quote + line, quote)
        if at >= 0:
            return bool(_AFTER_FLOW_VALUE.match((quote + line)[at + 1 :]))
    return False


def _line_hint(lines: list[str], i: int, key: str, value: str) -> str | None:
    """What is wrong with ``key: value`` on line ``i``, if it is one of the usual mistakes."""
    if not value or _BLOCK.match(value):
        return None
    first = value[0]
    if first in "\"'":
        end = _closing(value, first)
        if end < 0:
            if _closes_later(lines, i, first):
                return None
            return f"the text of '{key}' opens with {first} and is never closed: end it with {first} on this line" + (
                r" (write \" for a quote inside it)" if first == '"' else " (write '' for an apostrophe inside it)"
            )
        if not _AFTER_FLOW_VALUE.match(value[end + 1 :]):
            if first == "'":
                return (
                    f"the text of '{key}' is in single quotes and an apostrophe inside it ends it: "
                    "write the apostrophe twice ('') or put the text in double quotes"
                )
            return f"the text of '{key}' goes on after its closing quote: put the whole text inside the quotes"
        return None
    if value.startswith("[["):
        return f"the text of '{key}' starts with a link, [[, which YAML reads as a list: {QUOTE_IT}"
    if re.match(r"\{\w+\}", value):
        return f"the text of '{key}' starts with {{, which YAML reads as a mapping: {QUOTE_IT}"
    if first in _RESERVED:
        return f"the text of '{key}' starts with {first}, which YAML reserves: {QUOTE_IT}"
    if first not in "[{" and re.search(r":(?: |$)", value.split(" #")[0]):
        return f"the text of '{key}' contains ': ', which YAML reads as a new key: {QUOTE_IT}"
    return None


def explain(text: str, error_line: int) -> tuple[int, str] | None:
    """The first usual mistake at or before ``error_line`` (0-based), as (0-based line, hint)."""
    lines = text.splitlines()
    block_indent: int | None = None  # inside a block text: lines indented deeper than its key
    for i, line in enumerate(lines[: error_line + 1]):
        if block_indent is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > block_indent:
                continue
            block_indent = None
        m = _KEY_LINE.match(line)
        if not m:
            continue
        key, value = m["key"], m["value"].rstrip()
        if not m["gap"] and value and not value.startswith("//"):
            return i, f"no space after '{key}:': write '{key}: {value[:20]}'"
        if _BLOCK.match(value):
            block_indent = len(m["indent"])
            continue
        hint = _line_hint(lines, i, key, value)
        if hint:
            return i, hint
    return None


def generic(problem: str) -> str | None:
    """A plainer word for PyYAML's messages that no line explains."""
    if "<block mapping start>" in problem or "<block end>" in problem:
        return "this line's indentation does not match the lines above it: keys of one mapping line up exactly"
    if "could not find expected ':'" in problem:
        return (
            "a line without 'key: value' where a key was expected: a text that goes on over several lines must be "
            "indented under its key"
        )
    return None
