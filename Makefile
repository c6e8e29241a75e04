# The two commands a newcomer needs: `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
export PRAXISLAB_VENV := $(abspath $(VENV))
PORT   ?= 8888
# make test shares the test files out to WORKERS pytest-xdist workers, one file per worker
# at a time (--dist loadfile), so a module's lab server, wheel, JupyterLite site or Binder
# environment is built once. Much of the time is spent waiting on kernels and the browser,
# so three workers suit two cores (7 min 12 s here, docs/benchmarks.md). WORKERS=0: one process.
WORKERS ?= 3
# Jupyter refuses to run as root without this (containers, some lab machines).
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test env test-fast lint strip bench clean help exercises lite lock

help:
	@echo "make lab    - set up (first time only) and open JupyterLab at the start page"
	@echo "make test   - set up (first time only) and run every test"
	@echo "make lite   - build the JupyterLite site (runs in the browser, no server) in build/lite"
	@echo "make test-fast, lint, strip, bench, lock, clean - see docs/maintaining.md"

env:
	@$(PYTHON) tools/setup_env.py

lab: env
	$(VENV)/bin/jupyter lab --port=$(PORT) $(ROOTFLAG) notebooks/00-start-here.ipynb

test: env
	$(VENV)/bin/python -m pytest -n $(WORKERS) --dist loadfile --durations=25

test-fast: env
	$(VENV)/bin/python -m pytest -m "not notebooks and not browser and not slow"

lint: env
	$(VENV)/bin/ruff check src tests bench tools

strip: env
	$(VENV)/bin/nbstripout --keep-id $(wildcard notebooks/*.ipynb solutions/*.ipynb exercises/*.ipynb)

# Regenerate exercises/ from the masters in solutions/ (docs/exercises.md).
exercises: env
	$(VENV)/bin/praxislab assign

bench: env
	$(VENV)/bin/python bench/run.py
	$(VENV)/bin/python bench/notebooks.py 2>/dev/null
	$(VENV)/bin/python bench/browser.py

# A static site with every notebook and the data, served from any web host (docs/deployment.md).
lite: env
	$(VENV)/bin/python tools/build_lite.py

# Re-resolve pyproject.toml's ranges into requirements/lock.txt and environment.yml (needs PyPI).
lock:
	$(PYTHON) tools/lock.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts build .cache
