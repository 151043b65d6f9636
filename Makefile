# Two commands for a fresh machine with Python 3.11+ and make:
#   make serve   site on http://127.0.0.1:8000 with live reload
#   make test    every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints an end-of-life notice on every build; it is not for our readers.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Build into a temporary folder and swap it in only on success, so a failed
# build never leaves a half-written site/ behind.
build: $(BIN)/.installed
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site
	mv .site-build site

test: $(BIN)/.installed
	$(BIN)/python -m pytest

# Validate data/ only: fast, every error at once, no site built.
check: $(BIN)/.installed
	$(BIN)/python -m sop.check

clean:
	rm -rf $(VENV) site .site-build .pytest_cache
