"""The exception tree: one base class, one class per kind of failure."""

from __future__ import annotations

from dataclasses import dataclass


class BuildToolsError(Exception):
    """Base class of every error the build reports without a traceback."""


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, located as precisely as the YAML allows.

    Attributes:
        path: Repo-relative POSIX path of the file.
        line: 1-based line number (0 when the whole file is concerned and no line applies).
        key: Dotted key path with list indices, e.g. ``quiz[2].answer`` (empty for the file).
        message: One plain sentence.
    """

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class ContentError(BuildToolsError):
    """The content has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class SiteBuildError(BuildToolsError):
    """MkDocs failed or warned while building a language."""


class TemplateProblem(BuildToolsError):
    """A template (ours under build_tools/templates/ or a theme override under build_tools/theme/overrides/)
    failed: ``path:line: message`` when the line is known."""
