"""Load → model → validate: every content file, every problem, before anything is written."""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from build_tools import itemrules, termbase, yamlload
from build_tools.errors import ContentError, Problem
from build_tools.models import (
    ID_PATTERN,
    AssessmentPage,
    FinalQuizPage,
    GlossaryPage,
    LevelPage,
    ModulePage,
    Page,
    Question,
    Site,
    Text,
    ToolboxPage,
)
from build_tools.ui_keys import PLACEHOLDERS, UI_KEYS, placeholders
from build_tools.yamlload import Document, Loc

LEVELS = range(1, 6)
REF = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")


@dataclass(frozen=True)
class PageSpec:
    """Where a page's YAML lives and where its Markdown goes."""

    id: str
    source: str
    model: type[Page]
    kind: str
    md: str


@dataclass
class LoadedPage:
    """A validated page with the document it came from (for line numbers)."""

    spec: PageSpec
    page: Page
    doc: Document

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Content:
    """Everything the renderer needs, validated."""

    root: Path
    site: Site
    pages: list[LoadedPage] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return [lang.code for lang in self.site.languages]

    def page(self, page_id: str) -> LoadedPage:
        return next(p for p in self.pages if p.id == page_id)

    def levels(self) -> list[LevelPage]:
        """The level pages, in order 1 to 5."""
        found = [p.page for p in self.pages if isinstance(p.page, LevelPage)]
        return sorted(found, key=lambda lv: lv.level)

    def questions(self) -> Iterator[tuple[LoadedPage, Question]]:
        """The whole question bank, with the page (topic) of each question."""
        for p in self.pages:
            for q in p.page.quiz:
                yield p, q

    def toolbox(self) -> ToolboxPage | None:
        found = [p.page for p in self.pages if isinstance(p.page, ToolboxPage)]
        return found[0] if found else None

    def glossary(self) -> GlossaryPage | None:
        found = [p.page for p in self.pages if isinstance(p.page, GlossaryPage)]
        return found[0] if found else None


def page_specs(content_dir: Path, rel: str) -> list[PageSpec]:
    """The page files, in navigation order; modules are every YAML file under ``modules/``."""
    specs = [PageSpec("home", f"{rel}/home.yaml", Page, "home", "index.md")]
    specs += [
        PageSpec(f"level-{n}", f"{rel}/levels/level-{n}.yaml", LevelPage, "level", f"levels/level-{n}.md")
        for n in LEVELS
    ]
    specs.append(PageSpec("toolbox", f"{rel}/toolbox.yaml", ToolboxPage, "toolbox", "toolbox.md"))
    for path in sorted((content_dir / "modules").glob("*.yaml")):
        specs.append(PageSpec(path.stem, f"{rel}/modules/{path.name}", ModulePage, "module", f"modules/{path.stem}.md"))
    specs += [
        PageSpec("key-points", f"{rel}/key-points.yaml", Page, "key-points", "key-points.md"),
        PageSpec("final-quiz", f"{rel}/final-quiz.yaml", FinalQuizPage, "final-quiz", "final-quiz.md"),
        PageSpec("assessment", f"{rel}/assessment.yaml", AssessmentPage, "assessment", "assessment.md"),
        PageSpec("progress", f"{rel}/progress.yaml", Page, "progress", "progress.md"),
        PageSpec("glossary", f"{rel}/glossary.yaml", GlossaryPage, "glossary", "glossary.md"),
    ]
    return specs


REQUIRED = {"home", *(f"level-{n}" for n in LEVELS)}


# --- pydantic errors as plain sentences -------------------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, bool | str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _message(err: ErrorDetails, model: type[BaseModel], loc: Loc, languages: list[str]) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}; expected one of: {', '.join(_allowed(model, loc[:-1]))}"
    if kind == "string_type":
        return f"expected text, found {_kind(value)}"
    if kind in {"int_type", "int_parsing"}:
        return f"expected a whole number, found {_kind(value)}"
    if kind == "list_type":
        return f"expected a list, found {_kind(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        if loc and _field_type(model, loc) is Text:
            return f"expected a text per language (a mapping with keys {', '.join(languages)}), found {_kind(value)}"
        return f"expected a mapping of keys, found {_kind(value)}"
    if kind == "literal_error":
        return f"{value!r} is not one of: {err.get('ctx', {}).get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not a valid id: use lowercase letters, digits and '-'"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return "must not be empty" if least == 1 else f"needs at least {least} items, found {len(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{value!r} is out of range ({err['msg'].replace('Input should be ', 'must be ')})"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return err["msg"]


DEFAULT_LANGUAGES = ["en", "id", "ru", "vi"]


def declared_languages(site_doc: Document | None) -> list[str]:
    """The language codes ``site.yaml`` declares, read leniently so checks can go on even when
    the file has problems of its own."""
    if site_doc is not None and isinstance(site_doc.data, dict):
        langs = site_doc.data.get("languages")
        if isinstance(langs, list):
            codes = [lang.get("code") for lang in langs if isinstance(lang, dict)]
            if codes and all(isinstance(c, str) for c in codes):
                return list(dict.fromkeys(str(c) for c in codes))  # _site_problems reports duplicates
    return list(DEFAULT_LANGUAGES)


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _field_type(model: type[BaseModel], loc: Loc) -> Any:
    """The annotation a location points at, following nested models and lists."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is list:
                current = typing.get_args(current)[0]
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _allowed(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _field_type(model, loc) if loc else model
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _validate(doc: Document, model: type[BaseModel], languages: list[str]) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc: Loc = tuple(p for p in err["loc"] if p != "__root__")
            if any(loc[: len(r)] == r for r in doc.refused):
                continue  # the loader refused this value and said why; "found nothing" would mislead
            problems.append(doc.problem(loc, _message(err, model, loc, languages)))
        return None, problems


# --- translations -----------------------------------------------------------------------------


def iter_texts(model: Any, data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value in raw ``data`` that ``model`` types as :class:`Text`, with its location.

    Works on the raw YAML data, so translations are checked even where the rest of the file
    does not validate.
    """
    kind, item = _shape(model)
    if kind == "text":
        yield loc, data
    elif kind == "list" and isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_texts(item, value, (*loc, i))
    elif kind == "dict" and isinstance(data, dict):
        for key, value in data.items():
            yield from iter_texts(item, value, (*loc, key))
    elif kind == "model" and isinstance(data, dict):
        for key, value in data.items():
            if key in item:
                yield from iter_texts(item[key], value, (*loc, key))


@functools.cache
def _shape(annotation: Any) -> tuple[str, Any]:
    """What :func:`iter_texts` needs to know of an annotation (asked thousands of times a build):
    ``("text", None)``, ``("list", item)``, ``("dict", value)``, ``("model", {field: annotation})``
    or ``("other", None)``."""
    model = _unwrap(annotation)
    if model is Text:
        return "text", None
    if typing.get_origin(model) is list:
        return "list", typing.get_args(model)[0]
    if typing.get_origin(model) is dict:
        return "dict", typing.get_args(model)[1]
    if isinstance(model, type) and issubclass(model, BaseModel):
        return "model", {name: f.annotation for name, f in model.model_fields.items()}
    return "other", None


def check_text(
    doc: Document, loc: Loc, value: Any, languages: list[str], reported: frozenset[str] = frozenset()
) -> list[Problem]:
    """Problems of one translatable text: every language present, non-empty text, no other key.
    Keys in ``reported`` are left out: a language missing, or a stray key, in (nearly) every text
    was reported once for all (:func:`check_languages`)."""
    if not isinstance(value, dict):
        return []  # reported by the model validation
    problems = []
    for lang in languages:
        if lang not in value and lang not in reported:
            problems.append(doc.problem(loc, f"missing the {lang!r} translation"))
    for key, text in value.items():
        where = (*loc, key)
        if key not in languages:
            if key not in reported:
                message = f"unknown language {key!r}; the languages are {', '.join(languages)}"
                problems.append(doc.problem(where, message))
        elif not isinstance(text, str):
            problems.append(doc.problem(where, f"expected text, found {_kind(text)}"))
        elif not text.strip():
            problems.append(doc.problem(where, "the translation is empty"))
        if where in doc.commented:
            problems.append(Problem(doc.path, doc.commented[where], yamlload.format_loc(where), _COMMENTED))
    return problems


_COMMENTED = (
    "the text stops before ' #': YAML reads the rest of the line as a comment. If the '#' belongs to the text, "
    "put the whole text in quotes; if it is a comment, give it a line of its own"
)


Texts = list[tuple[Document, Loc, Any]]


def check_languages(site_doc: Document, languages: list[str], texts: Texts) -> tuple[list[Problem], frozenset[str]]:
    """Language codes that do not match the texts, reported once at ``site.yaml`` instead of
    once per text: a declared language no text has (a wrong code, or a language just added),
    and an undeclared key in at least half the texts (a wrong code, or a language not declared).
    Returns the problems and the keys they cover."""
    used: dict[str, int] = {}
    total = 0
    for _doc, _loc, value in texts:
        if isinstance(value, dict):
            total += 1
            for key in value:
                used[key] = used.get(key, 0) + 1
    if total == 0:
        return [], frozenset()
    absent = [lang for lang in languages if lang not in used]
    stray = [key for key, n in used.items() if key not in languages and 2 * n >= total]
    instead = f"; the texts have {', '.join(map(repr, stray))}: is the code wrong?" if stray else ""
    problems = []
    declared = site_doc.data.get("languages") if isinstance(site_doc.data, dict) else None
    declared = declared if isinstance(declared, list) else []
    for lang in absent:
        i = next((i for i, x in enumerate(declared) if isinstance(x, dict) and x.get("code") == lang), 0)
        message = f"no text has a {lang!r} translation{instead or '; translate the texts or remove the language'}"
        problems.append(site_doc.problem(("languages", i, "code"), message))
    for key in stray:
        message = (
            f"{used[key]} of {total} texts have a {key!r} translation, but {key!r} is not a language of the site;"
            f" the languages are {', '.join(languages)}"
        )
        problems.append(site_doc.problem(("languages",), message))
    return problems, frozenset(absent + stray)


def fill_untranslated(doc: Document, model: type[BaseModel], languages: list[str]) -> list[Problem]:
    """For a draft preview: give every text missing or empty in a language the text of the first
    language that has it (in ``doc.data``, before validation); return where that was done."""
    notes = []
    for loc, value in iter_texts(model, doc.data):
        if not isinstance(value, dict):
            continue
        source = next((lang for lang in languages if isinstance(value.get(lang), str) and value[lang].strip()), None)
        if source is None:
            continue  # nothing to show: left to the checks
        for lang in languages:
            if not (isinstance(value.get(lang), str) and value[lang].strip()):
                value[lang] = value[source]
                notes.append(doc.problem((*loc, lang), f"not translated yet; the preview shows the {source!r} text"))
    return notes


def missing_texts(doc: Document, model: type[BaseModel], languages: list[str]) -> dict[str, list[str]]:
    """Per language, the ``path:line: key`` of every text missing or empty in that language."""
    out: dict[str, list[str]] = {lang: [] for lang in languages}
    for loc, value in iter_texts(model, doc.data):
        if not isinstance(value, dict):
            continue
        for lang in languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                out[lang].append(f"{doc.path}:{doc.line(loc)}: {yamlload.format_loc(loc)}")
    return out


def count_texts(doc: Document, model: type[BaseModel], languages: list[str]) -> dict[str, int]:
    """Per language, how many texts of the document are translated (non-empty)."""
    out = dict.fromkeys(languages, 0)
    for _loc, value in iter_texts(model, doc.data):
        if isinstance(value, dict):
            for lang in languages:
                text = value.get(lang)
                out[lang] += isinstance(text, str) and bool(text.strip())
    return out


# --- loading ----------------------------------------------------------------------------------


def read_document(root: Path, rel: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file given by its repo-relative path."""
    path = root / rel
    content_dir = (root / rel.split("/")[0]).resolve()
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 and 3.12 raise RuntimeError for a loop
        return None, [Problem(rel, 0, "", "a loop of symbolic links; replace the link with the file itself")]
    # The file itself or any folder on the way may be a link.
    if not target.is_relative_to(content_dir):
        message = "reached through a symbolic link that points outside content/; put the file itself in content/"
        return None, [Problem(rel, 0, "", message)]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            return None, [Problem(rel, 0, "", "a symbolic link to a missing file; replace it with the file itself")]
        return None, [Problem(rel, 0, "", "missing file; the site needs it")]
    except OSError as exc:
        return None, [Problem(rel, 0, "", f"cannot read the file: {exc.strerror}")]
    return yamlload.load(rel, raw)


# The export's file name (ui.as_export_file): letters and digits of any script, - and _; nothing
# a file system or the page's HTML escaping would change.
_FILE_NAME = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


@dataclass
class _Loaded:
    spec: PageSpec
    doc: Document
    page: Page | None


def _site_problems(doc: Document, site: Site | None) -> list[Problem]:
    problems: list[Problem] = []
    ui = doc.data.get("ui") if isinstance(doc.data, dict) else None
    if isinstance(ui, dict):
        for key in UI_KEYS:
            if key not in ui:
                problems.append(doc.problem(("ui", key), "required interface string is missing"))
        for key in ui:
            if key not in UI_KEYS:
                problems.append(doc.problem(("ui", key), "unknown interface string; no template uses it"))
        for key, texts in ui.items():
            if key in PLACEHOLDERS and isinstance(texts, dict):
                problems += _placeholder_problems(doc, key, texts)
        names = ui.get("as_export_file")
        for lang, name in names.items() if isinstance(names, dict) else ():
            if isinstance(name, str) and name and not _FILE_NAME.fullmatch(name):
                message = f"{name!r} is not usable as a file name: letters, digits, - and _ only"
                problems.append(doc.problem(("ui", "as_export_file", lang), message))
    if site is not None:
        seen: dict[str, int] = {}
        for i, lang in enumerate(site.languages):
            if lang.code in seen:
                problems.append(doc.problem(("languages", i, "code"), f"duplicate language {lang.code!r}"))
            seen[lang.code] = i
    return problems


def _placeholder_problems(doc: Document, key: str, texts: dict[str, Any]) -> list[Problem]:
    """A translation that names a placeholder the string does not take shows it to readers as
    written (``{num}``); one that leaves out a placeholder loses the value (the level's number)."""
    wanted = PLACEHOLDERS[key]
    takes = "takes " + ", ".join(f"{{{name}}}" for name in sorted(wanted)) if wanted else "has no placeholder"
    problems = []
    for lang, text in texts.items():
        if not isinstance(text, str):
            continue
        found = placeholders(text)
        for name in sorted(found - wanted):
            message = f"{{{name}}} is not a placeholder here, so readers would see it as written; this string {takes}"
            problems.append(doc.problem(("ui", key, lang), message))
        for name in sorted(wanted - found):
            message = f"{{{name}}} is missing: write it where the value belongs (this string {takes})"
            problems.append(doc.problem(("ui", key, lang), message))
    return problems


def load_content(root: Path, content_dir: str = "content", untranslated: list[Problem] | None = None) -> Content:
    """Load and validate every content file under ``root/content_dir``.

    ``untranslated``: a draft preview (``serve --draft``). A text missing or empty in a
    language is then not a problem: it shows in the first language that has it, and it is
    listed in ``untranslated`` instead.

    Raises:
        ContentError: with every problem found, when there is any.
    """
    problems: list[Problem] = []
    cdir = root / content_dir
    site_doc, found = read_document(root, f"{content_dir}/site.yaml")
    problems += found
    site: Site | None = None
    languages = declared_languages(site_doc)
    texts: Texts = []
    if site_doc is not None:
        if untranslated is not None:
            untranslated += fill_untranslated(site_doc, Site, languages)
        site, found = _validate(site_doc, Site, languages)
        problems += found
        texts += [(site_doc, loc, v) for loc, v in iter_texts(Site, site_doc.data)]
        problems += _site_problems(site_doc, site)
        if site is not None:
            problems += itemrules.verdicts(site_doc, site.ui, languages)

    specs = page_specs(cdir, content_dir)
    loaded: list[_Loaded] = []
    unread: list[PageSpec] = []
    for spec in specs:
        if not (root / spec.source).exists() and not (root / spec.source).is_symlink():
            if spec.id in REQUIRED:
                what = "level file" if spec.kind == "level" else "page file"
                problems.append(Problem(spec.source, 0, "", f"missing {what}; the site needs it"))
                unread.append(spec)
            continue
        if not re.fullmatch(ID_PATTERN, spec.id):
            message = f"{spec.id!r} is not a valid page id: name the file with lowercase letters, digits and '-'"
            problems.append(Problem(spec.source, 0, "", message))
        doc, found = read_document(root, spec.source)
        problems += found
        if doc is None:
            unread.append(spec)
            continue
        if untranslated is not None:
            untranslated += fill_untranslated(doc, spec.model, languages)
        page, found = _validate(doc, spec.model, languages)
        problems += found
        texts += [(doc, loc, v) for loc, v in iter_texts(spec.model, doc.data)]
        loaded.append(_Loaded(spec, doc, page))
    reported: frozenset[str] = frozenset()
    if site_doc is not None:
        found, reported = check_languages(site_doc, languages, texts)
        problems += found
    problems += [p for doc, loc, v in texts for p in check_text(doc, loc, v, languages, reported)]
    problems += _stray_level_files(cdir, content_dir)
    problems += _stray_files(cdir, content_dir, specs)
    problems += check_structure(loaded, unread)
    problems += [p for doc, loc, v in texts for p in itemrules.doubles(doc, loc, v, languages)]
    problems += itemrules.check(_question_pools(loaded), languages, site_doc, reported)
    problems += _termbase_problems(loaded, texts)
    if problems or site is None:
        raise ContentError(problems)
    pages = [LoadedPage(x.spec, x.page, x.doc) for x in loaded if x.page is not None]
    modules = iter(sorted((p for p in pages if isinstance(p.page, ModulePage)), key=_module_order))
    return Content(root, site, [next(modules) if isinstance(p.page, ModulePage) else p for p in pages])


def _question_pools(loaded: list[_Loaded]) -> dict[str, list[itemrules.Item]]:
    """The questions a learner meets as a whole, for the item-writing rules: every page's practice
    quiz, and the final test's bank."""
    practice: list[itemrules.Item] = [
        (x.doc, ("quiz", i), q) for x in loaded if x.page for i, q in enumerate(x.page.quiz)
    ]
    final: list[itemrules.Item] = [
        (x.doc, ("bank", i), q) for x in loaded if isinstance(x.page, FinalQuizPage) for i, q in enumerate(x.page.bank)
    ]
    return {"the practice quizzes": practice, "the final test's bank": final}


def _termbase_problems(loaded: list[_Loaded], texts: Texts) -> list[Problem]:
    """The glossary's forbidden variants (``avoid``) found in any text (see :mod:`termbase`)."""
    glossary = next((x.doc for x in loaded if x.spec.kind == "glossary"), None)
    if glossary is None or not isinstance(glossary.data, dict) or not isinstance(glossary.data.get("terms"), list):
        return []
    found, bad = termbase.variants(glossary.data["terms"])
    problems = [glossary.problem(loc, message) for loc, message in bad]
    return problems + termbase.check_terms(texts, found, glossary)


def _module_order(p: LoadedPage) -> tuple[int, str]:
    return (p.page.order if isinstance(p.page, ModulePage) else 0, p.id)


def _stray_level_files(cdir: Path, rel: str) -> list[Problem]:
    expected = {f"level-{n}.yaml" for n in LEVELS}
    return [
        Problem(f"{rel}/levels/{p.name}", 0, "", "unexpected file; the level files are level-1.yaml to level-5.yaml")
        for p in sorted((cdir / "levels").glob("*"))
        if p.name not in expected and p.suffix in {".yaml", ".yml"}
    ]


# --- cross-file rules -------------------------------------------------------------------------


def _stray_files(cdir: Path, rel: str, specs: list[PageSpec]) -> list[Problem]:
    """YAML files the site would silently ignore: a misspelt name, a ``.yml`` extension."""
    known = {f"{rel}/site.yaml", *(spec.source for spec in specs)}
    top = ", ".join(sorted(name.split("/")[1] for name in known if name.count("/") == 1))
    problems = [
        Problem(f"{rel}/{p.name}", 0, "", f"unexpected file; the files here are {top}")
        for p in sorted(cdir.glob("*.y*ml"))
        if f"{rel}/{p.name}" not in known
    ]
    problems += [
        Problem(f"{rel}/modules/{p.name}", 0, "", f"unexpected file; rename it to {p.stem}.yaml")
        for p in sorted((cdir / "modules").glob("*.yml"))
    ]
    return problems


def check_structure(loaded: list[_Loaded], unread: Sequence[PageSpec] = ()) -> list[Problem]:
    """Rules that span keys or files: ids, level numbers, answer keys, references. ``unread``:
    the pages whose file is missing or could not be read (their ids are known, not their
    contents)."""
    problems: list[Problem] = []
    ids: dict[str, tuple[Document, Loc]] = {}
    sections: dict[str, set[str]] = {}
    doubled: set[str] = set()

    def claim(doc: Document, loc: Loc, ident: str) -> None:
        # Said at both places: which of the two is the copy to rename, only the author knows.
        if ident in ids:
            other, where = ids[ident]
            problems.append(doc.problem(loc, f"duplicate id {ident!r} (also used at {other.path}:{other.line(where)})"))
            if ident not in doubled:
                doubled.add(ident)
                problems.append(
                    other.problem(where, f"duplicate id {ident!r} (also used at {doc.path}:{doc.line(loc)})")
                )
        else:
            ids[ident] = (doc, loc)

    for x in loaded:
        claim(x.doc, (), x.spec.id)
    for x in loaded:
        page, doc = x.page, x.doc
        # From the raw data, so that they are said also while the file has other problems.
        own, found = _section_ids(doc)
        problems += found
        sections.setdefault(x.spec.id, own)  # a page whose id is taken (reported above) adds none
        if x.spec.kind == "level":
            problems += _level_problems(doc, x.spec.id)
        if page is None:  # still check the ids and answer keys of the questions that are valid
            valid = dict(_valid_questions(doc))
            for i, q in valid.items():
                claim(doc, ("quiz", i, "id"), q.id)
                problems += check_question(doc, ("quiz", i), q)
            for i, item in _raw_items(doc, "quiz"):
                if i not in valid:
                    problems += _duplicate_options(doc, ("quiz", i), item)
            continue
        figures = [
            ("sections", si, "blocks", bi, "figure")
            for si, s in enumerate(page.sections)
            for bi, b in enumerate(s.blocks)
            if b.figure is not None
        ]
        problems += [doc.problem(loc, "the figure can appear only once on a page") for loc in figures[1:]]
        for i, q in enumerate(page.quiz):
            claim(doc, ("quiz", i, "id"), q.id)
            problems += check_question(doc, ("quiz", i), q)
        if isinstance(page, FinalQuizPage):
            for i, q in enumerate(page.bank):
                claim(doc, ("bank", i, "id"), q.id)
                problems += check_question(doc, ("bank", i), q)
            problems += _blueprint_problems(x, {y.spec.id for y in loaded} | {spec.id for spec in unread})
            problems += _copied_items(x, loaded)
        if isinstance(page, ToolboxPage):
            for i, tool in enumerate(page.tools):
                claim(doc, ("tools", i, "id"), tool.id)
        if isinstance(page, GlossaryPage):
            for i, term in enumerate(page.terms):
                claim(doc, ("terms", i, "id"), term.id)
        if isinstance(page, AssessmentPage):
            statements: set[str] = set()
            for i, lv in enumerate(page.levels):
                for j, st in enumerate(lv.statements):
                    if st.id in statements:
                        where = ("levels", i, "statements", j, "id")
                        problems.append(doc.problem(where, f"duplicate statement id {st.id!r} in the self-assessment"))
                    statements.add(st.id)
    problems += check_references(loaded, ids, sections, unread)
    return problems


def _blueprint_problems(x: _Loaded, pages: set[str]) -> list[Problem]:
    """The final test's blueprint names pages, and its bank can fill it in every attempt: a topic
    asks for at most as many items as it has concept groups, and a group stays in one topic."""
    page, doc = x.page, x.doc
    assert isinstance(page, FinalQuizPage)
    problems: list[Problem] = []
    groups: dict[str, set[str]] = {}
    group_topic: dict[str, str] = {}
    for i, q in enumerate(page.bank):
        if q.topic not in pages:
            problems.append(doc.problem(("bank", i, "topic"), f"unknown page id {q.topic!r}"))
        elif page.blueprint and q.topic not in page.blueprint:
            message = f"the blueprint takes no item on {q.topic!r}, so this question is never drawn; add the topic"
            problems.append(doc.problem(("bank", i, "topic"), message))
        first = group_topic.setdefault(q.group, q.topic)
        if first != q.topic:
            message = f"the group {q.group!r} belongs to the topic {first!r}; a group stays in one topic"
            problems.append(doc.problem(("bank", i, "group"), message))
        groups.setdefault(q.topic, set()).add(q.group)
    for topic, count in page.blueprint.items():
        where = ("blueprint", topic)
        if topic not in pages:
            problems.append(doc.problem(where, f"unknown page id {topic!r}"))
            continue
        have = len(groups.get(topic, ()))
        if count > have:
            message = (
                f"an attempt takes {count} items on {topic!r}, one per concept group, "
                f"but the bank has {have} group{'s' if have != 1 else ''} on it"
            )
            problems.append(doc.problem(where, message))
    return problems


def _copied_items(x: _Loaded, loaded: list[_Loaded]) -> list[Problem]:
    """A final-test question that repeats a page's practice question (the same situation and
    question in some language): the learner has seen its answer, so it tests nothing."""
    assert isinstance(x.page, FinalQuizPage)

    def said(q: Question, lang: str) -> str:
        return " ".join(f"{q.scenario[lang] if q.scenario else ''} {q.prompt[lang]}".lower().split())

    seen = {
        (lang, said(q, lang)): q.id for y in loaded if y.page is not None for q in y.page.quiz for lang in q.prompt.root
    }
    problems = []
    for i, q in enumerate(x.page.bank):
        copied = {seen[key] for lang in q.prompt.root if (key := (lang, said(q, lang))) in seen}
        if copied:
            copies = ", ".join(sorted(copied))
            message = f"repeats the practice question {copies} of a page; the final test asks its own"
            problems.append(x.doc.problem(("bank", i, "prompt"), message))
    return problems


def _raw_items(doc: Document, key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings listed under ``key``, with their index, whether or not the file validates."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    return [(i, item) for i, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict)]


def _section_ids(doc: Document) -> tuple[set[str], list[Problem]]:
    own: set[str] = set()
    problems = []
    for i, item in _raw_items(doc, "sections"):
        sid = item.get("id")
        if isinstance(sid, str):
            if sid in own:
                problems.append(doc.problem(("sections", i, "id"), f"duplicate section id {sid!r} on this page"))
            own.add(sid)
    return own, problems


def _duplicate_options(doc: Document, loc: Loc, question: dict[str, Any]) -> list[Problem]:
    """Duplicate option ids of a question that does not validate (``check_question`` does the
    rest once it does)."""
    seen: set[str] = set()
    problems = []
    options = question.get("options")
    for i, option in enumerate(options if isinstance(options, list) else []):
        oid = option.get("id") if isinstance(option, dict) else None
        if isinstance(oid, str):
            if oid in seen:
                problems.append(
                    doc.problem((*loc, "options", i, "id"), f"duplicate option id {oid!r} in this question")
                )
            seen.add(oid)
    return problems


def _level_problems(doc: Document, page_id: str) -> list[Problem]:
    """A level file defines the level its name says (so no level is defined twice)."""
    level = doc.data.get("level") if isinstance(doc.data, dict) else None
    if not isinstance(level, int) or isinstance(level, bool):
        return []  # reported by the validation
    problems = []
    expected = int(page_id.split("-")[1])
    if level != expected:
        if level in LEVELS:
            problems.append(doc.problem(("level",), f"this file must define level {expected}, not {level}"))
        else:
            message = f"{level} is not a level; levels are 1 to 5 and this file must define level {expected}"
            problems.append(doc.problem(("level",), message))
    return problems


def _raw_ids(doc: Document, key: str) -> list[str]:
    """The ids of the items under ``key`` in a file that does not validate, as far as they can
    be read: what links into it may still name."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return []
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


def _valid_questions(doc: Document) -> list[tuple[int, Question]]:
    """The questions of a page that failed validation that are valid on their own, with their index."""
    quiz = doc.data.get("quiz") if isinstance(doc.data, dict) else None
    found = []
    for i, item in enumerate(quiz if isinstance(quiz, list) else []):
        try:
            found.append((i, Question.model_validate(item)))
        except ValidationError:
            continue  # its problems are reported by the page's validation
    return found


def check_question(doc: Document, loc: Loc, q: Question) -> list[Problem]:
    """The answer key refers to the question's own options, in the form its type needs."""
    problems: list[Problem] = []
    option_ids = [o.id for o in q.options]
    seen: set[str] = set()
    for i, oid in enumerate(option_ids):
        if oid in seen:
            problems.append(doc.problem((*loc, "options", i, "id"), f"duplicate option id {oid!r} in this question"))
        seen.add(oid)
    listed = ", ".join(option_ids)
    where = (*loc, "answer")
    answer = q.answer

    def unknown(values: list[Any]) -> list[Problem]:
        return [doc.problem(where, f"{v!r} is not one of the options {listed}") for v in values if v not in option_ids]

    if q.type == "true-false":
        if sorted(option_ids) != ["false", "true"]:
            problems.append(
                doc.problem((*loc, "options"), "a true-false question has exactly the options 'true' and 'false'")
            )
        for i, o in enumerate(q.options):
            if o.text is not None:
                problems.append(
                    doc.problem(
                        (*loc, "options", i, "text"),
                        "true-false options take their text from the interface strings; remove it",
                    )
                )
    else:
        for i, o in enumerate(q.options):
            if o.text is None:
                problems.append(doc.problem((*loc, "options", i, "text"), "required key is missing"))
    if q.type in {"single", "true-false"}:
        if not isinstance(answer, str):
            problems.append(doc.problem(where, f"a {q.type} question's answer is one option id, found {_kind(answer)}"))
        else:
            problems += unknown([answer])
    elif q.type == "multiple":
        if isinstance(answer, list) and not answer:
            problems.append(doc.problem(where, "a multiple question's answer lists at least one option id"))
        elif not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            problems.append(doc.problem(where, "a multiple question's answer is a list of option ids"))
        else:
            problems += unknown(answer)
            if len(set(answer)) != len(answer):
                problems.append(doc.problem(where, "an option is listed twice"))
    elif q.type == "ordering":
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            problems.append(
                doc.problem(where, "an ordering question's answer lists every option id in the right order")
            )
        else:
            problems += unknown(answer)
            if sorted(answer) != sorted(option_ids) and not any(a not in option_ids for a in answer):
                problems.append(doc.problem(where, f"list every option exactly once, in the right order ({listed})"))
    return problems


def check_references(
    loaded: list[_Loaded],
    ids: dict[str, tuple[Document, Loc]],
    sections: dict[str, set[str]],
    unread: Sequence[PageSpec] = (),
) -> list[Problem]:
    """Every ``[[id]]``, tool list and quiz ``review`` points at something that exists.

    Checked in every file that could be read, also while others have problems, so that one
    run reports them all. What only an unread file could settle is not reported: its sections,
    and, when it is the toolbox or the glossary, any unknown id (it may be one of its tools or
    terms). A file that does not validate still offers the ids it has."""
    problems: list[Problem] = []
    pages = {x.spec.id for x in loaded} | {spec.id for spec in unread}
    tools = {t for x in loaded if x.spec.kind == "toolbox" for t in _raw_ids(x.doc, "tools")}
    terms = {t for x in loaded if x.spec.kind == "glossary" for t in _raw_ids(x.doc, "terms")}
    targets = pages | tools | terms
    ids_unsure = any(spec.kind in {"toolbox", "glossary"} for spec in unread)
    sections_unsure = {spec.id for spec in unread}

    def resolve(target: str) -> str | None:
        page, hash_, section = target.partition("#")
        if not page:
            return "no page id before '#'" if hash_ else "the link names no id"
        if page not in ids and page not in targets:
            return None if ids_unsure else f"unknown id {page!r}"
        if page not in targets:
            return f"{page!r} is a quiz question; link to a page, a section, a tool or a glossary term"
        if hash_ and page not in pages:
            return f"{page!r} is not a page, so it has no section {section!r}"
        if hash_ and not section:
            return f"no section id after '#'; remove the '#' to link to the page {page!r}"
        if section and page not in sections_unsure and section not in sections.get(page, set()):
            return f"the page {page!r} has no section {section!r}"
        return None

    for x in loaded:
        for loc, value in iter_texts(x.spec.model, x.doc.data):
            if not isinstance(value, dict):
                continue
            for lang, text in value.items():
                if not isinstance(text, str):
                    continue
                errors = [(m.group(0), error) for m in REF.finditer(text) if (error := resolve(m.group(1).strip()))]
                lines = x.doc.lines_within((*loc, lang), [link for link, _ in errors])
                for line, (link, error) in zip(lines, errors, strict=True):
                    problems.append(Problem(x.doc.path, line, yamlload.format_loc((*loc, lang)), f"{link}: {error}"))
        if x.page is None:
            continue
        for si, s in enumerate(x.page.sections):
            for bi, block in enumerate(s.blocks):
                for ti, tool in enumerate(block.tools or []):
                    if tool not in tools and not ids_unsure:
                        problems.append(
                            x.doc.problem(("sections", si, "blocks", bi, "tools", ti), f"unknown tool id {tool!r}")
                        )
        if isinstance(x.page, GlossaryPage):
            for ti, term in enumerate(x.page.terms):
                if term.link and (error := resolve(term.link)):
                    problems.append(x.doc.problem(("terms", ti, "link"), error))
        # A review is a section of the question's topic (its page; a final-test question's `topic`).
        reviewed: list[tuple[Loc, Question, str]] = [(("quiz", i), q, x.spec.id) for i, q in enumerate(x.page.quiz)]
        if isinstance(x.page, FinalQuizPage):
            reviewed += [(("bank", i), q, q.topic) for i, q in enumerate(x.page.bank)]
        for loc, q, topic in reviewed:
            if q.review and (error := resolve(q.review if "#" in q.review else f"{topic}#{q.review}")):
                problems.append(x.doc.problem((*loc, "review"), error))
    return problems
