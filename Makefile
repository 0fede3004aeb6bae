# Khronika: `make demo` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck bench score clean

$(STAMP): pyproject.toml khronika/web/assets/package-lock.json
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# the web desk's offline map assets, from the npm registry into a gitignored folder
	npm ci --prefix khronika/web/assets --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# `make demo` builds the demo store, prints its summary and serves the desk on
# http://127.0.0.1:8400/ until Ctrl+C; `make demo SERVE=0` stops after the summary.
SERVE ?= 1
demo: install
	$(BIN)/khronika demo $(if $(filter 1,$(SERVE)),--serve,)

test: install lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check khronika tests bench
	$(BIN)/mypy khronika

bench: install
	$(BIN)/python bench/extract_throughput.py

# Scores extraction on the development data beside the checkout (not needed to build or test).
score: install
	$(BIN)/python ../shared/eval/score.py acled geo ner-ru --cmd "$(BIN)/khronika extract"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
