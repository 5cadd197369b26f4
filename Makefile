# Two commands for a newcomer: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The Node packages the browser tests use (axe-core), pinned in package-lock.json.
NODE_INSTALLED := node_modules/.installed
# Silences Material's end-of-life banner (it is not a build warning).
export NO_MKDOCS_2_WARNING := 1
# One lesson in both languages, `make update-outputs LESSON=graph`, or any pages, PAGES="...".
PAGES ?= $(if $(LESSON),docs/es/lessons/$(LESSON).md docs/en/lessons/$(LESSON).md)
LESSON_PAGES = $(strip $(foreach page,$(PAGES),$(if $(findstring /lessons/,$(page)),$(page))))

.PHONY: serve build test check screenshots bench update-outputs notebooks mark-translated format clean

serve: $(INSTALLED)  ## preview the site on http://127.0.0.1:8000/autograd/ (Spanish) and .../autograd/en/ (English)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(INSTALLED)  ## the static site, into site/
	$(BIN)/mkdocs build --strict

test: $(INSTALLED) $(NODE_INSTALLED)  ## every page's examples (pytest docs/), the machinery, the build, on 2 cores
	$(BIN)/pytest -n 2

check: $(INSTALLED)  ## quick check of one lesson's two pages: make check LESSON=graph
	@test -n "$(PAGES)" || { echo "error: say which lesson: make check LESSON=graph"; exit 2; }
	$(BIN)/pytest -q $(PAGES)

screenshots: $(INSTALLED) $(NODE_INSTALLED)  ## every page (and walk figure), desktop and phone, both languages, into screenshots/
	SCREENSHOTS=1 $(BIN)/pytest -n 2 tests/test_browser.py tests/test_walk_figures.py -k "every_page or 404 or reader_uses"

bench: $(INSTALLED)  ## timings side by side (median of 3), printed and written to bench.json
	$(BIN)/python -m tools.bench

update-outputs: $(INSTALLED)  ## rewrite output blocks from a real run, then notebooks (LESSON=...)
	$(BIN)/python -m tools.outputs $(PAGES)
ifeq ($(PAGES),)
	$(BIN)/python -m tools.outputs --snippets tests/fixtures/snippets tests/fixtures/docs/*/*/*.md
	$(BIN)/python -m tools.outputs --snippets tests/fixtures/numbers/snippets tests/fixtures/numbers/*/*/*.md
	$(BIN)/python -m tools.outputs --snippets tests/fixtures/exercises/snippets tests/fixtures/exercises/*/*/*.md
	$(MAKE) notebooks
else ifneq ($(LESSON_PAGES),)
	$(MAKE) notebooks PAGES="$(LESSON_PAGES)"
endif

notebooks: $(INSTALLED)  ## regenerate docs/<lang>/notebooks/ in real kernels (LESSON=... for one)
	$(BIN)/python -m tools.notebooks $(LESSON_PAGES)

mark-translated: $(INSTALLED)  ## after translating: make mark-translated LESSON=graph (or PAGE=...)
	$(BIN)/python -m tools.translations --mark $(or $(PAGE),$(filter docs/en/%,$(PAGES)))

format: $(INSTALLED)  ## ruff: format, and fix what can be fixed safely
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# torch==2.13.0 for CPU is on our machines' disk for Python 3.11 only; another Python would
# make pip download a multi-GB CUDA build, so refuse it with a clear message instead.
$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "error: Python 3.11 is required; run: make PYTHON=/path/to/python3.11 $(MAKECMDGOALS)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/python -m pip install --quiet --group dev
	touch $@

# npm ci installs exactly what package-lock.json says, checked against its hashes.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) node_modules site .pytest_cache screenshots bench.json
