# Two commands for a newcomer:  make run  (set up and start the app)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTHON ?= python3

.PHONY: setup run test lint data screenshots bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

data: setup
	$(PY) scripts/build_data.py

bench: setup
	$(PY) -m benchmarks.run

screenshots: setup
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
