# The two commands: `make run` and `make test`. Both work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6 needs Python 3.12+; the machine's default python3 may be older.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3.13 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format bench messages clean

help:
	@echo "make run    - set up, seed the demo and serve it at http://$(HOST):$(PORT)"
	@echo "make test   - set up PostgreSQL, Redis, Chromium and run the whole suite"
	@echo "make install | lint | format | bench | messages | clean"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is required (none found)." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	@bash scripts/run.sh $(HOST) $(PORT)

test: install
	@bash scripts/test.sh $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

messages: install
	$(BIN)/python manage.py makemessages --locale nl --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --locale nl --ignore '.venv/*'

clean:
	rm -rf var test-artifacts
