"""Inline text rendering: only bold, italic and [[links]] are markup; everything else is text."""

from __future__ import annotations

import pytest

from build_tools import markup
from build_tools.markup import Target

TARGETS = {
    "level-2": Target("levels/level-2.html", "Good supplier"),
    "kaizen": Target("toolbox.html#kaizen", "Kaizen"),
}


def resolve(ref: str) -> Target:
    return TARGETS[ref]


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("index.html", "levels/level-2.html", "levels/level-2.html"),
        ("levels/level-1.html", "levels/level-2.html", "../levels/level-2.html"),
        ("levels/level-1.html", "toolbox.html#kaizen", "../toolbox.html#kaizen"),
        ("toolbox.html", "toolbox.html#kaizen", "toolbox.html#kaizen"),
    ],
)
def test_relative_url(here: str, target: str, expected: str) -> None:
    assert markup.relative_url(target, here) == expected


def test_markdown_escapes_everything_but_emphasis_and_links() -> None:
    text = "# Not a heading <b>x</b> {{ y }} [a](b) **bold** *it* [[level-2]] [[kaizen|the tool]]"
    assert markup.to_markdown(text, resolve, "levels/level-1.html") == (
        r"\# Not a heading &lt;b&gt;x&lt;/b&gt; \{\{ y \}\} \[a\]\(b\) **bold** *it* "
        r"[Good supplier](../levels/level-2.md) [the tool](../toolbox.md#kaizen)"
    )


def test_html_escapes_quotes_and_tags() -> None:
    text = 'Say "hi" </script><img src=x onerror=alert(1)> **now**'
    assert markup.to_html(text, resolve, "index.html") == (
        "Say &quot;hi&quot; &lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; <strong>now</strong>"
    )


def test_whitespace_collapses_but_spaces_around_markup_stay() -> None:
    assert markup.to_markdown("a\n  **b**\tc", resolve, "index.html") == "a **b** c"


def test_plain_drops_markup_and_labels_links() -> None:
    assert markup.to_plain("See **[[level-2]]** and [[kaizen|it]]", resolve) == "See Good supplier and it"


def test_paragraphs_split_at_blank_lines() -> None:
    assert markup.paragraphs("one\ntwo\n\n  \nthree\n") == ["one\ntwo", "three"]


def test_lone_asterisks_are_text() -> None:
    assert markup.to_markdown("5 * 3 and a*b", resolve, "index.html") == r"5 \* 3 and a\*b"
