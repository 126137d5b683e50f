# SMART Hromada. `make run` sets everything up and starts the app; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test install install-dev demo warehouse fetch lint bench clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## Demo data only when data/raw holds no real files (see README: "Using real data").
demo: install
	$(PY) -m etl demo --if-empty

warehouse: demo
	$(PY) -m etl build

## Needs internet: the hromada's published data from the official sources into data/raw (see README).
fetch: install
	$(PY) -m etl fetch || echo "Some sources failed (said above); what landed is loaded by make run."

run: warehouse
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address localhost

test: install-dev
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true

bench: install
	$(PY) -m benchmarks.bench_etl

clean:
	rm -rf $(VENV) data/warehouse.duckdb data/warehouse.duckdb.tmp benchmarks/out .pytest_cache
