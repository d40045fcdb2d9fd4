"""What the learner should see, read from the real content (never from the page under test)."""

from __future__ import annotations

import functools

from helpers import REPO

from build_tools import markup, render
from build_tools.content import Content, load_content


@functools.cache
def content() -> Content:
    return load_content(REPO)


def ui(key: str, lang: str, **values: object) -> str:
    """An interface string as the page shows it, with ``{name}`` placeholders filled."""
    return render.Lang(lang, content(), {}).ui(key, **values)


def plain(value: str, lang: str) -> str:
    """A content text as the browser shows it: markup removed, whitespace collapsed."""
    targets = render.link_targets(content(), lang)
    return markup.to_plain(value, lambda ref: targets[ref])


CSV_COLUMNS = (
    "as_col_customer",
    "as_col_person",
    "as_plan_role",
    "as_plan_influence",
    "as_plan_now",
    "as_plan_target",
    "as_plan_evidence",
    "as_plan_action",
    "as_plan_tool",
    "as_plan_owner",
    "as_plan_due",
    "as_questions_heading",
)
"""The account plan's CSV columns, in order, as interface keys: the widget names them from the
strings it is given."""
