"""Under a sub-path: no broken link or anchor and no link that leaves the prefix, on every built
page in every language; in the browser, not one request to any host but the site's own."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers import minimal_tree
from playwright.sync_api import Browser, Request, expect

from build_tools.build import build

from .conftest import LANGS, PREFIX, serve
from .expected import ui


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            value = values.get(key)
            if value is not None and not (tag == "link" and values.get("rel") in {"canonical", "alternate"}):
                self.links.append(value)


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


def test_no_broken_link_or_anchor_and_none_leaves_the_prefix(built_site: Path) -> None:
    parsed = {rel: _parse(built_site / rel) for rel in html_pages(built_site)}
    problems: list[str] = []
    for rel, page in parsed.items():
        if rel.endswith("404.html"):
            continue  # served at any address; tested through nginx in test_deploy.py
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in {"data", "mailto"}:
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{rel}: outside link {link}")
                continue
            path = (
                posixpath.normpath(posixpath.join(PREFIX, posixpath.dirname(rel), unquote(parts.path)))
                if parts.path
                else PREFIX + rel
            )
            if parts.path.endswith("/") and not path.endswith("/"):
                path += "/"
            if not path.startswith(PREFIX):
                problems.append(f"{rel}: {link} leaves {PREFIX}")
                continue
            target = path[len(PREFIX) :]
            if target == "" or target.endswith("/"):
                target += "index.html"
            if not (built_site / target).exists():
                problems.append(f"{rel}: broken link {link}")
                continue
            if parts.fragment and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: broken anchor {link}")
    assert problems == []


def test_no_request_leaves_the_site(browser: Browser, base_url: str, built_site: Path) -> None:
    """Every page in English (the pages of every language load the same files), and search in
    every language (each loads its own word-splitting and stemming scripts)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    own = urlsplit(base_url).netloc
    outside: list[str] = []

    def on_request(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != own:
            outside.append(request.url)

    page.on("request", on_request)
    try:
        for rel in html_pages(built_site / "en"):
            page.goto(f"{base_url}en/{rel}", wait_until="load")
        for lang in LANGS:
            page.goto(f"{base_url}{lang}/index.html", wait_until="load")
            # Search loads its worker and index lazily: use it once.
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("a")
            box.press("End")
            expect(page.locator(".md-search-result__meta")).not_to_have_text(ui("theme_search_initializing", lang))
    finally:
        ctx.close()
    assert outside == []


def test_with_site_url_no_request_leaves_the_site(browser: Browser, tmp_path: Path) -> None:
    """An operator who sets SITE_URL and serves the site under another name (a staging host, an
    address on the intranet) still gets no outside request: hreflang alternates are in the
    sitemap, not in ``<link rel=alternate>``, which Material's bundle follows to fetch
    ``sitemap.xml`` beside each of them. (A minimal site: the theme's links are the point.)"""
    root = minimal_tree(tmp_path / "project")
    site = tmp_path / "site"
    build(root, site=site, site_url="https://docs.example.com/training/buy-sell")
    requested: list[str] = []
    with serve(site) as url:
        ctx = browser.new_context()
        page = ctx.new_page()
        page.on("request", lambda request: requested.append(request.url))
        try:
            # The pages of every language carry the same links: each page type in English.
            pages = [f"en/{rel}" for rel in ("index.html", "levels/level-3.html", "404.html")]
            for path in pages + [f"{lang}/index.html" for lang in LANGS if lang != "en"]:
                page.goto(url + path, wait_until="load")
                page.wait_for_timeout(200)
        finally:
            ctx.close()
    own = urlsplit(url).netloc
    assert len(requested) > 6
    assert [u for u in requested if urlsplit(u).netloc != own or u.endswith("sitemap.xml")] == []
