"""Shared fixtures: inline content trees and a built copy of the real site."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import minimal_tree

from build_tools.content import load_content
from build_tools.errors import ContentError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid minimal project in a temporary directory."""
    return minimal_tree(tmp_path)


def problems_of(root: Path) -> list[str]:
    """Every problem the checker reports for the project at ``root`` (empty when valid)."""
    try:
        load_content(root)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []
