"""``python -m build_tools schema``: JSON Schemas for editors (YAML language server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from build_tools.models import Page, Site
from build_tools.models import Text as TextModel

SCHEMAS: dict[str, Any] = {"site": Site, "page": Page}


def _languages(root: Path) -> list[str]:
    from build_tools.content import declared_languages, read_document

    return declared_languages(read_document(root, "content/site.yaml")[0])


def page_schema() -> dict[str, Any]:
    """One schema for every page file: the common fields plus the kind-specific ones, optional."""
    from build_tools.models import AssessmentPage, FinalQuizPage, GlossaryPage, LevelPage, ModulePage, ToolboxPage

    merged = Page.model_json_schema()
    for model in (LevelPage, ModulePage, ToolboxPage, GlossaryPage, FinalQuizPage, AssessmentPage):
        extra = model.model_json_schema()
        merged.setdefault("$defs", {}).update(extra.get("$defs", {}))
        for key, value in extra["properties"].items():
            merged["properties"].setdefault(key, value)
    merged["title"] = "Page"
    merged["description"] = "A page file under content/ (see AUTHORING.md)."
    return merged


def text_schema(languages: list[str]) -> dict[str, Any]:
    return {
        "title": "Text",
        "description": TextModel.__doc__,
        "type": "object",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
        "required": languages,
        "additionalProperties": False,
    }


def build_schemas(root: Path) -> dict[str, dict[str, Any]]:
    """The schemas, keyed by name, with ``Text`` spelled out for the site's languages."""
    languages = _languages(root)
    out = {"site": Site.model_json_schema(), "page": page_schema()}
    for schema in out.values():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("$defs", {})["Text"] = text_schema(languages)
    return out


def write_schemas(root: Path) -> list[Path]:
    """Write ``schema/<name>.schema.json``; return the paths written."""
    out_dir = root / "schema"
    out_dir.mkdir(exist_ok=True)
    written = []
    for name, schema in build_schemas(root).items():
        path = out_dir / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
