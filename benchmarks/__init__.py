"""``make bench``: build time, authoring loop, page weight and Lighthouse, measured side by side
with the mkdocs-static-i18n baseline; writes ``BENCHMARKS.md``. A benchmark, not a test."""
