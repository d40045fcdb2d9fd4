"""What learners feel: bytes each page type transfers and Lighthouse, ours against plain Material."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from benchmarks.common import BENCH, ROOT, fetch, free_port, log, run, wait

PAGES = {
    "home": "index.html",
    "level": "levels/level-1.html",
    "toolbox": "toolbox.html",
    "module": "modules/customer-value.html",
    "glossary": "glossary.html",
    "final quiz": "final-quiz.html",
    "assessment": "assessment.html",
    "progress": "progress.html",
}
"""One page of each type, as a path under a language's root."""
BANK = re.compile(r"assets/quiz-bank-[^/]*\.js$")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PREFIX = "/training/buy-sell/"
"""Where deploy/nginx.conf serves the site."""


class _Refs(HTMLParser):
    """The stylesheets and scripts a page references, and the final test's bank (``data-quiz-bank``:
    fetched when an attempt starts, weighed apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").split():
            self.refs.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        if a.get("data-quiz-bank"):
            self.refs.append(a["data-quiz-bank"])


@dataclass
class Page:
    """Gzipped bytes a page transfers: its own, the question bank apart, and the Lighthouse runs."""

    url: str
    gz: int = 0
    bank: int = 0
    scores: list[dict[str, int]] = field(default_factory=list)

    def score(self, category: str) -> int | None:
        values = sorted(s[category] for s in self.scores if category in s)
        return values[(len(values) - 1) // 2] if values else None


def weigh(url: str) -> Page:
    """Fetch ``url`` and what it loads, as nginx sends it (gzip level 6): what the HTML references,
    and the search worker and index named in Material's ``__config`` (fetched at load)."""
    page, html = Page(url), (fetch(url) or b"").decode()
    parser = _Refs()
    parser.feed(html)
    config = json.loads(re.findall(r'<script id="__config" type="application/json">(.*?)</script>', html)[0])
    refs = [*parser.refs, config["search"], config["base"] + "/search/search_index.json"]
    for ref in dict.fromkeys([url, *(urljoin(url, r) for r in refs)]):
        body = fetch(ref, gzip=True)
        if body is None:
            raise RuntimeError(f"{url}: {ref} does not answer")
        if BANK.search(ref):
            page.bank += len(body)
        else:
            page.gz += len(body)
    return page


def ensure_lighthouse() -> str:
    """``npm ci`` of benchmarks/package-lock.json into build/bench/ (once); Lighthouse's version."""
    lock = ROOT / "benchmarks" / "package-lock.json"
    if not (LIGHTHOUSE.exists() and (BENCH / lock.name).read_bytes() == lock.read_bytes()):
        log("npm ci: Lighthouse into build/bench/node_modules")
        for name in ("package.json", lock.name):
            shutil.copy2(ROOT / "benchmarks" / name, BENCH / name)
        run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], BENCH)
    shutil.copy2(ROOT / "benchmarks" / "lighthouse.mjs", BENCH / "lighthouse.mjs")
    return run([str(LIGHTHOUSE), "--version"]).strip()


def lighthouse(pages: list[Page], retry: bool = True) -> None:
    """One Lighthouse run on each page, in order, in one Chromium (benchmarks/lighthouse.mjs); a
    run that fails or misses a category is logged, and tried once more after the others."""
    by_url = {p.url: p for p in pages}
    out = run(["node", "lighthouse.mjs", *by_url], BENCH, CHROME_PATH="/usr/bin/chromium")
    failed = []
    for line in out.splitlines():
        result = json.loads(line)
        if result["error"] or len(result["scores"]) < len(CATEGORIES):
            log(f"lighthouse: {result['url']}: {result['error']} {result['scores']}")
            failed.append(by_url[result["url"]])
        else:
            by_url[result["url"]].scores.append(result["scores"])
    if failed and retry:
        lighthouse(failed, retry=False)


@contextmanager
def nginx(ours: Path, plain: Path, work: Path) -> Iterator[tuple[str, str]]:
    """Serve ``ours`` with deploy/nginx.conf and deploy/headers.conf (root, port and include paths
    replaced) and ``plain`` with the same gzip settings; yields both base URLs."""
    www, ports = work / "www", (free_port(), free_port())
    (www / PREFIX.strip("/")).parent.mkdir(parents=True)
    (www / PREFIX.strip("/")).symlink_to(ours)
    headers = (ROOT / "deploy/headers.conf").read_text().replace("/srv/www", str(www))
    (work / "headers.conf").write_text(headers)
    conf = (ROOT / "deploy/nginx.conf").read_text()
    for old, new in (("listen 8080", f"listen 127.0.0.1:{ports[0]}"), ("/srv/www", str(www))):
        conf = conf.replace(old, new)
    conf = conf.replace("/etc/nginx/snippets/buy-sell-headers.conf", str(work / "headers.conf"))
    gzip = "\n".join(re.findall(r"^\s*gzip.*;", conf, re.M))
    (work / "nginx.conf").write_text(
        f"daemon off; worker_processes 1; pid {work}/nginx.pid; error_log {work}/error.log;\n"
        "events { worker_connections 256; }\n"
        "http { include /etc/nginx/mime.types; access_log off;\n"
        f"{conf}\nserver {{ listen 127.0.0.1:{ports[1]}; root {plain}; {gzip} }}\n}}\n"
    )
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", str(work), "-c", str(work / "nginx.conf")])
    urls = (f"http://127.0.0.1:{ports[0]}{PREFIX}", f"http://127.0.0.1:{ports[1]}/")
    try:
        wait(lambda: proc.poll() is not None or all(fetch(u + "index.html") for u in urls), 20)
        if proc.poll() is not None:
            raise RuntimeError("nginx did not start: " + (work / "error.log").read_text())
        yield urls
    finally:
        proc.terminate()
        proc.wait(10)


def measure(ours: Path, plain: Path, work: Path, deadline: float) -> dict[str, tuple[Page, Page]]:
    """Weigh and run Lighthouse on every page type of ours (English) and plain; a second and third
        round of Lighthouse (median of 3) only if the first leaves time before ``deadline``. Lighthouse
    takes ours first on one page type, plain first on the next."""
    work.mkdir(parents=True)
    result: dict[str, tuple[Page, Page]] = {}
    with nginx(ours, plain, work) as (our_url, plain_url):
        for kind, path in PAGES.items():
            result[kind] = (weigh(f"{our_url}en/{path}"), weigh(plain_url + path))
        for n in range(3):
            started = time.time()
            lighthouse([page for i, pair in enumerate(result.values()) for page in pair[:: 1 - i % 2 * 2]])
            log(f"lighthouse round {n + 1} took {time.time() - started:.0f} s")
            if n == 0 and time.time() + 2 * (time.time() - started) > deadline:
                log("no time for more Lighthouse rounds")
                break
    return result
