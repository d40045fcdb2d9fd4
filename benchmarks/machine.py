"""The machine and the versions of everything measured, for the report's header."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path


def _first_line(cmd: list[str]) -> str:
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    # Debian's chromium wrapper prints shell noise on stderr; nginx prints its version there.
    lines = [x for x in (proc.stdout or proc.stderr).splitlines() if x.strip()]
    return lines[0].strip() if lines else "unknown"


def _proc_field(path: str, name: str) -> str | None:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(rf"^{re.escape(name)}\s*[:=]\s*(.+)$", text, re.M)
    return m.group(1).strip().strip('"') if m else None


@dataclass
class Machine:
    """Where and with what the figures were measured."""

    date: str
    cpu: str
    cores: int
    ram: str
    os: str
    load_start: str
    versions: dict[str, str] = field(default_factory=dict)
    load_end: str = ""


def collect(load_start: str) -> Machine:
    """The machine, and the versions found on it (the benchmark adds those it installs)."""
    mem = _proc_field("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem else "unknown"
    machine = Machine(
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        cpu=_proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        cores=os.cpu_count() or 0,
        ram=ram,
        os=f"{_proc_field('/etc/os-release', 'PRETTY_NAME') or platform.system()}, Linux {platform.release()}",
        load_start=load_start,
    )
    machine.versions = {
        "Python": platform.python_version(),
        "MkDocs": importlib.metadata.version("mkdocs"),
        "Material for MkDocs": importlib.metadata.version("mkdocs-material"),
        "Chromium": _first_line(["/usr/bin/chromium", "--version"]),
        "Node.js": _first_line(["node", "--version"]),
        "nginx": _first_line(["/usr/sbin/nginx", "-v"]),
    }
    return machine
