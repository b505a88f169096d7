PYTHON ?= python3
VENV := .venv
PORT ?= 5000
FLASK := FLASK_APP=meetings $(VENV)/bin/flask

.PHONY: run test lint bench soak clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed requirements-test.txt
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

run: $(VENV)/.installed
	$(FLASK) init-db
	$(FLASK) demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.test-installed
	@echo "== import contracts =="
	$(VENV)/bin/lint-imports --no-logo
	bash scripts/system-deps.sh
	@echo "== test suite on SQLite and on PostgreSQL, side by side =="
	bash scripts/both-databases.sh $(VENV)/bin/pytest -p no:cacheprovider --durations=15 tests

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check meetings tests bench
	$(VENV)/bin/ruff format --check meetings tests bench
	$(VENV)/bin/lint-imports --no-logo

bench: $(VENV)/.test-installed
	$(VENV)/bin/python bench/all.py

soak: $(VENV)/.installed
	$(VENV)/bin/python bench/soak.py --minutes $(or $(MINUTES),10)

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
