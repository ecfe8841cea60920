# Proofsheet: `make run` starts the site locally, `make test` runs the whole suite.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test bench bench-local bench-web bench-deploy lint format package clean help

help:
	@echo "make run      set up and start the site in local mode at http://127.0.0.1:8000"
	@echo "make test     run the whole test suite"
	@echo "make bench    processing speed, memory and quality beside a naive baseline and libvips"
	@echo "make bench-local  local mode end to end: uploads through a running server until processed"
	@echo "make bench-web    a 500-photo gallery's pages: server ms, bytes, latency under load"
	@echo "make lint     ruff, import-linter layers, ESLint and Prettier"
	@echo "make package  build the three Zappa packages offline into dist/"
	@echo "make bench-deploy  build the packages, print their cold-start figures"

$(PY):
	@PY312=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$PY312"; \
	"$$PY312" -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Local mode's web server (gunicorn): never in requirements.txt, so never packaged.
$(VENV)/.installed-local: requirements-local.txt $(VENV)/.installed-runtime
	$(PIP) install --quiet --disable-pip-version-check -r requirements-local.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-local.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime $(VENV)/.installed-local

# One command serves the site (gunicorn) and runs the processing workers, and stops them
# all on Ctrl-C (docs/operations.md, "Local mode").
run: $(VENV)/.installed-local
	$(PY) manage.py migrate --noinput
	$(PY) manage.py first_photographer
	$(PY) manage.py run_local --bind 127.0.0.1:8000

test: $(VENV)/.installed-dev node_modules/.installed
	$(VENV)/bin/pytest --ds=config.settings.test -n 2 --dist loadgroup

# The bench compares against libvips (pyvips, benchmark-only: never in requirements.txt,
# so never packaged) and needs a real CMYK ICC profile (Debian's libgs-common, 150 kB).
CMYK_PROFILE := /usr/share/color/icc/ghostscript/default_cmyk.icc

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed-dev
	$(PIP) install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

$(CMYK_PROFILE):
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgs-common \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends libgs-common; }

bench: $(VENV)/.installed-bench $(CMYK_PROFILE)
	$(PY) bench/bench_pipeline.py
	$(PY) bench/bench_formats.py

# Both start `manage.py run_local` on a free port over a throw-away data folder.
bench-local: $(VENV)/.installed-dev
	$(PY) bench/bench_local.py

bench-web: $(VENV)/.installed-dev
	$(PY) bench/bench_web.py

# The JavaScript tools, at the exact versions of package-lock.json (the browser code
# itself needs no build: static/ is served as it is): ESLint and Prettier for `make lint`,
# axe-core, which the browser tests run in every page, for `make test`.
JS_FILES := "static/**/*.js" eslint.config.js
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test and make lint need Node.js 20 and npm \
	(Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lint: $(VENV)/.installed-dev node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	node_modules/.bin/eslint .
	node_modules/.bin/prettier --check $(JS_FILES)

format: $(VENV)/.installed-dev node_modules/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	node_modules/.bin/prettier --write $(JS_FILES)

clean:
	rm -rf $(VENV) .venv-package node_modules var staticfiles dist test-output

# The Zappa packages, built offline from a virtualenv that holds only requirements.txt,
# with the Python of the Lambda runtime (python3.12); see docs/deploying.md.
PKG_VENV := .venv-package
PKG_PY := $(PKG_VENV)/bin/python
# Zappa needs credentials and a region to load its settings, never to package.
PKG_ENV := VIRTUAL_ENV=$(abspath $(PKG_VENV)) PATH=$(abspath $(PKG_VENV))/bin:$$PATH \
	AWS_ACCESS_KEY_ID=packaging-only AWS_SECRET_ACCESS_KEY=packaging-only \
	AWS_DEFAULT_REGION=us-east-1 AWS_PROFILE= AWS_SESSION_TOKEN=

$(PKG_PY):
	@PY312=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(PKG_VENV) with $$PY312"; \
	"$$PY312" -m venv $(PKG_VENV)

$(PKG_VENV)/.installed: requirements.txt | $(PKG_PY)
	$(PKG_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

package: $(PKG_VENV)/.installed
	@[ "$$(uname -sm)" = "Linux x86_64" ] || { echo "make package needs Linux x86_64, \
	the Lambda platform: the packages carry this machine's compiled wheels." >&2; exit 1; }
	$(PKG_PY) -m deploy.render --check
	DJANGO_SETTINGS_MODULE=config.settings.base $(PKG_PY) manage.py collectstatic \
		--noinput --clear --verbosity 0
	@mkdir -p dist
	@rm -f dist/web.zip dist/processor.zip dist/worker.zip
	env $(PKG_ENV) $(PKG_VENV)/bin/zappa package web -o dist/web.zip
	env $(PKG_ENV) $(PKG_VENV)/bin/zappa package processor -o dist/processor.zip
	env $(PKG_ENV) $(PKG_VENV)/bin/zappa package worker -o dist/worker.zip
	$(PKG_PY) -m deploy.bytecode dist/web.zip dist/processor.zip dist/worker.zip
	$(PKG_PY) -m deploy.sizes dist/web.zip dist/processor.zip dist/worker.zip

bench-deploy: package $(VENV)/.installed-dev
	$(PY) bench/bench_deploy.py dist/web.zip dist/processor.zip dist/worker.zip
