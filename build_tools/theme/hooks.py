"""MkDocs hooks of every language build (``render.mkdocs_config`` lists this file)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import CombinedEvent, event_priority

from build_tools import theme
from build_tools.theme import hashed, lunr
from build_tools.theme.rawhtml import RawHtmlExtension


@event_priority(100)  # before the search plugin, whose on_config renders a theme template
def on_config(config: Any, **_: Any) -> Any:
    """Every Jinja environment of the theme uses the build's compiled templates
    (:func:`build_tools.theme.use_bytecode_cache`): MkDocs' own (the pages) and the ones
    Material's search plugin makes to read its translations, a fresh one per language and
    setting. Generated HTML blocks pass through Markdown unparsed (rawhtml.py)."""
    cache = theme.bytecode_cache()
    if cache is not None:
        make_env = config.theme.get_env

        def get_env() -> jinja2.Environment:
            env: jinja2.Environment = make_env()
            env.bytecode_cache = cache
            return env

        config.theme.get_env = get_env
    config.markdown_extensions.append(RawHtmlExtension())
    # The headings' permalinks, titled in the page's language (render.mkdocs_config passes it).
    title = config.extra.get("permalink_title")
    if title and isinstance(config.mdx_configs.get("toc"), dict):
        config.mdx_configs["toc"]["permalink_title"] = title
    return config


_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def on_post_page(output: str, **_: Any) -> str:
    """Drop the blank lines and indentation Material's templates leave: about 600 bytes of every
    compressed page, which keeps pages within the first round trip of a slow connection. Text
    where whitespace counts (``<pre>``, ``<textarea>``) is left alone by leaving such pages alone."""
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)


# Search indexes what a reader sees on arrival. Material's search plugin skips elements marked
# data-search-exclude (the quizzes: their answers do not belong in search results; the hierarchy
# figure: it names every level), but only after parsing every tag inside them with Python's HTML
# parser, a third of its time; and it indexes buttons' labels, <template> contents and elements a
# script shows later (`hidden`: a self-assessment's result, notes for a browser without storage),
# text a result would show but not the section it leads to. The search plugin sees the page
# without all of them; the page itself keeps them.
_ATTR = r"""\s+([^\s=>/]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?"""
_START_TAG = re.compile(rf"<(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:{_ATTR})*)\s*(?P<closed>/?)>")
_ATTRIBUTE = re.compile(_ATTR)
_UNSEEN_ELEMENTS = frozenset({"button", "template"})
_UNSEEN_ATTRIBUTES = frozenset({"data-search-exclude", "hidden"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track"})
_FULL = "bsh_full_content"


def _unseen(tag: re.Match[str]) -> bool:
    if tag["name"].lower() in _UNSEEN_ELEMENTS:
        return True
    return any(name.lower() in _UNSEEN_ATTRIBUTES for name in _ATTRIBUTE.findall(tag["attrs"]))


def without_excluded(html: str) -> str:
    """``html`` without the elements a reader does not see on arrival: marked
    ``data-search-exclude`` or ``hidden``, buttons and templates, each up to its own closing tag
    (elements of the same name nested inside are counted, so none ends it early)."""
    out, pos, scan = [], 0, 0
    while (start := _START_TAG.search(html, scan)) is not None:
        scan = start.end()
        if not _unseen(start):
            continue
        out.append(html[pos : start.start()])
        name = start["name"].lower()
        if start["closed"] or name in _VOID:  # no content to skip
            pos = scan
            continue
        tags = re.compile(rf"<(/?){re.escape(name)}[\s/>]", re.IGNORECASE)
        depth, end = 1, start.end()
        while depth and (tag := tags.search(html, end)) is not None:
            depth += -1 if tag[1] else 1
            end = tag.end()
        if depth:  # never closed: leave the rest to the search plugin
            return "".join(out) + html[start.start() :]
        pos = scan = html.index(">", end - 1) + 1
    return "".join(out) + html[pos:]


@event_priority(100)  # before the search plugin (priority 0)
def _hide_excluded(context: Any, /, page: Any, **_: Any) -> Any:
    if page.content:
        setattr(page, _FULL, page.content)
        page.content = without_excluded(page.content)
    return context


@event_priority(-100)  # after it
def _restore_excluded(context: Any, /, page: Any, **_: Any) -> Any:
    if hasattr(page, _FULL):
        page.content = getattr(page, _FULL)
        delattr(page, _FULL)
    return context


on_page_context = CombinedEvent(_hide_excluded, _restore_excluded)


def on_post_build(config: Any, **_: Any) -> None:
    """Material's search worker extended (lunr.py with search-variants.js and search-query.js);
    the changed worker gets a name of its new content (hashed.py). No sitemap without
    ``site_url``."""
    site = Path(config.site_dir)
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None:
        hashed.write(site, lunr.patch_site(site, search.config.lang or [], config.theme["language"]))
    if not config.site_url:  # MkDocs writes an empty sitemap without one: a file that says nothing
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / name).unlink(missing_ok=True)
