"""build_tools/lunrpatch.py on Material's installed lunr-languages files. What the patches do for a
learner is tested in the browser (tests/browser/test_site.py: Vietnamese without diacritics,
Russian "е" for "ё", no console warning)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools import lunrpatch

MATERIAL_LUNR = next(
    (Path(__file__).parents[1] / ".venv").glob("lib/python*/site-packages/material/templates/assets/javascripts/lunr")
)


@pytest.mark.parametrize("lang", ["vi", "ru"])
def test_patched_file_is_valid_javascript_with_the_step_registered(lang: str, tmp_path: Path) -> None:
    patched = lunrpatch.patch(lang, (MATERIAL_LUNR / f"min/lunr.{lang}.min.js").read_text(encoding="utf-8"))
    assert f"this.pipeline.add(e.{lang}.variants)" in patched
    assert f'e.Pipeline.registerFunction(e.{lang}.variants,"variants-{lang}")' in patched
    script = tmp_path / "patched.js"
    script.write_text(patched, encoding="utf-8")
    node = shutil.which("node")
    assert node, "node is missing: make test installs it"
    subprocess.run([node, "--check", str(script)], check=True)


def test_vietnamese_trimmer_and_stop_words_are_repaired() -> None:
    patched = lunrpatch.patch("vi", (MATERIAL_LUNR / "min/lunr.vi.min.js").read_text(encoding="utf-8"))
    assert re.search(r'e\.vi\.wordCharacters="[^"\[\]]+"', patched)
    # Registered after the filter is made, not passed into the call that makes it.
    registered = 'e.Pipeline.registerFunction(e.vi.stopWordFilter,"stopWordFilter-vi")'
    assert '.split(" ")),' + registered in patched


def test_a_file_that_no_longer_matches_fails_the_build() -> None:
    with pytest.raises(lunrpatch.LunrPatchError, match=re.escape("lunr.vi.min.js: cannot unbracket")):
        lunrpatch.patch("vi", 'e.vi=function(){this.pipeline.reset()},e.vi.wordCharacters="A-Z"')


def test_only_languages_with_a_patch_are_touched(tmp_path: Path) -> None:
    lunr = tmp_path / lunrpatch.LUNR_DIR
    lunr.mkdir(parents=True)
    for lang in ("de", "ru"):
        shutil.copy(MATERIAL_LUNR / f"min/lunr.{lang}.min.js", lunr)
    assert lunrpatch.patch_site(tmp_path, ["de", "ru"], "de") == {}
    assert (lunr / "lunr.de.min.js").read_bytes() == (MATERIAL_LUNR / "min/lunr.de.min.js").read_bytes()
    assert "variants-ru" in (lunr / "lunr.ru.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "stemmer"),
    [("en", "self.lunr.stemmer"), ("ru", "self.lunr.ru.stemmer"), ("vi", "self.lunr.vi.stopWordFilter"), ("id", None)],
)
def test_the_search_worker_learns_the_query_step_where_the_language_has_one(
    tmp_path: Path, lang: str, stemmer: str | None
) -> None:
    workers = tmp_path / lunrpatch.WORKER_DIR
    workers.mkdir(parents=True)
    (shipped,) = (MATERIAL_LUNR.parent / "workers").glob("search.*.min.js")
    shutil.copy(shipped, workers)
    changed = lunrpatch.patch_site(tmp_path, [], lang)
    if stemmer is None:
        assert changed == {}
        return
    ((path, text),) = changed.items()
    assert path == workers / shipped.name
    original = shipped.read_text(encoding="utf-8")
    assert text.startswith(original[: original.rindex("\n//# sourceMappingURL")])
    assert "sourceMappingURL" not in text and stemmer in text and '"wordForms"' in text


def test_a_worker_that_no_longer_sets_lunr_fails_the_build(tmp_path: Path) -> None:
    workers = tmp_path / lunrpatch.WORKER_DIR
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("var lunr=1;", encoding="utf-8")
    with pytest.raises(lunrpatch.LunrPatchError, match=re.escape("no longer sets self.lunr")):
        lunrpatch.patch_site(tmp_path, [], "en")
