"""Shared fixtures: inline content trees and a built copy of the real site."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import REPO, minimal_tree

from build_tools.content import load_content
from build_tools.errors import ContentError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid minimal project in a temporary directory."""
    return minimal_tree(tmp_path)


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this run: under pytest-xdist, the one all the workers share."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of the project with the real content, built (tests never write into the
    repo). Under pytest-xdist the first worker to need it copies and builds it, under a lock, and
    the others use it: one build per run. Tests may build variants elsewhere from it (a bundle,
    a site with SITE_URL) but never change its content or its site."""
    shared = _shared_folder(tmp_path_factory)
    root = shared / "real-project"
    with (shared / "real-project.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / ".built").exists():
            shutil.rmtree(root, ignore_errors=True)
            for name in ("content", "docs", "build_tools", "mkdocs.yml", "pyproject.toml"):
                src = REPO / name
                if src.is_dir():
                    shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy2(src, root / name)
            from build_tools.build import build

            build(root)
            (root / ".built").touch()
        fcntl.flock(lock, fcntl.LOCK_UN)
    return root


@pytest.fixture(scope="session")
def real_site(real_project: Path) -> Path:
    """The real content's site, built once per run (``real_project``)."""
    return real_project / "site"


def problems_of(root: Path) -> list[str]:
    """Every problem the checker reports for the project at ``root`` (empty when valid)."""
    try:
        load_content(root)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []
