"""Write stage: generated Markdown and configuration per language, MkDocs builds in parallel,
then an atomic swap into ``site/``. Nothing in ``site/`` changes unless every step succeeded."""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import re
import shutil
import tempfile
import time
import tomllib
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from build_tools import theme
from build_tools.errors import Problem, SiteBuildError, TemplateProblem

if TYPE_CHECKING:
    from build_tools.content import Content

GENERATED = "build"
BYTECODE = Path(GENERATED) / "jinja"
"""Compiled templates, kept between builds (``theme.use_bytecode_cache``)."""
OFFLINE_SHIM = "iframe-worker-shim.js"


@dataclass(frozen=True)
class Job:
    """What every language's build needs; handed to each worker process once."""

    content: Content
    root: Path
    out: Path
    """Where the generated sources go: ``out/<lang>/docs/`` and ``out/<lang>/mkdocs.yml``."""
    site_dir: Path
    """Where the built languages go: ``site_dir/<lang>/``."""
    site_url: str | None = None
    offline: bool = False
    palette: Any = None
    """``theme.palette`` of the shared ``mkdocs.yml`` (read once, by the main process)."""
    built: dict[str, str] = field(default_factory=dict)
    """The fingerprint of each language's sources as last built into the target site (see
    :func:`build`'s ``reuse``); a language whose sources still have it is not built again."""


@dataclass
class LanguageResult:
    """One language's build: MkDocs' status and warnings, the fingerprint of its sources, and
    whether the previous build of the language was kept (its sources had not changed)."""

    code: int
    log: str
    fingerprint: str
    kept: bool = False


@dataclass(frozen=True)
class Sources:
    """What MkDocs reads to build one language: the rendered pages (path under ``docs/`` →
    text) and the configuration."""

    pages: dict[str, str]
    config: str

    def fingerprint(self, job: Job) -> str:
        """A digest of the sources and of the files they come with: our assets, the shared
        ``mkdocs.yml`` and the theme overrides."""
        digest = hashlib.sha256(self.config.encode())
        for rel, text in sorted(self.pages.items()):
            digest.update(f"\0{rel}\0{text}".encode())
        files = [job.root / "mkdocs.yml", *sorted((job.root / "docs" / "assets").rglob("*"))]
        files += sorted((job.root / theme.OVERRIDES).rglob("*"))
        for path in files:
            if path.is_file():
                digest.update(b"\0" + path.as_posix().encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()


def render_sources(job: Job, lang: str) -> Sources:
    """Render ``lang``'s pages and configuration (nothing written yet)."""
    from build_tools import render

    docs = job.out / lang / "docs"
    config = render.mkdocs_config(
        job.content,
        lang,
        docs_dir=str(docs.resolve()),
        site_dir=str((job.root / "site" / lang).resolve()),  # the build overrides it with a staging dir
        base=str((job.root / "mkdocs.yml").resolve()),
        site_url=job.site_url,
        custom_dir=str((job.root / theme.OVERRIDES).resolve()),
        offline_shim=f"assets/{OFFLINE_SHIM}" if job.offline else None,
        shared=job.palette,
    )
    return Sources(render.render_language(job.content, lang), config)


def write_sources(job: Job, lang: str, sources: Sources | None = None) -> Path:
    """Write ``out/<lang>/docs/`` and ``out/<lang>/mkdocs.yml``; return the configuration's path."""
    sources = sources or render_sources(job, lang)
    base = job.out / lang
    docs = base / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(job.root / "docs" / "assets", docs / "assets")
    minify_assets(docs / "assets")
    if job.offline:
        shutil.copy2(job.root / "docs" / "vendor" / OFFLINE_SHIM, docs / "assets" / OFFLINE_SHIM)
    for rel, text in sources.pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = base / "mkdocs.yml"
    config.write_text(sources.config, encoding="utf-8")
    return config


def minify_assets(folder: Path) -> None:
    """Minify our JS and CSS in the generated copy (the sources in docs/assets stay readable)."""
    import rcssmin  # type: ignore[import-untyped]
    import rjsmin  # type: ignore[import-untyped]

    for path in folder.rglob("*"):
        if path.suffix == ".js":
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".css":
            path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")


def run_mkdocs(config: Path, site_dir: Path) -> tuple[int, str]:
    """Build one language with MkDocs in this process; return (status, what it logged)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logged: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        cfg = load_config(config_file=str(config), strict=True, site_dir=str(site_dir))
        mkdocs_build(cfg)
    except (MkDocsException, SystemExit, OSError) as exc:
        return 1, "\n".join([*logged, str(exc)])
    finally:
        logger.removeHandler(handler)
    return (1 if logged else 0), "\n".join(logged)


_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    global _JOB
    _JOB = job
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    theme.use_bytecode_cache(job.root / BYTECODE)


def build_language(lang: str) -> LanguageResult:
    """In a worker: render ``lang``'s Markdown, then build it with MkDocs, unless its sources are
    the ones last built (``Job.built``)."""
    assert _JOB is not None, "build_language runs in a worker started by run_languages"
    sources = render_sources(_JOB, lang)
    digest = sources.fingerprint(_JOB)
    if _JOB.built.get(lang) == digest:
        return LanguageResult(0, "", digest, kept=True)
    config = write_sources(_JOB, lang, sources)
    return LanguageResult(*run_mkdocs(config, _JOB.site_dir / lang), digest)


PRELOAD = ["build_tools.render", "mkdocs.commands.build", "mkdocs.config", "material.plugins.search.plugin"]
"""What every worker imports: the fork server imports it once, and each worker starts with it."""


def _context() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server where there is one (Linux): a clean process that imported
    MkDocs and Material once, never a fork of this one, which may run threads (``make serve``
    serves HTTP from a thread; forking a threaded process can deadlock). Elsewhere, spawn."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(PRELOAD)
    return context


def run_languages(job: Job) -> dict[str, LanguageResult]:
    """Render and build every language into ``job.site_dir/<lang>/``, in parallel worker
    processes (one per core; each renders its languages itself, so rendering runs in parallel
    too, and compiles the theme's templates once for all its languages).

    Raises:
        SiteBuildError: when MkDocs fails or prints any warning for any language.
    """
    languages = job.content.languages
    workers = min(len(languages), os.cpu_count() or 1)
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker, initargs=(job,)) as pool:
        futures = {lang: pool.submit(build_language, lang) for lang in languages}
        results = {lang: future.result() for lang, future in futures.items()}
    # A problem of the shared configuration or the theme is the same in every language: said once.
    failed: dict[str, list[str]] = {}
    for lang, r in results.items():
        if r.code or r.log:
            failed.setdefault(r.log or f"mkdocs exited with status {r.code}", []).append(lang)
    if failed:
        lines = [f"[{', '.join(langs)}] {log}" for log, langs in failed.items()]
        raise SiteBuildError("MkDocs reported problems:\n" + "\n".join(lines))
    return results


def root_index(content: Content) -> str:
    """``site/index.html``: sends a visitor to their language; plain links without JavaScript."""
    first = content.languages[0]
    items = "\n".join(
        f'<li><a href="{x.code}/index.html" hreflang="{x.code}" lang="{x.code}">{html.escape(x.name)}</a></li>'
        for x in content.site.languages
    )
    names = " · ".join(html.escape(content.site.ui["choose_language"][x]) for x in content.languages)
    title = html.escape(content.site.site_name[first])
    desc = html.escape(content.site.copyright[first])
    return f"""<!doctype html>
<html lang="{first}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<meta name="description" content="{desc}">
<link rel="stylesheet" href="language.css">
<script src="language.js" defer></script>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{names}</p>
<ul class="languages" data-languages="{" ".join(content.languages)}">
{items}
</ul>
</main>
</body>
</html>
"""


def sitemap_index(content: Content, site_url: str) -> str:
    """``site/sitemap.xml`` (with ``SITE_URL`` only): the one address to give a search engine,
    listing each language's sitemap (which carries the hreflang alternates)."""
    root = html.escape(site_url.rstrip("/"))
    maps = "".join(f"  <sitemap><loc>{root}/{code}/sitemap.xml</loc></sitemap>\n" for code in content.languages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{maps}</sitemapindex>\n'
    )


CSP_SNIPPET = "nginx-csp.conf"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(site: Path) -> list[str]:
    """CSP source expressions for every inline script in the built site (Material's few, of which
    the storage helpers vary with page depth, and the language switcher's, partials/alternate.html)."""
    found: set[str] = set()
    for page in site.rglob("*.html"):
        for body in _INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


def content_security_policy(site: Path) -> str:
    """The strictest policy under which the whole site works: same origin only, no inline code
    but the hashed scripts of the theme."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(inline_script_hashes(site)),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def nginx_csp(site: Path) -> str:
    """An nginx snippet with the site's Content-Security-Policy (see deploy/README.md)."""
    return (
        "# Generated by `python -m build_tools build`: the Content-Security-Policy of this build.\n"
        f'add_header Content-Security-Policy "{content_security_policy(site)}" always;\n'
    )


def build(
    root: Path,
    site: Path | None = None,
    site_url: str | None = None,
    offline: bool = False,
    untranslated: list[Problem] | None = None,
    reuse: dict[str, str] | None = None,
) -> float:
    """Validate, render and build the whole site into ``site`` (default ``root/site``).

    With ``reuse`` (a dict the caller keeps between builds of the same ``site``, as ``make
    serve`` does), a language whose generated sources did not change since the last build is
    taken over from the previous site instead of built again: saving one language's text
    rebuilds that language only. The dict is updated after each successful build.

    With ``offline``, the site also works from ``file://`` (search included): Material's offline
    plugin, with its web-worker shim served from the site instead of a CDN. With
    ``untranslated`` (a list), a draft preview: texts not yet translated show in the first
    language that has them, and are listed there (``load_content``).

    Returns:
        The seconds the build took.

    Raises:
        ContentError: the content has problems (``site`` is left untouched).
        SiteBuildError: MkDocs failed or warned (``site`` is left untouched).
    """
    started = time.perf_counter()
    try:
        _build(root, site or root / "site", site_url, offline, untranslated, reuse)
    except jinja2.TemplateError as exc:
        raise template_problem(exc, root) from None
    return time.perf_counter() - started


_TEMPLATE_FRAME = re.compile(r'File "([^"]+\.(?:html|j2))", line (\d+)')


def template_problem(exc: jinja2.TemplateError, root: Path) -> TemplateProblem:
    """``exc`` as ``path:line: template error: message``: the line from the exception (syntax
    errors) or from the innermost template frame of its traceback (errors while rendering; from a
    worker process, the traceback travels as the text of ``__cause__``)."""
    where: tuple[str, int | None] | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = (exc.filename, exc.lineno)
    else:
        frames = _TEMPLATE_FRAME.findall(str(exc.__cause__ or ""))
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith((".html", ".j2")):
                frames.append((tb.tb_frame.f_code.co_filename, str(tb.tb_lineno)))
            tb = tb.tb_next
        if frames:
            where = (frames[-1][0], int(frames[-1][1]))
    message = f"template error: {exc.message or type(exc).__name__}"
    if where is None:
        return TemplateProblem(message)
    path = Path(where[0])
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return TemplateProblem(f"{shown}:{where[1]}: {message}" if where[1] else f"{shown}: {message}")


def _build(
    root: Path,
    site: Path,
    site_url: str | None,
    offline: bool,
    untranslated: list[Problem] | None = None,
    reuse: dict[str, str] | None = None,
) -> None:
    theme.check_versions()
    context = _context()
    if context.get_start_method() == "forkserver":  # it imports MkDocs while this process loads
        multiprocessing.forkserver.ensure_running()
    from build_tools import render
    from build_tools.content import load_content

    content = load_content(root, untranslated=untranslated)
    palette = render.shared_palette(root / "mkdocs.yml")
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    # mkdtemp makes a private (0700) folder; site/ gets the mode of any folder made here, since
    # operators copy it with its mode (rsync -a) and a 0700 folder is a 403 for the web server.
    mask = os.umask(0o022)
    os.umask(mask)
    staging.chmod(0o777 & ~mask)
    out = root / GENERATED / ("offline" if offline else "site")
    try:
        built = {lang: digest for lang, digest in (reuse or {}).items() if (site / lang).is_dir()}
        results = run_languages(Job(content, root, out, staging, site_url, offline, palette, built))
        for lang, result in results.items():
            if result.kept:  # hard links: instant, and the old site/ can go as usual
                shutil.copytree(site / lang, staging / lang, copy_function=os.link)
        (staging / "index.html").write_text(root_index(content), encoding="utf-8")
        if site_url:
            (staging / "sitemap.xml").write_text(sitemap_index(content, site_url), encoding="utf-8")
        for name in ("language.js", "language.css"):
            shutil.copy2(root / "docs" / "root" / name, staging / name)
        (staging / CSP_SNIPPET).write_text(nginx_csp(staging), encoding="utf-8")
        swap(staging, site)
        if reuse is not None:
            reuse.clear()
            reuse.update({lang: result.fingerprint for lang, result in results.items()})
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap(new: Path, site: Path) -> None:
    """Replace ``site`` with ``new`` so that ``site`` is never half-written."""
    old = site.with_name(f".{site.name}-old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def bundle(root: Path) -> Path:
    """Build the offline variant and zip it as ``dist/<name>-<version>.zip``; return its path."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    stem = f"{project['name']}-{project['version']}"
    dist = root / "dist"
    dist.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dist) as tmp:
        site = Path(tmp) / stem
        build(root, site=site, offline=True)
        (site / "README.txt").write_text(BUNDLE_README, encoding="utf-8")
        target = dist / f"{stem}.zip"
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(site.rglob("*")):
                if path.is_file() and path.name != CSP_SNIPPET:
                    archive.write(path, path.relative_to(site.parent).as_posix())
        partial.replace(target)
    return target


BUNDLE_README = """The Buy-Sell Hierarchy - offline copy

Unzip, then open index.html in a browser (double-click it). Everything works from the disk,
with no internet connection: the pages in every language, the language switcher, search, the
practice quizzes, the final test and the self-assessment (answers are saved in this browser only).

To publish it on an internal web server instead, copy the whole folder there, under any path.
"""
