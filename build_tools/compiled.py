"""Work on templates done once per build, not once per language: compiled Jinja templates in
one in-memory store per process, prepared by a helper process, and the theme's file listing.

Compiling templates is a fifth of a language's build: ours (``build_tools/templates``) for the
renderer, Material's for MkDocs. Every Jinja environment of the build, ours and the theme's,
uses :data:`STORE`, so a process compiles a template once for all its languages. MkDocs also
lists every file of the theme (Material ships thousands of icons) to find its static files,
once per language; :func:`share_theme_listing` keeps the list, made once by the main process
(:func:`list_theme_ahead`). And while the main process imports and loads the content, a helper
forked at the start of the build (:class:`Warmup`) compiles both sets of templates on the
otherwise idle core, then hands the bytecode over; the worker processes, forked later, start
with it and with the listing. Nothing is kept on disk: every build is cold.

Bytecode is only valid for an environment configured like the one that compiled it, so both
environments are made by one function each (:func:`environment` for ours, MkDocs'
``Theme.get_env`` for the theme's). Jinja checks each template's source checksum, so an edited
template is compiled again.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"

FILTERS = ("md", "html", "attr", "plain", "json", "meta", "paras", "tr")
"""The filters of our templates (``Renderer`` defines them). Jinja compiles a call differently
by how the filter takes its arguments, so the helper compiles with stand-ins of these names."""

THEME_ROOTS = ("main.html", "404.html", "sitemap.xml", "partials/language.html")
"""What MkDocs and Material's search plugin load from the theme; what these extend, include and
import by a literal name is found by reading them. The rest (icons, one language's strings) is
compiled when used."""

_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1""")


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
    they name literally in ``extends``, ``include``, ``import`` and ``from``."""
    assert env.loader is not None
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            template = env.get_template(name)
        except jinja2.TemplateError:  # not there, or broken: the build that uses it will say so
            continue
        if follow and template.filename:
            source = Path(template.filename).read_text(encoding="utf-8")
            todo += [m.group(2) for m in _REFERENCE.finditer(source)]


def compile_ahead(overrides: Path) -> dict[str, bytes]:
    """Compile our templates and the theme's (with ``overrides`` as its ``custom_dir``)."""
    ours = environment(_stand_in_finalize, dict.fromkeys(FILTERS, _stand_in_filter))
    assert ours.loader is not None
    _compile(ours, ours.loader.list_templates(), follow=False)
    _compile(_theme(overrides)[1], THEME_ROOTS, follow=True)
    return STORE.store


def _theme(overrides: Path) -> tuple[Any, jinja2.Environment]:
    """Material with our overrides, as a language build's configuration makes it, and its
    environment."""
    from mkdocs.theme import Theme

    theme = Theme(name="material", custom_dir=str(overrides.resolve()))
    env = theme.get_env()
    env.bytecode_cache = STORE
    return theme, env


# MkDocs' theme file listing: ``jinja2.Environment.list_templates`` keyed by the folders it
# walks, the extensions and the filter (named by where it is defined, so that a listing made in
# the helper process is found in the workers).
LISTINGS: dict[tuple[Any, ...], list[str]] = {}


def share_theme_listing() -> None:
    """Keep every theme listing for the rest of the process (MkDocs asks once per language);
    the theme does not change during a build. Idempotent."""
    listing = jinja2.Environment.list_templates
    if getattr(listing, "shared", False):
        return

    def list_templates(self: jinja2.Environment, extensions: Any = None, filter_func: Any = None) -> list[str]:
        folders = tuple(getattr(self.loader, "searchpath", ()))
        code = getattr(filter_func, "__code__", None)
        where = (code.co_filename, code.co_firstlineno, code.co_name) if code else filter_func
        key = (folders, tuple(extensions or ()), where)
        if not folders:
            return listing(self, extensions, filter_func)
        if key not in LISTINGS:
            LISTINGS[key] = listing(self, extensions, filter_func)
        return list(LISTINGS[key])

    list_templates.shared = True  # type: ignore[attr-defined]
    jinja2.Environment.list_templates = list_templates  # type: ignore[method-assign]


def list_theme_ahead(overrides: Path) -> dict[tuple[Any, ...], list[str]]:
    """List the theme's static files as a language build does (MkDocs' own function), afresh:
    a long-running process (``make serve``) sees files added to the overrides since its last
    build."""
    from mkdocs.structure.files import Files

    share_theme_listing()
    LISTINGS.clear()
    theme, env = _theme(overrides)
    # What the function reads of the configuration; the File objects it makes are thrown away.
    config: Any = SimpleNamespace(theme=theme, site_dir="", use_directory_urls=False)
    Files([]).add_files_from_theme(env, config)
    return LISTINGS


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
        """Wait for the helper and take its bytecode."""
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
