# Two commands on a fresh machine: `make serve` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check status schema test lint typecheck unit browser js-test bench bundle clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

PORT ?= 8000

serve: $(STAMP)  ## install, build and serve on http://127.0.0.1:$(PORT)/ (PORT=8000), rebuilding on changes; DRAFT=1 previews untranslated texts
	$(PY) -m build_tools serve --port $(PORT)$(if $(DRAFT), --draft)

build: $(STAMP)  ## validate, render and build site/
	$(PY) -m build_tools build

check: $(STAMP)  ## validate the content and list every problem
	$(PY) -m build_tools check

status: $(STAMP)  ## per language: translated texts and what is missing
	$(PY) -m build_tools status

schema: $(STAMP)  ## regenerate schema/*.schema.json for editors
	$(PY) -m build_tools schema

# Debian's Chromium drives the browser tests; nginx serves the site in the deployment test.
$(CHROMIUM) $(NGINX):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium nginx

lint: $(STAMP)
	$(VENV)/bin/ruff check build_tools tests
	$(VENV)/bin/ruff format --check build_tools tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

js-test: $(STAMP)  ## node tests (tests/js/); the search scripts run in the installed Material's worker
	dir=$$($(PY) -c 'import material, os; print(os.path.dirname(material.__file__))') && \
	MATERIAL_DIR=$$dir node --test tests/js/

test: $(STAMP) $(CHROMIUM) $(NGINX)  ## install what the tests need, then lint, type-check and run every test
	$(MAKE) lint typecheck js-test
	$(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadfile

/usr/bin/hyperfine:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq hyperfine

bench: $(STAMP) $(CHROMIUM) $(NGINX) /usr/bin/hyperfine  ## ours vs mkdocs-static-i18n at 1x and 10x, authoring loop, page weight, Lighthouse; writes BENCHMARKS.md (needs hyperfine, node + npm)
	$(PY) -m benchmarks

bundle: $(STAMP)  ## dist/<name>-<version>.zip that works from disk
	$(PY) -m build_tools bundle

clean:
	rm -rf build site dist .pytest_cache .mypy_cache .ruff_cache
