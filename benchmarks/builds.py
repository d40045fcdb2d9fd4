"""Build times: ours against mkdocs-static-i18n on the same generated Markdown, at 1× and 10×."""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import BENCH, ROOT, log, run

PROJECT = ("content", "docs", "build_tools", "mkdocs.yml", "pyproject.toml")
"""What a copy of the project holds: enough to build and serve."""
I18N = ("mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-static-i18n==1.3.1")
VENV = BENCH / "i18n-venv"
OURS = f"{sys.executable} -m build_tools build"


def copy_project(dest: Path, src: Path = ROOT) -> Path:
    """A copy of the project's sources at ``dest`` (no ``build/``, ``site/`` or caches)."""
    dest.mkdir(parents=True)
    for name in PROJECT:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src / name, dest / name)
    return dest


def scale_project(src: Path, dest: Path, factor: int) -> dict[str, float]:
    """A copy of ``src`` whose content is ``factor`` times as large in bytes: the modules (the only
    page kind the loader takes any number of) copied under new page and question ids."""
    copy_project(dest, src)
    size = sum(p.stat().st_size for p in (src / "content").rglob("*.yaml"))
    modules = sorted((src / "content" / "modules").glob("*.yaml"))
    total, n = size, 0
    while total < factor * size:
        source = modules[n % len(modules)]
        suffix = f"x{n // len(modules) + 1}"
        head, quiz, tail = source.read_text(encoding="utf-8").partition("\nquiz:\n")
        tail = re.sub(r"^(  - id: )(\S+)$", rf"\g<1>\g<2>-{suffix}", tail, flags=re.M)
        target = dest / "content" / "modules" / f"{source.stem}-{suffix}.yaml"
        target.write_text(head + quiz + tail, encoding="utf-8")
        total += target.stat().st_size
        n += 1
    pages = len(list((src / "content").rglob("*.yaml"))) - 1  # site.yaml is no page
    return {"bytes": total / size, "pages": (pages + n) / pages, "modules": n}


def ensure_venv() -> str:
    """The cached virtualenv with mkdocs-static-i18n (created once); its ``mkdocs``."""
    stamp = VENV / "installed.txt"
    if not (stamp.is_file() and stamp.read_text() == " ".join(I18N)):
        log(f"creating {VENV}: pip install {' '.join(I18N)}")
        shutil.rmtree(VENV, ignore_errors=True)
        run([sys.executable, "-m", "venv", str(VENV)])
        run([str(VENV / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", *I18N])
        stamp.write_text(" ".join(I18N))
    return str(VENV / "bin" / "mkdocs")


def i18n_project(project: Path, dest: Path, only: str = "*") -> Path:
    """``dest/mkdocs.yml``: our generated ``build/site/<lang>/docs`` (languages matching ``only``)
    in mkdocs-static-i18n's folder layout, Material's defaults (web fonts off: no internet here,
    and ours has them off too), our Markdown extensions (the Markdown needs them), navigation and
    URL style."""
    found = {p.parent.name: json.loads(p.read_text()) for p in (project / "build/site").glob(f"{only}/mkdocs.yml")}
    order = [a["lang"] for a in next(iter(found.values()))["extra"]["alternate"]]
    configs = {lang: found[lang] for lang in order if lang in found}
    shared: dict[str, Any] = yaml.safe_load((project / "mkdocs.yml").read_text())
    for lang, config in configs.items():
        shutil.copytree(config["docs_dir"], dest / "docs" / lang)
    first = next(iter(configs))
    names = {a["lang"]: a["name"] for a in configs[first]["extra"]["alternate"]}
    languages = [
        {"locale": lang, "name": names[lang], "default": lang == first, "build": True, "nav": c["nav"]}
        for lang, c in configs.items()
    ]
    config = {
        "site_name": configs[first]["site_name"],
        "docs_dir": str(dest / "docs"),
        "site_dir": str(dest / "site"),
        "use_directory_urls": shared["use_directory_urls"],
        "theme": {"name": "material", "font": False},
        "plugins": {"search": {}, "i18n": {"docs_structure": "folder", "languages": languages}},
        "markdown_extensions": shared["markdown_extensions"],
    }
    (dest / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return dest / "mkdocs.yml"


def hyperfine(commands: dict[str, str], cwd: Path, runs: int, warmup: int, until: float) -> dict[str, list[float]]:
    """Wall seconds of each run of ``commands`` (name → command), timed by hyperfine: one run of
    each in turn (a busy moment of the machine then falls on both), ``warmup`` runs of each first;
    no more than 2 runs after the time ``until``. (hyperfine's CPU times would leave out our
    workers: they are children of multiprocessing's fork server.)"""
    names = [x for name, cmd in commands.items() for x in ("-n", name, cmd)]
    times: dict[str, list[float]] = {name: [] for name in commands}
    out = cwd / "hyperfine.json"
    for n in range(runs):
        if n >= 2 and time.time() > until:
            break
        w = str(warmup if n == 0 else 0)
        run(["hyperfine", "-N", "-w", w, "-r", "1", "--export-json", str(out), "--style", "none", *names], cwd)
        for r in json.loads(out.read_text())["results"]:
            times[r["command"]] += r["times"]
    return times


def compare(project: Path, work: Path, runs: int, warmup: int, mkdocs: str, until: float) -> dict[str, list[float]]:
    """Build ``project`` once (for its Markdown), then time ours against static-i18n."""
    run(OURS.split(), project)
    config = i18n_project(project, work)
    log(f"hyperfine, {runs} runs: {project.name}")
    theirs = f"{mkdocs} build -q -f {config}"
    return hyperfine({"ours": OURS, "static-i18n": theirs}, project, runs, warmup, until)


def plain_site(project: Path, work: Path, mkdocs: str) -> Path:
    """Plain Material on the English Markdown of ``project``: the learners' reference."""
    run([mkdocs, "build", "-q", "-f", str(i18n_project(project, work, only="en"))])
    return work / "site"
