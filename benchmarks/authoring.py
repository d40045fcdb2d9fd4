"""2. Authoring loop: from saving a YAML edit to the rebuilt page under ``make serve``."""

from __future__ import annotations

import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import BenchError, Series, child_env, copy_project, fetch, free_port, log, wait_for

EDITED = Path("content/levels/level-1.yaml")
PAGE = "en/levels/level-1.html"
# The first English text written inline (`  en: text`), so that appending a word keeps valid YAML.
_INLINE_EN = re.compile(r"^(\s+en: )([^\s>|\"'#&*!%@`{\[].*)$", re.M)
_REBUILT = re.compile(r"rebuilt in ([0-9.]+) s")


@dataclass
class AuthoringLoop:
    """Seconds from writing the file to the served page containing the new text."""

    runs: int
    total: Series = field(default_factory=Series)
    rebuild: Series = field(default_factory=Series)
    """What ``serve`` printed as its rebuild time for the same edit."""
    first_build: float = 0.0
    edited: str = str(EDITED)
    page: str = PAGE
    command: str = ""


class _Output:
    """Collects the server's output lines in a thread so that its pipe never fills up."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append(line.rstrip())

    def rebuilds(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := _REBUILT.search(line))]


def _save(path: Path, text: str, scratch: Path) -> None:
    """Save as editors do: a new file renamed over the old one, so that the watcher can never
    read a half-written file (``scratch``, outside the watched folders, on the same disk)."""
    partial = scratch / f".{path.name}.bench"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _stop(proc: subprocess.Popen[str]) -> None:
    """Ctrl+C for the server we started (it then returns 130), and a kill if it does not stop."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def measure(snapshot: Path, work: Path, runs: int, timeout: float = 180) -> AuthoringLoop:
    """Start ``python -m build_tools serve`` on a copy, then edit, save and poll ``runs`` times."""
    copy = copy_project(snapshot, work / "serve")
    port = free_port()
    command = [sys.executable, "-m", "build_tools", "serve", "--port", str(port)]
    result = AuthoringLoop(runs=runs, command="python -m build_tools serve --port <free port>")
    source = copy / EDITED
    original = source.read_text(encoding="utf-8")
    match = _INLINE_EN.search(original)
    if not match:
        raise BenchError(f"{EDITED}: no inline English text to edit")
    url = f"http://127.0.0.1:{port}/{PAGE}"
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        cwd=copy,
        env=child_env(PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = _Output(proc)
    try:
        if wait_for(lambda: proc.poll() is not None or fetch(url)[0] == 200, timeout, 0.2) is None or proc.poll():
            raise BenchError("`build_tools serve` did not serve:\n" + "\n".join(output.lines))
        result.first_build = time.perf_counter() - started
        log(f"serve is up after {result.first_build:.1f} s")
        for i in range(1, runs + 1):
            marker = f"Benchedit{i}{secrets.token_hex(3)}"
            edited = original[: match.end(2)] + " " + marker + original[match.end(2) :]
            seen = len(output.rebuilds())
            saved = time.perf_counter()
            _save(source, edited, copy)
            wanted = marker.encode()
            took = wait_for(lambda: wanted in fetch(url)[1], timeout, 0.05)  # noqa: B023 (called right here)
            if took is None:
                raise BenchError(f"the edit never reached {url}:\n" + "\n".join(output.lines[-20:]))
            result.total.add(time.perf_counter() - saved)
            # serve prints its line right after the swap; give it a moment to reach us
            wait_for(lambda: len(output.rebuilds()) > seen, 5, 0.05)  # noqa: B023 (called right here)
            rebuilds = output.rebuilds()
            note = ""
            if len(rebuilds) > seen:
                result.rebuild.add(rebuilds[-1])
                note = f" (serve: rebuilt in {rebuilds[-1]:.1f} s)"
            log(f"authoring run {i}/{runs}: {result.total.values[-1]:.2f} s{note}")
            time.sleep(1.0)  # let the watcher settle on the new state before the next edit
    finally:
        _stop(proc)
    return result
