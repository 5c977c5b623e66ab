# Budapest Desk: the two commands of the README, and the pieces they are made of.
#   make run    set up (if needed) and open the app on its default database
#   make test   set up (if needed) and run every check: ruff, mypy, import contracts, pytest
# Both need only python3 (>= 3.11) with venv; everything else comes from requirements.lock.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export UV_COMPILE_BYTECODE := 1

.PHONY: run test check lint typecheck contracts pytest lock bench clean sysdeps

run: $(STAMP) sysdeps
	$(BIN)/budapest-desk $(ARGS)

test: $(STAMP) sysdeps lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

sysdeps: $(STAMP)
	@$(BIN)/python -m budapest_desk.sysdeps

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Budapest Desk needs Python 3.11 or newer ($(PYTHON) is older)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
	  { echo "Could not create a virtual environment: sudo apt-get install python3-venv"; exit 1; }
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

# Re-pin every dependency (run after changing pyproject.toml's dependencies).
lock:
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra dev --universal \
	  --output-file requirements.lock pyproject.toml

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
