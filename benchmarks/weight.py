"""3. Page weight: each page type with every asset it loads, raw and as served (gzip)."""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from benchmarks.common import KB, gz_size, served_size

TARGET_ABOVE_PLAIN = 12 * KB
TARGET_QUIZ_JS = 8 * KB
TARGET_QUIZ_CSS = 3 * KB
THEME_DIRS = ("assets/stylesheets/", "assets/javascripts/", "assets/images/")
"""Where Material puts its own files; everything else under ``assets/`` is ours."""
TYPE_ORDER = ("home", "level", "toolbox", "module", "key-points", "final-quiz", "glossary")
GROUPS = ("HTML", "theme CSS", "our CSS", "theme JS", "our JS", "content", "images", "search")
CONTENT_SCRIPTS = ("assets/quiz-bank-",)
"""Generated scripts that carry a page's text (the final quiz's questions), not code: a plain
Material page built from the same questions carries them in its HTML. They count in a page's
total, and apart from the code in the comparison with plain Material."""


@dataclass
class Asset:
    """One response a page needs: its site-relative path, what it is, raw and served bytes."""

    path: str
    kind: str
    raw: int
    served: int

    @property
    def group(self) -> str:
        if self.kind in ("worker", "search index", "lunr"):
            return "search"
        if self.kind in ("html", "image"):
            return "HTML" if self.kind == "html" else "images"
        if self.path.startswith(CONTENT_SCRIPTS):
            return "content"
        theme = self.path.startswith(THEME_DIRS)
        return f"{'theme' if theme else 'our'} {self.kind.upper()}"


@dataclass
class Page:
    """A page with everything it loads on a first visit (Material fetches the search worker and
    index at load time, not on the first search)."""

    kind: str
    path: str
    assets: list[Asset]

    def total(self, raw: bool = False) -> int:
        return sum(a.raw if raw else a.served for a in self.assets)

    def group(self, name: str, raw: bool = False) -> int:
        return sum(a.raw if raw else a.served for a in self.assets if a.group == name)


class _Refs(HTMLParser):
    """Stylesheets, scripts, icons and images a page references, and Material's ``__config``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.config: dict[str, Any] | None = None
        self._in_config = False
        self._config_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.refs.append(("css", a["href"]))
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.refs.append(("image", a["href"]))
        elif tag == "script" and a.get("src"):
            self.refs.append(("js", a["src"]))
        elif tag == "script" and a.get("type") == "text/x-bsh-later" and a.get("data-src"):
            self.refs.append(("js", a["data-src"]))  # loaded after the first paint (main.html)
        elif tag == "script" and a.get("id") == "__config":
            self._in_config = True
        elif tag == "img" and a.get("src"):
            self.refs.append(("image", a["src"]))

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self._config_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_config:
            self._in_config = False
            self.config = json.loads("".join(self._config_text))


def _resolve(page: str, href: str) -> str | None:
    href = href.split("#")[0].split("?")[0]
    if not href or href.startswith(("data:", "http:", "https:", "//", "/")):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _asset(root: Path, path: str, kind: str) -> Asset:
    raw, served = served_size(root / path)
    return Asset(path, kind, raw, served)


def lunr_scripts(root: Path, worker: str, index: str) -> list[str]:
    """The scripts Material's search worker imports for the index's languages (its own rule:
    a stemmer per language but English, the multi-language glue for more than one)."""
    langs: list[str] = json.loads((root / index).read_text(encoding="utf-8"))["config"]["lang"]
    base = posixpath.normpath(posixpath.join(posixpath.dirname(worker), "../lunr"))
    extra: list[str] = []
    for lang in langs:
        if lang == "ja":
            extra.append(f"{base}/tinyseg.js")
        elif lang in ("hi", "th"):
            extra.append(f"{base}/wordcut.js")
        if lang != "en":
            extra.append(f"{base}/min/lunr.{lang}.min.js")
    if len(langs) > 1:
        extra.append(f"{base}/min/lunr.multi.min.js")
    return [f"{base}/min/lunr.stemmer.support.min.js", *extra] if extra else []


def page_weight(root: Path, path: str, kind: str) -> Page:
    """``root/path`` and every asset it loads."""
    parser = _Refs()
    parser.feed((root / path).read_text(encoding="utf-8"))
    assets = [_asset(root, path, "html")]
    for ref_kind, href in parser.refs:
        target = _resolve(path, href)
        if target and (root / target).is_file():
            assets.append(_asset(root, target, ref_kind))
    if parser.config and parser.config.get("search"):
        worker = _resolve(path, parser.config["search"])
        index = _resolve(path, parser.config.get("base", ".") + "/search/search_index.json")
        if worker and index and (root / index).is_file():
            assets.append(_asset(root, worker, "worker"))
            assets.append(_asset(root, index, "search index"))
            assets += [_asset(root, p, "lunr") for p in lunr_scripts(root, worker, index)]
    return Page(kind, path, assets)


def page_kind(path: str) -> str:
    """``index.html`` → home, ``levels/level-2.html`` → level, ``glossary.html`` → glossary."""
    parts = path.split("/")
    if len(parts) > 1:
        return {"levels": "level", "modules": "module"}.get(parts[0], parts[0])
    return "home" if path == "index.html" else path.removesuffix(".html")


def _order(kind: str) -> tuple[int, str]:
    if kind in TYPE_ORDER:
        return TYPE_ORDER.index(kind), kind
    return (len(TYPE_ORDER) + 1 if kind == "404" else len(TYPE_ORDER)), kind


def page_types(root: Path) -> dict[str, list[str]]:
    """Every HTML page of one language site, grouped by type, types in reading order."""
    found: dict[str, list[str]] = {}
    for html in sorted(root.rglob("*.html")):
        rel = html.relative_to(root).as_posix()
        found.setdefault(page_kind(rel), []).append(rel)
    return {k: found[k] for k in sorted(found, key=_order)}


@dataclass
class OwnAsset:
    """One of our files in ``docs/assets/``: as the site ships it (minified by the build) and as
    written. The targets apply to what ships, the bytes a learner downloads."""

    name: str
    raw: int
    gz: int
    source_raw: int
    source_gz: int


@dataclass
class SearchIndex:
    """One language's search index and the scripts its search needs beyond the worker."""

    lang: str
    raw: int
    served: int
    lunr_raw: int
    lunr_served: int


@dataclass
class Weights:
    """Everything of the weight section."""

    lang: str
    pages: list[Page] = field(default_factory=list)
    """The heaviest page of each type, first language."""
    plain: dict[str, Page] = field(default_factory=dict)
    """The same pages built by plain Material from the same Markdown."""
    one_page: Page | None = None
    root_page: Page | None = None
    per_language: dict[str, dict[str, int]] = field(default_factory=dict)
    """Type → language → served bytes of that page type's heaviest page."""
    own_assets: list[OwnAsset] = field(default_factory=list)
    search: list[SearchIndex] = field(default_factory=list)

    def above_plain(self) -> dict[str, int]:
        """What our theme configuration, overrides and code add to each page type: the content
        group (a page's questions, which plain Material has no way to load) left out."""
        return {
            p.kind: p.total() - p.group("content") - (self.plain[p.kind].total() - self.plain[p.kind].group("content"))
            for p in self.pages
            if p.kind in self.plain
        }

    def asset(self, name: str) -> OwnAsset | None:
        return next((a for a in self.own_assets if a.name == name), None)


def measure(site: Path, languages: list[str], assets: Path, plain_site: Path, one_page_site: Path) -> Weights:
    """Weigh the built ``site`` against plain Material (``plain_site``: the first language's
    Markdown; ``one_page_site``: one short page)."""
    first = languages[0]
    weights = Weights(lang=first)
    for kind, paths in page_types(site / first).items():
        heaviest = max((page_weight(site / first, p, kind) for p in paths), key=lambda p: p.total())
        weights.pages.append(heaviest)
        if (plain_site / heaviest.path).is_file():
            weights.plain[kind] = page_weight(plain_site, heaviest.path, kind)
        weights.per_language[kind] = {
            lang: page_weight(site / lang, heaviest.path, kind).total()
            for lang in languages
            if (site / lang / heaviest.path).is_file()
        }
    weights.one_page = page_weight(one_page_site, "index.html", "plain")
    if (site / "index.html").is_file():
        weights.root_page = page_weight(site, "index.html", "language choice")
    for f in sorted(assets.iterdir()):
        shipped = site / first / "assets" / f.name
        if f.is_file() and shipped.is_file():
            weights.own_assets.append(
                OwnAsset(f.name, shipped.stat().st_size, gz_size(shipped), f.stat().st_size, gz_size(f))
            )
    for lang in languages:
        home = page_weight(site / lang, "index.html", "home")
        index = next((a for a in home.assets if a.kind == "search index"), None)
        lunr = [a for a in home.assets if a.kind == "lunr"]
        if index:
            weights.search.append(
                SearchIndex(lang, index.raw, index.served, sum(a.raw for a in lunr), sum(a.served for a in lunr))
            )
    return weights
