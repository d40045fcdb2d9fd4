"""Compiled Jinja templates: one in-memory store per process, filled ahead by a helper process.

Compiling templates is a fifth of a language's build: ours (``build_tools/templates``) for the
renderer, Material's for MkDocs. Every Jinja environment of the build, ours and the theme's,
uses :data:`STORE`, so a process compiles a template once for all its languages. And while the
main process imports and loads the content, a helper forked at the start of the build
(:class:`Warmup`) compiles both sets on the otherwise idle core and hands the bytecode over;
the worker processes, forked later, start with it. Nothing is kept on disk: every build is cold.

Bytecode is only valid for an environment configured like the one that compiled it, so both
environments are made by one function each (:func:`environment` for ours, MkDocs'
``Theme.get_env`` for the theme's). Jinja checks each template's source checksum, so an edited
template is compiled again.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

TEMPLATES = Path(__file__).parent / "templates"

FILTERS = ("md", "html", "attr", "plain", "json", "meta", "paras", "tr")
"""The filters of our templates (``Renderer`` defines them). Jinja compiles a call differently
by how the filter takes its arguments, so the helper compiles with stand-ins of these names."""

THEME_ROOTS = ("main.html", "404.html", "sitemap.xml", "partials/language.html")
"""What MkDocs and Material's search plugin load from the theme; what these include and import
is found by reading them. The rest (icons, one language's strings) is compiled when used."""


class CompiledTemplates(jinja2.BytecodeCache):
    """A bytecode store shared by every Jinja environment of a process."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


STORE = CompiledTemplates()


def environment(finalize: Callable[..., Any], filters: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    """The Jinja environment of our templates (``finalize`` takes the context)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # Autoescape makes macros return Markup; the real escaping happens in finalize.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
        bytecode_cache=STORE,
    )
    env.filters.update(filters)
    return env


@jinja2.pass_context
def _stand_in_finalize(context: Any, value: Any) -> Any:  # pragma: no cover - never called
    return value


def _stand_in_filter(value: Any) -> Any:  # pragma: no cover - never called
    return value


def _compile(env: jinja2.Environment, names: Iterable[str], follow: bool) -> None:
    """Load (so compile, into ``STORE``) each template; with ``follow``, also every template
    they name literally in ``extends``, ``include`` and ``import``."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            env.get_template(name)
            if follow:
                assert env.loader is not None
                source = env.loader.get_source(env, name)[0]
                todo += [n for n in jinja2.meta.find_referenced_templates(env.parse(source)) if n]
        except jinja2.TemplateError:  # not there, or broken: the build that uses it will say so
            continue


def compile_ahead(overrides: Path) -> dict[str, bytes]:
    """Compile our templates and the theme's (with ``overrides`` as its ``custom_dir``)."""
    ours = environment(_stand_in_finalize, dict.fromkeys(FILTERS, _stand_in_filter))
    assert ours.loader is not None
    _compile(ours, ours.loader.list_templates(), follow=False)
    from mkdocs.theme import Theme

    theme = Theme(name="material", custom_dir=str(overrides.resolve()))
    env = theme.get_env()
    env.bytecode_cache = STORE
    _compile(env, THEME_ROOTS, follow=True)
    return STORE.store


def _helper(overrides: Path, send: multiprocessing.connection.Connection) -> None:
    try:
        send.send(compile_ahead(overrides))
    except Exception:
        send.send({})
    finally:
        send.close()


class Warmup:
    """A helper process compiling the templates while the caller does something else."""

    def __init__(self, overrides: Path) -> None:
        self.process: Any = None
        if STORE.store:  # a later build of the same process (make serve): already compiled
            return
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork: the workers compile for themselves
            return
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_helper, args=(overrides, send), daemon=True)
        self.process.start()
        send.close()

    def __enter__(self) -> Warmup:
        return self

    def __exit__(self, *_: object) -> None:
        """Stop a helper whose work is no longer wanted (the build failed before using it)."""
        if self.process is not None:
            self.process.terminate()
            self.receive.close()
            self.process.join()
            self.process = None

    def finish(self) -> None:
        """Wait for the helper and take its bytecode into ``STORE``."""
        if self.process is None:
            return
        try:
            STORE.store.update(self.receive.recv())
        except (EOFError, OSError):  # the helper died: nothing lost but time
            pass
        finally:
            self.receive.close()
            self.process.join()
            self.process = None
