"""``python -m benchmarks``: measure everything in one run and write BENCHMARKS.md."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from statistics import median
from typing import Any

from benchmarks import authoring, builds, learners
from benchmarks.common import BENCH, ROOT, log, run

KB = 1000
FACTOR = 10  # the scale run's content size
BUDGET = 450
"""Seconds: Lighthouse runs a page more than once only if the run can still end within them."""


def verdict(value: float, limit: float, higher: bool = False, unit: str = "") -> str:
    """``✅ met`` or ``❌ missed by …``."""
    miss = (limit - value) if higher else (value - limit)
    return "✅ met" if miss <= 0 else f"❌ missed by {miss:.2f}{unit}".replace(".00", "")


def show(score: int | None) -> str:
    return "–" if score is None else str(score)


def first_line(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return next((x for x in (proc.stdout + proc.stderr).splitlines() if x.strip()), "?").strip()


def report(
    b: dict[str, Any], a: dict[str, Any], pages: dict[str, tuple[learners.Page, learners.Page]], m: dict[str, str]
) -> str:
    one, ten, size = b["one"], b["scale"], b["size"]
    full = median(one["ours"])
    r1, r10 = full / median(one["static-i18n"]), median(ten["ours"]) / median(ten["static-i18n"])
    growth, ra = median(ten["ours"]) / full, a["median"] / full
    above = {k: (ours.gz - plain.gz) / KB for k, (ours, plain) in pages.items()}
    worst = max(above, key=lambda k: above[k])
    perf: dict[str, int] = {}
    for k, (o, p) in pages.items():
        if (x := o.score("performance")) is not None and (y := p.score("performance")) is not None:
            perf[k] = x - y
    missing = [k for k in pages if k not in perf]
    low = "no score: " + ", ".join(missing) if missing else min(perf, key=lambda k: perf[k])
    others = {f"{c} {k}": o.score(c) for k, (o, _) in pages.items() for c in learners.CATEGORIES[1:]}
    short = [f"{name} ({s})" for name, s in others.items() if s != 100]
    runs = len(next(iter(pages.values()))[0].scores)
    lines = [
        "# Benchmarks\n",
        f"Written by `make bench` (benchmarks/) on {datetime.now(UTC):%Y-%m-%d %H:%M UTC}, commit {m['commit']}; "
        f"do not edit. Machine: {os.cpu_count()} cores, load average {m['load']} (1/5/15 min) before the run, "
        f"{m['load_end']} after; the run took {m['took']}. {m['versions']}.\n",
        "| target | figure | target | status |",
        "| --- | --- | --- | --- |",
        f"| Full build, ours / static-i18n | {r1:.2f} | ≤ 0.6 | {verdict(r1, 0.6)} |",
        f"| Full build at {FACTOR}× content, ours / static-i18n | {r10:.2f} | ≤ 0.5 | {verdict(r10, 0.5)} |",
        f"| Ours at {FACTOR}× / ours at 1× | {growth:.2f} | ≤ 8 | {verdict(growth, 8)} |",
        f"| Authoring loop / full build | {ra:.2f} ({a['median']:.2f} s / {full:.2f} s) | ≤ 0.5 | {verdict(ra, 0.5)} |",
        f"| Page transfer above plain Material, worst type | {above[worst]:+.1f} KB gz ({worst}) | ≤ +15 KB "
        f"| {verdict(above[worst], 15, unit=' KB')} |",
        f"| Lighthouse Performance, ours − plain, worst type | {perf.get(low, 0):+d} ({low}) | ≥ 0 "
        f"| {verdict(perf.get(low, -1), 0, higher=True, unit=' points')} |",
        f"| Lighthouse Accessibility, Best Practices, SEO (ours) | {len(others) - len(short)} of {len(others)} at 100"
        f"{': ' + ', '.join(short) if short else ''} | 100 | {'✅ met' if not short else '❌ missed'} |",
        "\n## Build time\n",
        f"`python -m build_tools build` (4 languages) against mkdocs-static-i18n {builds.I18N[-1].split('==')[1]} "
        "building the same generated Markdown (`build/site/<lang>/docs`) with Material's defaults; wall seconds "
        "timed by hyperfine, the two alternating run by run, median. At 1× one warm-up run each; at "
        f"{FACTOR}× ({size['modules']:.0f} copies of the modules under new page and question ids: "
        f"{size['bytes']:.1f}× the content YAML, {size['pages']:.1f}× the pages) the build that wrote the "
        "Markdown warms ours up, and static-i18n gets none.\n",
        "| content | ours s | static-i18n s | ours / static-i18n | ours, each run s | static-i18n, each run s |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for label, t in (("1×", one), (f"{FACTOR}×", ten)):
        o, s = median(t["ours"]), median(t["static-i18n"])
        each = [", ".join(f"{x:.2f}" for x in t[name]) for name in ("ours", "static-i18n")]
        lines.append(f"| {label} | {o:.2f} | {s:.2f} | {o / s:.2f} | {' | '.join(each)} |")
    lines += [
        "\n## Authoring loop\n",
        f"`python -m build_tools serve` on a copy of the project; each edit appends a word to the first English "
        f"text of `{authoring.EDITED}` and saves it; timed until `/__build` reports a new build and "
        f"`{authoring.PAGE}` holds the word (polling every 50 ms).\n",
        "| edits | median s | each s | rebuild times serve printed s | full build s (above) | serve's first build s |",
        "| ---: | ---: | --- | --- | ---: | ---: |",
        f"| {len(a['times'])} | {a['median']:.2f} | {', '.join(f'{x:.2f}' for x in a['times'])} "
        f"| {', '.join(f'{x:.1f}' for x in a['said']) or '–'} | {full:.2f} | {a['first']:.1f} |",
        "\n## Learners\n",
        "One English page per type, served by nginx with deploy/nginx.conf and deploy/headers.conf (ours) and the "
        "same gzip settings (plain: Material's defaults on the same Markdown, built by mkdocs-static-i18n for "
        "English only). Transfer: gzipped bytes of the HTML, every stylesheet and script it references, and "
        "the search worker and index Material fetches at load (English: no stemmer scripts); 1 KB = 1,000 bytes. "
        f"Lighthouse {m['lighthouse']} with its mobile defaults, {'median of ' if runs > 1 else ''}{runs} run(s) "
        "per page, ours and plain in turn in one Chromium (which goes first alternates by type).\n",
        "| page | ours KB gz | plain KB gz | above plain KB | Performance ours / plain | A11y / BP / SEO ours "
        "| A11y / BP / SEO plain |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for kind, (o, p) in pages.items():
        trio = ["/".join(show(x.score(c)) for c in learners.CATEGORIES[1:]) for x in (o, p)]
        lines.append(
            f"| {kind} | {o.gz / KB:.1f} | {p.gz / KB:.1f} | {above[kind]:+.1f} "
            f"| {show(o.score('performance'))} / {show(p.score('performance'))} | {trio[0]} | {trio[1]} |"
        )
    bank = pages["final quiz"][0].bank / KB
    lines.append(
        f"\nThe final quiz's question bank (`assets/quiz-bank-*.js`), fetched when the learner starts an attempt "
        f"and so not in the final quiz's row: {bank:.1f} KB gz."
    )
    if (notes := ROOT / "benchmarks" / "NOTES.md").exists():  # by hand: why a target is missed
        lines.append("\n## Notes (by hand, benchmarks/NOTES.md)\n\n" + notes.read_text(encoding="utf-8").strip())
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="hyperfine runs at 1× (default 5)")
    parser.add_argument("--scale-runs", type=int, default=2, help=f"hyperfine runs at {FACTOR}× (default 2)")
    parser.add_argument("--edits", type=int, default=5, help="saves timed in the authoring loop (default 5)")
    args = parser.parse_args()
    started, load = time.time(), " / ".join(f"{x:.2f}" for x in os.getloadavg())
    commit = run(["git", "rev-parse", "--short", "HEAD"], ROOT).strip()
    if run(["git", "status", "--porcelain", "--", *builds.PROJECT], ROOT).strip():
        commit += " plus uncommitted changes"
    work = BENCH / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    lighthouse = learners.ensure_lighthouse()
    mkdocs = builds.ensure_venv()
    one = builds.copy_project(work / "one")
    b: dict[str, Any] = {"one": builds.compare(one, work / "i18n-one", args.runs, 1, mkdocs, started + 120)}
    log("authoring loop")  # right after the full builds it is compared with
    a = authoring.measure(work / "serve", one, args.edits)
    plain = builds.plain_site(one, work / "plain", mkdocs)
    b["size"] = builds.scale_project(one, work / "scale", FACTOR)
    log("scale: {modules:.0f} extra modules, {bytes:.1f}× the content bytes".format(**b["size"]))
    b["scale"] = builds.compare(work / "scale", work / "i18n-scale", args.scale_runs, 0, mkdocs, started + 300)
    log("learners")
    pages = learners.measure(one / "site", plain, work / "nginx", started + BUDGET)
    took = time.time() - started
    meta = {
        "commit": commit,
        "load": load,
        "load_end": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "took": f"{took // 60:.0f} min {took % 60:.0f} s",
        "lighthouse": lighthouse,
        "versions": f"Python {sys.version.split()[0]}, MkDocs {version('mkdocs')}, Material "
        f"{version('mkdocs-material')}, {first_line(['/usr/bin/chromium', '--version'])}, "
        f"{first_line(['hyperfine', '--version'])}, {first_line(['/usr/sbin/nginx', '-v'])}",
    }
    (ROOT / "BENCHMARKS.md").write_text(report(b, a, pages, meta), encoding="utf-8")
    log(f"wrote BENCHMARKS.md after {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
