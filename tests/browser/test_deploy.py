"""deploy/nginx.conf, tested: nginx from Debian serves the built site under a sub-path with the
generated Content-Security-Policy, and a learner's journey reports no CSP violation."""

from __future__ import annotations

import shutil
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, expect

from .conftest import LANGS, PREFIX, REPO, run_nginx

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    base = tmp_path_factory.mktemp("nginx")
    www = base / "www"
    shutil.copytree(built_site, www / PREFIX.strip("/"))
    port = _free_port()
    # Debian's layout: every file of conf.d/ in the http block, the headers in snippets/, and
    # another site on the same server that must not get this one's headers.
    conf_d, snippets, other = base / "conf.d", base / "snippets", base / "other"
    for folder in (conf_d, snippets, other):
        folder.mkdir()
    site_conf = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    headers = (REPO / "deploy/headers.conf").read_text(encoding="utf-8")
    for old, new in (
        ("/srv/www", str(www)),
        ("listen 8080;", f"listen 127.0.0.1:{port};"),
        ("/etc/nginx/snippets", str(snippets)),
    ):
        site_conf = site_conf.replace(old, new)
        headers = headers.replace(old, new)
    (conf_d / "buy-sell.conf").write_text(site_conf, encoding="utf-8")
    (snippets / "buy-sell-headers.conf").write_text(headers, encoding="utf-8")
    (other / "index.html").write_text("<p>another site</p>", encoding="utf-8")
    (conf_d / "other.conf").write_text(
        f"server {{ listen 127.0.0.1:{port}; server_name other.test; root {other}; }}\n", encoding="utf-8"
    )
    main = base / "nginx.conf"
    main.write_text(
        f"""user root;
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {base}/tmp;
    proxy_temp_path {base}/tmp;
    fastcgi_temp_path {base}/tmp;
    uwsgi_temp_path {base}/tmp;
    scgi_temp_path {base}/tmp;
    include {conf_d}/*.conf;
}}
""",
        encoding="utf-8",
    )
    (base / "tmp").mkdir()
    with run_nginx(main, base, port) as url:
        yield url


def _headers(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as exc:
        return {k.lower(): v for k, v in exc.headers.items()} | {"status": str(exc.code)}


def test_headers(nginx_url: str, built_site: Path) -> None:
    html = _headers(nginx_url + "ru/index.html")
    assert "script-src 'self' 'sha256-" in html["content-security-policy"]
    assert html["cache-control"] == "no-cache"
    assert html["x-content-type-options"] == "nosniff"
    (asset,) = (built_site / "en/assets/javascripts").glob("bundle.*.min.js")  # Material's, named by content
    js = _headers(f"{nginx_url}en/assets/javascripts/{asset.name}")
    assert "immutable" in js["cache-control"]
    assert "content-security-policy" in js
    assert _headers(nginx_url + "nginx-csp.conf")["status"] == "404"


def test_other_sites_on_the_server_keep_their_own_headers(nginx_url: str) -> None:
    """conf.d/ is loaded for every site: the headers (and the CSP) live in snippets/ instead."""
    other = urllib.request.Request(nginx_url.split("/training/")[0] + "/", headers={"Host": "other.test"})
    with urllib.request.urlopen(other) as response:
        assert b"another site" in response.read()
        headers = {k.lower() for k in response.headers}
    assert "content-security-policy" not in headers
    assert "x-frame-options" not in headers
    assert "content-security-policy" in _headers(nginx_url + "en/index.html")


def test_journey_under_csp(browser: Browser, nginx_url: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    problems: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error" or "Content Security Policy" in msg.text:
            problems.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    try:
        for lang in LANGS:
            page.goto(f"{nginx_url}{lang}/levels/level-3.html")
            expect(page.locator("html")).to_have_attribute("lang", lang)
            expect(page.locator(".md-header")).to_be_visible()
        page.goto(f"{nginx_url}ru/index.html")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("клиент")
        page.locator("input.md-search__input").press("End")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        page.keyboard.press("Escape")
        page.locator(".md-header .md-select").hover()
        page.locator('.md-select__link[hreflang="vi"]').click()
        expect(page).to_have_url(f"{nginx_url}vi/index.html")
    finally:
        ctx.close()
    assert problems == []


def test_404_page_per_language_is_styled(browser: Browser, nginx_url: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        response = page.goto(f"{nginx_url}ru/levels/no-such-page.html")
        assert response is not None and response.status == 404
        expect(page.locator("html")).to_have_attribute("lang", "ru")
        expect(page.locator(".md-header")).to_be_visible()
        color = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
        assert color == "sticky"
        # Search works from the 404 page of a missing page deep in a folder.
        page.goto(f"{nginx_url}ru/levels/no-such-page.html")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("клиент")
        box.press("End")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        href = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
        assert href.startswith(f"{nginx_url}ru/"), href
        page.keyboard.press("Escape")
        page.locator("article a").last.click()
        expect(page).to_have_url(f"{nginx_url}ru/index.html")
        # The language list of a 404 page leads to that language's home, not to its 404 page.
        page.goto(f"{nginx_url}ru/levels/no-such-page.html")
        page.locator(".md-header .md-select").hover()
        page.locator('.md-select__link[hreflang="vi"]').click()
        expect(page).to_have_url(f"{nginx_url}vi/index.html")
        expect(page.locator("html")).to_have_attribute("lang", "vi")
    finally:
        ctx.close()
    assert errors == []
