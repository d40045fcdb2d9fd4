"""Render validated content into plain Markdown and MkDocs configuration, per language.

Pure: takes :class:`~build_tools.content.Content`, returns strings keyed by path. No I/O.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from build_tools import collate, figure, markup, quizdata, theme, timing
from build_tools.content import Content, LoadedPage
from build_tools.errors import SiteBuildError
from build_tools.markup import Target
from build_tools.models import GlossaryPage, LevelPage, Question, Term, Text, ToolboxPage


def theme_text(text: str) -> str:
    """A plain string MkDocs or Material will print into HTML *unescaped* (site name, nav titles,
    front matter title and description, ...): escape it here so content can never inject markup."""
    return html.escape(text, quote=True)


def html_path(md: str) -> str:
    """``levels/level-1.md`` → ``levels/level-1.html`` (the site uses ``use_directory_urls: false``)."""
    return md[: -len(".md")] + ".html"


@dataclass
class Lang:
    """Everything language-specific a template needs."""

    code: str
    content: Content
    targets: dict[str, Target]

    def ui(self, key: str, **values: Any) -> str:
        text = self.content.site.ui[key][self.code]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text


def link_targets(content: Content, lang: str) -> dict[str, Target]:
    """Every id a text can link to, with its URL and its label in ``lang``."""
    targets: dict[str, Target] = {}
    for p in content.pages:
        url = html_path(p.spec.md)
        targets[p.id] = Target(url, markup.to_plain(p.page.title[lang]))
        for s in p.page.sections:
            targets[f"{p.id}#{s.id}"] = Target(f"{url}#{s.id}", markup.to_plain(s.title[lang]))
        if isinstance(p.page, ToolboxPage):
            for tool in p.page.tools:
                targets[tool.id] = Target(f"{url}#{tool.id}", markup.to_plain(tool.name[lang]))
        if isinstance(p.page, GlossaryPage):
            for term in p.page.terms:
                targets[term.id] = Target(f"{url}#{term.id}", markup.to_plain(term.term[lang]))
    return targets


TEMPLATES = Path(__file__).parent / "templates"


# Languages whose typography continues a sentence in lowercase after a dash or colon.
LOWERCASE_AFTER_DASH = frozenset({"ru"})


class Renderer:
    """Renders the pages of one language."""

    def __init__(self, content: Content, lang: str) -> None:
        self.lang = Lang(lang, content, link_targets(content, lang))
        self.here = "index.html"
        filters = {
            "md": self._md,
            "html": self._html,
            "attr": lambda v: Markup(html.escape(str(v))),
            "plain": self._plain,
            "json": self._json,
            "meta": lambda v: self._json(theme_text(self._plain(v))),
            "paras": self._paras,
            "tr": self._tr,
            "clause": self._clause,
        }
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            # Autoescape makes macros return Markup; the real escaping happens in _finalize.
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=self._finalize,
            bytecode_cache=theme.bytecode_cache(),
        )
        self.env.filters.update(filters)
        self.env.globals.update(
            ui=self.lang.ui,
            url=self._url,
            link=self._link,
            has_target=lambda ref: ref in self.lang.targets,
            lang=lang,
            content=content,
            LEAD=Markup("\n{ .bsh-lead }"),
        )
        self.env.globals["quiz_data"] = quizdata.builder(self)
        self.env.globals["quiz_bank"] = self.quiz_bank
        self.env.globals["quiz_topics"] = self.quiz_topics
        self.env.globals["bank_path"] = bank_script
        self._converted: dict[tuple[int, str], Markup] = {}
        self._escaped: tuple[dict[str, Markup], dict[str, Markup]] = ({}, {})  # as Markdown, as HTML
        self.scripts: dict[str, str] = {}
        """Generated scripts of the pages rendered so far (quiz banks), keyed by path under docs/."""
        self.env.globals["hierarchy_layout"] = figure.layout
        self.env.globals["course_path"] = lambda: course_path(content)
        self.env.globals["nav_title"] = lambda page: nav_title(page, lang)
        self.env.globals["page_time"] = lambda page: timing.page_time(page, lang)
        self.env.globals["by_letter"] = self.by_letter
        glossary = next((x.page for x in content.pages if isinstance(x.page, GlossaryPage)), None)
        self.terms = {t.id: t for t in glossary.terms} if glossary else {}
        self.terms_used: dict[str, None] = {}
        """The glossary terms the page being rendered links to, in order (see :meth:`glossary`)."""

    # Every {{ }} output goes through here: anything not already made safe is escaped for the
    # template's language (Markdown in *.md.j2, HTML in *.html.j2), so a text can never inject
    # markup by accident.
    @jinja2.pass_context
    def _finalize(self, context: jinja2.runtime.Context, value: Any) -> Any:
        if isinstance(value, Markup):
            return value
        as_html = (context.name or "").endswith(".html.j2")
        if isinstance(value, Text):
            return self._html(value) if as_html else self._md(value)
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str):
            # Ids, types and interface strings come back thousands of times: escaped once.
            escaped = self._escaped[as_html]
            out = escaped.get(value)
            if out is None:
                out = escaped[value] = Markup(html.escape(value) if as_html else markup.md_escape(value))
            return out
        raise TypeError(f"cannot output {type(value).__name__} in a template")

    def _resolve(self, ref: str) -> Target:
        if ref in self.terms:
            self.terms_used[ref] = None
        return self.lang.targets[ref]

    def _tr(self, value: Text | str) -> str:
        return value[self.lang.code] if isinstance(value, Text) else value

    def _clause(self, value: Text, as_html: bool = False) -> Markup:
        # A text that follows a dash or a colon inside a sentence ("Simplex — творческое решение…"):
        # Russian typography starts it in lowercase; the text itself stays capitalised where it stands alone.
        text = self._tr(value)
        if self.lang.code in LOWERCASE_AFTER_DASH and text[:1].isupper() and not text[1:2].isupper():
            text = text[0].lower() + text[1:]
        if as_html:
            return markup.to_html(text, self._resolve, self.here)
        return markup.to_markdown(text, self._resolve, self.here)

    def _md(self, value: Text | str) -> Markup:
        return markup.to_markdown(self._tr(value), self._resolve, self.here)

    def _paras(self, value: Text) -> list[Markup]:
        return [markup.to_markdown(p, self._resolve, self.here) for p in markup.paragraphs(self._tr(value))]

    def _html(self, value: Text | str) -> Markup:
        # An option's text appears three times in a question (choice, answer, explanation):
        # converted once per page. Only content texts are kept: they live as long as the build.
        key = (id(value), self.here)
        if isinstance(value, Text) and key in self._converted:
            return self._converted[key]
        parts = [markup.to_html(p, self._resolve, self.here) for p in markup.paragraphs(self._tr(value))]
        out = parts[0] if len(parts) == 1 else Markup("</p><p>").join(parts)
        if isinstance(value, Text):
            self._converted[key] = out
        return out

    def _plain(self, value: Text | str) -> str:
        return markup.to_plain(self._tr(value), self._resolve)

    def _json(self, value: Any) -> Markup:
        # Safe inside <script type="application/json"> and in YAML front matter.
        text = json.dumps(value, ensure_ascii=False)
        return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))

    def _link(self, ref: str, label: str | None = None) -> Markup:
        """A Markdown link to any id (page, ``page#section``, tool, term)."""
        text = f"[[{ref}|{label}]]" if label else f"[[{ref}]]"
        return markup.to_markdown(text, self._resolve, self.here)

    def _url(self, target: str) -> str:
        """A site-relative URL made relative to the page being rendered."""
        return markup.relative_url(target, self.here)

    def quiz_bank(self, quiz_id: str, questions: Sequence[Question], uid: str, mode: str) -> str:
        """Render the final test's bank into its script (``bank_script``), which ``quiz.js`` loads
        when an attempt starts and reads from ``window.bshQuizBanks[quiz_id]``. Returns nothing
        to output."""
        macros = self.env.get_template("_questions.html.j2").make_module({"questions": [], "uid": uid, "mode": mode})
        question = getattr(macros, "question")  # noqa: B009 - a template macro, unknown to mypy
        items = {q.id: str(question(q)).strip() for q in questions}
        # JSON.parse of one string literal: browsers read it several times faster than the same
        # data written as an object literal (a long task less on a slow phone).
        data = json.dumps(json.dumps(items, ensure_ascii=False), ensure_ascii=False)
        self.scripts[bank_script(quiz_id)] = (
            f"/* Generated by build_tools: the questions of the quiz {quiz_id!r}, HTML by id (quiz.html.j2). */\n"
            f"(window.bshQuizBanks = window.bshQuizBanks || {{}})[{json.dumps(quiz_id)}] = JSON.parse({data});\n"
        )
        return ""

    def quiz_topics(self, questions: Sequence[Question]) -> list[Target]:
        """The quizzes of the topics ``questions`` come from, linked from the page being rendered."""
        topic_of = {q.id: p.id for p, q in self.lang.content.questions()}
        order = [p.id for p in self.lang.content.pages]
        topics = sorted({getattr(q, "topic", None) or topic_of[q.id] for q in questions}, key=order.index)
        return [Target(self._url(f"{self._resolve(t).url}#quiz"), self._resolve(t).label) for t in topics]

    def by_letter(self, terms: Sequence[Term]) -> list[tuple[str, list[Term]]]:
        """Glossary terms sorted A–Z in this language's alphabet, grouped by first letter."""
        lang = self.lang.code
        groups: dict[str, list[Term]] = {}
        for term in sorted(terms, key=lambda t: collate.sort_key(self._plain(t.term), lang)):
            groups.setdefault(collate.initial(self._plain(term.term), lang), []).append(term)
        return list(groups.items())

    def page(self, p: LoadedPage) -> str:
        """The Markdown of one page."""
        self.here = html_path(p.spec.md)
        self.terms_used = {}
        template = self.env.get_template(f"{p.spec.kind}.md.j2" if p.spec.kind in _OWN_TEMPLATE else "page.md.j2")
        out = template.render(
            p=p,
            page=p.page,
            level=p.page.level if isinstance(p.page, LevelPage) else None,
            assets=page_assets(p),
        )
        return out if p.spec.kind == "glossary" else out + self.glossary()

    def glossary(self) -> str:
        """The definitions of the glossary terms the page links to, for ``course.js`` to show in
        place (a term's link opens a small panel): ``<script type="application/json"
        data-glossary>`` = ``{term id: {term, definition, url}}``, plain texts, URLs relative to
        the page. Nothing when the page links to no term."""
        if not self.terms_used:
            return ""
        data = {}
        lookup = self.lang.targets.__getitem__  # not self._resolve: these links are no use of a term
        for ref in self.terms_used:
            term = self.terms[ref]
            data[ref] = {
                "term": markup.to_plain(term.term[self.lang.code], lookup),
                "definition": markup.to_plain(term.definition[self.lang.code], lookup),
                "url": self._url(self.lang.targets[ref].url),
            }
        script = f'<script type="application/json" data-glossary>{self._json(data)}</script>'
        return f"\n<!--bsh:html-->\n{script}\n<!--/bsh:html-->\n"

    def course_script(self) -> str:
        """The script of the course's steps, ``window.bshCourse`` (``course.js`` reads it):
        ``{lang, steps: [{id, url, title, rule}], ui}``, URLs relative to the language's folder,
        and the ``course_*`` and ``term_*`` strings."""
        content = self.lang.content
        steps = [
            {"id": p.id, "url": html_path(p.spec.md), "title": nav_title(p, self.lang.code), "rule": step_rule(p)}
            for p in course_path(content)
        ]
        ui = {k: self.lang.ui(k) for k in content.site.ui if k.startswith(("course_", "term_"))}
        data = json.dumps({"lang": self.lang.code, "steps": steps, "ui": ui}, ensure_ascii=False)
        return (
            "/* Generated by build_tools (render.course_script): the course's steps, read by course.js. */\n"
            f"window.bshCourse = JSON.parse({json.dumps(data, ensure_ascii=False)});\n"
        )

    def not_found(self) -> str:
        self.here = "404.html"
        return self.env.get_template("404.md.j2").render()


# Widget files a page loads besides the site-wide ones (mkdocs.yml): only what it uses, so a
# page without a quiz carries no quiz code; every widget needs bsh.js (what they share) first.
# build_tools/theme/overrides/main.html emits them, in this order.
_QUIZ = {"css": ["assets/quiz.css"], "js": ["assets/bsh.js", "assets/quiz.js"]}
_KIND_ASSETS = {
    "assessment": {"css": ["assets/assessment.css"], "js": ["assets/bsh.js", "assets/assessment.js"]},
    "progress": {"css": ["assets/assessment.css"], "js": ["assets/bsh.js", "assets/progress.js"]},
}


def bank_script(quiz_id: str) -> str:
    """Where the final test's question bank goes (path under ``docs/``), loaded on Start."""
    return f"assets/quiz-bank-{quiz_id}.js"


COURSE_SCRIPT = "assets/course-data.js"
"""Where the course's steps go (path under ``docs/``): read by ``course.js`` on every page."""


# The course frame on every page (course.js: completion marks in the navigation, "read to the
# end", checklists, glossary terms in place); its steps come from a generated script.
_COURSE = {"css": ["assets/course.css"], "js": ["assets/bsh.js", COURSE_SCRIPT, "assets/course.js"]}


def page_assets(p: LoadedPage) -> dict[str, list[str]]:
    """The page-specific stylesheets and scripts of a page."""
    # The final test's bank is not among them: quiz.js loads it when an attempt starts.
    kind_assets = _QUIZ if p.page.quiz or p.spec.kind == "final-quiz" else {"css": [], "js": []}
    assets = _KIND_ASSETS.get(p.spec.kind, kind_assets)
    has_figure = isinstance(p.page, LevelPage) or any(b.figure for s in p.page.sections for b in s.blocks)
    css = ["assets/figure.css", *assets["css"]] if has_figure else assets["css"]
    return {
        "css": list(dict.fromkeys([*_COURSE["css"], *css])),
        "js": list(dict.fromkeys([*assets["js"], *_COURSE["js"]])),
    }


_OWN_TEMPLATE = {"toolbox", "glossary", "final-quiz", "assessment", "progress"}


def render_language(content: Content, lang: str) -> dict[str, str]:
    """Every generated Markdown file of one language, keyed by its path under ``docs/``."""
    renderer = Renderer(content, lang)
    files = {p.spec.md: renderer.page(p) for p in content.pages}
    files["404.md"] = renderer.not_found()
    files[COURSE_SCRIPT] = renderer.course_script()
    return files | renderer.scripts


def nav_title(p: LoadedPage, lang: str) -> str:
    """A page's label in the navigation (plain text): its short title, the levels numbered, since
    the pages and quizzes speak of "level 3"."""
    title = markup.to_plain((p.page.nav_title or p.page.title)[lang])
    return f"{p.page.level} · {title}" if isinstance(p.page, LevelPage) else title


COURSE_KINDS = ("level", "toolbox", "module", "key-points", "final-quiz", "assessment")
"""The kinds of page that are steps of the course, taken in navigation order: the levels, the
toolbox, the modules, the key points, the final quiz, the self-assessment. The overview starts
the course; the progress page and the glossary are not steps."""


def course_path(content: Content) -> list[LoadedPage]:
    """The steps of the course, in navigation order."""
    return [p for p in content.pages if p.spec.kind in COURSE_KINDS]


def step_rule(p: LoadedPage) -> str:
    """When a step counts as completed (docs/assets/course.js): ``quiz`` once its quiz has been
    finished (every question checked, or the final quiz submitted: it has a last score), and it
    stays so while questions are tried again; ``assessment`` once a customer is saved; ``read``
    once the end of the page has been on the screen."""
    if p.page.quiz or p.spec.kind == "final-quiz":
        return "quiz"
    return "assessment" if p.spec.kind == "assessment" else "read"


def nav(content: Content, lang: str) -> list[Any]:
    """The navigation of one language, as MkDocs ``nav`` entries."""
    ui = Lang(lang, content, {}).ui
    out: list[Any] = []
    levels: list[Any] = []
    modules: list[Any] = []
    for p in content.pages:
        entry = {theme_text(nav_title(p, lang)): p.spec.md}
        if p.spec.kind == "level":
            levels.append(entry)
            if len(levels) == 1:
                out.append({theme_text(ui("levels_nav")): levels})
        elif p.spec.kind == "module":
            modules.append(entry)
            if len(modules) == 1:
                out.append({theme_text(ui("modules_nav")): modules})
        else:
            out.append(entry)
    return out


def palette(content: Content, lang: str, shared: Any) -> Any:
    """``theme.palette`` of the shared ``mkdocs.yml`` (its schemes and colours), with each
    toggle's label in ``lang``. A toggle names what it switches to: the next option's scheme,
    the first option after the last."""
    if not isinstance(shared, list):
        return shared
    ui = Lang(lang, content, {}).ui

    def label(option: Any) -> str:
        if not isinstance(option, dict) or "scheme" not in option:
            return ui("palette_auto")  # an option without a scheme follows the system's
        return ui("palette_dark") if option["scheme"] == "slate" else ui("palette_light")

    out = []
    for i, option in enumerate(shared):
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict):
            following = shared[(i + 1) % len(shared)]
            option = {**option, "toggle": {**option["toggle"], "name": theme_text(label(following))}}
        out.append(option)
    return out


def shared_palette(path: Path) -> Any:
    """``theme.palette`` of the shared ``mkdocs.yml`` at ``path`` (MkDocs' own tags, such as
    ``!ENV``, are read as nothing: the palette has none).

    Raises:
        SiteBuildError: ``mkdocs.yml:line: YAML syntax error: …`` when the file does not parse.
    """

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise SiteBuildError(f"{where}: YAML syntax error: {exc.problem or exc.context}") from None
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise SiteBuildError(f"{path.name}: cannot be read: {' '.join(str(exc).split())}") from None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme.get("palette") if isinstance(theme, dict) else None


THEME_STRINGS = {
    "action.skip": "theme_skip",
    "header": "theme_header",
    "footer": "theme_footer",
    "footer.previous": "theme_previous",
    "footer.next": "theme_next",
    "top": "theme_top",
    "search.reset": "theme_search_reset",
    "search.result.initializer": "theme_search_initializing",
    "search.result.more.one": "theme_search_more_one",
    "search.result.more.other": "theme_search_more_other",
    "search.result.term.missing": "theme_search_missing",
}
"""Material's interface strings (its key → our ui key) that the site translates itself: Material's
own are wrong in some languages (Vietnamese "back to top" said "back to the table of contents",
its search said "Initializing search" in English). build_tools/theme/overrides/partials/language.html reads
them from ``extra.theme_strings`` before Material's translation."""


SEARCH_SEPARATOR = r"""(?:[\s\-,;:!?=/|()\[\]{}<>"«»“”„‘’…–—]|\.(?!\d))+"""
"""Where search splits words, in the index and in the query (Material's tokenizer; a JavaScript
regular expression without flags). Material's default is spaces and hyphens only, so a word
right after a bracket or a quote, "(CLV" or "«купля", was indexed with it and no search found it.
A full stop splits unless a digit follows (2.5 stays one word); apostrophes do not split."""


SEARCH_FIELDS = {"title": {"boost": 1e3}, "text": {"boost": 1.0}, "tags": {"boost": 1e4}}
"""Weights of the search fields. Material weighs tags a thousand times a title (1e6): a level page
then came first for any query with one word of its tags ("hàng" in "Nhà cung cấp hàng phổ
thông" put Level 1 above the module "Tạo ra giá trị khách hàng"). Ten times a title still puts
the level first for its name or number."""


def mkdocs_config(
    content: Content,
    lang: str,
    docs_dir: str,
    site_dir: str,
    base: str,
    site_url: str | None,
    custom_dir: str,
    offline_shim: str | None = None,
    shared: Any = None,
) -> str:
    """The per-language ``mkdocs.yml``: the shared one plus what differs by language
    (``shared``: the shared one's ``theme.palette``, see :func:`shared_palette`)."""
    language = next(x for x in content.site.languages if x.code == lang)
    ui = Lang(lang, content, {}).ui
    search: dict[str, Any] = {"lang": language.search or "en", "separator": SEARCH_SEPARATOR, "fields": SEARCH_FIELDS}
    if not language.search:
        search["pipeline"] = ["trimmer"]
    alternate = [{"name": theme_text(x.name), "link": f"../{x.code}/", "lang": x.code} for x in content.site.languages]
    config: dict[str, Any] = {
        "INHERIT": base,
        "site_name": theme_text(markup.to_plain(content.site.site_name[lang])),
        "copyright": theme_text(markup.to_plain(content.site.copyright[lang])),
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "theme": {"language": lang, "custom_dir": custom_dir, "palette": palette(content, lang, shared)},
        "nav": nav(content, lang),
        "plugins": {"search": search},
        "hooks": [str(theme.HOOKS)],
        "extra": {
            "alternate": alternate,
            "permalink_title": ui("permalink_title"),
            "theme_strings": {key: theme_text(ui(ours)) for key, ours in THEME_STRINGS.items()},
        },
    }
    if site_url:
        config["site_url"] = f"{site_url.rstrip('/')}/{lang}/"
        config["extra"]["root_url"] = f"{site_url.rstrip('/')}/"
    if offline_shim:
        # Material's offline plugin adds the shim from unpkg.com unless a polyfill named
        # iframe-worker is already listed: ours, served from the site.
        config["plugins"]["offline"] = {}
        config["extra"]["polyfills"] = [offline_shim]
    return json.dumps(config, ensure_ascii=False, indent=1)
