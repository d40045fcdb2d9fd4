"""Browser fixtures: the real site built once per session, served over HTTP under a sub-path,
and driven by Debian's Chromium through Playwright (never a downloaded browser)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Route, sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PREFIX = "/training/buy-sell/"
LANGS = ("en", "id", "ru", "vi")
SCRIPTS = ("en", "ru")
"""English and one non-Latin script: for a behaviour the script changes (fitting text, search,
numbers and names written by the browser in the page's language)."""


@pytest.fixture(scope="session")
def project(real_project: Path) -> Path:
    """A temporary copy of the project with the real content, built (tests/conftest.py)."""
    return real_project


@pytest.fixture(scope="session")
def built_site(real_site: Path) -> Path:
    """The real content, built once per run (tests/conftest.py)."""
    return real_site


@pytest.fixture
def lang() -> str:
    """The language of a browser test that does not choose one: English. A behaviour is tested
    once; that every language's strings are there and right is checked on the built HTML
    (tests/test_strings.py). A test whose behaviour changes with the script parametrizes ``lang``
    itself (``SCRIPTS``)."""
    return "en"


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``site`` under ``PREFIX`` only, as an internal docs server would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that lets a browser drop a connection: a test that closes its
    page while a file is on its way is no server error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:<port>/training/buy-sell/``; yield that URL."""
    handler = functools.partial(_PrefixHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site, served under a sub-path."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _warm_context(browser: Browser, base_url: str) -> Iterator[tuple[BrowserContext, Page]]:
    """The worker's one browser context, kept warm by a page left open on the site's origin (the
    test server's plain "not found" page: no script, no stored data)."""
    ctx = browser.new_context()
    keeper = ctx.new_page()
    keeper.goto(f"{base_url}__keeper__")
    yield ctx, keeper
    ctx.close()


@pytest.fixture
def context(_warm_context: tuple[BrowserContext, Page], base_url: str) -> Iterator[BrowserContext]:
    """A browser context as a new one is: no page, cookie, stored data or cached response.

    It is the worker's one context, emptied after each test (``emptied_after``). A fresh
    context's first page costs about 0.5 CPU-s more than a new page in a warm one, and browser
    tests are most of `make test`'s time on two cores. A test that needs other context options
    (a locale, no JavaScript) makes its own context."""
    ctx, keeper = _warm_context
    with emptied_after(ctx, keeper, base_url):
        yield ctx


@contextlib.contextmanager
def emptied_after(ctx: BrowserContext, keeper: Page, base_url: str) -> Iterator[None]:
    """Afterwards, ``ctx`` holds ``keeper`` alone: the other pages closed, the cookies and
    permissions cleared, every origin requested meanwhile wiped (local storage, IndexedDB, cache
    storage, service workers) and the HTTP cache cleared (tests/browser/test_isolation.py)."""
    origins = {_origin(base_url)}

    def seen(request: Request) -> None:
        if request.url.startswith(("http://", "https://")):
            origins.add(_origin(request.url))

    ctx.on("request", seen)
    try:
        yield
    finally:
        ctx.remove_listener("request", seen)
        for other in ctx.pages:
            if other is not keeper:
                other.close()
        ctx.clear_cookies()
        ctx.clear_permissions()
        cdp = ctx.new_cdp_session(keeper)
        for origin in sorted(origins):
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        cdp.send("Network.clearBrowserCache")
        cdp.detach()
    assert keeper.evaluate("() => localStorage.length") == 0, "stored data left for the next test"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def quiet(page: Page) -> Iterator[Page]:
    """The page fixture (no uncaught errors) that also fails on any console error or warning."""
    messages: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type in {"error", "warning"}:
            messages.append(f"{msg.type}: {msg.text}")

    page.on("console", on_console)
    yield page
    assert messages == [], f"console messages: {messages}"


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    """A fresh page that fails the test on any uncaught script error."""
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    yield p
    assert errors == [], f"uncaught errors in the page: {errors}"


def enforce_csp(page: Page, policy: str) -> None:
    """Serve every HTML page of ``page`` with ``policy`` as its Content-Security-Policy and
    record violations in ``window.__violations``."""

    def with_policy(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route(re.compile(r".*\.html(\?.*)?$"), with_policy)
    page.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));"
    )


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextlib.contextmanager
def run_nginx(conf: Path, base: Path, port: int) -> Iterator[str]:
    """Check and start nginx with ``conf`` (prefix ``base``) on ``port``; yield the site's URL
    under ``PREFIX`` once it answers, and stop nginx afterwards."""
    import subprocess
    import time
    import urllib.error
    import urllib.request

    test = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(base)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(base), "-g", "daemon off;"])
    url = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "en/index.html", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
