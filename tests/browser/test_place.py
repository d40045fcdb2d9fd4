"""Where the reader is: the 404 page at any depth of any sub-path, the section kept when the
language changes, and the language the site root remembers (issue 18)."""

from __future__ import annotations

import functools
import http.server
import io
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import LANGS, PREFIX, SCRIPTS, QuietServer, run_nginx

MouseButton = Literal["left", "middle", "right"]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# --- the 404 page, served at the missing page's address -------------------------------------


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``PREFIX``; a missing file gets its language's 404 page, at the
    missing address, with no <base> added: what most servers' "error page" setting does."""

    def translate_path(self, path: str) -> str:
        rel = path.split("?", 1)[0][len(PREFIX) :] if path.startswith(PREFIX) else "__outside__"
        return super().translate_path("/" + rel)

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_file() or (path.is_dir() and (path / "index.html").is_file()):
            return super().send_head()
        rel = self.path[len(PREFIX) :] if self.path.startswith(PREFIX) else ""
        lang = rel.split("/", 1)[0] if rel.split("/", 1)[0] in LANGS else "en"
        body = (Path(self.directory) / lang / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def python_404_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_NotFoundHandler, directory=str(built_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def nginx_404_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx with only ``error_page 404 <prefix><lang>/404.html`` and the build's CSP: no <base>
    added (deploy/nginx.conf adds one; the page must not need it)."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    base = tmp_path_factory.mktemp("nginx-404")
    www = base / "www"
    shutil.copytree(built_site, www / PREFIX.strip("/"))
    port = _free_port()
    (base / "tmp").mkdir()
    conf = base / "nginx.conf"
    temp = " ".join(f"{k}_temp_path {base}/tmp;" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf.write_text(
        f"""user root;
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    charset utf-8;
    access_log off;
    {temp}
    map $uri $bsh_lang {{
        ~^{PREFIX}(?<lang>en|id|ru|vi)/  $lang;
        default                          en;
    }}
    server {{
        listen 127.0.0.1:{port};
        root {www};
        location {PREFIX} {{
            include {www / PREFIX.strip("/") / "nginx-csp.conf"};
            error_page 404 {PREFIX}$bsh_lang/404.html;
        }}
    }}
}}
""",
        encoding="utf-8",
    )
    with run_nginx(conf, base, port) as url:
        yield url


def _expect_styled_404(page: Page, url: str, lang: str, home: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", lang)
    # Material's stylesheet applies: a sticky header, a logo of icon size, the page's own links
    # leading into the language's folder.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    logo = page.locator(".md-header__button.md-logo img, .md-header__button.md-logo svg").first.bounding_box()
    assert logo is not None and logo["height"] < 60, logo
    expect(page.locator(".md-header")).to_be_visible()
    page.locator("article a").last.click()
    expect(page).to_have_url(home)


# The depth, in two languages; every language's 404 page carries its language for this
# (tests/test_strings.py).
@pytest.mark.parametrize(
    ("lang", "missing"), [("en", "levels/no-such-page.html"), ("vi", "a/b/c/no-such-page.html")], ids=["one", "deep"]
)
def test_the_404_page_is_styled_at_any_depth_python_server(
    page: Page, python_404_url: str, lang: str, missing: str
) -> None:
    _expect_styled_404(page, f"{python_404_url}{lang}/{missing}", lang, f"{python_404_url}{lang}/index.html")


@pytest.mark.parametrize("lang", SCRIPTS)  # search from there: typed in two scripts
def test_the_404_page_is_styled_deep_under_nginx_with_its_csp(browser: Browser, nginx_404_url: str, lang: str) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    try:
        _expect_styled_404(
            page, f"{nginx_404_url}{lang}/levels/x/y/no-such-page.html", lang, f"{nginx_404_url}{lang}/index.html"
        )
        # Search works from there, and leads into the language's folder.
        page.goto(f"{nginx_404_url}{lang}/levels/x/y/no-such-page.html")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially({"en": "level", "ru": "уровень"}[lang], delay=40)
        result = page.locator(".md-search-result__item a").first
        expect(result).to_be_attached(timeout=10_000)
        assert (result.get_attribute("href") or "").startswith(f"{nginx_404_url}{lang}/")
    finally:
        ctx.close()
    assert problems == []


# --- the reader's place, across a change of language ------------------------------------------

SWITCH = {"en": "ru", "ru": "vi"}  # from a Latin and a Cyrillic page, to the next language


def _switch_language(page: Page, lang: str, button: MouseButton = "left") -> None:
    """Point at the language button, then click the language, with the mouse: Playwright's own
    hover() and click() scroll the page first (the menu is in the sticky header)."""
    for target in (
        page.locator(".md-header .md-select > button"),
        page.locator(f'.md-select__link[hreflang="{lang}"]'),
    ):
        expect(target).to_be_visible()
        box = target.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down(button=button)
    page.mouse.up(button=button)


def _top_of_screen(page: Page, section: str) -> float:
    """Where the heading of ``section`` is, in pixels from the top of the window."""
    return float(page.locator(f"#{section}").evaluate("e => e.getBoundingClientRect().top"))


@pytest.mark.parametrize("lang", SCRIPTS)
def test_switching_language_keeps_the_section_at_the_top(page: Page, base_url: str, lang: str) -> None:
    """Scrolled into a section in the middle of a level page (no #hash in the address), the other
    language opens at the same section."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}{lang}/levels/level-3.html")
    headings = page.locator("article h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    section = headings[len(headings) // 2]
    # Scroll as a reader does, with the wheel, until the heading has passed under the header and
    # the section's text fills the top of the screen.
    for _ in range(200):
        if _top_of_screen(page, section) < 20:
            break
        page.mouse.wheel(0, 100)
        page.wait_for_timeout(20)
    assert "#" not in page.url
    other = SWITCH[lang]
    _switch_language(page, other)
    expect(page).to_have_url(re.compile(rf"/{other}/levels/level-3\.html#{section}$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    page.wait_for_load_state("load")
    top = _top_of_screen(page, section)
    assert 0 <= top < 150, f"#{section} is {top}px from the top"


def test_a_middle_click_opens_the_other_language_at_the_same_section(page: Page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{base_url}en/levels/level-3.html")
    page.locator("#risk").evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 10)")
    with page.context.expect_page() as opened:
        _switch_language(page, "vi", button="middle")
    expect(opened.value).to_have_url(re.compile(r"/vi/levels/level-3\.html#risk$"))
    expect(page).to_have_url(f"{base_url}en/levels/level-3.html")


def test_switching_language_at_the_top_of_a_page_stays_at_the_top(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}en/levels/level-3.html#risk")
    page.evaluate("window.scrollTo(0, 0)")
    _switch_language(page, "vi")
    expect(page).to_have_url(re.compile(r"/vi/levels/level-3\.html$"))


def test_a_hash_that_is_a_state_is_carried_as_it_is(page: Page, base_url: str) -> None:
    """A #hash that names no element is a state (the self-assessment's #customer=<id>): kept."""
    page.goto(f"{base_url}en/index.html#customer=abc")
    _switch_language(page, "ru")
    expect(page).to_have_url(re.compile(r"/ru/index\.html#customer=abc$"))


# --- the language the site root remembers ------------------------------------------------------


@pytest.fixture
def english_browser(browser: Browser) -> Iterator[Page]:
    """A page in a browser whose language is English (en-US), failing on any script error."""
    ctx = browser.new_context(locale="en-US")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert errors == []


@pytest.mark.parametrize("lang", ["vi", "ru"])
def test_the_root_opens_the_language_chosen_with_the_switcher(english_browser: Page, base_url: str, lang: str) -> None:
    page = english_browser
    page.goto(base_url)
    expect(page).to_have_url(f"{base_url}en/index.html")  # no choice yet: the browser's language
    _switch_language(page, lang)
    expect(page).to_have_url(f"{base_url}{lang}/index.html")
    page.goto(base_url)
    expect(page).to_have_url(f"{base_url}{lang}/index.html")
    page.goto(f"{base_url}index.html")
    expect(page).to_have_url(f"{base_url}{lang}/index.html")


def test_the_root_remembers_a_choice_made_in_its_own_list(browser: Browser, base_url: str) -> None:
    """A browser in a language the site does not have gets the list; the choice made there holds."""
    ctx = browser.new_context(locale="de-DE")
    try:
        page = ctx.new_page()
        page.goto(base_url)
        page.locator('a[hreflang="vi"]').click()
        expect(page).to_have_url(f"{base_url}vi/index.html")
        page.goto(base_url)
        expect(page).to_have_url(f"{base_url}vi/index.html")
    finally:
        ctx.close()


@pytest.mark.parametrize("stored", ["xx", "", '"vi"', "{", "../evil"])
def test_a_stored_value_that_is_no_language_is_ignored(english_browser: Page, base_url: str, stored: str) -> None:
    page = english_browser
    page.goto(f"{base_url}en/index.html")
    page.evaluate("v => localStorage.setItem('bsh-language', v)", stored)
    page.goto(base_url)
    expect(page).to_have_url(f"{base_url}en/index.html")


def test_blocked_storage_leaves_the_browser_language_and_the_switcher_working(browser: Browser, base_url: str) -> None:
    ctx = browser.new_context(locale="en-US")
    blocked = "get() { throw new DOMException('blocked', 'SecurityError'); }"
    ctx.add_init_script(f"Object.defineProperty(window, 'localStorage', {{{blocked}}});")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(base_url)
        expect(page).to_have_url(f"{base_url}en/index.html")
        _switch_language(page, "vi")
        expect(page).to_have_url(f"{base_url}vi/index.html")
        page.goto(base_url)
        expect(page).to_have_url(f"{base_url}en/index.html")
    finally:
        ctx.close()
    assert errors == []
