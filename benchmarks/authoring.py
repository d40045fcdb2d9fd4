"""The authoring loop: save an edit to one language's text, time until ``serve`` serves it."""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.builds import copy_project
from benchmarks.common import ENV, fetch, free_port, log, wait

EDITED = "content/levels/level-1.yaml"
PAGE = "en/levels/level-1.html"
INLINE_EN = re.compile(r"^\s+en: [A-Za-z].*$", re.M)
"""The first English text written on its key's line: a word appended keeps the YAML valid."""


def build_id(url: str) -> str | None:
    body = fetch(url + "__build")
    return str(json.loads(body)["id"]) if body else None


def measure(work: Path, source_project: Path, edits: int) -> dict[str, float | list[float]]:
    """Start ``python -m build_tools serve`` on a fresh copy; ``edits`` times: append a word to
    the first inline English text of EDITED, save it (write and rename, as editors do), and time
    until ``/__build`` reports a new build and PAGE holds the word."""
    project = copy_project(work, source_project)
    url = f"http://127.0.0.1:{(port := free_port())}/"
    cmd = [sys.executable, "-m", "build_tools", "serve", "--port", str(port)]
    output = (project / "serve.log").open("w")
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=output, stderr=subprocess.STDOUT)
    source = project / EDITED
    original = source.read_text(encoding="utf-8")
    match = INLINE_EN.search(original)
    assert match, f"{EDITED}: no inline English text"
    times: list[float] = []
    try:
        first = wait(lambda: proc.poll() is not None or build_id(url), 300)
        if proc.poll() is not None:
            raise RuntimeError(f"serve stopped: {(project / 'serve.log').read_text()[-3000:]}")
        for n in range(edits):
            word = f"Benchedit{n}x{int(time.time())}"
            before = build_id(url)
            (work / "edit.tmp").write_text(original[: match.end()] + " " + word + original[match.end() :])
            started = time.perf_counter()
            os.replace(work / "edit.tmp", source)
            wait(lambda: build_id(url) != before and word.encode() in (fetch(url + PAGE) or b""), 120)  # noqa: B023
            times.append(time.perf_counter() - started)
            log(f"authoring edit {n + 1}/{edits}: {times[-1]:.2f} s")
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        output.close()
    said = [float(x) for x in re.findall(r"rebuilt\b.*? in ([0-9.]+) s", (project / "serve.log").read_text())][1:]
    return {"median": statistics.median(times), "times": times, "first": first, "said": said}
