"""The comparison sites: the same generated Markdown built by mkdocs-static-i18n in a throwaway
virtualenv, and plain Material sites for the page-weight reference."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import child_env, generated_config, generated_docs, log

PACKAGES = ("mkdocs==1.6.1", "mkdocs-material==9.8.1", "mkdocs-static-i18n")
"""What the baseline environment installs: the project's MkDocs and Material, and the plugin."""


@dataclass
class Baseline:
    """A throwaway virtualenv with mkdocs-static-i18n and a project that builds all languages."""

    venv: Path
    project: Path
    versions: dict[str, str]

    @property
    def mkdocs(self) -> Path:
        return self.venv / "bin" / "mkdocs"

    def command(self) -> list[str]:
        return [str(self.mkdocs), "build", "--quiet", "-f", str(self.project / "mkdocs.yml")]


def create_venv(where: Path) -> tuple[Path, dict[str, str]]:
    """``python -m venv`` and ``pip install`` the baseline's packages; their installed versions.

    Raises:
        subprocess.CalledProcessError: the environment could not be created (no network, ...).
    """
    venv = where / "venv"
    log(f"creating the baseline virtualenv: pip install {' '.join(PACKAGES)}")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES],
        check=True,
        capture_output=True,
        text=True,
    )
    out = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m, json; "
            "print(json.dumps({p: m.version(p) for p in ('mkdocs', 'mkdocs-material', 'mkdocs-static-i18n')}))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    versions: dict[str, str] = json.loads(out)
    return venv, versions


def _language_configs(snapshot: Path, languages: list[str]) -> dict[str, dict[str, Any]]:
    """The per-language configuration our build generated (JSON, so YAML reads it)."""
    return {lang: json.loads(generated_config(snapshot, lang).read_text(encoding="utf-8")) for lang in languages}


def shared_config(snapshot: Path) -> dict[str, Any]:
    """The project's shared ``mkdocs.yml``."""
    config: dict[str, Any] = yaml.safe_load((snapshot / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def i18n_project(snapshot: Path, languages: list[str], dest: Path) -> Path:
    """``dest/docs/<lang>/`` holding the Markdown our generator wrote, ``dest/docs/assets/``, and one
    ``mkdocs.yml``: the project's shared settings (theme, features, Markdown extensions, CSS and JS)
    with mkdocs-static-i18n in folder mode instead of one configuration per language. Our theme
    overrides are left out: the plugin brings its own language switcher."""
    docs = dest / "docs"
    for lang in languages:
        shutil.copytree(generated_docs(snapshot, lang), docs / lang, ignore=shutil.ignore_patterns("assets"))
    shutil.copytree(snapshot / "docs" / "assets", docs / "assets")
    per_lang = _language_configs(snapshot, languages)
    config = shared_config(snapshot)
    config.pop("strict", None)  # the plugin's own warnings (anchors across languages) would stop it
    config["theme"].pop("custom_dir", None)
    first = per_lang[languages[0]]
    config["site_name"] = first["site_name"]
    names = {alt["lang"]: alt["name"] for alt in first.get("extra", {}).get("alternate", [])}
    config["plugins"] = {
        "search": {},
        "i18n": {
            "docs_structure": "folder",
            "languages": [
                {
                    "locale": lang,
                    "name": names.get(lang, lang),
                    "default": lang == languages[0],
                    "build": True,
                    "site_name": per_lang[lang]["site_name"],
                    "copyright": per_lang[lang]["copyright"],
                    "nav": per_lang[lang]["nav"],
                    "theme": {"palette": per_lang[lang]["theme"]["palette"]},
                }
                for lang in languages
            ],
        },
    }
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(dest / "site")
    path = dest / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def plain_material(snapshot: Path, lang: str, dest: Path) -> Path:
    """The pages of one language as plain Material renders them: the same Markdown and navigation,
    Material's defaults (no palette toggle, no theme overrides, no extra CSS or JS). Web fonts are
    off as in ours: Material's default would fetch Roboto from Google Fonts."""
    docs = dest / "docs"
    shutil.copytree(generated_docs(snapshot, lang), docs, ignore=shutil.ignore_patterns("assets"))
    ours = _language_configs(snapshot, [lang])[lang]
    shared = shared_config(snapshot)
    config = {
        "site_name": ours["site_name"],
        "docs_dir": str(docs),
        "site_dir": str(dest / "site"),
        "use_directory_urls": shared.get("use_directory_urls", True),
        "theme": {"name": "material", "language": lang, "font": False},
        "nav": ours["nav"],
        "plugins": {"search": ours.get("plugins", {}).get("search", {})},
        "markdown_extensions": shared.get("markdown_extensions", []),
    }
    path = dest / "mkdocs.yml"
    path.write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def one_page_material(dest: Path) -> Path:
    """The smallest Material site: one short page, Material's defaults, web fonts off."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# A plain page\n\nOne paragraph of text.\n", encoding="utf-8")
    config = {
        "site_name": "Plain Material",
        "docs_dir": str(docs),
        "site_dir": str(dest / "site"),
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
    }
    path = dest / "mkdocs.yml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def mkdocs_build(python: str, config: Path) -> list[str]:
    """The command that builds ``config`` with the MkDocs of ``python``'s environment."""
    return [python, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]


def build_once(command: list[str], cwd: Path) -> None:
    """Build a comparison site once, failing loudly: its figures would be meaningless otherwise."""
    proc = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{proc.stdout}{proc.stderr}")
