"""The termbase: one term per concept and language, and the variants that must not appear.

Each glossary ``Term`` may list, per language, variants to ``avoid``. :func:`check_terms` scans
every text of every content file in that language and reports each variant it finds, at the
line where it is written, with the term to write instead.

Variant syntax (documented in AUTHORING.md): words separated by spaces, matched whole-word and
case-insensitive (Unicode letters, so ``USP`` does not match inside ``USPs`` and Cyrillic or
Vietnamese words are words); any run of spaces or a line break in the text matches a space of
the variant; ``*`` at the end of a word matches any ending of it (``трет* уровн*`` catches
"третьего уровня" and "третьем уровне"). ``variant -> advice`` says what to write instead of the
term itself (``трет* уровн* -> уровень 3``).

The ids of ``[[id|label]]`` links are not text and are not scanned (``[[usp-analysis]]``).
A term's own ``term`` and ``definition`` are exempt from its own list, so that a definition can
name a variant in order to reject it ("not to be confused with ..."). Other terms' lists still
apply there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from build_tools import yamlload
from build_tools.errors import Problem
from build_tools.yamlload import Document, Loc

_TARGET = re.compile(r"(?<=\[\[)[^\]|]*")  # the id of a [[id|label]] link: not words of the text
_WORD_END = r"(?!\w)"
_WORD_START = r"(?<!\w)"


@dataclass(frozen=True)
class Variant:
    """A forbidden variant of a term, compiled."""

    term_id: str
    lang: str
    written: str
    preferred: str
    pattern: re.Pattern[str]


def compile_variant(written: str) -> re.Pattern[str]:
    """The pattern of one ``avoid`` entry (see the module docstring for the syntax)."""
    words = written.split()
    if not words:
        raise ValueError("an empty variant")
    parts = []
    for word in words:
        stem = word.endswith("*")
        body = re.escape(word.rstrip("*"))
        parts.append(body + (r"\w*" if stem else ""))
    return re.compile(_WORD_START + r"\s+".join(parts) + _WORD_END, re.IGNORECASE)


def variants(terms: Iterable[dict[str, Any]]) -> tuple[list[Variant], list[tuple[Loc, str]]]:
    """The variants of the raw glossary ``terms``, and the entries that are not valid
    (``(location, message)``); the model validation reports wrong types."""
    out: list[Variant] = []
    bad: list[tuple[Loc, str]] = []
    for ti, term in enumerate(terms):
        if not isinstance(term, dict) or not isinstance(term.get("avoid"), dict):
            continue
        names = term["term"] if isinstance(term.get("term"), dict) else {}
        for lang, listed in term["avoid"].items():
            if not isinstance(listed, list):
                continue
            for vi, written in enumerate(listed):
                if not isinstance(written, str):
                    continue
                loc = ("terms", ti, "avoid", lang, vi)
                written, _, suggestion = written.partition(" -> ")
                try:
                    pattern = compile_variant(written)
                except (ValueError, re.error) as err:
                    bad.append((loc, f"not a valid variant: {err}"))
                    continue
                preferred = suggestion.strip() or str(names.get(lang, "")).strip()
                out.append(Variant(str(term.get("id", ti)), lang, written, preferred, pattern))
    return out, bad


def _exempt(doc: Document, glossary: Document | None, loc: Loc, term_index: dict[str, int], v: Variant) -> bool:
    """A term's own name and definition may name its variants."""
    if doc is not glossary or len(loc) < 2 or loc[0] != "terms":
        return False
    return term_index.get(v.term_id) == loc[1] and len(loc) == 3 and loc[2] in {"term", "definition"}


def _line(doc: Document, loc: Loc, found: str, after: int) -> tuple[int, int]:
    """The line of ``found`` in the source of the text at ``loc``, searching from ``after``
    (a folded text may split it over two lines); the text's line when it is not written as is."""
    span = doc.spans.get(tuple(loc))
    if span is not None:
        start, end = span
        source = _masked(doc.source[:end])  # same offsets, link ids blanked as in the text
        words = [re.escape(w) for w in found.split()]
        pattern = re.compile(_WORD_START + r"\s+".join(words) + _WORD_END, re.IGNORECASE)
        m = pattern.search(source, max(start, after), end)
        if m:
            return len(yamlload._BREAK.findall(doc.source, 0, m.start())) + 1, m.end()
    return doc.line(loc), after


def _masked(text: str) -> str:
    """``text`` with the ids of its ``[[id|label]]`` links blanked out (offsets unchanged)."""
    return _TARGET.sub(lambda m: " " * len(m.group(0)), text)


def check_terms(
    texts: Iterable[tuple[Document, Loc, Any]], found_variants: list[Variant], glossary: Document | None
) -> list[Problem]:
    """Every forbidden variant in ``texts`` (``(document, location, text)`` as the loader
    collects them), reported as ``path:line: key.path: message``."""
    by_lang: dict[str, list[Variant]] = {}
    for v in found_variants:
        by_lang.setdefault(v.lang, []).append(v)
    term_index: dict[str, int] = {}
    if glossary is not None and isinstance(glossary.data, dict) and isinstance(glossary.data.get("terms"), list):
        for i, t in enumerate(glossary.data["terms"]):
            if isinstance(t, dict) and isinstance(t.get("id"), str):
                term_index[t["id"]] = i
    problems: list[Problem] = []
    for doc, loc, value in texts:
        if not isinstance(value, dict):
            continue
        for lang, text in value.items():
            if not isinstance(text, str) or lang not in by_lang:
                continue
            where = (*loc, lang)
            after = 0
            for hit, v in sorted(
                _hits(text, by_lang[lang], doc, glossary, loc, term_index), key=lambda h: h[0].start()
            ):
                line, after = _line(doc, where, hit.group(0), after)
                message = (
                    f'"{hit.group(0)}" is not the course\'s term for {v.term_id}; write "{v.preferred}"'
                    if v.preferred
                    else f'"{hit.group(0)}" is not the course\'s term for {v.term_id}'
                )
                problems.append(Problem(doc.path, line, yamlload.format_loc(where), message))
    return problems


def _hits(
    text: str, listed: list[Variant], doc: Document, glossary: Document | None, loc: Loc, term_index: dict[str, int]
) -> Iterator[tuple[re.Match[str], Variant]]:
    taken: list[tuple[int, int]] = []
    text = _masked(text)
    for v in listed:
        if _exempt(doc, glossary, loc, term_index, v):
            continue
        for m in v.pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # one report per place, even when two variants overlap
            taken.append((m.start(), m.end()))
            yield m, v
