"""Command line: ``python -m build_tools {check,build,status,schema,serve}``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from build_tools.errors import BuildToolsError, ContentError


def main(argv: list[str] | None = None) -> int:
    """Run a command; content problems print one a line and return 1, never a traceback."""
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project directory (default: .)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate every content file and report every problem")
    b = sub.add_parser("build", help="validate, render and build site/ for every language")
    b.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL") or None,
        help="where the site will be served (canonical and hreflang links); default: $SITE_URL",
    )
    sub.add_parser("bundle", help="build an offline copy that works from disk: dist/<name>-<version>.zip")
    sub.add_parser("status", help="per language: how many texts exist, which are missing")
    sub.add_parser("schema", help="write the JSON Schemas in schema/ for editors")
    s = sub.add_parser("serve", help="build, serve on http://127.0.0.1:8000/ and rebuild on changes")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--draft",
        action="store_true",
        help="preview texts not translated yet in another language (listed on the page) instead of refusing to build",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        if args.command == "check":
            from build_tools.content import load_content

            content = load_content(root)
            print(
                f"content OK: {len(content.pages)} pages, {sum(1 for _ in content.questions())} questions, "
                f"{len(content.languages)} languages"
            )
        elif args.command == "build":
            from build_tools.build import build

            seconds = build(root, site_url=args.site_url)
            print(f"built site/ ({', '.join(_languages(root))}) in {seconds:.1f} s")
        elif args.command == "bundle":
            from build_tools.build import bundle

            path = bundle(root)
            print(f"wrote {path.relative_to(root)}")
        elif args.command == "status":
            from build_tools.status import status

            return status(root)
        elif args.command == "schema":
            from build_tools.schema import write_schemas

            for path in write_schemas(root):
                print(f"wrote {path.relative_to(root)}")
        elif args.command == "serve":
            from build_tools.serve import serve

            serve(root, args.port, draft=args.draft)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was built", file=sys.stderr)
        return 1
    except BuildToolsError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _languages(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "site").iterdir() if p.is_dir() and not p.name.startswith("."))


if __name__ == "__main__":
    sys.exit(main())
