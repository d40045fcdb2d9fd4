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
- The query (a step appended to Material's search worker; ``en``, ``ru``, ``vi``). Material matches
  each query word as a prefix of the indexed words, so "strategies" did not find "strategy",
  nor «стратегическому» «стратегического». Where lunr has a stemmer (English Porter, Russian
  Snowball), the index also holds each word's stem, and each query word also asks for its stem
  as a prefix, at half weight (the form as typed ranks first), in titles and text but not in
  tags. A stop word of the language is dropped from the query: as a prefix, «и» matched every
  word starting with и. A word found through its stem, and a stop word, count as found
  (Material, which knows only English stop words, listed them as missing), and each position
  is marked once. Material's own stemmer step stays out: it stemmed queries that prefix
  matching then missed. Indonesian has neither a stemmer nor stop words here.
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


WORKER_DIR = "assets/javascripts/workers"

# Appended to Material's search worker, which has set ``self.lunr``. ``{stemmer}`` is a function
# returning the language's stemmer (lunr.ru is loaded later, when the worker is set up).
_QUERY_STEP = (
    ";(function(l,g,z){{if(!l)return;var s,o,P=l.Query.presence;"
    # S: a word's stem (the word itself without a stemmer); W: is it a stop word of the language.
    "function S(w){{s=s||g();return s?s(new l.Token(w,{{}})).toString():w}}"
    "function W(w){{o=o||z();return!!o&&!o(new l.Token(w,{{}}))}}"
    # T: the index step that adds a word's stem after it, at the word's position.
    "function T(t){{var w=t.toString(),r=S(w);return r===w?t:[t,t.clone(function(){{return r}})]}}"
    'l.Pipeline.registerFunction(T,"wordForms");var A=l.Builder.prototype.add;'
    "l.Builder.prototype.add=function(d,a){{g()&&this.pipeline._stack.indexOf(T)<0&&this.pipeline.add(T);"
    "return A.call(this,d,a)}};"
    # A stop word is dropped from the query (as a prefix, "и" matched every word starting with и)
    # and counted as found. Each other prefix query word also asks for its stem as a prefix, at
    # half weight, in titles and text (tags, weighed ten times a title, are matched as typed).
    # F: (word, stem) pairs; N: the stop words.
    "l.Index.prototype.search=function(q){{var F=[],N=[],R=this.query(function(Q){{new l.QueryParser(q,Q).parse();"
    "Q.clauses.slice().forEach(function(c){{var t=c.term,r;"
    'if(c.presence===P.PROHIBITED||t.indexOf("*")!==t.length-1)return;t=t.slice(0,-1);'
    "if(W(t)&&Q.clauses.length>1){{N.push(t);Q.clauses.splice(Q.clauses.indexOf(c),1);return}}r=S(t);"
    "if(r===t||r.length<3)return;F.push([t,r]);"
    'Q.clause({{term:r+"*",fields:c.fields.filter(function(f){{return f!=="tags"}}),boost:(c.boost||1)/2,'
    "usePipeline:!1,presence:P.OPTIONAL}})}})}});"
    # Each position marked once; a word found through its stem, or a stop word, is not "missing".
    "R.forEach(function(x){{var m=x.matchData.metadata,k=Object.keys(m),v={{}};"
    "function h(p){{return k.some(function(e){{return!e.indexOf(p)}})}}"
    "k.forEach(function(e){{for(var f in m[e]){{var p=m[e][f].position;"
    "p&&(m[e][f].position=p.filter(function(a){{return v[f+a]?0:v[f+a]=1}}))}}}});"
    "F.forEach(function(f){{!h(f[0])&&h(f[1])&&(m[f[0]]={{}})}});N.forEach(function(t){{m[t]=m[t]||{{}}}})}});"
    "return R}}}})(self.lunr,function(){{return {stemmer}}},function(){{return {stop_words}}});"
)
_QUERY = {  # the stemmer and the stop-word filter of each page language that has either
    "en": ("self.lunr.stemmer", "self.lunr.stopWordFilter"),
    "ru": ("self.lunr.ru&&self.lunr.ru.stemmer", "self.lunr.ru&&self.lunr.ru.stopWordFilter"),
    "vi": ("null", "self.lunr.vi&&self.lunr.vi.stopWordFilter"),
}


def patch_site(site_dir: Path, languages: Iterable[str], page_language: str) -> dict[Path, str]:
    """Patch the lunr file of each search language (``plugins.search.lang``) that has a patch, in
    place (lunr files have no content in their names). Return the search worker with the query
    step of ``page_language`` added, if it has one, for :func:`build_tools.hashed.write`."""
    for lang in languages:
        if lang in _FOLD:
            path = site_dir / LUNR_DIR / f"lunr.{lang}.min.js"
            path.write_text(patch(lang, path.read_text(encoding="utf-8")), encoding="utf-8")
    if page_language not in _QUERY:
        return {}
    workers = sorted((site_dir / WORKER_DIR).glob("search.*.min.js"))
    if len(workers) != 1:
        raise LunrPatchError(
            f"{WORKER_DIR}: expected one search worker, found {len(workers)}; see build_tools/lunrpatch.py"
        )
    text = workers[0].read_text(encoding="utf-8")
    if "self.lunr=" not in text:
        raise LunrPatchError(f"{WORKER_DIR}/{workers[0].name}: no longer sets self.lunr; see build_tools/lunrpatch.py")
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)  # the map describes the file as shipped
    stemmer, stop_words = _QUERY[page_language]
    return {workers[0]: text + _QUERY_STEP.format(stemmer=stemmer, stop_words=stop_words) + "\n"}
