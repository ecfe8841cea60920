# Proofsheet: `make run` starts the site locally, `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test bench lint format package clean help

help:
	@echo "make run      set up and start the site in local mode at http://127.0.0.1:8000"
	@echo "make test     run the whole test suite"
	@echo "make bench    print processing speed and memory figures"
	@echo "make lint     check style with ruff"
	@echo "make package  build both Zappa packages offline into dist/"

$(PY):
	@PY312=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$PY312"; \
	"$$PY312" -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime

run: $(VENV)/.installed-runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py first_photographer
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-dev
	$(VENV)/bin/pytest -n 2 --dist loadgroup

bench: $(VENV)/.installed-dev
	$(PY) bench/bench_pipeline.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var staticfiles dist test-output
