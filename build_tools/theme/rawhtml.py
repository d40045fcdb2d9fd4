"""Generated HTML passes through Python-Markdown untouched, without being parsed twice.

Most of a generated page is HTML (the quiz, the figure, the assessment form): nine tenths of a
level page's Markdown. Python-Markdown finds where each raw HTML block ends by running Python's
HTML parser over it, and MkDocs runs that parser over the whole page once more to collect ids
for its anchor check: two thirds of a language's Markdown time, to pass the blocks on unchanged.

The templates mark each such block with a line ``<!--bsh:html-->`` before it and
``<!--/bsh:html-->`` after it. This extension stashes what lies between verbatim, as
Python-Markdown's own raw-HTML step would have, before either parser runs; the markers are
dropped. The ids in the blocks (read with a regular expression: generated HTML always quotes
attributes with ``"``) are added to the ones MkDocs found, so its anchor check still sees them.
Without the extension (plain Python-Markdown, another tool) the markers are HTML comments and
the page renders the same.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

OPEN = "<!--bsh:html-->"
CLOSE = "<!--/bsh:html-->"
_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
MKDOCS_RAW_HTML = "mkdocs_raw_html"
"""MkDocs' preprocessor collecting ids from raw HTML (``mkdocs.structure.pages``, priority 21)."""


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, found: set[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, lines: list[str]) -> list[str]:
        self.found.clear()
        if OPEN not in lines:
            return lines
        out: list[str] = []
        i = 0
        while i < len(lines):
            if lines[i] != OPEN:
                out.append(lines[i])
                i += 1
                continue
            try:
                end = lines.index(CLOSE, i + 1)
            except ValueError:  # unpaired: leave the rest to Python-Markdown
                out.extend(lines[i:])
                break
            block = "\n".join(lines[i + 1 : end])
            self.found.update(_ID.findall(block))
            out += ["", self.md.htmlStash.store(block + "\n"), ""]  # as Python-Markdown stores it
            i = end + 1
        return out


class _AddIds(Postprocessor):
    """Hands the stashed blocks' ids to MkDocs' collector, which has run by now."""

    def __init__(self, md: Markdown, found: set[str]) -> None:
        super().__init__(md)
        self.found = found

    def run(self, text: str) -> str:
        if self.found and MKDOCS_RAW_HTML in self.md.preprocessors:
            collector: Any = self.md.preprocessors[MKDOCS_RAW_HTML]
            collector.present_anchor_ids = set(collector.present_anchor_ids) | self.found
        return text


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        found: set[str] = set()
        # Before MkDocs' id collector (21) and Python-Markdown's raw-HTML step (20).
        md.preprocessors.register(_Stash(md, found), "bsh_raw_html", 25)
        md.postprocessors.register(_AddIds(md, found), "bsh_raw_html_ids", 0)


def makeExtension(**kwargs: Any) -> RawHtmlExtension:
    return RawHtmlExtension(**kwargs)
