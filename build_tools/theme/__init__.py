"""Everything that touches MkDocs' or Material's internals, in one place.

Material for MkDocs reaches its end of life on 5 May 2027. What lives here is what an upgrade
(or the move to its successor) must re-check; the rest of ``build_tools`` writes plain Markdown
and configuration and knows nothing of the theme's insides.

- ``overrides/``: the theme's ``custom_dir`` (language switcher, head metadata, translated
  interface strings, the sitemap with hreflang alternates);
- ``hooks.py``: the MkDocs hooks of every language build;
- ``rawhtml.py``: generated HTML blocks passed through Markdown unparsed (MkDocs-private names);
- ``lunr.py`` with ``*.js``: Material's lunr-languages files and search worker extended;
- ``hashed.py``: a changed theme file renamed by its content.

:func:`check_versions` runs at the start of every build: on a version this code was not written
for, the build stops with a message that says what to re-check, instead of producing a site
that silently lost a patch.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import jinja2

from build_tools.errors import BuildToolsError

HERE = Path(__file__).parent
OVERRIDES = Path("build_tools") / "theme" / "overrides"
"""The theme's ``custom_dir``, relative to the project root (a template error names it so)."""
HOOKS = HERE / "hooks.py"

WRITTEN_FOR = {"mkdocs": "1.6.", "mkdocs-material": "9.8."}
"""Each package and the version prefix this folder was written and checked against."""


class ThemeVersionError(BuildToolsError):
    """MkDocs or Material is at a version ``build_tools/theme/`` was not written for."""


def check_versions() -> None:
    """Refuse to build with an MkDocs or Material this folder was not written for.

    Raises:
        ThemeVersionError: naming each package, its installed and its expected version.
    """
    wrong = []
    for package, prefix in WRITTEN_FOR.items():
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if not installed.startswith(prefix):
            wrong.append(f"{package} {installed} is installed; build_tools/theme/ was written for {prefix}x")
    if wrong:
        raise ThemeVersionError(
            "; ".join(wrong) + ". Re-check every file in build_tools/theme/ against the new version "
            "(see its __init__.py), then update WRITTEN_FOR there; or install the versions in pyproject.toml."
        )


_BYTECODE: jinja2.BytecodeCache | None = None


def use_bytecode_cache(folder: Path) -> jinja2.BytecodeCache:
    """Compiled Jinja templates kept in ``folder``, shared by every environment of this process
    (ours and the theme's) and by every build process: a template is compiled once, not once per
    language and build. Jinja checks each template's source, so an edited template is compiled
    again."""
    global _BYTECODE
    folder.mkdir(parents=True, exist_ok=True)
    _BYTECODE = jinja2.FileSystemBytecodeCache(str(folder))
    return _BYTECODE


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The cache :func:`use_bytecode_cache` set up in this process, if any."""
    return _BYTECODE
