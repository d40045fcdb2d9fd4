"""Material's search worker, extended by the scripts beside this file (``search-*.js``; what they
do is written at their top, and tests/js/search.test.mjs runs them in Material's own worker):
Vietnamese found without diacritics and Russian with "е" for "ё" (``lunr.vi``'s stop-word filter
registered on the way), and a query step (stems, stop words, each word marked once).

Done in every built language site (``on_post_build``): the scripts are appended to the site's
copy of Material's worker, after a line that names the page language. Material's own files are
checked for what the scripts use of them, so a Material whose files changed fails the build
instead of silently losing a patch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

import rjsmin  # type: ignore[import-untyped]

from build_tools.errors import BuildToolsError

WORKER_DIR = "assets/javascripts/workers"
LUNR_DIR = "assets/javascripts/lunr/min"
SCRIPTS = [Path(__file__).with_name(name) for name in ("search-variants.js", "search-query.js")]

# What the scripts use of Material's files: the worker (lunr, bundled) and the lunr-languages files.
EXPECTED = {
    "worker": ("self.lunr=", 'version="2.3.9"'),
    "ru": ("e.ru=function()", "e.ru.stemmer=", "e.ru.stopWordFilter="),
    "vi": ("e.vi=function()", "e.vi.stopWordFilter="),
}


class LunrPatchError(BuildToolsError):
    """Material's worker or lunr-languages files no longer look as the scripts expect."""


def _check(path: Path, text: str, what: str) -> None:
    missing = [s for s in EXPECTED[what] if s not in text]
    if missing:
        raise LunrPatchError(
            f"{path}: no longer contains {', '.join(missing)}: Material's file changed; "
            "re-check build_tools/theme/search-*.js against it"
        )


def patch_site(site_dir: Path, languages: Iterable[str], page_language: str) -> dict[Path, str]:
    """Return Material's search worker in ``site_dir`` with the scripts appended, for
    :func:`build_tools.theme.hashed.write`, after checking it and the lunr-languages files of the
    search ``languages`` (``plugins.search.lang``) the scripts extend."""
    workers = sorted((site_dir / WORKER_DIR).glob("search.*.min.js"))
    if len(workers) != 1:
        raise LunrPatchError(f"{site_dir / WORKER_DIR}: expected one search worker, found {len(workers)}")
    for lang in set(languages) & EXPECTED.keys():
        path = site_dir / LUNR_DIR / f"lunr.{lang}.min.js"
        _check(path, path.read_text(encoding="utf-8"), lang)
    text = workers[0].read_text(encoding="utf-8")
    _check(workers[0], text, "worker")
    text = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)  # the map describes the file as shipped
    config = f";self.bshSearch={json.dumps({'language': page_language})};\n"
    scripts = "".join(rjsmin.jsmin(p.read_text(encoding="utf-8")) + "\n" for p in SCRIPTS)  # minified, as ours are
    return {workers[0]: text + config + scripts}
