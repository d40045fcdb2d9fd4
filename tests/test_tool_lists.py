"""A level's tool list stays a list of its own, and reads as Russian after the dash."""

import re
from pathlib import Path


def test_a_tool_list_is_not_merged_into_the_list_above_it(real_site: Path) -> None:
    # Level 5 ends its section with a list of advice and then a tool list: Markdown used to merge
    # the two, which showed an empty bullet and repeated the advice as tool cards.
    for lang in ("en", "ru"):
        page = (real_site / lang / "levels" / "level-5.html").read_text(encoding="utf-8")
        assert not re.search(r"<li>\s*<p>", page), lang
        assert page.count('href="../toolbox.html#senior-leaders"') >= 1


def test_a_russian_tool_purpose_continues_in_lowercase_after_the_dash(real_site: Path) -> None:
    page = (real_site / "ru" / "levels" / "level-3.html").read_text(encoding="utf-8")
    purposes = re.findall(r"</a></strong> — (\w)", page)
    assert purposes and all(c.islower() for c in purposes), purposes
    # The toolbox still shows each purpose on its own, capitalised.
    toolbox = (real_site / "ru" / "toolbox.html").read_text(encoding="utf-8")
    assert "Творческое решение сложных проблем клиента" in toolbox
