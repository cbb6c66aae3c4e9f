# Two commands on a fresh machine: `make demo` and `make test`. Both set up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.installed-runtime

.PHONY: demo dev test lint unit quick bench schemas docs clean

# The set-up's own output goes to .venv/setup.log (shown only when it fails), so the first
# lines `make demo` prints are the answer.
LOG := $(VENV)/setup.log
QUIET = >> $(LOG) 2>&1 || { cat $(LOG); exit 1; }

$(BIN)/python:
	@echo "netralitas: setting up $(VENV) (log: $(LOG))"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip $(QUIET)

# Reinstall when the packaging metadata changes; the package itself is editable.
# The demo needs only the runtime dependencies (pydantic, pyyaml, msgspec); the tests and
# linters need the development toolchain (mypy, ruff, hypothesis, dask, pyarrow, durable-rules).
$(RUNTIME): $(BIN)/python pyproject.toml
	@$(BIN)/python -m pip install --quiet -e . $(QUIET)
	@touch $(RUNTIME)

$(STAMP): $(BIN)/python pyproject.toml
	@echo "netralitas: installing the development toolchain into $(VENV) (log: $(LOG))"
	@$(BIN)/python -m pip install --quiet -e '.[dev]' $(QUIET)
	@touch $(STAMP) $(RUNTIME)

dev: $(STAMP)

demo: $(RUNTIME)
	@$(BIN)/netralitas check examples/muaro-jambi-2019.yaml || [ $$? -eq 1 ]

# lint (mypy is about 15 s of one core on a cold cache) runs beside the tests, which keep both
# cores busy only most of the time; the output is synced by line, so neither garbles the other.
# A lint failure still fails `make test`, once the tests already running have finished.
test: $(STAMP)
	@$(MAKE) --no-print-directory -j2 --output-sync=line lint unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/netralitas rules lint
	# The real decided cases: fails on a crash or an invalid case file, never on the figures.
	$(BIN)/netralitas agreement cases/real > /dev/null

# make test is what CI runs: the derandomized ci hypothesis profile (tests/_profiles.py).
# `make quick` runs the dev profile, a tenth of the examples, drawn at random.
# Both spread the tests over one pytest-xdist worker per core (JOBS=0: one process); a
# worker takes the next test as it finishes one (worksteal), so the long tests do not queue
# behind each other. docs/testing.md says what the suite costs and why.
# The suite starts hundreds of Python processes (workers, `netralitas` commands, batch
# children); each compiles the library afresh when the environment forbids bytecode
# (PYTHONDONTWRITEBYTECODE). The tests keep it in .venv/pycache instead, outside the sources.
JOBS ?= auto
XDIST = -p xdist.plugin -n $(JOBS) --dist worksteal
PYC = env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(abspath $(VENV))/pycache
unit: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-ci} $(PYC) $(BIN)/python -m pytest $(XDIST)

quick: $(STAMP)
	HYPOTHESIS_PROFILE=dev $(PYC) $(BIN)/python -m pytest -q $(XDIST)

bench: $(STAMP)
	$(BIN)/python bench/run.py

schemas: $(STAMP)
	$(BIN)/netralitas schema rules > src/netralitas_rules/schemas/rules.schema.json
	$(BIN)/netralitas schema case > src/netralitas_rules/schemas/case.schema.json
	$(BIN)/netralitas schema report > src/netralitas_rules/schemas/report.schema.json
	$(BIN)/netralitas schema test > src/netralitas_rules/schemas/test.schema.json

docs: $(STAMP)
	$(BIN)/netralitas rules catalogue --lang en > docs/regulations.md
	$(BIN)/netralitas rules glossary --lang en > docs/glossary.md

clean:
	rm -rf $(VENV) build dist src/*.egg-info .mypy_cache .ruff_cache .pytest_cache
