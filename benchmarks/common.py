"""What every section uses: where things are, running commands, HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "build" / "bench"
"""Caches kept between runs (the static-i18n virtualenv, Lighthouse) and the run's work folder."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: Sequence[str], cwd: Path | None = None, **env: str) -> str:
    """Run ``cmd``; its output, or an exception with the output when it fails."""
    proc = subprocess.run(list(cmd), cwd=cwd, env={**ENV, **env}, capture_output=True, text=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return proc.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str, gzip: bool = False) -> bytes | None:
    """The body of a GET as sent (still gzipped with ``gzip``); None on any error."""
    headers = {"Accept-Encoding": "gzip"} if gzip else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return None


def wait(check: Callable[[], object], timeout: float) -> float:
    """Seconds until ``check()`` is true, polling every 50 ms; TimeoutError after ``timeout``."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"gave up after {timeout:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - started
