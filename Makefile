# Two commands for a newcomer:  make run  (set up and start the app)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
PYTHON ?= python3

.PHONY: setup run test test-fast lint data screenshots bench bench-load bench-redraw clean

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

# Lint and every test but the browser suite and the slow crash, concurrency and benchmark tests.
test-fast: lint
	$(PY) -m pytest -q -m "not browser and not slow" --ignore=tests/browser

data: setup
	$(PY) scripts/build_data.py

bench: setup
	$(PY) -m benchmarks.run

# 50 sessions changing filters for 60 s: one app server, then two behind nginx (nginx-light).
bench-load: setup
	$(PY) -m benchmarks.load --out benchmarks/results/load

# Only the wait after a sidebar change in headless Chromium, against Streamlit's floor (~15 min).
bench-redraw: setup
	$(PY) -m benchmarks.run --only redraw

# The page screenshots in docs/screenshots/ (1366x768 and 390x844), made in headless Chromium.
screenshots: setup
	$(PY) -m pytest -q tests/browser/test_browser_pages.py tests/browser/test_browser_layout.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
