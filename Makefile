# Two commands on a fresh machine: `make demo` (crawl the bundled mirror, serve it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= archive.db
PORT ?= 8001

.PHONY: install demo crawl-mirror serve test lint mirror clean bench-search

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: crawl-mirror serve

crawl-mirror: install
	$(BIN)/newsarchive crawl --site all --mirror --db $(DB)

serve: install
	$(BIN)/newsarchive serve --db $(DB) --port $(PORT)

test: install lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check newsarchive spiders tests bench
	$(BIN)/mypy

bench-search: install
	$(BIN)/python bench/search.py

mirror: install
	$(BIN)/python -m newsarchive.mirror.build

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
