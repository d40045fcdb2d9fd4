"""Material's palette stylesheet, trimmed to the colours the site uses.

Material ships one ``palette.css`` with the rules of every primary and accent colour (twenty of
each); a site uses one or two. Every page loads the stylesheet before it can paint, so the rules
of the other colours are 1.2 kB of every first visit (compressed) for nothing. The trimmed
stylesheet keeps every rule that does not name a colour (the dark scheme, the layout) and every
selector that names only the colours in ``theme.palette``; it drops a selector that names
another colour, and a rule left with no selector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Rule = tuple[str, "str | list[Rule]"]
"""A rule: its prelude (selectors, or an at-rule) and its declarations, or its nested rules."""

_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")
_DEFAULT = "indigo"  # Material's default primary and accent colour


def colours(palette: Any) -> dict[str, set[str]]:
    """The primary and accent colours of ``theme.palette`` (a mapping or a list of them), as
    Material writes them in ``data-md-color-*`` (spaces as dashes)."""
    options = [palette] if isinstance(palette, dict) else list(palette or [])
    used: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for option in options:
        for kind in used:
            used[kind].add(str(option.get(kind) or _DEFAULT).replace(" ", "-"))
    return used


def _parse(css: str, i: int = 0, nested: bool = False) -> tuple[list[Rule], int]:
    rules: list[Rule] = []
    while i < len(css):
        if css[i] == "}":
            if not nested:
                raise ValueError(f"unbalanced '}}' at {i}")
            return rules, i + 1
        brace = css.find("{", i)
        if brace < 0:  # trailing text (a comment): not a rule
            raise ValueError(f"unexpected text at {i}")
        prelude = css[i:brace]
        if prelude.lstrip().startswith("@"):
            inner, i = _parse(css, brace + 1, nested=True)
            rules.append((prelude, inner))
        else:
            end = css.index("}", brace)
            rules.append((prelude, css[brace + 1 : end]))
            i = end + 1
    if nested:
        raise ValueError("unclosed block")
    return rules, i


def _split_selectors(prelude: str) -> list[str]:
    """Split at the commas that separate selectors (not those inside brackets or quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(prelude):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def _keep(selector: str, used: dict[str, set[str]]) -> bool:
    return all(colour in used[kind] for kind, colour in _COLOUR.findall(selector))


def _trim(rules: Iterable[Rule], used: dict[str, set[str]]) -> list[Rule]:
    kept: list[Rule] = []
    for prelude, body in rules:
        if isinstance(body, list):
            inner = _trim(body, used)
            if inner:
                kept.append((prelude, inner))
            continue
        selectors = [s for s in _split_selectors(prelude) if _keep(s, used)]
        if selectors:
            kept.append((",".join(selectors), body))
    return kept


def _write(rules: Iterable[Rule]) -> str:
    return "".join(f"{p}{{{_write(b) if isinstance(b, list) else b}}}" for p, b in rules)


_SOURCE_MAP = re.compile(r"\s*/\*# sourceMappingURL=[^*]*\*/\s*$")


def trim(css: str, used: dict[str, set[str]]) -> str:
    """``css`` without the selectors of unused colours. Raises ValueError if ``css`` is not the
    plain minified stylesheet this expects (the caller then keeps it as it is)."""
    body = _SOURCE_MAP.sub("", css)  # the source map describes the whole file: no longer this one
    rules, _ = _parse(body)
    if _write(rules) != body:
        raise ValueError("the stylesheet does not read back as written")
    return _write(_trim(rules, used))


def trim_site(site_dir: Path, palette: Any) -> dict[Path, str]:
    """Every ``assets/stylesheets/palette.*.css`` of a built site, trimmed (to be written by
    :func:`build_tools.hashed.write`, under a name of its new content)."""
    used = colours(palette)
    out: dict[Path, str] = {}
    for path in (site_dir / "assets" / "stylesheets").glob("palette.*.min.css"):
        try:
            out[path] = trim(path.read_text(encoding="utf-8"), used)
        except ValueError:  # not what Material shipped when this was written: leave it whole
            continue
    return out
