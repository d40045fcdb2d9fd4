"""MkDocs hooks of every language build (``render.mkdocs_config`` lists this file).

MkDocs loads this file once per process (its ``hooks`` option caches the module), so the
compiled-template store below is shared by every language built in the process, and by the
worker processes forked after ``warm_theme`` filled it.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
import jinja2.meta
from mkdocs.plugins import CombinedEvent, event_priority


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled theme templates, in memory. Compiling Material's templates took as long
    as the rest of a language's build; with this store they are compiled once per build."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = CompiledTemplates()


def on_env(env: jinja2.Environment, **_: Any) -> jinja2.Environment:
    env.bytecode_cache = THEME_TEMPLATES
    return env


def warm_theme(env: jinja2.Environment, roots: tuple[str, ...] = ("main.html", "404.html")) -> int:
    """Compile the templates a page build needs (those ``roots`` extend, include or import,
    as far as their names are written out) into the store; return how many."""
    env.bytecode_cache = THEME_TEMPLATES
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            continue
        tree = env.parse(source, name, filename)
        bucket = THEME_TEMPLATES.get_bucket(env, name, filename, source)
        if bucket.code is None:
            bucket.code = env.compile(tree, name, filename)
            THEME_TEMPLATES.set_bucket(bucket)
        todo += [x for x in jinja2.meta.find_referenced_templates(tree) if x]
    return len(seen)


_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def on_post_page(output: str, **_: Any) -> str:
    """Drop the blank lines and indentation Material's templates leave: about 600 bytes of every
    compressed page, which keeps pages within the first round trip of a slow connection. Text
    where whitespace counts (``<pre>``, ``<textarea>``) is left alone by leaving such pages alone."""
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)


# Material's search plugin skips elements marked data-search-exclude (the quizzes: their answers
# do not belong in search results), but only after parsing every tag inside them with Python's
# HTML parser, a third of its time. The search plugin sees the page without them, which indexes
# exactly the same text; the page itself keeps them.
_EXCLUDED = re.compile(r"<section [^>]*\bdata-search-exclude\b[^>]*>.*?</section>", re.S)
_FULL = "bsh_full_content"


@event_priority(100)  # before the search plugin (priority 0)
def _hide_excluded(context: Any, /, page: Any, **_: Any) -> Any:
    if page.content and "data-search-exclude" in page.content:
        setattr(page, _FULL, page.content)
        page.content = _EXCLUDED.sub("", page.content)
    return context


@event_priority(-100)  # after it
def _restore_excluded(context: Any, /, page: Any, **_: Any) -> Any:
    if hasattr(page, _FULL):
        page.content = getattr(page, _FULL)
        delattr(page, _FULL)
    return context


on_page_context = CombinedEvent(_hide_excluded, _restore_excluded)
