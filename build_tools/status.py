"""``python -m build_tools status``: how complete each language is, and what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from build_tools import content as c
from build_tools.errors import Problem
from build_tools.models import Site
from build_tools.yamlload import Document

Collected = tuple[list[str], dict[str, int], dict[str, list[str]], int, list[Problem]]


def collect(root: Path, content_dir: str = "content") -> Collected:
    """Languages, translated-text counts, missing texts per language, the number of texts, and
    the problems of the files that could not be read (whose texts are not counted)."""
    site_doc, unread = c.read_document(root, f"{content_dir}/site.yaml")
    if site_doc is not None:
        unread = []
    languages = c.declared_languages(site_doc)
    counts = dict.fromkeys(languages, 0)
    missing: dict[str, list[str]] = {lang: [] for lang in languages}
    total = 0
    docs: list[tuple[Document, type[BaseModel]]] = [(site_doc, Site)] if site_doc else []
    for spec in c.page_specs(root / content_dir, content_dir):
        if (root / spec.source).exists():
            doc, problems = c.read_document(root, spec.source)
            if doc is not None:
                docs.append((doc, spec.model))
            else:
                unread += problems
    for doc, model in docs:
        total += sum(1 for loc, v in c.iter_texts(model, doc.data) if isinstance(v, dict))
        for lang, n in c.count_texts(doc, model, languages).items():
            counts[lang] += n
        for lang, where in c.missing_texts(doc, model, languages).items():
            missing[lang] += where
    return languages, counts, missing, total, unread


def status(root: Path) -> int:
    """Print the status table; return 1 when a language is incomplete or a file cannot be read
    (its texts cannot be counted, so no language can be called complete)."""
    languages, counts, missing, total, unread = collect(root)
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
    if unread:
        print("\nnot counted: these files cannot be read (fix them, then run status again):", file=sys.stderr)
        for problem in unread:
            print(f"  {problem}", file=sys.stderr)
    return 1 if incomplete or unread else 0
