# Editions: `make demo` shows the sample editions (and how to browse them: editions serve --samples), `make test`
# runs every check. Both build their own virtual environment (.venv) on first use; all they need is Python 3.11+
# and make (the browser tests also use Debian's Chromium when it is installed).
#
#   make demo                    make test                   make clean
#   make demo PYTHON=python3.12  (any Python 3.11 or newer)
#   make screenshots             (retakes docs/screenshots/, which README shows, in Debian's Chromium)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLES := samples/IF99001-2023-03-14.md samples/IF99001-2024-06-02.md samples/IF99001-2025-09-30.txt
# Directories that exist in this checkout (a fresh clone has no empty ones).
LINTED := $(wildcard src tests scripts benchmarks)
# The browser test's screenshots that README shows.
SHOTS  := library report-figures compare-top compare-change search edition
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test screenshots clean python-version

demo: $(STAMP)
	@printf '\n$$ editions show %s\n' "$(word 1,$(SAMPLES))"
	@$(BIN)/editions show "$(word 1,$(SAMPLES))"
	@printf '\n$$ editions diff %s %s\n' "$(word 1,$(SAMPLES))" "$(word 2,$(SAMPLES))"
	@$(BIN)/editions diff "$(word 1,$(SAMPLES))" "$(word 2,$(SAMPLES))"
	@printf '\n$$ editions diff %s %s --format markdown\n' "$(word 2,$(SAMPLES))" "$(word 3,$(SAMPLES))"
	@$(BIN)/editions diff "$(word 2,$(SAMPLES))" "$(word 3,$(SAMPLES))" --format markdown
	@printf '\nTo browse them (library, charts, side-by-side compare, search): $(BIN)/editions serve --samples\n'
	@printf '(it prints the address to open, http://127.0.0.1:8000/ by default; Ctrl-C stops it)\n'

test: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy --strict src
	$(BIN)/pytest

screenshots: $(STAMP)
	CI=true $(BIN)/pytest -q tests/web/test_browser.py
	@mkdir -p docs/screenshots
	@for s in $(SHOTS); do cp "test-artifacts/$$s.png" docs/screenshots/; done
	@echo "docs/screenshots/: $(SHOTS) (look at them before committing)"

# The environment: created once, reinstalled when pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make: $(VENV) was made with $$($(BIN)/python --version 2>&1), older than 3.11; run 'make clean' first." >&2; \
		exit 1; }
	@echo "Installing Editions and its development tools into $(VENV) ..."
	$(PIP) install -e '.[dev]'
	@touch $@

$(BIN)/python:
	@$(MAKE) --no-print-directory python-version
	$(PYTHON) -m venv $(VENV)

python-version:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "make: '$(PYTHON)' not found; Editions needs Python 3.11 or newer (make ... PYTHON=/path/to/python3.11)." >&2; \
		exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make: Editions needs Python 3.11 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1 | head -n 1);" \
			"give a newer one: make ... PYTHON=python3.12" >&2; \
		exit 1; }

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
