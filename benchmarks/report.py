"""BENCHMARKS.md from the measured results: tables, targets, and for every missed target by how
much and what the figures say about why. No figure is written here; all come from ``Results``."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from benchmarks import baseline, lighthouse, weight
from benchmarks.authoring import AuthoringLoop
from benchmarks.buildtime import BuildTimes
from benchmarks.common import Series, kb
from benchmarks.lighthouse import CATEGORIES, PageResult, category_name
from benchmarks.machine import Machine
from benchmarks.weight import GROUPS, Weights

RATIO_TARGET = 0.5
GENERATION_TARGET = 0.05
AUTHORING_TARGET = 3.0


@dataclass
class Results:
    """Everything one run measured."""

    machine: Machine
    runs: int
    lighthouse_runs: int
    sections: list[str]
    languages: list[str] = field(default_factory=list)
    build: BuildTimes | None = None
    baseline_error: str | None = None
    authoring: AuthoringLoop | None = None
    weight: Weights | None = None
    lighthouse: list[PageResult] | None = None
    lighthouse_spec: str = ""
    server: str = ""
    duration: float = 0.0


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A Markdown table; ``align`` has one letter per column (``l``/``r``), default left."""
    marks = [("---:" if (align[i : i + 1] == "r") else "---") for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def s(x: float) -> str:
    return f"{x:.2f}"


def pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def _status(met: bool, missed: str) -> str:
    return "✅ met" if met else f"❌ missed: {missed}"


# --- targets ---------------------------------------------------------------------------------


def targets(r: Results) -> list[list[str]]:
    rows: list[list[str]] = []
    b = r.build
    if b is not None:
        ratio = b.ratio
        if ratio is None:
            rows.append(["Full build, ours / mkdocs-static-i18n", f"≤ {RATIO_TARGET}", "no baseline", "not measured"])
        else:
            rows.append(
                [
                    "Full build, ours / mkdocs-static-i18n",
                    f"≤ {RATIO_TARGET:.2f}",
                    f"{ratio:.2f} ({s(b.full.median)} s / {s(b.baseline.median)} s; CPU time: {b.cpu_ratio or 0:.2f})",
                    _status(
                        ratio <= RATIO_TARGET,
                        f"by {ratio - RATIO_TARGET:.2f}; ours would need {s(RATIO_TARGET * b.baseline.median)} s, "
                        f"{ratio / RATIO_TARGET:.1f}× faster",
                    ),
                ]
            )
        share = b.generation_share
        rows.append(
            [
                "Generation (load, validate, render) / full build",
                f"≤ {pct(GENERATION_TARGET)}",
                f"{pct(share)} ({s(b.generate.median)} s / {s(b.full.median)} s; CPU time: "
                f"{pct(b.generation_cpu_share)})",
                _status(share <= GENERATION_TARGET, f"by {(share - GENERATION_TARGET) * 100:.1f} points"),
            ]
        )
    a = r.authoring
    if a is not None:
        rows.append(
            [
                "Authoring loop: save → rebuilt page under `serve`",
                f"≤ {AUTHORING_TARGET:.0f} s",
                f"{s(a.total.median)} s",
                _status(a.total.median <= AUTHORING_TARGET, f"by {s(a.total.median - AUTHORING_TARGET)} s"),
            ]
        )
    w = r.weight
    if w is not None:
        for name, limit in (("quiz.js", weight.TARGET_QUIZ_JS), ("quiz.css", weight.TARGET_QUIZ_CSS)):
            own = w.asset(name)
            if own is None:
                rows.append([f"`{name}` gz", f"≤ {kb(limit)} KB", "file not present", "not measured"])
                continue
            rows.append(
                [
                    f"`{name}` gz, as shipped (minified)",
                    f"≤ {kb(limit)} KB",
                    f"{kb(own.gz)} KB ({kb(own.raw)} KB raw; source {kb(own.source_gz)} KB gz)",
                    _status(own.gz <= limit, f"by {kb(own.gz - limit)} KB"),
                ]
            )
        above = w.above_plain()
        if above:
            worst = max(above, key=lambda k: above[k])
            rows.append(
                [
                    "Page total above plain Material, gz (worst page type)",
                    f"≤ {kb(weight.TARGET_ABOVE_PLAIN)} KB",
                    f"{kb(above[worst])} KB ({worst})",
                    _status(
                        above[worst] <= weight.TARGET_ABOVE_PLAIN,
                        f"by {kb(above[worst] - weight.TARGET_ABOVE_PLAIN)} KB; "
                        + ", ".join(f"{k} {kb(v)} KB" for k, v in above.items() if v > weight.TARGET_ABOVE_PLAIN),
                    ),
                ]
            )
    if r.lighthouse:
        scores = [(p, c, p.median(c)) for p in r.lighthouse if p.site == "ours" and p.scores for c in CATEGORIES]
        below = [(p, c, v) for p, c, v in scores if v is not None and v < 100]
        rows.append(
            [
                "Lighthouse, mobile: 100 in all four categories",
                "100 everywhere",
                f"{len(scores) - len(below)} of {len(scores)} scores at 100",
                _status(not below and bool(scores), _lighthouse_gaps(below)),
            ]
        )
    return rows


def _lighthouse_gaps(below: Sequence[tuple[PageResult, str, int]]) -> str:
    parts = []
    for cat in CATEGORIES:
        values = [v for _, c, v in below if c == cat]
        if values:
            parts.append(f"{category_name(cat)} {min(values)}–{max(values)} on {len(values)} page(s)")
    return "; ".join(parts)


# --- sections --------------------------------------------------------------------------------


def machine_section(r: Results) -> str:
    m = r.machine
    rows = [
        ["Date", m.date],
        ["CPU", f"{m.cpu}, {m.cores} cores"],
        ["RAM", m.ram],
        ["OS", m.os],
        ["Load average (1 / 5 / 15 min), start → end", f"{m.load_start} → {m.load_end}"],
    ]
    rows += [[name, version] for name, version in m.versions.items()]
    text = "## Machine and versions\n\n" + table(["", ""], rows)
    loads = [float(x) for x in (m.load_start.split(" / ")[:1] + m.load_end.split(" / ")[:1]) if x]
    if loads and max(loads) > m.cores:
        text += (
            f"\n\nThe 1-minute load average was above the {m.cores} cores during this run (other work shared "
            "the machine): absolute times are pessimistic; the side-by-side runs are interleaved so that both "
            "sides of each comparison saw the same conditions."
        )
    return text


def build_section(r: Results, b: BuildTimes) -> str:
    n = len(b.languages)
    cores = r.machine.cores
    stage_names = {
        "load": "import the models, load + validate (`load_content`); meanwhile a helper process compiles the "
        "templates (`compiled.Warmup`)",
        "imports": "import the renderer, MkDocs and Material (before forking the workers)",
        "templates": "wait for the helper's compiled templates (the helper's CPU time is counted here)",
        "languages": f"the {n} languages in {min(n, cores)} worker processes: each renders a language, then "
        "MkDocs builds it (`run_languages`)",
        "finish": "root `index.html`, CSP hashes, swap into `site/`",
    }
    worker_names = {
        "render": "render + write Markdown (`write_sources`)",
        "mkdocs": "MkDocs (`run_mkdocs`)",
    }

    part_names = {"yaml": "read + parse YAML (`read_document`)", "validate": "pydantic models (`_validate`)"}

    def row(label: str, wall: Series, cpu: Series | None = None) -> list[str]:
        return [label, s(wall.median), wall.spread, s(cpu.median) if cpu else ""]

    rows: list[list[str]] = [
        row(
            f"**Ours: cold full build, {n} languages** (`build_tools.build.build` in a fresh interpreter, "
            "fresh copy without `build/` and `site/`)",
            b.full,
            b.full_cpu,
        ),
        ["↳ interpreter start and imports", s(b.full.median - b.build_fn.median), "", ""],
        *[
            line
            for k, v in b.stages.items()
            for line in [row(f"↳ {stage_names.get(k, k)}", v, b.stages_cpu.get(k))]
            + (
                [
                    row(f"&nbsp;&nbsp;↳ in the workers, summed over the languages: {worker_names.get(w, w)}", t)
                    for w, t in b.workers.items()
                ]
                if k == "languages"
                else []
            )
        ],
        row(
            f"**Generation alone**: `load_content` + `render_language` × {n} ({b.files} Markdown files, no MkDocs)",
            b.generate,
            b.generate_cpu,
        ),
        row("↳ load + validate", b.load),
        *[row(f"&nbsp;&nbsp;↳ {part_names.get(k, k)}", v) for k, v in b.load_parts.items()],
        *(
            [row("&nbsp;&nbsp;↳ cross-file checks and the rest", _difference(b.load, b.load_parts.values()))]
            if b.load_parts
            else []
        ),
        row("↳ render", b.render),
        row("↳ (imports before it, not counted)", b.generate_import),
    ]
    if b.baseline:
        rows.append(
            row(
                f"**Baseline: mkdocs-static-i18n**, same Markdown and assets, one `mkdocs build` for {n} languages",
                b.baseline,
                b.baseline_cpu,
            )
        )
    rows += [
        row(f"MkDocs alone on our `{b.languages[0]}` configuration", b.one_language, b.one_language_cpu),
        row("MkDocs on a one-page Material site (the fixed cost of one MkDocs process)", b.one_page, b.one_page_cpu),
    ]
    parts = [
        "## 1. Build time",
        f"Seconds; median and range of {b.runs} runs, ours and the baseline interleaved run by run. "
        "Wall clock, and CPU = user + system time of the process and its children (CPU time barely moves when "
        "other work competes for the cores; wall time does).",
        table(["what", "median s", "range s", "CPU s"], rows, "lrrr"),
    ]
    if b.baseline:
        parts.append(
            f"**Ours / baseline = {b.full.median / b.baseline.median:.2f}** in wall time "
            f"({b.full_cpu.median / b.baseline_cpu.median:.2f} in CPU time; target ≤ {RATIO_TARGET}). "
            f"**Generation = {pct(b.generation_share)} of the full build** in wall time "
            f"({pct(b.generation_cpu_share)} in CPU time; target ≤ {pct(GENERATION_TARGET)})."
        )
        if b.full.median / b.baseline.median > RATIO_TARGET:
            parts.append(_build_why(r, b))
    else:
        parts.append(
            f"No baseline: {r.baseline_error or 'not installed'}. "
            f"Generation = {pct(b.generation_share)} of the full build."
        )
    if b.generation_share > GENERATION_TARGET:
        why = (
            f"Why generation is above {pct(GENERATION_TARGET)}: it took {s(b.generate.median)} s "
            f"({s(b.generate_cpu.median)} CPU-s) against a full build of {s(b.full.median)} s: load + validate "
            f"{s(b.load.median)} s"
        )
        if b.load_parts:
            why += " (" + ", ".join(f"{part_names.get(k, k)} {s(v.median)} s" for k, v in b.load_parts.items()) + ")"
        why += (
            f", render {s(b.render.median)} s for {n} languages ({b.files} files). To reach the target at this full "
            f"build time, generation would have to take ≤ {s(GENERATION_TARGET * b.full.median)} s."
        )
        load_stage, render_sum = b.stages.get("load"), b.workers.get("render")
        if load_stage and render_sum:
            cores = min(n, r.machine.cores)
            why += (
                f" In the full build the same work is spread out: loading runs once in the main process (its stage "
                f"above, {s(load_stage.median)} s with the models' import) while a helper compiles the templates, "
                f"and rendering runs in the {cores} workers ({s(render_sum.median)} s summed, about "
                f"{s(render_sum.median / cores)} s of wall time)."
            )
        parts.append(why)
    return "\n\n".join(parts)


def _difference(total: Series, parts: Iterable[Series]) -> Series:
    """Run by run, what ``total`` has beyond ``parts``."""
    parts = list(parts)
    return Series([t - sum(p.values[i] for p in parts) for i, t in enumerate(total.values)])


def _build_why(r: Results, b: BuildTimes) -> str:
    n = len(b.languages)
    cores = r.machine.cores
    mk = b.workers.get("mkdocs")
    lines = [
        f"Why the ratio is missed, from the figures above (the target needs ours ≤ "
        f"{s(RATIO_TARGET * b.baseline.median)} s):",
        "",
    ]
    if mk:
        lines.append(
            f"- MkDocs took {s(mk.median)} s of worker time over the {n} languages, {s(mk.median / cores)} s "
            f"of wall time at best on {cores} cores, against our {s(b.full.median)} s; generation is "
            f"{s(b.generate.median)} s."
        )
    lines.append(
        f"- CPU: our build used {s(b.full_cpu.median)} CPU-s, the baseline {s(b.baseline_cpu.median)} CPU-s "
        f"(×{b.full_cpu.median / b.baseline_cpu.median:.1f}). On {cores} cores our build cannot take less than "
        f"{s(b.full_cpu.median / cores)} s even with perfect parallelism."
    )
    lines.append(
        f"- A fresh MkDocs process has a fixed cost of {s(b.one_page.median)} s (a one-page Material build: "
        f"interpreter, MkDocs, Material and Markdown imports, copying the theme's assets). Ours imports once, "
        f"compiles the templates once in a helper process while it loads the content, and forks {min(n, cores)} "
        "workers; the baseline is one process."
    )
    lines.append(
        f"- One language alone takes {s(b.one_language.median)} s in MkDocs; the baseline builds all {n} in "
        f"{s(b.baseline.median)} s, {s(b.baseline.median / n)} s a language: one process, one import of "
        "everything, one configuration."
    )
    if b.site_files and b.baseline_files:
        lines.append(
            f"- Output: ours writes {b.site_files} files ({b.site_bytes / 1e6:.1f} MB), the baseline "
            f"{b.baseline_files} files ({b.baseline_bytes / 1e6:.1f} MB): each of our languages carries its own copy "
            "of Material's assets."
        )
    return "\n".join(lines)


def authoring_section(a: AuthoringLoop, b: BuildTimes | None) -> str:
    rest = _rest(a)
    rows: list[list[str]] = [
        ["save → page served with the new text", s(a.total.median), a.total.spread],
        ["↳ of which the rebuild, as `serve` printed it", s(a.rebuild.median) if a.rebuild else "–", a.rebuild.spread],
        [
            "↳ the rest: noticing the change, swapping `site/`, the page request",
            s(rest) if rest is not None else "–",
            "",
        ],
        ["first build after start (before serving)", s(a.first_build), ""],
    ]
    parts = [
        "## 2. Authoring loop",
        f"`{a.command}` on a copy of the project; each of {a.runs} runs appends a new word to the first inline "
        f"English text of `{a.edited}`, saves it, and polls `{a.page}` every 50 ms until the served page "
        "contains the word. Seconds, median and range.",
        table(["what", "median s", "range s"], rows, "lrr"),
    ]
    if a.total.median > AUTHORING_TARGET:
        why = (
            f"Why {s(a.total.median)} s misses the {AUTHORING_TARGET:.0f} s target (by "
            f"{s(a.total.median - AUTHORING_TARGET)} s): every save rebuilds the whole site"
        )
        if a.rebuild:
            why += (
                f" — `serve` reported {s(a.rebuild.median)} s per rebuild, "
                f"{pct(a.rebuild.median / a.total.median)} of the loop"
            )
        why += (
            ". `serve` calls the same `build()` as the full build (all languages, every page, MkDocs once per language)"
        )
        if b is not None:
            why += f", whose own time in section 1 is {s(b.build_fn.median)} s"
        why += ", so the loop cannot be faster than that build."
        parts.append(why)
    return "\n\n".join(parts)


def _rest(a: AuthoringLoop) -> float | None:
    if not a.rebuild or not a.total:
        return None
    return a.total.median - a.rebuild.median


def _gz_raw(page: weight.Page, group: str) -> str:
    served, raw = page.group(group), page.group(group, raw=True)
    return f"{kb(served)} ({kb(raw)})" if raw else "–"


def _common_assets(pages: list[weight.Page]) -> list[weight.Asset]:
    """The assets (not the HTML) that every page loads, in the order of the first page."""
    if not pages:
        return []
    everywhere = set.intersection(*({a.path for a in p.assets if a.kind != "html"} for p in pages))
    return [a for a in pages[0].assets if a.path in everywhere]


def weight_section(w: Weights) -> str:
    parts = [
        "## 3. Weight",
        "Bytes of each response body: raw, and as served (gzip level 6 for HTML, CSS, JS, JSON, SVG and XML of "
        "512 bytes or more, as deploy/nginx.conf does; images as they are). HTTP headers are not counted. "
        "A page's total is everything a first visit loads: the HTML, every `<link rel=stylesheet>`, "
        "`<script src>` and icon, and the search worker, search index and stemmers that Material fetches at load "
        "time.",
        f"### Our assets (`docs/assets/`, as `site/{w.lang}/assets/` ships them: minified)",
        "The targets apply to the files as shipped; the sources' sizes (comments and all) are for reference.",
        table(
            ["file", "raw KB", "gz KB", "source raw KB", "source gz KB", "target"],
            [
                [
                    f"`{a.name}`",
                    kb(a.raw),
                    kb(a.gz),
                    kb(a.source_raw),
                    kb(a.source_gz),
                    {
                        "quiz.js": f"≤ {kb(weight.TARGET_QUIZ_JS)} KB gz",
                        "quiz.css": f"≤ {kb(weight.TARGET_QUIZ_CSS)} KB gz",
                    }.get(a.name, ""),
                ]
                for a in w.own_assets
            ]
            + [
                [
                    f"**all our {kind.upper()}**",
                    *(
                        kb(sum(getattr(a, f) for a in w.own_assets if a.name.endswith(f".{kind}")))
                        for f in ("raw", "gz", "source_raw", "source_gz")
                    ),
                    "",
                ]
                for kind in ("js", "css")
            ],
            "lrrrrl",
        ),
        f"### Per page type (`{w.lang}`, the heaviest page of each type)",
        "KB served (raw in brackets). *search* = worker + index + stemmers.",
        table(
            ["type", "page", *GROUPS, "total"],
            [
                [
                    p.kind,
                    f"`{p.path}`",
                    *[_gz_raw(p, g) for g in GROUPS],
                    f"**{kb(p.total())}** ({kb(p.total(raw=True))})",
                ]
                for p in w.pages
            ],
            "ll" + "r" * (len(GROUPS) + 1),
        ),
    ]
    if w.root_page:
        parts.append(
            f"The site root (`index.html`, language choice) loads {len(w.root_page.assets)} files: "
            f"{kb(w.root_page.total())} KB served ({kb(w.root_page.total(raw=True))} KB raw)."
        )
    common = _common_assets(w.pages)
    if common:
        parts.append(f"Files every page type loads besides its HTML ({len(common)}):")
        parts.append(
            table(
                ["file", "kind", "group", "raw KB", "served KB"],
                [[f"`{a.path}`", a.kind, a.group, kb(a.raw), kb(a.served)] for a in common],
                "lllrr",
            )
        )
    shared = {a.path for a in common}
    extras = [(p, [a for a in p.assets if a.kind != "html" and a.path not in shared]) for p in w.pages]
    if any(files for _, files in extras):
        parts.append(
            "Files only some page types load: "
            + "; ".join(
                f"{p.kind}: " + ", ".join(f"`{a.path}` {kb(a.served)} KB" for a in files)
                for p, files in extras
                if files
            )
            + "."
        )
    parts.append("### Against plain Material")
    parts.append(
        "*Plain Material*: the same generated Markdown and navigation of "
        f"`{w.lang}` built by Material with its defaults (no palette toggle, no theme overrides, no extra CSS or JS; "
        "web fonts off as in ours), same MkDocs and Material versions. The difference is what our theme "
        "configuration, overrides and assets add to a page. It leaves out the *content* group: the final "
        "quiz's questions, which our page loads as a script of their own (`assets/quiz-bank-*.js`, so that "
        "the page shows before them) and which a plain Material page built from the same questions would "
        "carry in its HTML; they count in the totals above and below."
    )
    above = w.above_plain()
    rows = []
    for p in w.pages:
        if p.kind not in w.plain:
            continue
        plain = w.plain[p.kind]
        delta = above[p.kind]
        by_group = ", ".join(
            f"{g} {'+' if d > 0 else ''}{kb(d)}"
            for g in GROUPS
            if g != "content" and (d := p.group(g) - plain.group(g)) and abs(d) >= 50
        )
        if p.group("content"):
            by_group += f" (not counted: content {kb(p.group('content'))})"
        ok = "✅" if delta <= weight.TARGET_ABOVE_PLAIN else "❌"
        rows.append([p.kind, kb(p.total()), kb(plain.total()), f"{ok} {'+' if delta > 0 else ''}{kb(delta)}", by_group])
    parts.append(
        table(
            [
                "type",
                "ours KB",
                "plain Material KB",
                f"difference KB (≤ {kb(weight.TARGET_ABOVE_PLAIN)})",
                "by group, KB",
            ],
            rows,
            "lrrrl",
        )
    )
    if w.one_page:
        parts.append(
            "For scale, a one-page Material site with one paragraph loads "
            f"{kb(w.one_page.total())} KB served ({kb(w.one_page.total(raw=True))} KB raw), "
            f"of which {kb(w.one_page.group('search'))} KB for search."
        )
    worst = max(above, key=lambda k: above[k]) if above else None
    if worst and above[worst] > weight.TARGET_ABOVE_PLAIN:
        parts.append(_weight_why(w, worst, above[worst]))
    parts.append("### Per language (KB served, the same page of each type)")
    langs = list(next(iter(w.per_language.values())).keys()) if w.per_language else []
    parts.append(
        table(
            ["type", *langs],
            [
                [kind, *[kb(v.get(lang, 0)) if lang in v else "–" for lang in langs]]
                for kind, v in w.per_language.items()
            ],
            "l" + "r" * len(langs),
        )
    )
    parts.append("### Search index per language")
    parts.append(
        table(
            ["language", "index raw KB", "index gz KB", "stemmer scripts raw KB", "stemmer scripts gz KB"],
            [[x.lang, kb(x.raw), kb(x.served), kb(x.lunr_raw), kb(x.lunr_served)] for x in w.search],
            "lrrrr",
        )
    )
    return "\n\n".join(parts)


def _weight_why(w: Weights, kind: str, delta: int) -> str:
    page = next(p for p in w.pages if p.kind == kind)
    plain = w.plain[kind]
    plain_files = {a.path: a for a in plain.assets}
    added = sorted((a for a in page.assets if a.path not in plain_files), key=lambda a: -a.served)
    grown = [(a, a.served - plain_files[a.path].served) for a in page.assets if a.path in plain_files]
    grown = [(a, d) for a, d in grown if d]
    missing = [a for a in plain.assets if a.path not in {x.path for x in page.assets}]
    text = (
        f"Why the target is missed: the {kind} page loads {kb(delta)} KB more than plain Material, "
        f"{kb(delta - weight.TARGET_ABOVE_PLAIN)} KB over the {kb(weight.TARGET_ABOVE_PLAIN)} KB allowed. "
        f"Files plain Material does not load: "
        + ", ".join(f"`{a.path}` {kb(a.served)} KB" for a in added)
        + f" (together {kb(sum(a.served for a in added))} KB)"
    )
    if grown:
        text += "; files that differ in size: " + ", ".join(
            f"`{a.path}` {'+' if d > 0 else ''}{kb(d)} KB" for a, d in grown
        )
    if missing:
        text += "; files only plain Material loads: " + ", ".join(f"`{a.path}` {kb(a.served)} KB" for a in missing)
    return text + ". Every page loads every file of `extra_css` and `extra_javascript`, whether it uses it or not."


def lighthouse_section(r: Results) -> str:
    pages = r.lighthouse or []
    runs = r.lighthouse_runs
    parts = [
        "## 4. Lighthouse",
        f"Lighthouse {r.machine.versions.get('Lighthouse', '?')} (`npm install {r.lighthouse_spec}`), mobile preset "
        f"(Lighthouse's default: simulated slow 4G and 4× CPU slowdown), `CHROME_PATH={lighthouse.CHROME}`, "
        f'`--chrome-flags="{lighthouse.CHROME_FLAGS}"`; median of {runs} run(s) per page, all pages taken in turn '
        f"each round. Served by {r.server}"
        + (
            " with deploy/nginx.conf's settings: gzip level 6, its cache headers, deploy/headers.conf and this "
            "build's generated Content-Security-Policy (ours only)."
            if r.server == "nginx"
            else " (gzip level 6)."
        )
        + " The baseline is the mkdocs-static-i18n site of section 1 (its default language at the root).",
    ]
    rows = []
    for p in pages:
        cells = []
        for c in CATEGORIES:
            v = p.median(c)
            cells.append("–" if v is None else (str(v) if v == 100 else f"**{v}**"))
        note = f"{len(p.errors)} failed run(s): {p.errors[0][:120]}" if p.errors else ""
        rows.append([p.site, p.lang, p.label, f"`{p.path}`", *cells, len(p.scores), note])
    parts.append(
        table(
            ["site", "lang", "page", "URL path", *(category_name(c) for c in CATEGORIES), "runs", ""],
            rows,
            "llll" + "rrrrr",
        )
    )
    indexes = sorted(i for p in pages for i in p.benchmark_index)
    if indexes:
        parts.append(
            f"Lighthouse's BenchmarkIndex of this machine over the {len(indexes)} runs (its CPU speed test; "
            f"higher is faster): min {indexes[0]:.0f}, median {statistics.median(indexes):.0f}, max {indexes[-1]:.0f}. "
            "The simulated 4× CPU slowdown multiplies the main-thread time measured here, so a busy machine lowers "
            "the Performance score (TBT, and FCP/LCP through render-blocking time)."
        )
    warnings = list(dict.fromkeys(w for p in pages for w in p.warnings))
    if warnings:
        parts.append("Lighthouse's warnings: " + " / ".join(f"“{w}”" for w in warnings))
    parts.append(_audits_table(pages, "ours", "Why ours is under 100"))
    parts.append(_audits_table(pages, "baseline", "Why the baseline is under 100 (for comparison)"))
    return "\n\n".join(x for x in parts if x)


def _audits_table(pages: list[PageResult], site: str, title: str) -> str:
    found: dict[str, list[tuple[PageResult, lighthouse.Audit]]] = {}
    for p in pages:
        if p.site != site:
            continue
        for audit in p.audits.values():
            found.setdefault(audit.id, []).append((p, audit))
    if not found:
        return ""
    rows = []
    order = {c: i for i, c in enumerate(CATEGORIES)}
    for audit_id, hits in sorted(
        found.items(), key=lambda kv: (order.get(kv[1][0][1].category, 9), kv[1][0][1].diagnostic, kv[0])
    ):
        first = hits[0][1]
        where = ", ".join(
            f"{p.lang} {p.label}"
            + (f" {a.display}" if a.display else "")
            + (f" ({a.runs}/{len(p.scores)} runs)" if a.runs < len(p.scores) else "")
            for p, a in hits
        )
        nodes = "; ".join(list(dict.fromkeys(n for _, a in hits for n in a.nodes))[:3])
        rows.append(
            [
                category_name(first.category) + (" (diagnostic)" if first.diagnostic else ""),
                f"`{audit_id}`",
                first.title.replace("|", "\\|"),
                where,
                f"`{nodes}`" if nodes else "",
            ]
        )
    return (
        f"### {title}\n\nEvery weighted audit that scored below 1 in a category under 100, and for Performance "
        "the diagnostics to which Lighthouse attributes a metric saving (FCP, LCP in ms; TBT in ms; CLS): on "
        "which pages, with Lighthouse's value (and in how many runs when not all), and the first elements or "
        "files it names.\n\n" + table(["category", "audit", "title", "pages", "elements (first)"], rows)
    )


def reproduce_section(r: Results) -> str:
    packages = " ".join(baseline.PACKAGES)
    return f"""## Reproduce

```sh
make bench                       # = .venv/bin/python -m benchmarks: everything, rewrites BENCHMARKS.md
.venv/bin/python -m benchmarks --runs {r.runs} --lighthouse-runs {r.lighthouse_runs} \\
  --only build,serve,weight,lighthouse --output /tmp/b.md    # options: python -m benchmarks --help
```

What it runs, step by step (all on copies of the project in a temporary directory):

```sh
# ours, cold: a fresh copy without build/ and site/; build() timed stage by stage by benchmarks/probe.py
cp -r . $TMP/p && cd $TMP/p && rm -rf build site && python -m build_tools build
python -m venv $TMP/venv && $TMP/venv/bin/pip install {packages}
# baseline: build/<lang>/docs → docs/<lang>/ and one mkdocs.yml (written by benchmarks/baseline.py)
$TMP/venv/bin/mkdocs build -f $TMP/i18n/mkdocs.yml
python -m build_tools serve --port <free port>    # authoring loop: edit content/levels/level-1.yaml, poll the page
npm install --prefix build/bench/lighthouse {r.lighthouse_spec or "lighthouse"}
CHROME_PATH={lighthouse.CHROME} build/bench/lighthouse/node_modules/.bin/lighthouse \\
  http://127.0.0.1:<port>/en/index.html --output=json --output-path=report.json \\
  --chrome-flags="{lighthouse.CHROME_FLAGS}"
```
"""


def render(r: Results) -> str:
    """The whole of BENCHMARKS.md."""
    intro = (
        "# Benchmarks\n\n"
        f"Written by `make bench` (`python -m benchmarks`) on {r.machine.date}; the run took "
        f"{r.duration / 60:.1f} minutes. Every figure comes from that run: times are medians of {r.runs} runs, "
        f"Lighthouse scores medians of {r.lighthouse_runs} run(s) per page, sizes exact. 1 KB = 1,000 bytes. "
        "Do not edit by hand; run `make bench` again."
    )
    skipped = [s_ for s_ in ("build", "serve", "weight", "lighthouse") if s_ not in r.sections]
    if skipped:
        intro += f"\n\nNot measured in this run: {', '.join(skipped)}."
    parts = [intro, "## Targets", table(["", "target", "measured", "status"], targets(r)), machine_section(r)]
    if r.build:
        parts.append(build_section(r, r.build))
    if r.authoring:
        parts.append(authoring_section(r.authoring, r.build))
    if r.weight:
        parts.append(weight_section(r.weight))
    if r.lighthouse is not None:
        parts.append(lighthouse_section(r))
    parts.append(reproduce_section(r))
    return "\n\n".join(parts).rstrip() + "\n"
