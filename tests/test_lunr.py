"""build_tools/theme/lunr.py on the installed Material's files. What the scripts do in the worker
is tested in node (tests/js/search.test.mjs), and for a learner in the browser
(tests/browser/test_search.py, test_site.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest
import rjsmin  # type: ignore[import-untyped]

from build_tools.theme import lunr

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def _site(tmp_path: Path, *langs: str) -> Path:
    """A built site's copy of Material's search worker and of the lunr files of ``langs``."""
    workers, lunr_dir = tmp_path / lunr.WORKER_DIR, tmp_path / lunr.LUNR_DIR
    workers.mkdir(parents=True)
    lunr_dir.mkdir(parents=True)
    for worker in (MATERIAL_JS / "workers").glob("search.*.min.js"):
        shutil.copy(worker, workers)
    for lang in langs:
        shutil.copy(MATERIAL_JS / "lunr" / "min" / f"lunr.{lang}.min.js", lunr_dir)
    return tmp_path


def test_the_worker_gets_the_page_language_and_the_scripts(tmp_path: Path) -> None:
    site = _site(tmp_path, "ru")
    ((path, text),) = lunr.patch_site(site, ["ru"], "ru").items()
    shipped = path.read_text(encoding="utf-8")
    assert text.startswith(shipped[: shipped.rindex("\n//# sourceMappingURL")])
    assert "sourceMappingURL" not in text
    config = re.search(r";self\.bshSearch=(\{.*\});\n", text)
    assert config and json.loads(config[1]) == {"language": "ru"}
    scripts = "".join(rjsmin.jsmin(p.read_text(encoding="utf-8")) + "\n" for p in lunr.SCRIPTS)
    assert text.endswith(scripts)  # minified, as the site's other scripts
    script = tmp_path / "worker.js"
    script.write_text(text, encoding="utf-8")
    node = shutil.which("node")
    assert node, "node is missing: make test installs it"
    subprocess.run([node, "--check", str(script)], check=True)


@pytest.mark.parametrize(
    ("name", "replace", "message"),
    [
        ("workers/search.*.min.js", "self.lunr=", "no longer contains self.lunr="),
        ("lunr/min/lunr.vi.min.js", "e.vi.stopWordFilter=", "no longer contains e.vi.stopWordFilter="),
    ],
)
def test_a_material_file_that_changed_fails_the_build(tmp_path: Path, name: str, replace: str, message: str) -> None:
    site = _site(tmp_path, "vi")
    (path,) = (site / "assets" / "javascripts").glob(name)
    path.write_text(path.read_text(encoding="utf-8").replace(replace, "changed="), encoding="utf-8")
    with pytest.raises(lunr.LunrPatchError, match=re.escape(message)):
        lunr.patch_site(site, ["vi"], "vi")
