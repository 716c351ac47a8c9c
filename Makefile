# Storyline: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# pip finds the CPU torch wheel and the model packages through the machine's pip config.
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test test-fast eval bench lint browser clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Stamps: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(PIP) install torch==2.13.0
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[test,dev,eval]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/storyline analyze examples/ --html report.html --json report.json --md report.md
	@echo "Report: $(CURDIR)/report.html (JSON: report.json, Markdown: report.md)"

# The browser tests need Debian's chromium; scripts/install-browser.sh adds it when it can.
browser:
	@bash scripts/install-browser.sh

test: $(VENV)/.installed-test browser
	$(BIN)/pytest -q

test-fast: $(VENV)/.installed-test
	$(BIN)/pytest -q -m "not slow and not browser"

$(VENV)/.installed-eval: pyproject.toml $(VENV)/.installed
	$(PIP) install -e '.[eval]'
	touch $@

eval: $(VENV)/.installed-eval
	$(BIN)/storyline eval stories --topics 1-35
	$(BIN)/storyline eval times
	$(BIN)/storyline eval timeline
	$(BIN)/storyline eval extraction
	$(BIN)/storyline eval cleaning
	$(BIN)/storyline eval quotes --split dev

bench: $(VENV)/.installed
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_stories.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) storyline.db storyline.db-wal storyline.db-shm report.html report.json report.md
