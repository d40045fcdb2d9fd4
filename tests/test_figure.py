"""The hierarchy figure: line breaks that never overflow, the chasm, links and the highlighted level."""

from __future__ import annotations

import re
import unicodedata

import pytest
from helpers import LANGS, REPO, home, level, minimal_tree, text

from build_tools import figure
from build_tools.content import load_content
from build_tools.models import Text
from build_tools.render import Lang, render_language


def test_short_text_stays_on_one_line() -> None:
    assert figure.wrap("Good supplier", 200, 16) == ["Good supplier"]


def test_long_text_wraps_at_spaces_within_the_width() -> None:
    lines = figure.wrap("Nhà cung cấp hàng phổ thông rất dài thêm vài chữ nữa", 150, 16)
    assert len(lines) > 1
    assert " ".join(lines) == "Nhà cung cấp hàng phổ thông rất dài thêm vài chữ nữa"
    assert all(figure.text_width(line, 16) <= 150 for line in lines)


def test_a_word_longer_than_the_line_is_split_with_a_hyphen() -> None:
    lines = figure.wrap("Стратегическийпартнёрсамыйдлинный", 120, 16)
    assert len(lines) > 1
    assert all(line.endswith("-") for line in lines[:-1])
    assert all(figure.text_width(line, 16) <= 120 for line in lines)
    assert "".join(line.rstrip("-") for line in lines) == "Стратегическийпартнёрсамыйдлинный"


def test_a_line_narrower_than_a_letter_still_ends() -> None:
    # Very long level names push the ramp's edge past the drawing: the width left can be negative.
    # Each line then holds one letter; it used to loop for ever on the empty rest of the word.
    lines = figure.wrap("ab cd", -40, 16)
    assert "".join(line.rstrip("-") for line in lines) == "abcd"


def test_a_very_long_level_name_is_laid_out(content: object) -> None:
    long_name = Text({lang: "Supplier " * 60 for lang in LANGS})
    levels = [lv.model_copy(update={"short_name": long_name}) for lv in content.levels()]  # type: ignore[attr-defined]
    ui = Lang("en", content, {}).ui  # type: ignore[arg-type]
    fig = figure.layout(levels, "en", ui, current=1)
    assert all(step.lines for step in fig.steps)


def test_combining_marks_take_no_width() -> None:
    # Vietnamese written with combining tone marks measures like the precomposed form.
    composed = "Đối tác chiến lược"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert figure.text_width(decomposed, 16) == figure.text_width(composed, 16)


@pytest.fixture(scope="module")
def content() -> object:
    return load_content(REPO)


@pytest.mark.parametrize("lang", LANGS)
def test_real_level_names_fit_their_steps(content: object, lang: str) -> None:
    ui = Lang(lang, content, {}).ui  # type: ignore[arg-type]
    fig = figure.layout(content.levels(), lang, ui, current=3)  # type: ignore[attr-defined]
    assert [s.level for s in fig.steps] == [5, 4, 3, 2, 1]
    for step in fig.steps:
        assert step.lines, step
        for line in step.lines:
            assert figure.text_width(line, figure.NAME_SIZE) <= step.width - 2 * figure.PAD, line
        assert figure.text_width(step.label, figure.LABEL_SIZE, bold=True) <= step.width - 2 * figure.PAD
        assert step.line_ys()[-1] < step.y + step.height
        assert step.x + step.width == figure.WIDTH
    assert [s.level for s in fig.steps if s.current] == [3]


def test_steps_ascend_and_the_chasm_lies_between_levels_3_and_4(content: object) -> None:
    ui = Lang("en", content, {}).ui  # type: ignore[arg-type]
    fig = figure.layout(content.levels(), "en", ui)  # type: ignore[attr-defined]
    by_level = {s.level: s for s in fig.steps}
    assert [by_level[n].x for n in range(1, 6)] == sorted(by_level[n].x for n in range(1, 6))
    assert [by_level[n].y for n in range(1, 6)] == sorted((by_level[n].y for n in range(1, 6)), reverse=True)
    assert fig.chasm is not None
    assert by_level[4].y + by_level[4].height < fig.chasm.middle < by_level[3].y
    assert fig.chasm.label == ("The chasm",)
    assert not any(s.current for s in fig.steps)
    assert fig.height == by_level[1].y + by_level[1].height


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    root = tmp_path_factory.mktemp("figure")
    long_names = {n: {**text(f"L{n}"), "ru": "Очень длинное название ступени номер " + str(n)} for n in range(1, 6)}
    with_block = {"id": "levels", "title": text("Levels"), "blocks": [{"figure": "hierarchy"}]}
    risk = {"id": "risk", "title": text("Risk"), "blocks": [{"text": text("Risky.")}]}
    minimal_tree(
        root,
        {
            "content/home.yaml": home(sections=[with_block]),
            **{f"content/levels/level-{n}.yaml": level(n, short_name=long_names[n]) for n in range(1, 6)},
            "content/levels/level-4.yaml": level(4, short_name=long_names[4], sections=[with_block, risk]),
        },
    )
    content = load_content(root)
    return {lang: render_language(content, lang) for lang in LANGS}


def test_home_shows_the_figure_with_title_description_and_five_links(rendered: dict[str, dict[str, str]]) -> None:
    md = rendered["ru"]["index.md"]
    assert md.count('<figure class="bsh-figure" data-search-exclude>') == 1
    assert '<title id="bsh-figure-title">Пять уровней иерархии «купля-продажа»</title>' in md
    assert '<desc id="bsh-figure-desc">Один пологий подъём' in md
    assert re.findall(r'<a href="([^"]+)" class="bsh-figure__step', md) == [
        f"levels/level-{n}.html" for n in (5, 4, 3, 2, 1)
    ]
    assert "aria-current" not in md
    assert ">Пропасть</tspan>" in md


def test_a_level_page_shows_the_figure_once_with_its_level_highlighted(rendered: dict[str, dict[str, str]]) -> None:
    for n in range(1, 6):
        md = rendered["en"][f"levels/level-{n}.md"]
        assert md.count('<figure class="bsh-figure" data-search-exclude>') == 1, n
        current = re.findall(r'<a href="([^"]+)" class="bsh-figure__step bsh-figure__step--current" aria-current', md)
        assert current == [f"../levels/level-{n}.html"], n


def test_the_figure_goes_after_the_lead_unless_the_author_placed_it(rendered: dict[str, dict[str, str]]) -> None:
    after_lead = rendered["en"]["levels/level-2.md"]
    assert after_lead.index("{ .bsh-lead }") < after_lead.index("<figure") < after_lead.index("## Risk")
    placed = rendered["en"]["levels/level-4.md"]
    assert placed.index("## Levels") < placed.index("<figure")


def test_long_russian_names_are_broken_into_several_lines(rendered: dict[str, dict[str, str]]) -> None:
    md = rendered["ru"]["index.md"]
    figure = md[md.index('<figure class="bsh-figure"') :]  # the home page links the levels before it too
    step = re.search(r'<a href="levels/level-5.html".*?</a>', figure, re.S)
    assert step is not None
    assert len(re.findall(r"bsh-figure__name", step.group(0))) >= 2


def test_the_figure_is_an_escalator_that_moves_both_ways_not_steps(
    content: object, rendered: dict[str, dict[str, str]]
) -> None:
    # The level-1 quiz teaches that a level is not a step you keep: the figure must say the same.
    fig = figure.layout(content.levels(), "en", Lang("en", content, {}).ui)  # type: ignore[attr-defined,arg-type]
    by_level = {s.level: s for s in fig.steps}
    # One straight slanted edge: each box's bottom-left corner lies on the line through the others.
    corners = [(s.bottom_x, s.y + s.height) for s in fig.steps] + [(s.x, s.y) for s in fig.steps]
    (x0, y0), (x1, y1) = (by_level[1].bottom_x, by_level[1].y + by_level[1].height), (by_level[5].x, by_level[5].y)
    for x, y in corners:
        assert abs((x - x0) * (y1 - y0) - (y - y0) * (x1 - x0)) < 1e-6 * fig.height * fig.width, (x, y)
    assert fig.arrow is not None and len(fig.arrow.heads) == 2  # up and down
    md = rendered["en"]["index.md"]
    assert md.count('class="bsh-figure__head"') == 2
    assert "<rect" not in md[md.index("<figure") :]
    caption = re.search(r'<figcaption class="bsh-figure__caption">(.*?)</figcaption>', md)
    assert caption and "both ways" in caption.group(1) and "slip down" in caption.group(1)
    for lang, word in {"id": "dua arah", "ru": "в обе стороны", "vi": "hai chiều"}.items():
        assert word in rendered[lang]["index.md"], lang
