# Two commands do all the set-up: `make run` (the app on the demo event) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EVENT ?=
PYTEST_ARGS ?=

.PHONY: run test bench screenshots setup clean

run: $(STAMP)  ## open the app (on EVENT=path.lday, else the last event or the demo event); no screen: under xvfb-run
	sh scripts/run.sh $(PY) main.py $(EVENT)

test: $(STAMP)  ## the whole test suite, offscreen, on SQLite and PostgreSQL, one worker per core
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n auto $(PYTEST_ARGS)

bench: $(STAMP)  ## every benchmark beside its raw baseline
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

screenshots: $(STAMP)  ## refresh docs/*.png: the offscreen window, and PDF pages via pdftoppm
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs
	QT_QPA_PLATFORM=offscreen $(PY) scripts/plan_preview_screenshot.py docs/plan-preview.png
	$(PY) main.py demo /tmp/learningday-docs.lday --seed 1 >/dev/null
	$(PY) main.py report /tmp/learningday-docs.lday --pdf /tmp/learningday-docs.pdf --certificates /tmp/learningday-cert.pdf
	pdftoppm -png -r 45 -f 1 -l 5 /tmp/learningday-docs.pdf docs/report-page
	pdftoppm -png -r 45 -f 1 -l 1 /tmp/learningday-cert.pdf docs/certificate
	$(PY) main.py agenda-pdf /tmp/learningday-docs.lday /tmp/learningday-agenda.pdf --zone Bangalore >/dev/null
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile /tmp/learningday-agenda.pdf docs/agenda-bangalore

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	sh scripts/install-system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis bench/.cache *.egg-info
