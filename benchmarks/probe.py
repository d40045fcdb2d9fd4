"""Child process of the build-time benchmark: ``python -m benchmarks.probe {build,generate} ROOT``.

Each measurement runs in a fresh interpreter, as a user's ``make build`` does, and prints one
JSON object with its timings on the last line of stdout.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _timed(stages: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def build(root: Path) -> dict[str, Any]:
    """The real ``build_tools.build.build``, with the time of each of its stages.

    The stage functions are wrapped where ``build()`` looks them up, so the build that runs is
    the project's own, not a re-implementation of it.
    """
    started = time.perf_counter()
    module = importlib.import_module("build_tools.build")
    imported = time.perf_counter() - started
    stages: dict[str, float] = {}
    for name, stage in (("load_content", "load"), ("write_sources", "render_write"), ("run_mkdocs", "mkdocs")):
        setattr(module, name, _timed(stages, stage, getattr(module, name)))
    seconds = module.build(root)
    stages["finish"] = seconds - sum(stages.values())
    return {"import": imported, "build": seconds, "stages": stages}


def generate(root: Path) -> dict[str, Any]:
    """The generation step alone: load, validate and render every language to Markdown (no I/O
    but reading the content, no MkDocs)."""
    started = time.perf_counter()
    content_module = importlib.import_module("build_tools.content")
    render = importlib.import_module("build_tools.render")
    imported = time.perf_counter() - started
    started = time.perf_counter()
    content = content_module.load_content(root)
    loaded = time.perf_counter() - started
    files = 0
    for lang in content.languages:
        files += len(render.render_language(content, lang))
    total = time.perf_counter() - started
    return {"import": imported, "load": loaded, "render": total - loaded, "generate": total, "files": files}


def main(argv: list[str]) -> int:
    command, root = argv[0], Path(argv[1]).resolve()
    result = build(root) if command == "build" else generate(root)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
