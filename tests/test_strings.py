"""Every language's strings on the built pages, read in Python (no browser): one test per kind of
string, in every language.

The browser tests run each behaviour once, in English (plus Russian or Vietnamese where the script
matters): they prove that the widgets show the strings they are given. These tests prove that each
language's pages give them the right ones: the JSON the widgets read, the HTML readers without
JavaScript see, and the theme's own strings. Expected values come from the YAML content, never
from the pages under test.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from browser.expected import content, plain, ui
from helpers import LANGS
from htmldoc import Element, html_files, page, parse, squash, texts

from build_tools import render
from build_tools.models import AssessmentPage, FinalQuizPage, Question


@functools.cache
def _parsed(path: Path) -> Element:
    return page(path)


def built(site: Path, lang: str, rel: str) -> Element:
    return _parsed(site / lang / rel)


def html_of(p: str) -> str:
    return render.html_path(content().page(p).spec.md)


def title(page_id: str, lang: str) -> str:
    return plain(content().page(page_id).page.title[lang], lang)


def level_name(n: int, lang: str) -> str:
    short = next(lv for lv in content().levels() if lv.level == n).short_name[lang]
    return plain(short, lang)


# --- every page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_its_language(real_site: Path, lang: str) -> None:
    paths = html_files(real_site, lang)
    assert len(paths) >= 10
    for path in paths:
        doc = _parsed(path)
        assert doc.one("html").attrs["lang"] == lang, path
        description = doc.one("meta", name="description").attrs["content"]
        assert len(description) > 20, path
        if path.name != "404.html":  # what a reader without JavaScript reads
            assert len(doc.one("article").text) > 200, path
        links = doc.all("a", class_="headerlink")
        assert {a.attrs["title"] for a in links} <= {ui("permalink_title", lang)}, path


@pytest.mark.parametrize("lang", LANGS)
def test_materials_strings_are_ours(real_site: Path, lang: str) -> None:
    """Material's strings that were wrong (Vietnamese "back to top" read "back to the table of
    contents"; its search said "Initializing search" in English) come from site.yaml."""
    doc = built(real_site, lang, "levels/level-2.html")
    assert doc.one(class_="md-search-result__meta").text == ui("theme_search_initializing", lang)
    assert doc.one("a", class_="md-skip").text == ui("theme_skip", lang)
    assert doc.one("header").all("nav")[0].attrs["aria-label"] == ui("theme_header", lang)
    assert doc.one("footer").all("nav")[0].attrs["aria-label"] == ui("theme_footer", lang)
    for side, key in (("prev", "theme_previous"), ("next", "theme_next")):
        link = doc.one("a", class_=f"md-footer__link--{side}")
        assert link.one(class_="md-footer__direction").text == ui(key, lang)
    assert doc.one("button", class_="md-top").text == ui("theme_top", lang)
    assert doc.one(class_="md-search").one("button", type="reset").attrs["aria-label"] == ui("theme_search_reset", lang)
    # The strings Material's script reads from the page's configuration.
    translations = doc.one("script", id="__config").json()["translations"]
    for material_key in ("search.result.more.one", "search.result.more.other", "search.result.term.missing"):
        assert translations[material_key] == ui(render.THEME_STRINGS[material_key], lang), material_key


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switcher_names_every_language_and_leads_to_the_same_page(real_site: Path, lang: str) -> None:
    languages = content().site.languages
    for path in html_files(real_site, lang):
        rel = path.relative_to(real_site / lang).as_posix()
        switcher = _parsed(path).one(class_="md-select")
        assert switcher.one("button").attrs["aria-label"], rel
        links = switcher.all("a", class_="md-select__link")
        assert [(a.attrs["hreflang"], a.attrs["lang"], a.text) for a in links] == [
            (x.code, x.code, x.name) for x in languages
        ], rel
        assert [a.attrs["hreflang"] for a in links if "aria-current" in a.attrs] == [lang], rel
        # A missing page's 404 leads to the other language's home, not to its 404 page.
        target = "index.html" if rel == "404.html" else rel
        for a in links:
            resolved = posixpath.normpath(posixpath.join(lang, posixpath.dirname(rel), a.attrs["href"]))
            assert resolved == f"{a.attrs['hreflang']}/{target}", (rel, a.attrs["href"])


def test_the_root_page_lists_every_language_in_its_own_name(real_site: Path) -> None:
    doc = _parsed(real_site / "index.html")
    links = doc.one("ul", class_="languages").all("a")
    assert [(a.attrs["href"], a.attrs["hreflang"], a.attrs["lang"], a.text) for a in links] == [
        (f"{x.code}/index.html", x.code, x.code, x.name) for x in content().site.languages
    ]
    for lang in LANGS:
        assert ui("choose_language", lang) in doc.one("p").text


@pytest.mark.parametrize("lang", LANGS)
def test_the_404_page(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "404.html")
    assert doc.one("title").text.startswith(ui("not_found_title", lang))
    article = doc.one("article")
    assert article.one("h1").text.replace("¶", "").strip() == ui("not_found_title", lang)
    assert texts(article.all("p")) == [ui("not_found_text", lang), ui("back_home", lang)]
    assert article.all("p")[1].one("a").attrs["href"] == "index.html"
    # Served at any depth (tests/browser/test_place.py), it finds its language's folder from this.
    assert doc.one("head").all("script")[0].attrs["data-lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_figure(real_site: Path, lang: str) -> None:
    """The figure reaches every language's pages once, with its stylesheet; its names, and on a
    level page its own step marked as the current page."""
    for rel in ["index.html", *(f"levels/level-{n}.html" for n in range(1, 6))]:
        doc = built(real_site, lang, rel)
        assert [x.attrs["href"] for x in doc.all("link", rel="stylesheet") if "figure.css" in x.attrs["href"]], rel
        svg = doc.one("svg", class_="bsh-figure__svg")  # once: MkDocs kept the raw HTML
        current = [a.attrs["href"] for a in svg.all("a", aria_current="page")]
        assert current == ([] if rel == "index.html" else [f"../{rel}"]), rel
        assert svg.one("title").text == ui("figure_title", lang), rel
        assert svg.one("desc").text == ui("figure_desc", lang), rel
        assert svg.one("g", class_="bsh-figure__chasm").text == ui("chasm", lang), rel
        steps = svg.all("a", class_="bsh-figure__step")
        names = {int(re.findall(r"level-(\d)\.html", a.attrs["href"])[0]): a.text.replace("- ", "-") for a in steps}
        assert names == {n: f"{ui('level_n', lang, n=n)} {level_name(n, lang)}" for n in range(1, 6)}, rel


@pytest.mark.parametrize("lang", LANGS)
def test_the_figure_caption_and_the_page_frame(real_site: Path, lang: str) -> None:
    """The figure's caption (an escalator, not a staircase); on every level and module page, the
    objectives under their lead-in and the time in this language."""
    assert built(real_site, lang, "index.html").one("figcaption").text == squash(ui("figure_caption", lang))
    for p in content().pages:
        objectives = getattr(p.page, "objectives", None)
        if objectives is None:
            continue
        frame = built(real_site, lang, html_of(p.id)).one("section", class_="bsh-objectives")
        assert frame.one("p", class_="bsh-objectives__heading").text == ui("objectives_heading", lang), p.id
        assert texts(frame.all("li")) == [squash(plain(o[lang], lang)) for o in objectives], p.id
        time = frame.one("p", class_="bsh-objectives__time").text
        numbers = [int(n) for n in re.findall(r"\d+", time)]
        assert time == ui("page_time", lang, total=numbers[0], reading=numbers[1], quiz=numbers[2]), p.id
        assert numbers[0] == numbers[1] + numbers[2] and numbers[2] == len(p.page.quiz), p.id


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_index_and_links(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "glossary.html")
    index = doc.one("nav", class_="bsh-glossary__index")
    assert index.attrs["aria-label"] == ui("glossary_index", lang)
    letters = [h.text for h in doc.one(class_="bsh-glossary").all("h2")]
    assert texts(index.all("a")) == letters
    glossary = content().glossary()
    assert glossary is not None
    more = doc.all("p", class_="bsh-glossary__more")
    assert len(more) == sum(1 for t in glossary.terms if t.link)
    assert all(m.text.startswith(ui("glossary_see", lang) + " ") for m in more)


# --- quizzes --------------------------------------------------------------------------------------


def keys(q: Question) -> list[str]:
    return [q.answer] if isinstance(q.answer, str) else list(q.answer)


def option_label(q: Question, option_id: str, lang: str) -> str:
    o = next(o for o in q.options if o.id == option_id)
    return plain(o.text[lang], lang) if o.text else ui(option_id, lang)


def check_question(item: Element, q: Question, lang: str, mode: str) -> None:
    """One question as the page gives it: its texts, and its answer for readers without JavaScript."""
    where = f"{lang}/{q.id}"
    if q.scenario:
        scenario = item.one("p", class_="bsh-quiz__scenario")
        assert scenario.text == squash(f"{ui('scenario', lang)}: {plain(q.scenario[lang], lang)}"), where
    assert item.one("legend").text == squash(plain(q.prompt[lang], lang)), where
    hint = item.one("p", class_="bsh-quiz__hint")
    if q.type == "ordering":
        assert hint.one(data_quiz_js=True).text == ui("order_hint", lang), where
        assert hint.one(data_quiz_nojs=True).text == ui("order_hint_nojs", lang), where
        moves = [b.one(class_="bsh-quiz__sr") for b in item.all("button", data_quiz_move=True)]
        assert texts(moves) == [ui("quiz_move_up", lang), ui("quiz_move_down", lang)] * len(q.options), where
    else:
        n = len(keys(q))
        multiple = f"choose_{n}" if 2 <= n <= 4 else "choose_all"  # the hint says the count
        assert hint.text == ui(multiple if q.type == "multiple" else "choose_one", lang), where
    label = "span" if q.type == "ordering" else "label"
    labels = {o.attrs["data-quiz-option"]: o.all(label)[0].text for o in item.one(class_="bsh-quiz__options").all("li")}
    assert labels == {o.id: squash(option_label(q, o.id, lang)) for o in q.options}, where
    if mode == "practice":
        assert item.one(data_quiz_action="check").text == ui("quiz_check", lang), where
        assert item.one(data_quiz_action="try-again").text == ui("quiz_retry", lang), where
        assert item.one(data_quiz_action="show-answer").text == ui("show_answer", lang), where
    else:
        assert item.all(data_quiz_action="check") == [], where
    details = item.one("details")
    assert details.one("summary").text == ui("show_answer", lang), where
    correct = "; ".join(option_label(q, k, lang) for k in keys(q))
    paragraphs = details.all("p")
    assert paragraphs[0].text == squash(f"{ui('correct_answer', lang)} {correct}"), where
    assert paragraphs[1].text == ui("why", lang), where
    explanations = {li.attrs["data-quiz-explain"]: li.text for li in details.all("li")}
    assert explanations == {o.id: squash(explained(q, o.id, lang)) for o in q.options}, where


def explained(q: Question, option_id: str, lang: str) -> str:
    """An option's explanation as the page writes it: the verdict from the interface strings
    (one convention per language), never typed into the explanation."""
    o = next(o for o in q.options if o.id == option_id)
    if q.type == "ordering":
        return f"{option_label(q, option_id, lang)}: {plain(o.explain[lang], lang)}"
    verdict = ui("quiz_verdict_right" if option_id in keys(q) else "quiz_verdict_wrong", lang)
    return f"{option_label(q, option_id, lang)} — {verdict}. {plain(o.explain[lang], lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_verdicts_never_read_as_a_true_false_label(lang: str) -> None:
    """ "Benar"/"Salah" as a verdict after the option "Salah" would read as a contradiction."""
    labels = {ui("true", lang).casefold(), ui("false", lang).casefold()}
    for key in ("quiz_verdict_right", "quiz_verdict_wrong"):
        verdict = ui(key, lang).casefold()
        assert verdict not in labels and not any(verdict.startswith(x) for x in labels), (lang, key)
        assert not verdict.endswith((".", "!", ":")), (lang, key)  # the template adds the full stop


def check_quiz_frame(root: Element, lang: str, mode: str) -> dict[str, Any]:
    """What every quiz has around its questions; returns the data the script reads."""
    assert root.attrs["aria-label"] == ui("quiz_heading", lang)
    intro = "quiz_intro" if mode == "practice" else "quiz_intro_test"
    assert root.one("p", class_="bsh-quiz__intro", data_quiz_js=True).text.startswith(ui(intro, lang))
    assert root.one(data_quiz_nosave=True).text == ui("quiz_not_saved", lang)
    results = root.one(data_quiz_results=True)
    assert results.one("h3").text == ui("quiz_results", lang)
    assert results.one("p", class_="bsh-quiz__topics-heading").text == ui("quiz_by_topic", lang)
    assert root.one(data_quiz_action="reset").text == ui("quiz_reset", lang)
    data = root.one("script", data_quiz_data=True).json()
    assert data["lang"] == lang
    assert data["mode"] == mode
    # The strings quiz.js formats at run time: every one in this page's language.
    assert data["ui"], "no strings for quiz.js"
    assert data["ui"] == {k: ui(k, lang) for k in data["ui"]}
    for key in ("quiz_correct", "quiz_incorrect", "quiz_partly", "quiz_score", "quiz_result", "quiz_moved"):
        assert key in data["ui"], key
    return dict(data)


@pytest.mark.parametrize("lang", LANGS)
def test_practice_quizzes(real_site: Path, lang: str) -> None:
    quizzes = [p for p in content().pages if p.page.quiz and not isinstance(p.page, FinalQuizPage)]
    assert quizzes
    for p in quizzes:
        root = built(real_site, lang, html_of(p.id)).one("section", data_quiz=p.id)
        data = check_quiz_frame(root, lang, "practice")
        assert root.one("p", class_="bsh-quiz__intro", data_quiz_nojs=True).text == ui("quiz_intro_nojs", lang)
        items = root.all("li", data_quiz_question=True)
        assert [i.attrs["data-quiz-question"] for i in items] == [q.id for q in p.page.quiz]
        for item, q in zip(items, p.page.quiz, strict=True):
            check_question(item, q, lang, "practice")
        # The answer key, printed after the questions.
        key = root.one(data_quiz_key=True)
        assert key.one("p").text == ui("quiz_answer_key", lang)
        assert texts(key.all("li")) == [
            squash("; ".join(option_label(q, k, lang) for k in keys(q))) for q in p.page.quiz
        ]
        assert data["topics"][p.id]["title"] == title(p.id, lang)
        for q, entry in zip(p.page.quiz, data["questions"], strict=True):
            if q.review and "#" not in q.review:
                section = next(s for s in p.page.sections if s.id == q.review)
                assert entry["review"] == {"title": plain(section.title[lang], lang), "url": f"#{q.review}"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_final_quiz_and_its_bank(real_site: Path, lang: str) -> None:
    final = next(p for p in content().pages if isinstance(p.page, FinalQuizPage))
    root = built(real_site, lang, html_of(final.id)).one("section", data_quiz=final.id)
    data = check_quiz_frame(root, lang, "test")
    assert root.one(data_quiz_action="submit").text == ui("quiz_submit", lang)
    results = root.one(data_quiz_results=True)
    assert results.one(data_quiz_action="retry").text == ui("quiz_new_attempt", lang)
    assert results.one(data_quiz_missed_section=True).one("p").text == ui("quiz_missed", lang)
    assert root.one(data_quiz_action="submit-anyway").text == ui("quiz_submit_anyway", lang)
    # The start panel: how many questions, the pass mark, when the answers show, the button.
    page_ = final.page
    assert isinstance(page_, FinalQuizPage)
    start = root.one(data_quiz_start=True)
    size = sum(page_.blueprint.values()) if page_.blueprint else len(page_.bank)
    count = -(-size * page_.pass_mark // 100)
    rule = ui("quiz_pass_rule", lang, percent=page_.pass_mark, count=count, total=size)
    facts = f"{ui('quiz_start_count', lang, n=size)} {rule}"
    assert texts(start.all("p")) == [squash(facts), ui("quiz_start_note", lang), ui("quiz_start", lang)]
    assert data["sample"] == size and data["passMark"] == page_.pass_mark
    assert data["blueprint"] == [[t, n] for t, n in page_.blueprint.items()]
    # Without JavaScript: the test cannot run; every topic's practice quiz is linked, by its title.
    assert root.one(data_quiz_nojs=True).text == ui("quiz_bank_nojs", lang)
    bank = page_.bank
    order = [p.id for p in content().pages]
    topics = sorted({q.topic for q in bank}, key=order.index)
    links = root.one("noscript").all("a")
    assert [(a.text, a.attrs["href"]) for a in links] == [(title(t, lang), f"{html_of(t)}#quiz") for t in topics]
    expected_topics = {t: title(t, lang) for t in {*topics, *page_.blueprint}}
    assert {t: v["title"] for t, v in data["topics"].items()} == expected_topics
    assert {q["id"]: (q["topic"], q["group"]) for q in data["questions"]} == {q.id: (q.topic, q.group) for q in bank}
    # The bank is no script of the page's: it loads on Start.
    scripts = built(real_site, lang, html_of(final.id)).all("script")
    assert "quiz-bank" not in " ".join(s.attrs.get("src", "") for s in scripts)
    # The questions, in their bank script.
    script = (real_site / lang / "assets/quiz-bank-final-quiz.js").read_text(encoding="utf-8")
    found = re.search(r"JSON\.parse\((\".*\")\);\s*$", script, re.S)
    assert found, "the bank script's format changed"
    items = json.loads(json.loads(found[1]))
    assert sorted(items) == sorted(q.id for q in bank)
    for q in bank:
        check_question(parse(items[q.id]).one("li", data_quiz_question=q.id), q, lang, "test")


# --- the self-assessment and the progress dashboard ---------------------------------------------


def assessment() -> AssessmentPage:
    p = content().page("assessment").page
    assert isinstance(p, AssessmentPage)
    return p


@pytest.mark.parametrize("lang", LANGS)
def test_the_self_assessment(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "assessment.html")
    root = doc.one(data_assessment=True)
    page = assessment()
    data = root.one("script", data_assessment_data=True).json()
    assert data["lang"] == lang
    assert data["gapLabel"] == plain(page.scale[2][lang], lang)
    expected = {k for k in content().site.ui if k.startswith("as_")} | {"level_n"}
    assert data["ui"] == {k: ui(k, lang) for k in expected}

    assert root.one(data_assessment_nojs=True).text == ui("as_nojs", lang)
    assert root.one(data_assessment_nosave=True).text == ui("as_no_storage", lang)
    assert root.one(data_assessment_empty=True).text == ui("as_customers_empty", lang)
    for action, key in {
        "submit": "as_submit",
        "add-person": "as_add_person",
        "new": "as_new",
        "export": "as_export",
        "import": "as_import",
        "print": "as_print",
    }.items():
        assert root.one(data_assessment_action=action).text == ui(key, lang), action
    labels = {e.attrs["for"]: e.text for e in root.all("label", for_=True)}
    assert {k: labels[k] for k in ("bsh-as-customer", "bsh-as-person")} == {
        "bsh-as-customer": ui("as_customer_label", lang),
        "bsh-as-person": ui("as_person_label", lang),
    }  # the account plan's labels: tests/test_assessment_strings.py
    scale = [squash(plain(label[lang], lang)) for label in page.scale]
    for lv in page.levels:
        for st in lv.statements:  # in a neutral order, not under the level's name
            statement = root.one("fieldset", data_assessment_statement=st.id)
            assert statement.attrs["data-level"] == str(lv.level)
            assert statement.one("legend").text == squash(plain(st.text[lang], lang))
            assert texts(statement.all("label")) == [*scale, ui("as_unknown", lang)]
        explain = root.one("template", data_assessment_explain=str(lv.level))
        assert explain.attrs["data-name"] == level_name(lv.level, lang)
        assert explain.text == squash(plain(lv.result[lang], lang))
        after = root.one("template", data_assessment_next=str(lv.level))
        heading = ui("as_next_heading", lang, n=lv.level + 1) if lv.level < 5 else ui("as_keep_heading", lang)
        assert after.all("h3")[0].text == heading
        assert after.all("p")[0].text == squash(plain(lv.next_step[lang], lang))
        if after.all("ul", class_="bsh-assessment__tools"):
            assert after.all("h3")[1].text == ui("as_tools_heading", lang)
    result = root.one(data_assessment_result=True)
    assert result.one("span", class_="bsh-assessment__estimate-label").text == ui("as_estimated", lang)
    headers = texts(result.all("thead")[0].all("th"))
    assert headers[:3] == [ui("as_col_person", lang), ui("as_col_level", lang), ui("as_col_points", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_progress_dashboard(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "progress.html")
    summary = content().page("progress").page.summary[lang]
    assert doc.one("article").one("p", class_="bsh-lead").text == squash(plain(summary, lang))
    root = doc.one(data_progress=True)
    data = root.one("script", data_progress_data=True).json()
    assert data["lang"] == lang
    expected = {k for k in content().site.ui if k.startswith("pr_")} | {"level_n", "quiz_result"}
    assert data["ui"] == {k: ui(k, lang) for k in expected}
    assert data["levels"] == {str(lv.level): level_name(lv.level, lang) for lv in content().levels()}
    quizzes = [p.id for p in content().pages if p.page.quiz or isinstance(p.page, FinalQuizPage)]
    assert [(q["id"], q["title"]) for q in data["quizzes"]] == [(q, title(q, lang)) for q in quizzes]
    rows = root.all("tr", data_progress_quiz=True)
    assert [(r.attrs["data-progress-quiz"], r.one("th").text) for r in rows] == [(q, title(q, lang)) for q in quizzes]

    assert root.one(data_progress_nojs=True).text == ui("pr_nojs", lang)
    assert root.one(data_progress_nosave=True).text == ui("pr_no_storage", lang)
    assert root.one(data_progress_action="clear").text == ui("pr_clear", lang)
    assert root.one(data_progress_empty=True).text.startswith(ui("pr_no_assessments", lang))
    assert texts(root.all("h2")) == [
        ui("pr_quizzes_heading", lang),
        ui("pr_assessments_heading", lang),
        ui("pr_clear_heading", lang),
    ]
    columns = ["quiz", "status", "last", "best", "customer", "level", "target", "spread", "next", "people", "date"]
    assert texts(root.all("th", scope="col")) == [ui(f"pr_col_{c}", lang) for c in columns]


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_search_index_names_levels_tools_and_terms(real_site: Path, lang: str) -> None:
    """What search finds first is named in the language: a level page carries its number and
    name as tags; each tool and each glossary term is an entry titled with its own name (not one
    of a dozen entries titled "How to use it with a customer")."""
    docs = json.loads((real_site / lang / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    for lv in content().levels():
        entry = by_location[f"levels/level-{lv.level}.html"]
        assert entry["tags"] == [ui("level_n", lang, n=lv.level), level_name(lv.level, lang)]
    toolbox = content().toolbox()
    assert toolbox is not None
    for tool in toolbox.tools:
        assert by_location[f"toolbox.html#{tool.id}"]["title"] == plain(tool.name[lang], lang)
    titles = {d["title"] for d in docs if d["location"].startswith("toolbox.html#")}
    assert not titles & {ui("what_it_is", lang), ui("how_to_use", lang)}
    glossary = content().glossary()
    assert glossary is not None
    for term in glossary.terms:
        assert by_location[f"glossary.html#{term.id}"]["title"] == plain(term.term[lang], lang)
