# The two commands a newcomer needs: `make lab` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
export PRAXISLAB_VENV := $(abspath $(VENV))
PORT   ?= 8888
# Jupyter refuses to run as root without this (containers, some lab machines).
ROOTFLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test env test-fast lint strip bench clean help

help:
	@echo "make lab    - set up (first time only) and open JupyterLab at the start page"
	@echo "make test   - set up (first time only) and run every test"
	@echo "make test-fast, lint, strip, bench, clean - see docs/maintaining.md"

env:
	@$(PYTHON) tools/setup_env.py

lab: env
	$(VENV)/bin/jupyter lab --port=$(PORT) $(ROOTFLAG) notebooks/00-start-here.ipynb

test: env
	$(VENV)/bin/python -m pytest

test-fast: env
	$(VENV)/bin/python -m pytest -m "not notebooks and not browser and not slow"

lint: env
	$(VENV)/bin/ruff check src tests bench tools

strip: env
	$(VENV)/bin/nbstripout --keep-id $(wildcard notebooks/*.ipynb solutions/*.ipynb exercises/*.ipynb)

bench: env
	$(VENV)/bin/python bench/run.py
	$(VENV)/bin/python bench/notebooks.py 2>/dev/null
	$(VENV)/bin/python bench/browser.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
