"""One test per checker rule, each pinning the exact message an author sees."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import problems_of
from helpers import dump, home, level, minimal_tree, question, text


def test_minimal_project_is_valid(project: Path) -> None:
    assert problems_of(project) == []


def test_yaml_syntax_error(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": "title:\n  en: [unclosed\n"})
    assert problems_of(tmp_path) == [
        "content/home.yaml:2: YAML syntax error: the [ opened on this line is not closed with ]"
    ]


def test_tab_indentation(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": "title:\n\ten: Home\n"})
    assert problems_of(tmp_path) == ["content/home.yaml:2: tab character; indent and separate with spaces"]


def _edited(body: str, *replacements: tuple[str, str]) -> str:
    """``body`` with each ``(before, after)`` replaced once; ``before`` must be there."""
    for before, after in replacements:
        assert before in body
        body = body.replace(before, after, 1)
    return body


def test_a_text_cut_short_by_a_comment(tmp_path: Path) -> None:
    """YAML reads `` #`` after plain text as a comment: the text would lose its end silently."""
    body = _edited(
        dump(home()),
        ("en: Home [en]", "en: 'Home # quoted is fine'"),
        ("id: Home [id]", "id: Beranda  # a comment"),
        ("vi: Home [vi]", "vi: Trang # chủ"),
    )
    minimal_tree(tmp_path, {"content/home.yaml": body})
    cut = (
        "the text stops before ' #': YAML reads the rest of the line as a comment. If the '#' belongs to the text, "
        "put the whole text in quotes; if it is a comment, give it a line of its own"
    )
    assert problems_of(tmp_path) == [f"content/home.yaml:3: title.id: {cut}", f"content/home.yaml:5: title.vi: {cut}"]


def test_a_comment_behind_an_id_a_type_or_an_answer_is_a_comment(tmp_path: Path) -> None:
    """As in AUTHORING.md's examples: only a translation can lose its end to a comment."""
    body = _edited(
        dump(level(2)),
        ("- id: risk\n", "- id: risk            # anchor\n"),
        ("type: single\n", "type: single  # single | multiple | true-false | ordering\n"),
        ("answer: a\n", "answer: a  # single: one id\n"),
        ("level: 2\n", "level: 2  # the number\n"),
    )
    minimal_tree(tmp_path, {"content/levels/level-2.yaml": body})
    assert problems_of(tmp_path) == []


def test_duplicate_key(tmp_path: Path) -> None:
    body = (tmp_path / "x").parent  # keep the tree valid except for the duplicate
    minimal_tree(body)
    text_yaml = (tmp_path / "content/levels/level-2.yaml").read_text(encoding="utf-8")
    (tmp_path / "content/levels/level-2.yaml").write_text(text_yaml + "level: 2\n", encoding="utf-8")
    assert problems_of(tmp_path) == [
        f"content/levels/level-2.yaml:{text_yaml.count(chr(10)) + 1}: level: duplicate key (first defined on line 1)"
    ]


def test_unknown_key(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-1.yaml": {**level(1), "titel": text("typo")}})
    (problem,) = problems_of(tmp_path)
    assert problem.startswith("content/levels/level-1.yaml:")
    assert problem.split(": ", 1)[1] == (
        "titel: unknown key 'titel'; expected one of: title, nav_title, description, summary, "
        "sections, quiz, level, short_name, objectives"
    )


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    tagged = f"!!python/object/apply:os.system ['touch {marker}']"
    minimal_tree(tmp_path, {"content/home.yaml": f"nav_title: {tagged}\n" + dump(home())})
    assert problems_of(tmp_path) == [
        "content/home.yaml:1: nav_title: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"
    ]
    assert not marker.exists()


def test_empty_file(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": "# nothing yet\n"})
    assert problems_of(tmp_path) == ["content/home.yaml:1: the file is empty; expected a mapping of keys"]


def test_wrong_top_level_type(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": "- title\n- summary\n"})
    assert problems_of(tmp_path) == ["content/home.yaml:1: expected a mapping of keys at the top level, found a list"]


def test_missing_translation(tmp_path: Path) -> None:
    title = text("Home")
    del title["vi"]
    minimal_tree(tmp_path, {"content/home.yaml": home(title=title)})
    assert problems_of(tmp_path) == ["content/home.yaml:1: title: missing the 'vi' translation"]


def test_empty_translation(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title={**text("Home"), "ru": "  "})})
    assert problems_of(tmp_path) == ["content/home.yaml:4: title.ru: the translation is empty"]


def test_non_text_translation(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title={**text("Home"), "id": 2005})})
    assert problems_of(tmp_path) == ["content/home.yaml:3: title.id: expected text, found a number"]


def test_text_that_is_not_a_mapping(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title="Home")})
    assert problems_of(tmp_path) == [
        "content/home.yaml:1: title: expected a text per language (a mapping with keys en, id, ru, vi), found text"
    ]


def test_unknown_language(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title={**text("Home"), "fr": "Accueil"})})
    assert problems_of(tmp_path) == [
        "content/home.yaml:6: title.fr: unknown language 'fr'; the languages are en, id, ru, vi"
    ]


def test_a_wrong_language_code_is_reported_once_not_per_text(tmp_path: Path) -> None:
    minimal_tree(tmp_path)
    site = tmp_path / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("- code: vi\n", "- code: vn\n"), encoding="utf-8")
    code, languages = _line_of(site, "- code: vn"), _line_of(site, "languages:")
    stray, wrong = problems_of(tmp_path)  # sorted by line
    assert wrong == (
        f"content/site.yaml:{code}: languages[3].code: no text has a 'vn' translation; the texts have 'vi':"
        " is the code wrong?"
    )
    # every text has 'vi': N of N
    assert re.fullmatch(
        rf"content/site\.yaml:{languages}: languages: (\d+) of \1 texts have a 'vi' translation, but 'vi' is not a"
        " language of the site; the languages are en, id, ru, vn",
        stray,
    ), stray


def test_a_new_language_without_translations_is_one_problem(tmp_path: Path) -> None:
    minimal_tree(tmp_path)
    site = tmp_path / "content/site.yaml"
    source = site.read_text(encoding="utf-8")
    site.write_text(source.replace("languages:\n", "languages:\n  - code: th\n    name: ไทย\n", 1), encoding="utf-8")
    assert problems_of(tmp_path) == [
        f"content/site.yaml:{_line_of(site, '- code: th')}: languages[0].code: no text has a 'th' translation;"
        " translate the texts or remove the language"
    ]


def test_a_stray_key_in_a_few_texts_is_reported_where_it_is(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title={**text("Home"), "vn": "Trang chủ"})})
    line = _line_of(tmp_path / "content/home.yaml", "vn: Trang")
    assert problems_of(tmp_path) == [
        f"content/home.yaml:{line}: title.vn: unknown language 'vn'; the languages are en, id, ru, vi"
    ]


def test_duplicate_question_id(tmp_path: Path) -> None:
    """Said at both places: which one is the copy to rename, only the author knows."""
    minimal_tree(tmp_path, {"content/levels/level-2.yaml": level(2, quiz=[question("l1-q1")])})
    first = _line_of(tmp_path / "content/levels/level-1.yaml", "- id: l1-q1")
    second = _line_of(tmp_path / "content/levels/level-2.yaml", "- id: l1-q1")
    one, two = "content/levels/level-1.yaml", "content/levels/level-2.yaml"
    assert problems_of(tmp_path) == [
        f"{one}:{first}: quiz[0].id: duplicate id 'l1-q1' (also used at {two}:{second})",
        f"{two}:{second}: quiz[0].id: duplicate id 'l1-q1' (also used at {one}:{first})",
    ]


def test_level_number_out_of_range(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-5.yaml": level(6)})
    assert problems_of(tmp_path) == [
        "content/levels/level-5.yaml:1: level: 6 is not a level; levels are 1 to 5 and this file must define level 5"
    ]


def test_level_number_does_not_match_file(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-3.yaml": level(2, quiz=[question("l3-q1")])})
    """One message: "level 2 is also defined in level-2.yaml" would only say it again."""
    assert problems_of(tmp_path) == ["content/levels/level-3.yaml:1: level: this file must define level 3, not 2"]


def test_missing_level_file(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-4.yaml": None})
    assert problems_of(tmp_path) == ["content/levels/level-4.yaml: missing level file; the site needs it"]


def test_extra_level_file(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-6.yaml": level(6, quiz=[])})
    assert problems_of(tmp_path) == [
        "content/levels/level-6.yaml: unexpected file; the level files are level-1.yaml to level-5.yaml"
    ]


def test_unknown_reference_in_text(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(summary={**text("See"), "ru": "См. [[level-9]]"})})
    line = _line_of(tmp_path / "content/home.yaml", "[[level-9]]")
    assert problems_of(tmp_path) == [f"content/home.yaml:{line}: summary.ru: [[level-9]]: unknown id 'level-9'"]


def test_unknown_section_reference(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(summary={**text("See"), "en": "[[level-2#nope|here]]"})})
    line = _line_of(tmp_path / "content/home.yaml", "[[level-2#nope|here]]")
    assert problems_of(tmp_path) == [
        f"content/home.yaml:{line}: summary.en: [[level-2#nope|here]]: the page 'level-2' has no section 'nope'"
    ]


def test_unknown_review_section(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-1.yaml": level(1, quiz=[question("l1-q1", review="nowhere")])})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == "quiz[0].review: the page 'level-1' has no section 'nowhere'"


def test_empty_review_is_an_error(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/levels/level-1.yaml": level(1, quiz=[question("l1-q1", review="")])})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == "quiz[0].review: must not be empty"


def test_unknown_tool_in_tools_block(tmp_path: Path) -> None:
    sections = [{"id": "next", "title": text("Next"), "blocks": [{"tools": ["magic-wand"]}]}]
    minimal_tree(tmp_path, {"content/levels/level-1.yaml": level(1, sections=sections, quiz=[])})
    (problem,) = problems_of(tmp_path)
    assert problem.split(": ", 1)[1] == "sections[0].blocks[0].tools[0]: unknown tool id 'magic-wand'"


def test_invalid_utf8(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": b"title:\n  en: caf\xe9\n"})
    assert problems_of(tmp_path) == ["content/home.yaml:2: invalid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    minimal_tree(
        tmp_path,
        {
            "content/home.yaml": "- a list\n",
            "content/levels/level-4.yaml": None,
            "content/levels/level-2.yaml": level(2, quiz=[question("l2-q1", answer="z")]),
        },
    )
    found = problems_of(tmp_path)
    assert len(found) == 3
    assert found[0].startswith("content/home.yaml:1:")
    assert found[1].startswith("content/levels/level-2.yaml:")
    assert found[2] == "content/levels/level-4.yaml: missing level file; the site needs it"


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_figure_only_once_per_page(tmp_path: Path) -> None:
    blocks = [{"figure": "hierarchy"}, {"text": text("Between.")}, {"figure": "hierarchy"}]
    sections = [{"id": "intro", "title": text("Intro"), "blocks": blocks}]
    minimal_tree(tmp_path, {"content/home.yaml": home(sections=sections)})
    lines = (tmp_path / "content/home.yaml").read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, start=1) if "figure: hierarchy" in line][1]
    assert problems_of(tmp_path) == [
        f"content/home.yaml:{second}: sections[0].blocks[2].figure: the figure can appear only once on a page"
    ]


# --- the termbase (glossary ``avoid``) ---------------------------------------------------------


def _glossary(**avoid: list[str]) -> dict[str, object]:
    return {
        "title": text("Glossary"),
        "description": text("Terms."),
        "summary": text("Terms."),
        "terms": [
            {
                "id": "level",
                "term": {**text("level"), "ru": "уровень"},
                "definition": {**text("A position."), "ru": "Позиция; не путать с «третьим уровнем» и т. п."},
                "avoid": avoid,
            },
            {
                "id": "usp",
                "term": text("USP"),
                "definition": text("What sets you apart."),
                "avoid": {"ru": ["USP -> УТП"]},
            },
        ],
    }


def test_a_forbidden_variant_is_reported_where_it_is_written(tmp_path: Path) -> None:
    # A folded text: the variant runs over two lines, and is reported at the line where it starts;
    # the id of a link ([[usp]]) is not a word of the text.
    folded = "  ru: >-\n    Клиент видит вас на третьем\n    уровне, а [[usp]] впереди;\n    и ещё USP.\n"
    home_yaml = dump(home()).replace("  ru: Welcome, see [[level-1]]. [ru]\n", folded, 1)
    assert folded in home_yaml
    minimal_tree(
        tmp_path,
        {"content/glossary.yaml": _glossary(ru=["трет* уров* -> уровень 3"]), "content/home.yaml": home_yaml},
    )
    path = tmp_path / "content/home.yaml"
    assert problems_of(tmp_path) == [
        f"content/home.yaml:{_line_of(path, 'на третьем')}: summary.ru: "
        '"третьем уровне" is not the course\'s term for level; write "уровень 3"',
        f"content/home.yaml:{_line_of(path, 'и ещё USP')}: summary.ru: "
        '"USP" is not the course\'s term for usp; write "УТП"',
    ]


def test_a_term_may_name_its_own_variants_and_other_languages_are_not_checked(tmp_path: Path) -> None:
    # The definition of "level" quotes «третьим уровнем» to reject it; English text is not Russian.
    home_data = home(summary={**text("Summary"), "en": "Third level, USP and all."})
    minimal_tree(tmp_path, {"content/glossary.yaml": _glossary(ru=["трет* уров*"]), "content/home.yaml": home_data})
    assert problems_of(tmp_path) == []


def test_variants_match_whole_words_only() -> None:
    from build_tools import termbase

    pattern = termbase.compile_variant("klien")
    assert pattern.search("para Klien kami") and not pattern.search("klinik kliennya")
    stem = termbase.compile_variant("трет* уров*")
    assert stem.search("на третьем  уровне") and stem.search("третьего\n уровня") and not stem.search("третьи лица")
