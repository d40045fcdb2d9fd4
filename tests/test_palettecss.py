"""Material's palette stylesheet trimmed to the site's colours (build_tools/palettecss.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material  # type: ignore[import-untyped]
import pytest

from build_tools import palettecss

SHIPPED = next(
    (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"), None
)
INDIGO = {"primary": {"indigo"}, "accent": {"indigo"}}


def test_colours_of_the_palette_with_material_defaults() -> None:
    palette = [{"media": "(prefers-color-scheme)"}, {"scheme": "slate", "primary": "deep purple", "accent": "lime"}]
    assert palettecss.colours(palette) == {"primary": {"indigo", "deep-purple"}, "accent": {"indigo", "lime"}}
    assert palettecss.colours({"primary": "teal"}) == {"primary": {"teal"}, "accent": {"indigo"}}


def test_selectors_of_other_colours_go_rules_without_colour_stay() -> None:
    css = (
        "[data-md-color-primary=pink]{--a:1}"
        "[data-md-color-primary=indigo],[data-md-color-primary=pink] .x{--b:2}"
        '@media screen{[data-md-color-scheme=slate] img[src$="#a,b"],[data-md-color-accent=lime] .y{--c:3}'
        "[data-md-color-accent=lime]{--d:4}}"
        ".plain:is(.a,.b){--e:5}"
        "/*# sourceMappingURL=palette.css.map*/"
    )
    assert palettecss.trim(css, INDIGO) == (
        "[data-md-color-primary=indigo]{--b:2}"
        '@media screen{[data-md-color-scheme=slate] img[src$="#a,b"]{--c:3}}'
        ".plain:is(.a,.b){--e:5}"
    )


def test_unexpected_css_is_refused() -> None:
    with pytest.raises(ValueError):
        palettecss.trim("a{b:c}}", INDIGO)
    with pytest.raises(ValueError):
        palettecss.trim("@media screen{a{b:c}", INDIGO)


def test_materials_stylesheet_reads_back_and_shrinks() -> None:
    assert SHIPPED is not None, "Material's palette stylesheet moved: update palettecss"
    css = SHIPPED.read_text(encoding="utf-8")
    every = {kind: set(re.findall(rf"data-md-color-{kind}=([\w-]+)", css)) for kind in ("primary", "accent")}
    assert palettecss.trim(css, every) == palettecss._SOURCE_MAP.sub("", css)  # nothing lost but the map
    trimmed = palettecss.trim(css, INDIGO)
    assert len(trimmed) < len(css) / 3
    assert "=indigo]" in trimmed and "[data-md-color-scheme=slate]" in trimmed
    assert set(re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", trimmed)) == {"indigo"}
