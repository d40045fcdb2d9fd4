"""A built page as a small element tree, to check its strings in Python (no browser): the page's
text is the same in every language's build but the words, so the words are checked here, fast,
and the behaviour once in the browser."""

from __future__ import annotations

import html.parser
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def all(self, tag: str | None = None, **attrs: str | bool) -> list[Element]:
        """Elements inside (or equal to) this one with ``tag`` and ``attrs``: a value of ``True``
        asks only for the attribute; a ``class_`` value for one of the classes. Attribute names
        are written with ``_`` for ``-`` (and a trailing ``_`` for a Python keyword: ``for_``)."""
        return [e for e in self.iter() if e.matches(tag, attrs)]

    def one(self, tag: str | None = None, **attrs: str | bool) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} elements <{tag or '*'} {attrs}>"
        return found[0]

    def matches(self, tag: str | None, attrs: dict[str, str | bool]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for name, want in attrs.items():
            if name == "class_":
                if str(want) not in self.attrs.get("class", "").split():
                    return False
                continue
            key = name.rstrip("_").replace("_", "-")
            if key not in self.attrs or (want is not True and self.attrs[key] != want):
                return False
        return True

    @property
    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text for c in self.children)

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed, as a browser shows it."""
        return " ".join(self.raw_text.split())

    def json(self) -> Any:
        return json.loads(self.raw_text)


class _Builder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Element:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def page(path: Path) -> Element:
    return parse(path.read_text(encoding="utf-8"))


def texts(elements: list[Element]) -> list[str]:
    return [e.text for e in elements]


def squash(text: str) -> str:
    return " ".join(text.split())


def html_files(site: Path, lang: str) -> list[Path]:
    return sorted((site / lang).rglob("*.html"))
