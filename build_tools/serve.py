"""``python -m build_tools serve``: build, serve ``site/`` and rebuild when a source changes.

The server injects a small live-reload script into HTML responses (only here, never into
``site/``): the page polls ``/__build`` (JSON: the build's id and the problems of the last
attempt) and reloads itself after a successful rebuild. While the last save does not build, the
open page shows its problems on top (``#bsh-build-problems``), so that an author sees them
without looking at the terminal; ``site/`` keeps the previous build.
"""

from __future__ import annotations

import http.server
import json
import sys
import threading
import time
from pathlib import Path

from build_tools.build import build
from build_tools.errors import BuildToolsError, ContentError, Problem

WATCHED = ("content", "docs", "build_tools/templates", "build_tools/theme/overrides", "mkdocs.yml")
RELOAD = b"""<script>(function(){var b=null,box=null,note=null;
function show(p){if(!p.length){if(box)box.remove();box=null;return}
if(!box){box=document.createElement("pre");box.id="bsh-build-problems";box.setAttribute("role","alert");
box.style.cssText="position:fixed;z-index:9999;inset:0 0 auto;max-height:60vh;overflow:auto;margin:0;padding:1em;"+
"background:#fff4f4;color:#5f0000;border-bottom:.25rem solid #c62828;font:13px/1.5 monospace;white-space:pre-wrap";
document.body.appendChild(box)}
var text="The last save does not build; this page is from the previous build.\\n\\n"+p.join("\\n");
if(box.textContent!==text)box.textContent=text}
function draft(n){if(!n.length){if(note)note.remove();note=null;return}
var text=n.join("\\n");if(note&&note.getAttribute("data-text")===text)return;if(note)note.remove();
note=document.createElement("details");note.id="bsh-draft-notes";note.setAttribute("data-text",text);
note.style.cssText="position:fixed;z-index:9998;inset:auto 0 0;max-height:50vh;overflow:auto;margin:0;"+
"padding:.5em 1em;background:#fffbe6;color:#3d3000;border-top:.25rem solid #b58900;font:13px/1.5 monospace";
var s=document.createElement("summary");
s.textContent="Draft preview: "+n.length+" text(s) not translated yet, shown in another language";
var pre=document.createElement("pre");pre.style.cssText="margin:.5em 0 0;white-space:pre-wrap";pre.textContent=text;
note.appendChild(s);note.appendChild(pre);document.body.appendChild(note)}
setInterval(function(){fetch("/__build",{cache:"no-store"}).then(function(r){return r.json()})
.then(function(s){if(b===null)b=s.id;else if(s.id!==b)return location.reload();show(s.problems);draft(s.notes||[])})
.catch(function(){})},250)})();</script>"""


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    out: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for f in files:
            try:
                out[str(f)] = f.stat().st_mtime
            except OSError:
                continue
    return out


class _State:
    def __init__(self) -> None:
        self.build_id = "0"
        self.problems: list[str] = []
        """What the last attempt to build reported; empty after a successful build."""
        self.notes: list[str] = []
        """In a draft preview, the texts of the last build that are not translated yet."""
        self.built: dict[str, str] = {}
        """Each language's sources as last built (``build``'s ``reuse``): a save rebuilds only
        the languages whose pages it changes."""


def _handler(site: Path, state: _State) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/__build":
                report = {"id": state.build_id, "problems": state.problems, "notes": state.notes}
                body = json.dumps(report, ensure_ascii=False)
                self._send(body.encode(), "application/json")
                return
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                self._send(path.read_bytes().replace(b"</body>", RELOAD + b"</body>", 1), "text/html; charset=utf-8")
                return
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


DRAFT_SITE = Path("build") / "draft-site"
"""Where a draft preview is built and served: never ``site/``, the folder that is deployed."""


def _rebuild(root: Path, site: Path, state: _State, draft: bool = False) -> None:
    notes: list[Problem] | None = [] if draft else None
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        before = dict(state.built)
        seconds = build(root, site=site, untranslated=notes, reuse=state.built)
    except ContentError as exc:
        state.problems = [str(problem) for problem in exc.problems]
        for problem in state.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); the site was not rebuilt", file=sys.stderr)
        return
    except BuildToolsError as exc:
        state.problems = [str(exc)]
        print(exc, file=sys.stderr)
        return
    state.problems = []
    state.notes = [str(note) for note in notes or []]
    state.build_id = str(time.time())
    untranslated = f"; draft preview: {len(state.notes)} text(s) not translated yet" if state.notes else ""
    changed = [lang for lang, digest in state.built.items() if before.get(lang) != digest]
    which = ", ".join(changed) if before else "every language"
    print(f"rebuilt {which or 'nothing (no page changed)'} in {seconds:.1f} s{untranslated}", flush=True)


def serve(root: Path, port: int = 8000, interval: float = 0.2, draft: bool = False) -> None:
    """Build once, then serve on 127.0.0.1 and rebuild whenever a watched file changes. A
    ``draft`` preview shows texts not translated yet in another language, and lists them on the
    page, instead of refusing to build; it is built in ``build/draft-site/``, not in ``site/``."""
    state = _State()
    site = root / (DRAFT_SITE if draft else "site")
    try:  # before the first build: a port in use is said at once, not after a build
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(site, state))
    except OSError as exc:
        raise BuildToolsError(
            f"cannot serve on port {port}: {exc.strerror}; choose another, e.g. make serve PORT={port + 1}"
        ) from None
    _rebuild(root, site, state, draft)
    if not site.exists():
        server.server_close()
        raise BuildToolsError("the first build failed; fix the problems above and run again")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://127.0.0.1:{port}/ (Ctrl+C to stop); watching {', '.join(WATCHED)}", flush=True)
    seen = snapshot(root)
    try:
        while True:
            time.sleep(interval)
            now = snapshot(root)
            if now != seen:
                seen = now
                _rebuild(root, site, state, draft)
                seen = snapshot(root)
    finally:
        server.shutdown()
