"""``python -m build_tools status``: how complete each language is, and what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from build_tools import content as c
from build_tools.models import Site
from build_tools.yamlload import Document


def collect(root: Path, content_dir: str = "content") -> tuple[list[str], dict[str, int], dict[str, list[str]], int]:
    """Languages, translated-text counts, missing texts per language, and the number of texts."""
    site_doc, _ = c.read_document(root, f"{content_dir}/site.yaml")
    languages = c.declared_languages(site_doc)
    counts = dict.fromkeys(languages, 0)
    missing: dict[str, list[str]] = {lang: [] for lang in languages}
    total = 0
    docs: list[tuple[Document, type[BaseModel]]] = [(site_doc, Site)] if site_doc else []
    for spec in c.page_specs(root / content_dir, content_dir):
        if (root / spec.source).exists():
            doc, _ = c.read_document(root, spec.source)
            if doc is not None:
                docs.append((doc, spec.model))
    for doc, model in docs:
        total += sum(1 for loc, v in c.iter_texts(model, doc.data) if isinstance(v, dict))
        for lang, n in c.count_texts(doc, model, languages).items():
            counts[lang] += n
        for lang, where in c.missing_texts(doc, model, languages).items():
            missing[lang] += where
    return languages, counts, missing, total


def status(root: Path) -> int:
    """Print the status table; return 1 when a language is incomplete."""
    languages, counts, missing, total = collect(root)
    width = max(len(lang) for lang in languages)
    for lang in languages:
        pct = 100 * counts[lang] / total if total else 100
        print(f"{lang:<{width}}  {counts[lang]:>5}/{total} texts  {pct:5.1f}%  {len(missing[lang])} missing")
    incomplete = False
    for lang in languages:
        if missing[lang]:
            incomplete = True
            print(f"\nmissing in {lang}:", file=sys.stderr)
            for where in missing[lang]:
                print(f"  {where}", file=sys.stderr)
    return 1 if incomplete else 0
