"""1. Build time: our cold full build, the generation step alone, and the mkdocs-static-i18n
baseline building the same Markdown, interleaved run by run so that both see the same machine."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import baseline
from benchmarks.common import BenchError, Run, Series, copy_project, generated_config, log, run_timed


@dataclass
class BuildTimes:
    """Every figure of the build-time section (seconds)."""

    runs: int
    full: Series = field(default_factory=Series)
    """``python -m benchmarks.probe build``: interpreter, imports and ``build()``, wall clock."""
    full_cpu: Series = field(default_factory=Series)
    build_fn: Series = field(default_factory=Series)
    """What ``build()`` itself returned."""
    stages: dict[str, Series] = field(default_factory=dict)
    """Wall seconds of each stage of ``build()``."""
    stages_cpu: dict[str, Series] = field(default_factory=dict)
    workers: dict[str, Series] = field(default_factory=dict)
    """Seconds the worker processes spent rendering and in MkDocs, summed over the languages."""
    generate: Series = field(default_factory=Series)
    """``load_content`` + ``render_language`` for every language, in a fresh interpreter."""
    generate_cpu: Series = field(default_factory=Series)
    load: Series = field(default_factory=Series)
    render: Series = field(default_factory=Series)
    load_parts: dict[str, Series] = field(default_factory=dict)
    """Parts of loading: ``yaml`` (reading and parsing), ``validate`` (the pydantic models)."""
    generate_import: Series = field(default_factory=Series)
    files: int = 0
    baseline: Series = field(default_factory=Series)
    baseline_cpu: Series = field(default_factory=Series)
    one_language: Series = field(default_factory=Series)
    """MkDocs alone on our first language's generated configuration."""
    one_language_cpu: Series = field(default_factory=Series)
    one_page: Series = field(default_factory=Series)
    """MkDocs on a one-page Material site: the fixed cost of one MkDocs process."""
    one_page_cpu: Series = field(default_factory=Series)
    languages: list[str] = field(default_factory=list)
    site_files: int = 0
    site_bytes: int = 0
    baseline_files: int = 0
    baseline_bytes: int = 0

    @property
    def ratio(self) -> float | None:
        return self.full.median / self.baseline.median if self.baseline else None

    @property
    def cpu_ratio(self) -> float | None:
        return self.full_cpu.median / self.baseline_cpu.median if self.baseline_cpu else None

    @property
    def generation_share(self) -> float:
        return self.generate.median / self.full.median

    @property
    def generation_cpu_share(self) -> float:
        return self.generate_cpu.median / self.full_cpu.median


def _probe(kind: str, copy: Path) -> tuple[Run, dict[str, Any]]:
    run = run_timed([sys.executable, "-m", "benchmarks.probe", kind, str(copy)], cwd=copy)
    if run.returncode:
        raise BenchError(f"`python -m benchmarks.probe {kind}` failed:\n{run.output}")
    return run, json.loads(run.output.splitlines()[-1])


def _checked(run: Run, what: str) -> Run:
    if run.returncode:
        raise BenchError(f"{what} failed:\n{run.output}")
    return run


def _tree_size(root: Path) -> tuple[int, int]:
    """Files and bytes under ``root``."""
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _one_language_config(snapshot: Path, lang: str, work: Path) -> Path:
    """Our generated configuration of ``lang``, writing into ``work`` instead of the staging dir."""
    text = generated_config(snapshot, lang).read_text(encoding="utf-8")
    config = work / f"mkdocs.{lang}.yml"
    config.write_text(text.replace('"SITE_DIR"', json.dumps(str(work / f"site-{lang}"))), encoding="utf-8")
    return config


def measure(snapshot: Path, languages: list[str], work: Path, runs: int, base: baseline.Baseline | None) -> BuildTimes:
    """Run every build-time measurement ``runs`` times, interleaved.

    Args:
        snapshot: a copy of the project that has been built once (``build/`` holds its Markdown).
        languages: the language codes, first one first.
        work: an empty scratch directory.
        runs: how many times to measure each figure.
        base: the mkdocs-static-i18n baseline, or None when it could not be installed.
    """
    times = BuildTimes(runs=runs, languages=languages)
    work.mkdir(parents=True, exist_ok=True)
    one_lang = _one_language_config(snapshot, languages[0], work)
    one_page = baseline.one_page_material(work / "one-page")
    python = sys.executable
    for i in range(1, runs + 1):
        copy = copy_project(snapshot, work / f"run-{i}")
        run, result = _probe("build", copy)
        times.full.add(run.wall)
        times.full_cpu.add(run.cpu)
        times.build_fn.add(result["build"])
        for stage, (wall, cpu) in result["stages"].items():
            times.stages.setdefault(stage, Series()).add(wall)
            times.stages_cpu.setdefault(stage, Series()).add(cpu)
        for step, seconds in result.get("workers", {}).items():
            times.workers.setdefault(step, Series()).add(seconds)
        times.site_files, times.site_bytes = _tree_size(copy / "site")
        _, gen = _probe("generate", copy)
        times.generate.add(gen["generate"])
        times.generate_cpu.add(gen["cpu"])
        times.load.add(gen["load"])
        times.render.add(gen["render"])
        for part, seconds in gen.get("load_parts", {}).items():
            times.load_parts.setdefault(part, Series()).add(seconds)
        times.generate_import.add(gen["import"])
        times.files = gen["files"]
        shutil.rmtree(copy)
        line = f"build run {i}/{runs}: ours {run.wall:.2f} s (generation {gen['generate']:.2f} s)"
        if base:
            shutil.rmtree(base.project / "site", ignore_errors=True)
            b = _checked(run_timed(base.command(), cwd=base.project), "the mkdocs-static-i18n build")
            times.baseline.add(b.wall)
            times.baseline_cpu.add(b.cpu)
            times.baseline_files, times.baseline_bytes = _tree_size(base.project / "site")
            line += f", baseline {b.wall:.2f} s"
        shutil.rmtree(work / f"site-{languages[0]}", ignore_errors=True)
        single = _checked(
            run_timed([python, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(one_lang)], cwd=work),
            "MkDocs on one language",
        )
        times.one_language.add(single.wall)
        times.one_language_cpu.add(single.cpu)
        shutil.rmtree(work / "one-page" / "site", ignore_errors=True)
        page = _checked(run_timed(baseline.mkdocs_build(python, one_page), cwd=work), "MkDocs on one page")
        times.one_page.add(page.wall)
        times.one_page_cpu.add(page.cpu)
        log(line + f", one language {single.wall:.2f} s, one page {page.wall:.2f} s")
    return times
