"""Helpers shared by the benchmark sections: timing child processes, medians, project copies."""

from __future__ import annotations

import gzip
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# What a copy of the project leaves out: version control, environments, outputs and caches.
# `__pycache__` is kept so that a copy starts with compiled modules, as a working tree does.
_SKIP_TOP = {".git", ".venv", "build", "site", "dist", "node_modules", "test-results", "BENCHMARKS.md"}
_SKIP_ANY = (".site-*", ".mypy_cache", ".ruff_cache", ".pytest_cache", "*.egg-info")

KB = 1000
"""One kilobyte in this report: 1,000 bytes (the stricter reading of every target)."""

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
"""Suffixes served gzipped, as ``gzip_types`` in deploy/nginx.conf (HTML is always compressed)."""
GZIP_MIN_LENGTH = 512
"""``gzip_min_length`` of deploy/nginx.conf: smaller bodies are sent as they are."""


class BenchError(Exception):
    """A measurement could not be taken."""


def log(message: str) -> None:
    """Progress on stderr, so that a long run shows where it is."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Series:
    """Repeated measurements of one thing."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def spread(self) -> str:
        """``min–max`` of the runs, for the tables."""
        if not self.values:
            return "–"
        return f"{min(self.values):.2f}–{max(self.values):.2f}"

    def __len__(self) -> int:
        return len(self.values)


@dataclass
class Run:
    """One child process: wall time, CPU time of it and its children, what it printed."""

    wall: float
    cpu: float
    returncode: int
    output: str


def run_timed(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900) -> Run:
    """Run ``cmd`` to completion; wall clock and CPU seconds (user + system, grandchildren included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        list(cmd),
        cwd=cwd,
        env=env or child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, proc.returncode, (proc.stdout + proc.stderr).strip())


def child_env(**extra: str) -> dict[str, str]:
    """The environment of every child: ours, without MkDocs' banner about MkDocs 2."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def copy_project(src: Path, dest: Path) -> Path:
    """A working copy of the project at ``dest`` without outputs (``build/``, ``site/``) or caches."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set(shutil.ignore_patterns(*_SKIP_ANY)(directory, names))
        if Path(directory) == src:
            skipped |= _SKIP_TOP & set(names)
        return skipped

    shutil.copytree(src, dest, ignore=ignore, symlinks=True)
    return dest


def generated_config(project: Path, lang: str) -> Path:
    """The ``mkdocs.yml`` our build generated for ``lang`` under ``project/build/`` (the online
    variant, the newest if there are several), wherever the build chooses to put it."""
    out = project / "build"
    found = [p for p in out.rglob("mkdocs.yml") if p.parent.name == lang and "offline" not in p.relative_to(out).parts]
    if not found:
        raise BenchError(f"no generated configuration for {lang!r} under {out}")
    return max(found, key=lambda p: p.stat().st_mtime)


def generated_docs(project: Path, lang: str) -> Path:
    """The directory of the Markdown our build generated for ``lang``."""
    config = json.loads(generated_config(project, lang).read_text(encoding="utf-8"))
    return Path(config["docs_dir"])


def served_size(path: Path) -> tuple[int, int]:
    """``(raw, served)`` bytes of a file's body: gzip level 6 for text types, as nginx is set up."""
    data = path.read_bytes()
    if path.suffix in COMPRESSIBLE and len(data) >= GZIP_MIN_LENGTH:
        return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data), len(data)


def gz_size(path: Path) -> int:
    """Gzipped size (level 6) of a file, whatever its length."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 5) -> tuple[int, bytes]:
    """``(status, body)`` of a GET; status 0 when nothing answers."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status: int = response.status
            return status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, OSError):
        return 0, b""


def wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until ``check()`` holds, polling every ``interval``; None after ``timeout``."""
    started = time.perf_counter()
    while True:
        if check():
            return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            return None
        time.sleep(interval)


def kb(n: float) -> str:
    """Bytes as kilobytes with one decimal (1 KB = 1,000 bytes)."""
    return f"{n / KB:.1f}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, e.g. ``0.52 / 0.40 / 0.31``."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())
