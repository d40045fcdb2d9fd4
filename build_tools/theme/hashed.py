"""Changed theme assets under names that follow their content.

Material names its stylesheets and scripts by their content (``palette.fb2fffe2.min.css``), and
the server caches those names as immutable (deploy/nginx.conf). A file the build changes
(the trimmed palette, the patched search worker) therefore gets a name of its own content, and
every page that names it is pointed at the new name: under the old name, returning visitors
would keep the old file for a year.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_HASHED = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}(?P<suffix>\.min\.(?:js|css))$")


def write(site_dir: Path, changed: dict[Path, str]) -> None:
    """Write each changed file (a path in ``site_dir`` and its new text): a content-named file
    under the name of its new content, without its now wrong source map; then point every page
    at the new names."""
    renamed: dict[str, str] = {}
    for path, text in changed.items():
        m = _HASHED.match(path.name)
        if m is None:
            path.write_text(text, encoding="utf-8")
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        name = f"{m['stem']}.{digest}{m['suffix']}"
        path.with_name(name).write_text(text, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # maps the file as shipped
        if name != path.name:
            renamed[path.name] = name
            path.unlink()
    if not renamed:
        return
    old_names = re.compile("|".join(re.escape(name) for name in renamed))
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        changed_html = old_names.sub(lambda m: renamed[m[0]], html)
        if changed_html != html:
            page.write_text(changed_html, encoding="utf-8")
