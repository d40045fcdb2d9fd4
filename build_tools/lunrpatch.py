"""Material's lunr-languages files, corrected and extended where the site's search needs it.

Patched in every built language site (``on_post_build``), from the files of the installed
Material, so a Material upgrade brings its own copy and a patch that no longer applies fails the
build instead of silently doing nothing.

- ``lunr.vi``: its word-character class is written with brackets, which ``generateTrimmer`` wraps
  in brackets again (``[^[A-Za-…]]``): the trimmer never matched. Its stop-word filter is not
  registered, and lunr warns about that on every page.
- Variants: ``lunr.vi`` also indexes each word without its diacritics ("khách" as "khach"),
  ``lunr.ru`` each word with "ё" as "е" ("партнёр" as "партнер"), so a query typed the way most
  people type finds it. The query is left as typed, and the results still mark the words as
  written (the variant keeps the word's position). Material leaves lunr's stemmers and trimmers
  out of its pipeline (``search.config.pipeline``); it leaves this step in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from build_tools.errors import BuildToolsError

LUNR_DIR = "assets/javascripts/lunr/min"

# A pipeline step that adds a token's variant after the token (same position metadata), as lunr
# allows a step to return several tokens. ``{fold}`` turns the word (a JavaScript string ``r``)
# into its variant.
_VARIANTS = (
    "e.{lang}.variants=function(t){{var r=t.toString(),n={fold};return n===r?t:[t,t.clone(function(){{return n}})]}},"
    'e.Pipeline.registerFunction(e.{lang}.variants,"variants-{lang}"),'
)
_FOLD = {
    "vi": 'r.normalize("NFD").replace(/[\\u0300-\\u036f]/g,"").replace(/\\u0111/g,"d")',
    "ru": 'r.replace(/\\u0451/g,"\\u0435")',
}


class LunrPatchError(BuildToolsError):
    """Material's copy of a lunr-languages file no longer looks as the patch expects."""


def _sub(text: str, pattern: str, replacement: str | Callable[[re.Match[str]], str], name: str, what: str) -> str:
    patched, count = re.subn(pattern, replacement, text, count=1)
    if count != 1:
        raise LunrPatchError(f"{LUNR_DIR}/{name}: cannot {what}: Material's copy changed; see build_tools/lunrpatch.py")
    return patched


def patch(lang: str, text: str) -> str:
    """``lunr.<lang>.min.js`` as Material ships it → as the site serves it."""
    name = f"lunr.{lang}.min.js"
    if lang == "vi":
        text = _sub(text, r'(e\.vi\.wordCharacters=")\[([^"\]]*)\]"', r'\1\2"', name, "unbracket wordCharacters")
        if '"stopWordFilter-vi"' not in text:
            text = _sub(
                text,
                r"(e\.vi\.stopWordFilter=e\.generateStopWordFilter\((?:[^()]|\([^()]*\))*\))",
                r'\1,e.Pipeline.registerFunction(e.vi.stopWordFilter,"stopWordFilter-vi")',
                name,
                "register the stop-word filter",
            )
    # The language's plugin function: add the step to its pipeline, and define the step after it.
    step = _VARIANTS.format(lang=lang, fold=_FOLD[lang])
    return _sub(
        text,
        rf"(e\.{lang}=function\(\)\{{[^{{}}]*)\}},",
        lambda m: f"{m.group(1)},this.pipeline.add(e.{lang}.variants)}},{step}",
        name,
        "add the variants step",
    )


def patch_site(site_dir: Path, languages: Iterable[str]) -> None:
    """Patch the lunr file of each search language (``plugins.search.lang``) that has a patch."""
    for lang in languages:
        if lang in _FOLD:
            path = site_dir / LUNR_DIR / f"lunr.{lang}.min.js"
            path.write_text(patch(lang, path.read_text(encoding="utf-8")), encoding="utf-8")
