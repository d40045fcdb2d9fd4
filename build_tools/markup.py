"""Inline text → Markdown or HTML. Pure functions, no I/O.

Texts are plain text. Only ``**bold**``, ``*italic*`` and ``[[id]]`` / ``[[id|label]]`` links
are interpreted; everything else (HTML tags, Markdown syntax, template syntax) is escaped so it
shows exactly as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

# Python-Markdown's backslash-escapable characters (markdown.Markdown.ESCAPED_CHARS).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!])")
_TOKEN = re.compile(
    r"\[\[(?P<ref>[^\]|]*)(?:\|(?P<label>[^\]]*))?\]\]"
    r"|\*\*(?P<bold>\S(?:.*?\S)?)\*\*"
    r"|(?<![*\w])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![*\w])",
    re.DOTALL,
)


@dataclass(frozen=True)
class Target:
    """Where a reference leads: a site-relative URL (``toolbox.html#kaizen``) and its label."""

    url: str
    label: str


Resolver = Callable[[str], Target]


def relative_url(target: str, here: str) -> str:
    """The URL of ``target`` relative to the page at ``here`` (both site-relative paths)."""
    path, _, anchor = target.partition("#")
    depth = here.count("/")
    rel = "../" * depth + path if path else ""
    if not rel:
        rel = here.rsplit("/", 1)[-1]
    return rel + (f"#{anchor}" if anchor else "")


def md_escape(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally, on one line."""
    text = re.sub(r"\s+", " ", text)
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _render(
    text: str,
    resolve: Resolver,
    escape: Callable[[str], str],
    link: Callable[[str, str], str],
    strong: Callable[[str], str],
    em: Callable[[str], str],
) -> str:
    if "*" not in text and "[[" not in text:  # most texts: nothing to interpret
        return escape(text)
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        if m.group("ref") is not None:
            target = resolve(m.group("ref").strip())
            label = m.group("label")
            out.append(link(target.url, escape(label.strip() if label else target.label)))
        elif m.group("bold") is not None:
            out.append(strong(_render(m.group("bold"), resolve, escape, link, strong, em)))
        else:
            out.append(em(_render(m.group("em"), resolve, escape, link, strong, em)))
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    """Split a text at blank lines."""
    if "\n" not in text:
        text = text.strip()
        return [text] if text else []
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def to_markdown(text: str, resolve: Resolver, here: str) -> Markup:
    """One paragraph of inline text as safe Markdown; links are relative ``.md`` paths."""

    def link(url: str, label: str) -> str:
        md = relative_url(url.replace(".html", ".md", 1) if ".html" in url else url, here.replace(".html", ".md"))
        return f"[{label}]({md})"

    return Markup(_render(" ".join(text.split()), resolve, md_escape, link, lambda s: f"**{s}**", lambda s: f"*{s}*"))


def to_html(text: str, resolve: Resolver, here: str) -> Markup:
    """One paragraph of inline text as safe HTML; links are relative ``.html`` URLs."""

    def link(url: str, label: str) -> str:
        return f'<a href="{html.escape(relative_url(url, here))}">{label}</a>'

    return Markup(
        _render(
            " ".join(text.split()),
            resolve,
            lambda s: html.escape(s, quote=True),
            link,
            lambda s: f"<strong>{s}</strong>",
            lambda s: f"<em>{s}</em>",
        )
    )


def to_plain(text: str, resolve: Resolver | None = None) -> str:
    """The text with markup removed: for meta descriptions, titles and JSON."""

    def labels(ref: str) -> Target:
        return resolve(ref) if resolve is not None else Target("", ref)

    return _render(" ".join(text.split()), labels, lambda s: s, lambda _url, label: label, lambda s: s, lambda s: s)
