"""Serve built sites on 127.0.0.1 with gzip: nginx set up like deploy/nginx.conf when it is
installed, else a small Python server that compresses the same types."""

from __future__ import annotations

import gzip
import http.server
import os
import pwd
import re
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import COMPRESSIBLE, GZIP_MIN_LENGTH, BenchError, fetch, free_port, wait_for

NGINX = Path("/usr/sbin/nginx")
_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "text/xml",
    ".txt": "text/plain",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".webmanifest": "application/manifest+json",
    ".gz": "application/gzip",
}


@dataclass
class Site:
    """A directory to serve and, for ours, the security headers deploy/ adds."""

    root: Path
    deploy_headers: bool = False
    """Add the security headers and Content-Security-Policy of deploy/ (our site only)."""
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def _headers(project: Path, site: Path, out: Path) -> Path | None:
    """deploy/headers.conf with its include of the generated CSP pointed at this build."""
    source = project / "deploy" / "headers.conf"
    if not source.is_file():
        return None
    csp = site / "nginx-csp.conf"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^\s*include\s+\S*nginx-csp\.conf;", f"include {csp};" if csp.is_file() else "", text, flags=re.M)
    out.write_text(text, encoding="utf-8")
    return out


def _nginx_conf(sites: list[Site], headers: dict[int, Path | None], prefix: Path) -> str:
    types = "".join(f"    {mime} {ext[1:]};\n" for ext, mime in _TYPES.items())
    servers = []
    for s in sites:
        conf = headers.get(s.port)
        include = f"include {conf};" if conf else ""
        servers.append(f"""
  server {{
    listen 127.0.0.1:{s.port};
    root {s.root};
    charset utf-8;
    location / {{
      index index.html;
      {include}
      add_header Cache-Control "no-cache" always;
      location ~ "\\.[0-9a-f]{{8}}\\.min\\.(js|css)$" {{
        {include}
        add_header Cache-Control "public, max-age=31536000, immutable" always;
      }}
      location ~ \\.(css|js|json|svg|png|ico|webmanifest)$ {{
        {include}
        add_header Cache-Control "public, max-age=3600" always;
      }}
    }}
  }}""")
    return f"""user {pwd.getpwuid(os.geteuid()).pw_name};
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
  types {{
{types}  }}
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length {GZIP_MIN_LENGTH};
  gzip_types text/css application/javascript application/json image/svg+xml text/xml text/plain;
{"".join(servers)}
}}
"""


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped like nginx's ``gzip_types`` when the client accepts it."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", _TYPES.get(path.suffix, "application/octet-stream"))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if accepts and path.suffix in COMPRESSIBLE and len(body) >= GZIP_MIN_LENGTH:
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def server_kind() -> str:
    """What :func:`serve` will use on this machine."""
    return "nginx" if NGINX.is_file() else "Python gzip server"


@contextmanager
def serve(project: Path, sites: list[Site], work: Path) -> Iterator[list[Site]]:
    """Serve every site on its own free port until the block ends."""
    for s in sites:
        s.port = free_port()
    if NGINX.is_file():
        with _nginx(project, sites, work / "nginx"):
            yield sites
    else:
        with _python(sites):
            yield sites


@contextmanager
def _nginx(project: Path, sites: list[Site], prefix: Path) -> Iterator[None]:
    prefix.mkdir(parents=True, exist_ok=True)
    headers = {
        s.port: _headers(project, s.root, prefix / f"headers-{s.port}.conf") if s.deploy_headers else None
        for s in sites
    }
    conf = prefix / "nginx.conf"
    conf.write_text(_nginx_conf(sites, headers, prefix), encoding="utf-8")
    proc = subprocess.Popen(
        [str(NGINX), "-p", str(prefix), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        up = wait_for(lambda: proc.poll() is not None or all(fetch(s.url)[0] for s in sites), 20)
        if up is None or proc.poll() is not None:
            log = prefix / "error.log"
            raise BenchError("nginx did not start: " + (log.read_text() if log.exists() else ""))
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextmanager
def _python(sites: list[Site]) -> Iterator[None]:
    servers = []
    for s in sites:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", s.port), _handler_for(s.root))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    try:
        yield
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _handler_for(root: Path) -> type[_GzipHandler]:
    class Handler(_GzipHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    return Handler
