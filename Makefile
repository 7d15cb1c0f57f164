# The two commands: `make run` opens the app, `make test` runs every check headless.
# Each creates .venv when it is missing and installs the project into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test test-slow bench screenshots lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Mutual Aid Journal needs Python 3.11 or newer.")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# byte-compile now: an editable install does not, and start-up should not pay for it
	$(BIN)/python -m compileall -q journal ui
	@touch $(STAMP)

run: $(STAMP)
	@$(BIN)/python -m ui.system_libraries
	$(BIN)/mutual-aid-journal

demo: $(STAMP)
	@$(BIN)/python -m ui.system_libraries
	$(BIN)/mutual-aid-journal --demo

lint: $(STAMP)
	$(BIN)/ruff check journal ui tests benchmarks
	$(BIN)/mypy journal

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info
