"""The course frame's strings in every language, read on the built pages (no browser): the
numbered navigation, the footer's Previous/Next in the navigation's order on every page, the
overview's Start and path, the progress page's summary, the checklists, the glossary definitions
shown in place, and the strings course.js is given. tests/browser/test_course.py runs the behaviour
once, in English. Expected values come from the YAML content, never from the pages under test."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from browser.expected import content, plain, ui
from helpers import LANGS
from htmldoc import Element, page, texts

from build_tools import render


def built(site: Path, lang: str, page_id: str) -> Element:
    return page(site / lang / render.html_path(content().page(page_id).spec.md))


def nav_title(page_id: str, lang: str) -> str:
    return render.nav_title(content().page(page_id), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_navigation_numbers_the_levels(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "toolbox")
    sidebar = doc.all("nav", class_="md-nav--primary")[0]
    labels = [a.text for a in sidebar.all("a", class_="md-nav__link") if a.attrs.get("href")]
    for lv in content().levels():
        title = plain((lv.nav_title or lv.title)[lang], lang)
        assert f"{lv.level} · {title}" in labels


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_ends_with_previous_and_next_in_the_navigations_order(real_site: Path, lang: str) -> None:
    pages = content().pages
    for i, p in enumerate(pages):
        doc = built(real_site, lang, p.id)
        here = render.html_path(p.spec.md)
        for side, key, other in (("prev", "theme_previous", i - 1), ("next", "theme_next", i + 1)):
            links = doc.all("a", class_=f"md-footer__link--{side}")
            if not 0 <= other < len(pages):
                assert links == [], (here, side)
                continue
            assert len(links) == 1, (here, side)
            link = links[0]
            target = render.html_path(pages[other].spec.md)
            assert posixpath.normpath(posixpath.join(posixpath.dirname(here), link.attrs["href"])) == target
            assert link.one(class_="md-footer__direction").text == ui(key, lang), (here, side)
            assert link.one("div", class_="md-ellipsis").text == nav_title(pages[other].id, lang), (here, side)
            assert link.attrs["aria-label"] == f"{ui(key, lang)}: {nav_title(pages[other].id, lang)}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_starts_the_course(real_site: Path, lang: str) -> None:
    section = built(real_site, lang, "home").one("section", class_="bsh-course")
    assert section.one("h2").text == ui("course_heading", lang)
    assert section.one("p", class_="bsh-course__intro").text == ui("course_intro", lang)
    start = section.one("a", data_course_start=True)
    assert (start.text, start.attrs["href"]) == (ui("course_start", lang), "levels/level-1.html")
    assert "hidden" in section.one(data_course_status=True).attrs
    steps = section.all("li", data_course_step=True)
    assert [li.attrs["data-course-step"] for li in steps] == [p.id for p in render.course_path(content())]
    assert [li.one("a").text for li in steps] == [nav_title(li.attrs["data-course-step"], lang) for li in steps]
    groups = texts(section.all("span", class_="bsh-course__label"))
    assert groups == [ui("levels_nav", lang), ui("modules_nav", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_progress_page_says_what_it_needs_and_when_a_step_counts(real_site: Path, lang: str) -> None:
    doc = built(real_site, lang, "progress")
    heading = doc.one("h2", id="course")
    assert heading.text.replace("¶", "").strip() == ui("course_progress_heading", lang)
    assert doc.one(data_course_status=True).text == ui("course_nojs", lang)
    assert doc.one("p", class_="bsh-course__rule").text == ui("course_rule", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_signs_are_checklists(real_site: Path, lang: str) -> None:
    for lv in content().levels():
        doc = built(real_site, lang, f"level-{lv.level}")
        section = next(s for s in lv.sections if any(b.checklist for b in s.blocks))
        index, block = next((i, b) for i, b in enumerate(section.blocks) if b.checklist)
        box = doc.one(data_checklist=True)
        assert box.attrs["data-checklist"] == f"level-{lv.level}:{section.id}:{index}"
        hint = box.one("p", class_="bsh-checklist__hint")
        saved = hint.one(data_checklist_saved=True)
        assert "hidden" in saved.attrs and saved.text == ui("checklist_saved", lang)
        assert hint.text == f"{ui('checklist_hint', lang)} {ui('checklist_saved', lang)}"
        labels = box.all("label")
        assert [x.text for x in labels] == [plain(item[lang], lang) for item in block.checklist or []]
        assert all(x.one("input").attrs["type"] == "checkbox" for x in labels)


@pytest.mark.parametrize("lang", LANGS)
def test_term_links_carry_their_definitions(real_site: Path, lang: str) -> None:
    terms = {t.id: t for t in content().glossary().terms}
    seen = 0
    for p in content().pages:
        doc = built(real_site, lang, p.id)
        here = render.html_path(p.spec.md)
        found = doc.all("script", data_glossary=True)
        linked = {
            a.attrs["href"].split("#")[1]
            for a in doc.one("article").all("a")
            if a.attrs.get("href", "").split("#")[0].endswith("glossary.html") and "#" in a.attrs["href"]
        }
        if p.spec.kind == "glossary" or not linked:
            assert found == [], here
            continue
        data = found[0].json()
        assert set(data) == linked, here
        for term_id, entry in data.items():
            term = terms[term_id]
            assert entry["term"] == plain(term.term[lang], lang)
            assert entry["definition"] == plain(term.definition[lang], lang)
            assert (
                posixpath.normpath(posixpath.join(posixpath.dirname(here), entry["url"])) == f"glossary.html#{term_id}"
            )
        seen += 1
    assert seen >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_the_course_script_gets_its_steps_and_strings(real_site: Path, lang: str) -> None:
    text = (real_site / lang / render.COURSE_SCRIPT).read_text(encoding="utf-8")
    data = json.loads(json.loads(text[text.index("JSON.parse(") + len("JSON.parse(") : text.rindex(")")]))
    path = render.course_path(content())
    assert [(s["id"], s["title"], s["rule"]) for s in data["steps"]] == [
        (p.id, nav_title(p.id, lang), render.step_rule(p)) for p in path
    ]
    keys = [k for k in content().site.ui if k.startswith(("course_", "term_"))]
    assert data["ui"] == {k: ui(k, lang) for k in keys}
    assert data["lang"] == lang
