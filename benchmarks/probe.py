"""Child process of the build-time benchmark: ``python -m benchmarks.probe {build,generate} ROOT``.

Each measurement runs in a fresh interpreter, as a user's ``make build`` does, and prints one
JSON object with its timings (wall clock and CPU seconds) on the last line of stdout.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the MkDocs processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(stages: dict[str, list[float]], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), _cpu()
        try:
            return func(*args, **kwargs)
        finally:
            wall, used = stages.setdefault(name, [0.0, 0.0])
            stages[name] = [wall + time.perf_counter() - started, used + _cpu() - cpu]

    return wrapper


def build(root: Path) -> dict[str, Any]:
    """The real ``build_tools.build.build``, with the time of each of its stages (its own
    ``Stopwatch``)."""
    started = time.perf_counter()
    module = importlib.import_module("build_tools.build")
    imported = time.perf_counter() - started
    watch = module.Stopwatch()
    seconds = module.build(root, stopwatch=watch)
    return {"import": imported, "build": seconds, "stages": watch.stages, "workers": watch.workers}


def generate(root: Path) -> dict[str, Any]:
    """The generation step alone: load, validate and render every language to Markdown (no I/O
    but reading the content, no MkDocs)."""
    started = time.perf_counter()
    content_module = importlib.import_module("build_tools.content")
    render = importlib.import_module("build_tools.render")
    imported = time.perf_counter() - started
    # Where loading spends its time: reading YAML, pydantic validation (names looked up by
    # load_content at call time; skipped if the module no longer has them).
    parts: dict[str, list[float]] = {}
    for name, part in (("read_document", "yaml"), ("_validate", "validate")):
        if callable(getattr(content_module, name, None)):
            setattr(content_module, name, _timed(parts, part, getattr(content_module, name)))
    started, cpu = time.perf_counter(), time.process_time()
    content = content_module.load_content(root)
    loaded = time.perf_counter() - started
    files = 0
    for lang in content.languages:
        files += len(render.render_language(content, lang))
    total = time.perf_counter() - started
    return {
        "import": imported,
        "load": loaded,
        "render": total - loaded,
        "generate": total,
        "cpu": time.process_time() - cpu,
        "files": files,
        "load_parts": {k: wall for k, (wall, _) in parts.items()},
    }


def main(argv: list[str]) -> int:
    command, root = argv[0], Path(argv[1]).resolve()
    result = build(root) if command == "build" else generate(root)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
