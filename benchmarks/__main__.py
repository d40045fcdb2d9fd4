"""``python -m benchmarks`` (``make bench``): measure on this machine and write BENCHMARKS.md.

Everything runs on copies of the project in a temporary directory: the working tree is only
read, and only ``BENCHMARKS.md`` (and the Lighthouse cache under ``build/bench/``) is written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks import authoring, baseline, buildtime, lighthouse, machine, report, weight
from benchmarks.common import BenchError, copy_project, load_average, log, run_timed
from benchmarks.serving import Site, serve, server_kind

SECTIONS = ("build", "serve", "weight", "lighthouse")
LIGHTHOUSE_CACHE = Path("build") / "bench" / "lighthouse"


def snapshot(root: Path, work: Path, attempts: int, wait: float) -> Path:
    """A copy of the project that builds, taken once so that every figure measures the same content.

    Colleagues edit the content while this runs; when the copy does not build, wait and copy again.
    """
    for attempt in range(1, attempts + 1):
        copy = copy_project(root, work / f"snapshot-{attempt}")
        run = run_timed([sys.executable, "-m", "build_tools", "build"], cwd=copy)
        if run.returncode == 0:
            log(f"snapshot builds ({run.wall:.1f} s): {run.output.splitlines()[-1] if run.output else ''}")
            return copy
        log(f"the project does not build right now (attempt {attempt}/{attempts}):\n{run.output[-2000:]}")
        shutil.rmtree(copy, ignore_errors=True)
        if attempt < attempts:
            log(f"waiting {wait:.0f} s before copying the project again")
            time.sleep(wait)
    raise BenchError(f"the project did not build in {attempts} attempts; nothing was measured")


def wait_idle(limit: float) -> None:
    """Give other work on the machine (a test run, say) up to ``limit`` seconds to finish."""
    cores = os.cpu_count() or 1
    waited = 0.0
    while os.getloadavg()[0] > cores and waited < limit:
        if waited == 0:
            log(f"load average {load_average()} on {cores} cores: waiting up to {limit:.0f} s for it to drop")
        time.sleep(15)
        waited += 15
    if waited:
        log(f"waited {waited:.0f} s; load average now {load_average()}")


def languages(project: Path) -> list[str]:
    """Language codes in the order of content/site.yaml (the first is the default)."""
    site = yaml.safe_load((project / "content" / "site.yaml").read_text(encoding="utf-8"))
    return [str(x["code"]) for x in site["languages"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project (default: .)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each build and authoring measurement")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    parser.add_argument("--output", type=Path, help="where to write the report (default: ROOT/BENCHMARKS.md)")
    parser.add_argument("--attempts", type=int, default=5, help="tries to get a copy of the project that builds")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=180,
        help="seconds to wait at most for the load average to drop below the number of cores (default: 180)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    sections = [s for s in args.only.split(",") if s]
    if unknown := set(sections) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    output: Path = args.output or root / "BENCHMARKS.md"
    started = time.perf_counter()
    wait_idle(args.wait_idle)
    info = machine.collect(load_average())
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    log(f"working in {work}")
    result = report.Results(machine=info, runs=args.runs, lighthouse_runs=args.lighthouse_runs, sections=sections)
    try:
        snap = snapshot(root, work, args.attempts, wait=60)
        langs = languages(snap)
        result.languages = langs
        base: baseline.Baseline | None = None
        if {"build", "lighthouse"} & set(sections):
            try:
                venv, versions = baseline.create_venv(work)
                base = baseline.Baseline(venv, baseline.i18n_project(snap, langs, work / "i18n").parent, versions)
                info.versions["mkdocs-static-i18n (baseline)"] = versions["mkdocs-static-i18n"]
            except (subprocess.CalledProcessError, OSError) as exc:
                result.baseline_error = f"{exc}: {getattr(exc, 'stderr', '') or ''}".strip()
                log(f"no baseline: {result.baseline_error}")
        if "build" in sections:
            result.build = buildtime.measure(snap, langs, work / "build-times", args.runs, base)
        if "serve" in sections:
            result.authoring = authoring.measure(snap, work, args.runs)
        if "weight" in sections:
            plain = baseline.plain_material(snap, langs[0], work / "plain")
            one = baseline.one_page_material(work / "plain-one-page")
            for config in (plain, one):
                baseline.build_once(baseline.mkdocs_build(sys.executable, config), work)
            result.weight = weight.measure(
                snap / "site",
                langs,
                snap / "docs" / "assets",
                work / "plain" / "site",
                work / "plain-one-page" / "site",
            )
            log("weighed every page type")
        if "lighthouse" in sections:
            binary, version, spec = lighthouse.install(root / LIGHTHOUSE_CACHE)
            info.versions["Lighthouse"] = version
            result.lighthouse_spec = spec
            result.server = server_kind()
            ours = Site(snap / "site", deploy_headers=True)
            sites = [ours]
            if base:
                if not (base.project / "site").is_dir():
                    baseline.build_once(base.command(), base.project)
                sites.append(Site(base.project / "site"))
            with serve(snap, sites, work):
                targets: list[tuple[lighthouse.PageResult, str]] = [
                    (lighthouse.PageResult("ours", lang, label, f"{lang}/{path}"), f"{ours.url}{lang}/{path}")
                    for lang in langs
                    for label, path in lighthouse.PAGES
                    if (ours.root / lang / path).is_file()
                ]
                if base:
                    targets += [
                        (lighthouse.PageResult("baseline", langs[0], label, path), f"{sites[1].url}{path}")
                        for label, path in lighthouse.PAGES
                        if (sites[1].root / path).is_file()
                    ]
                result.lighthouse = lighthouse.measure(binary, targets, args.lighthouse_runs, work / "lighthouse")
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    info.load_end = load_average()
    result.duration = time.perf_counter() - started
    output.write_text(report.render(result), encoding="utf-8")
    log(f"wrote {output} after {result.duration / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
