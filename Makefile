# The two commands: `make run` opens the app, `make test` runs every check headless.
# Each creates .venv when it is missing and installs the project into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
# Exact versions with their hashes (from pyproject.toml's ranges, by `make lock`), so that a new
# upstream release cannot change what a fresh clone installs.
APP_LOCK := requirements/app.lock
TEST_LOCK := requirements/test.lock

.PHONY: run demo test test-slow bench screenshots lint lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Mutual Aid Journal needs Python 3.11 or newer.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# make run: what the app needs to run, and nothing else
$(RUN_STAMP): $(APP_LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(APP_LOCK)
	@# setuptools warns at length that an editable install is one; that is what this is meant to be
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet --no-deps -e .
	@# byte-compile now: an editable install does not, and start-up should not pay for it
	$(BIN)/python -m compileall -q journal ui
	@touch $@

# make test: the same, and the test tools
$(TEST_STAMP): $(TEST_LOCK) $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(TEST_LOCK)
	@touch $@

run: $(RUN_STAMP)
	@$(BIN)/python -m ui.start_up.system_libraries
	$(BIN)/mutual-aid-journal

demo: $(RUN_STAMP)
	@$(BIN)/python -m ui.start_up.system_libraries
	$(BIN)/mutual-aid-journal --demo

lint: $(TEST_STAMP)
	$(BIN)/ruff check journal ui tests benchmarks
	$(BIN)/mypy journal

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow"

test-slow: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

screenshots: $(RUN_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots

# after a change to the dependencies in pyproject.toml: the exact versions, for every platform
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -q -o $(APP_LOCK)
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes -q -o $(TEST_LOCK)

clean:
	rm -rf $(VENV) build *.egg-info
