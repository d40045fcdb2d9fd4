"""4. Lighthouse (npm ``lighthouse``, mobile preset) on home, a level page and the final quiz
in every language, served with compression; the failing audits of every score under 100."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from benchmarks.common import BenchError, log

CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_NAMES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best Practices"}
PAGES = (("home", "index.html"), ("level", "levels/level-1.html"), ("final quiz", "final-quiz.html"))
NEWEST_NEEDS_NODE = (22, 19)
"""Lighthouse 13 needs Node 22.19; on an older Node the benchmark installs Lighthouse 12."""


def category_name(cat: str) -> str:
    return CATEGORY_NAMES.get(cat, cat.upper())


def node_version() -> tuple[int, ...]:
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout
    return tuple(int(x) for x in re.findall(r"\d+", out)[:3])


def install(cache: Path) -> tuple[Path, str, str]:
    """``npm install --prefix cache lighthouse`` unless that cache already holds it.

    Returns:
        The ``lighthouse`` executable, its version, and the npm spec that installed it.
    """
    spec = "lighthouse" if node_version() >= NEWEST_NEEDS_NODE else "lighthouse@12"
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    marker = cache / "installed-spec"
    if not (binary.exists() and marker.is_file() and marker.read_text() == spec):
        log(f"npm install --prefix {cache} {spec}")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", "--loglevel=error", spec],
            check=True,
            capture_output=True,
            text=True,
        )
        marker.write_text(spec)
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return binary, version, spec


def command(binary: str, url: str, out: str) -> list[str]:
    """The Lighthouse command line (mobile preset: Lighthouse's default)."""
    return [binary, url, "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"]


@dataclass
class Audit:
    """An audit that lowered a score, in how many runs, with what Lighthouse showed. A
    *diagnostic* carries no weight itself but is where Lighthouse estimates a metric saving."""

    id: str
    title: str
    category: str
    diagnostic: bool = False
    runs: int = 0
    display: str = ""
    nodes: list[str] = field(default_factory=list)


@dataclass
class PageResult:
    """Every run of Lighthouse on one page."""

    site: str
    lang: str
    label: str
    path: str
    scores: list[dict[str, int]] = field(default_factory=list)
    audits: dict[str, Audit] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    benchmark_index: list[float] = field(default_factory=list)
    """Lighthouse's measure of this machine's speed at each run (higher is faster)."""
    warnings: list[str] = field(default_factory=list)

    def median(self, category: str) -> int | None:
        values = [s[category] for s in self.scores if category in s]
        return statistics.median_low(values) if values else None

    def perfect(self) -> bool:
        return bool(self.scores) and all(self.median(c) == 100 for c in CATEGORIES)


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip()


def read_report(report: dict[str, Any], result: PageResult) -> None:
    """Add one report's scores and its failing audits to ``result``."""
    if report.get("runtimeError"):
        result.errors.append(_text(report["runtimeError"].get("message", report["runtimeError"])))
    index = (report.get("environment") or {}).get("benchmarkIndex")
    if isinstance(index, int | float):
        result.benchmark_index.append(float(index))
    for warning in report.get("runWarnings") or []:
        if _text(warning) not in result.warnings:
            result.warnings.append(_text(warning))
    scores: dict[str, int] = {}
    for cat in CATEGORIES:
        category = report["categories"].get(cat)
        if not category or category.get("score") is None:
            continue
        scores[cat] = round(category["score"] * 100)
        if scores[cat] == 100:
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            savings = {k: v for k, v in (audit.get("metricSavings") or {}).items() if v}
            diagnostic = ref.get("weight", 0) <= 0
            if diagnostic and not (cat == "performance" and savings):
                continue
            entry = result.audits.setdefault(ref["id"], Audit(ref["id"], _text(audit["title"]), cat, diagnostic))
            entry.runs += 1
            entry.display = _text(audit.get("displayValue", ""))
            if diagnostic:
                entry.display += " (" + ", ".join(f"{k} {v:g}" for k, v in savings.items()) + ")"
            entry.nodes = _elements(audit)
    if scores:  # a run that failed (runtimeError) has none
        result.scores.append(scores)


def _elements(audit: dict[str, Any]) -> list[str]:
    """The first elements or URLs an audit names."""
    found = []
    for item in (audit.get("details") or {}).get("items") or []:
        if isinstance(item.get("node"), dict) and item["node"].get("selector"):
            found.append(_text(item["node"]["selector"]))
        elif isinstance(item.get("url"), str) and item["url"].startswith("http"):
            found.append(urlsplit(item["url"]).path)
    return found[:3]


def run_page(binary: Path, url: str, out: Path, result: PageResult, timeout: float = 300) -> bool:
    """One Lighthouse run on ``url``; a failure is recorded, not raised. Whether it scored."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    try:
        proc = subprocess.run(
            command(str(binary), url, str(out)), env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        result.errors.append(f"timed out after {timeout:.0f} s")
        return False
    if proc.returncode or not out.is_file():
        result.errors.append(_text(proc.stderr)[-300:] or f"exit status {proc.returncode}")
        return False
    scored = len(result.scores)
    read_report(json.loads(out.read_text(encoding="utf-8")), result)
    out.unlink()
    return len(result.scores) > scored


RETRIES = 2
"""Further tries of a run that failed (Lighthouse now and then loses the trace of a page load,
NO_NAVSTART): each page gets its number of scored runs; every failure stays in the report."""


def measure(binary: Path, targets: list[tuple[PageResult, str]], runs: int, work: Path) -> list[PageResult]:
    """``runs`` rounds over every (page, URL); rounds rather than page by page, so that a busy
    moment of the machine does not fall on one page only."""
    work.mkdir(parents=True, exist_ok=True)
    for r in range(1, runs + 1):
        for n, (result, url) in enumerate(targets, 1):
            for _ in range(1 + RETRIES):
                if run_page(binary, url, work / "report.json", result, timeout=300):
                    last = result.scores[-1]
                    shown = " / ".join(str(last.get(c, "–")) for c in CATEGORIES)
                    break
                shown = "failed"
            log(f"lighthouse round {r}/{runs}, {n}/{len(targets)}: {result.site} {result.lang} {result.label}: {shown}")
    if all(not t.scores for t, _ in targets):
        raise BenchError("every Lighthouse run failed: " + "; ".join(e for t, _ in targets for e in t.errors[:1]))
    return [t for t, _ in targets]
