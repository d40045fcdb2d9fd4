"""The build: four languages, identical page sets, right <html lang>, no outside URLs, atomic."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from helpers import LANGS, REPO, home, minimal_tree, question, text

from build_tools.build import build
from build_tools.errors import TemplateProblem

HOSTILE = "</script><script>alert(1)</script> {{ 7*7 }} {% raw %} \"quote\" 'q' <b>bold</b> # [x](javascript:alert(1))"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A minimal site, built once for the tests that read it: hostile text on the home page, and
    colours of its own in mkdocs.yml (teal, not the real indigo)."""
    root = tmp_path_factory.mktemp("built")
    shared = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert shared.count("primary: indigo") == 2
    (root / "mkdocs.yml").write_text(shared.replace("primary: indigo", "primary: teal"), encoding="utf-8")
    hostile = {lang: f"{HOSTILE} {lang}" for lang in LANGS}
    minimal_tree(
        root,
        {
            "content/home.yaml": home(
                summary=hostile,
                quiz=[question("home-q1", prompt=hostile, scenario=hostile)],
            ),
        },
    )
    build(root)
    return root / "site"


def pages(site: Path, lang: str) -> set[str]:
    return {str(p.relative_to(site / lang)) for p in (site / lang).rglob("*.html")}


def test_every_language_has_the_same_pages(built: Path) -> None:
    expected = {"index.html", "404.html", *(f"levels/level-{n}.html" for n in range(1, 6))}
    for lang in LANGS:
        assert pages(built, lang) == expected


def test_html_lang_is_the_page_language(built: Path) -> None:
    for lang in LANGS:
        for rel in pages(built, lang):
            html = (built / lang / rel).read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, f"{lang}/{rel}"


def test_meta_description_from_content(built: Path) -> None:
    html = (built / "ru/levels/level-3.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Level 3 description. [ru]">' in html


def test_no_outside_urls_in_attributes(built: Path) -> None:
    outside = re.compile(r"""(?:src|href|action|content)=["'](?:https?:)?//""")
    for path in built.rglob("*.html"):
        found = outside.findall(path.read_text(encoding="utf-8"))
        assert found == [], f"{path}: {found}"
    for path in built.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", path.read_text(encoding="utf-8")), path


def test_hostile_text_is_escaped(built: Path) -> None:
    html = (built / "en/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    assert 'href="javascript:' not in html


def test_language_switcher_links_to_the_same_page(built: Path) -> None:
    html = (built / "id/levels/level-2.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="../../{lang}/levels/level-2.html" hreflang="{lang}"' in html.replace("/./", "/")


def test_root_index_links_every_language(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="{lang}/index.html"' in html


def cli(root: Path, command: str) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools --root ROOT COMMAND``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), command], capture_output=True, text=True, check=False
    )


def site_files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}


def test_site_is_readable_by_the_web_server(built: Path) -> None:
    """site/ is made as a private temporary folder and renamed into place: copied with its mode
    (rsync -a, cp -a), a 0700 folder made nginx (user www-data) answer 403 to everyone."""
    mask = os.umask(0o022)
    os.umask(mask)
    for folder in [built, *(p for p in built.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~mask, folder


def copy_of(built: Path, tmp_path: Path) -> Path:
    """A copy of the project of ``built`` (its content, links and built site), to break on purpose
    without building it first."""
    root = tmp_path / "project"
    shutil.copytree(built.parent, root, symlinks=True)
    return root


def break_theme(root: Path, broken: str) -> tuple[Path, int]:
    """Append ``broken`` to the ``site_meta`` line of a copy of the theme's main.html; return the
    file and the line."""
    overrides = root / "build_tools/theme/overrides"
    overrides.unlink()  # minimal_tree links the real overrides: edit a copy
    shutil.copytree(REPO / "build_tools/theme/overrides", overrides)
    main = overrides / "main.html"
    lines = main.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "{% block site_meta %}" in text)
    lines[line - 1] += broken
    main.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return main, line


def test_failed_build_leaves_previous_site_untouched(built: Path, tmp_path: Path) -> None:
    """MkDocs fails for one language after every language was rendered and the others were built
    into the staging folder: nothing of the new build reaches site/, and no staging folder stays."""
    root = copy_of(built, tmp_path)
    before = site_files(root)
    # A new text in every language, so that any language swapped in would show.
    minimal_tree(root, {"content/home.yaml": home(title=text("A new home"))})
    break_theme(root, '{% if config.theme.language == "ru" %}{{ no_such_thing.title }}{% endif %}')
    with pytest.raises(TemplateProblem) as caught:
        build(root)
    assert "main.html" in str(caught.value) and "'no_such_thing' is undefined" in str(caught.value)
    for lang in LANGS:  # rendered: the failure came later, from MkDocs
        assert "A new home [" in (root / f"build/site/{lang}/docs/index.md").read_text(encoding="utf-8")
    assert site_files(root) == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_cli_reports_problems_without_traceback(tmp_path: Path) -> None:
    minimal_tree(tmp_path, {"content/home.yaml": home(title={**text("Home"), "vi": ""})})
    proc = cli(tmp_path, "build")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == "content/home.yaml:5: title.vi: the translation is empty"
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("{% bad %}", "template error: Encountered unknown tag 'bad'."),  # does not compile
        ("{{ no_such_thing.title }}", "template error: 'no_such_thing' is undefined"),  # fails rendering
    ],
)
def test_cli_locates_a_broken_theme_template(built: Path, tmp_path: Path, broken: str, message: str) -> None:
    root = copy_of(built, tmp_path)
    before = site_files(root)
    _, line = break_theme(root, broken)
    proc = cli(root, "build")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    (only,) = proc.stderr.splitlines()
    assert only.startswith(f"build_tools/theme/overrides/main.html:{line}: {message}"), only
    after = site_files(root)
    assert after == before


def test_cli_status_lists_missing_texts(tmp_path: Path) -> None:
    title = text("Home")
    del title["id"]
    minimal_tree(tmp_path, {"content/home.yaml": home(title=title)})
    proc = cli(tmp_path, "status")
    assert proc.returncode == 1
    assert "content/home.yaml:1: title" in proc.stderr
    assert re.search(r"^id\s+\d+/\d+ texts .* 1 missing$", proc.stdout, re.M)
    assert re.search(r"^en\s+(\d+)/\1 texts\s+100\.0%  0 missing$", proc.stdout, re.M)


def test_cli_status_names_a_file_it_cannot_read(tmp_path: Path) -> None:
    """Its texts cannot be counted: no language may be reported complete."""
    minimal_tree(tmp_path, {"content/levels/level-2.yaml": "level: 2\ntitle: {en: Level 2\n"})
    proc = cli(tmp_path, "status")
    assert proc.returncode == 1
    assert "  content/levels/level-2.yaml:2: YAML syntax error:" in proc.stderr
    assert "not counted" in proc.stderr


def test_site_url_gives_canonical_hreflang_and_sitemap(tmp_path: Path) -> None:
    minimal_tree(tmp_path)
    build(tmp_path, site_url="https://docs.example.com/training/buy-sell")
    root = "https://docs.example.com/training/buy-sell"
    html = (tmp_path / "site/ru/levels/level-2.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{root}/ru/levels/level-2.html">' in html
    # Material's bundle fetches sitemap.xml beside every <link rel=alternate>: none in pages.
    assert 'rel="alternate"' not in html
    not_found = (tmp_path / "site/ru/404.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in not_found
    assert '<meta name="robots" content="noindex">' in not_found

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(tmp_path / "site/vi/sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in sitemap.findall("s:url", ns)}
    assert f"{root}/vi/levels/level-2.html" in urls
    assert f"{root}/vi/404.html" not in urls
    alternates = {
        a.get("hreflang"): a.get("href")
        for a in urls[f"{root}/vi/levels/level-2.html"].findall("x:link", ns)
        if a.get("rel") == "alternate"
    }
    assert alternates == {lang: f"{root}/{lang}/levels/level-2.html" for lang in LANGS} | {"x-default": f"{root}/"}

    index = ElementTree.parse(tmp_path / "site/sitemap.xml").getroot()
    assert [m.findtext("s:loc", namespaces=ns) for m in index.findall("s:sitemap", ns)] == [
        f"{root}/{lang}/sitemap.xml" for lang in LANGS
    ]


def test_without_site_url_nothing_absolute(built: Path) -> None:
    html = (built / "ru/levels/level-2.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html
    assert 'rel="alternate"' not in html
    assert not (built / "sitemap.xml").exists()
    assert not list(built.rglob("sitemap.xml*"))  # MkDocs' empty ones included


def test_a_mkdocs_warning_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from build_tools import build as build_module
    from build_tools import render
    from build_tools.build import build
    from build_tools.errors import SiteBuildError

    minimal_tree(tmp_path)
    real = render.render_language

    def with_a_broken_link(content: Any, lang: str) -> dict[str, str]:
        files = real(content, lang)
        if lang == "ru":
            files["levels/level-3.md"] += "\n[broken](nowhere.md)\n"
        return files

    # The workers render their languages themselves; forked from this process (not from the
    # fork server), they see the patched renderer.
    monkeypatch.setattr(render, "render_language", with_a_broken_link)
    monkeypatch.setattr(build_module, "_context", lambda: multiprocessing.get_context("fork"))
    with pytest.raises(SiteBuildError) as caught:
        build(tmp_path)
    assert not (tmp_path / "site").exists()
    message = str(caught.value)
    assert "[ru]" in message
    assert "nowhere.md" in message
    assert "[en]" not in message


def test_widgets_load_before_material_and_every_inline_script_is_allowed(built: Path) -> None:
    """Plain scripts (build_tools/theme/overrides/main.html): a page's widgets, bsh.js first, then
    Material's bundle; the theme's inline scripts (Material's, the switcher's) are in the
    Content-Security-Policy."""
    from build_tools.build import content_security_policy

    policy = content_security_policy(built)
    for lang in LANGS:
        for rel in pages(built, lang):
            html = (built / lang / rel).read_text(encoding="utf-8")
            scripts = [re.sub(r"^(\.\./)*", "", src) for src in re.findall(r'<script src="([^"]+)"></script>', html)]
            assert scripts[-1].startswith("assets/javascripts/bundle."), f"{lang}/{rel}: Material is not last"
            widgets = [s for s in scripts if s in {"assets/quiz.js", "assets/assessment.js", "assets/progress.js"}]
            assert ("assets/bsh.js" in scripts) == bool(widgets), f"{lang}/{rel}"
            assert all(scripts.index("assets/bsh.js") < scripts.index(w) for w in widgets), f"{lang}/{rel}"
            for body in re.findall(r"<script>(.*?)</script>", html, re.S):
                digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in policy, f"{lang}/{rel}"


def test_the_palette_of_mkdocs_yml_is_the_sites(built: Path) -> None:
    """Colours set in mkdocs.yml reach the pages, with Material's palette stylesheet; the toggles
    speak each page's language."""
    html = (built / "ru/levels/level-2.html").read_text(encoding="utf-8")
    [palette] = re.findall(r'href="\.\./(assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css)"', html)
    assert (built / "ru" / palette).is_file()
    assert 'data-md-color-primary="teal"' in html
    ui = yaml.safe_load((REPO / "content/site.yaml").read_text(encoding="utf-8"))["ui"]
    labels = re.findall(r'data-md-color-media="([^"]+)"[^>]*aria-label="([^"]+)"', html)
    assert labels == [
        ("(prefers-color-scheme)", ui["palette_light"]["ru"]),
        ("(prefers-color-scheme: light)", ui["palette_dark"]["ru"]),
        ("(prefers-color-scheme: dark)", ui["palette_auto"]["ru"]),
    ]


def test_broken_mkdocs_yml_is_one_line_and_keeps_the_site(built: Path, tmp_path: Path) -> None:
    root = copy_of(built, tmp_path)
    before = site_files(root)
    (root / "mkdocs.yml").unlink()  # replaced by a broken copy of the real one
    shared = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(shared) if line.startswith("strict:"))
    shared[at] = "strict: [true"
    (root / "mkdocs.yml").write_text("\n".join(shared) + "\n", encoding="utf-8")
    proc = cli(root, "build")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert re.fullmatch(r"mkdocs\.yml:\d+: YAML syntax error: [^\n]+\n", proc.stderr)
    assert site_files(root) == before

    shared[at] = "strict: true\nsite_nmae: typo"
    (root / "mkdocs.yml").write_text("\n".join(shared) + "\n", encoding="utf-8")
    proc = cli(root, "build")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    # Said once for all languages, not once per language.
    assert proc.stderr.count("site_nmae") == 2
    assert "[en, id, ru, vi] WARNING: Config value 'site_nmae'" in proc.stderr


def test_content_named_assets_are_named_by_their_content(built: Path) -> None:
    """The server caches ``name.<hash>.min.js|css`` as immutable: a file the build changed (the
    search worker with the site's search patches) must not keep Material's name."""
    import material  # type: ignore[import-untyped]

    shipped = Path(material.__file__).parent / "templates" / "assets"
    named = re.compile(r"\.([0-9a-f]{8})\.min\.(?:js|css)$")
    checked = 0
    for path in built.rglob("*.min.*"):
        m = named.search(path.name)
        if not m:
            continue
        original = next(shipped.rglob(path.name), None)
        if original is not None and original.read_bytes() == path.read_bytes():
            continue
        checked += 1
        assert m[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:8], path
        pages = [p for p in built.rglob("*.html") if path.name in p.read_text(encoding="utf-8")]
        assert pages, f"no page loads {path.relative_to(built)}"
    assert checked == len(LANGS)  # the search worker, with the site's search patches, in each language
    assert [m for m in built.rglob("*.map") if not m.with_suffix("").exists()] == []  # no stale map
