# Two commands on a fresh machine: `make demo` (crawl the bundled mirror, serve it) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= archive.db
PORT ?= 8001

.PHONY: install demo crawl-mirror serve test lint mirror clean bench bench-memory bench-search bench-reparse bench-export bench-pairing bench-places bench-all

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
	$(BIN)/ruff check newsarchive spiders tests bench mirrorgen
	$(BIN)/mypy

bench-search: install
	$(BIN)/python bench/search.py

bench-reparse: install
	$(BIN)/python -m bench.reparse

bench-export: install
	$(BIN)/python bench/export.py

bench-pairing: install
	$(BIN)/python bench/pairing.py

bench-places: install
	$(BIN)/python bench/places.py

mirror: install
	$(BIN)/python -m mirrorgen

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Benchmarks (bench/): side-by-side figures from one run, written to bench/RESULTS.md. Under 10 minutes on 2 cores.
BENCH_OUT := build/bench

bench: install
	mkdir -p $(BENCH_OUT)
	$(BIN)/python -m bench.extract --json $(BENCH_OUT)/extract.json
	$(BIN)/python -m bench.crawl --json $(BENCH_OUT)/crawl.json
	rm -f $(BENCH_OUT)/realworld.json
	$(BIN)/python -m bench.realworld --json $(BENCH_OUT)/realworld.json
	rm -f $(BENCH_OUT)/recover.json
	$(BIN)/python -m bench.recover --json $(BENCH_OUT)/recover.json
	$(BIN)/python -m bench.scaleout --json $(BENCH_OUT)/scaleout.json
	$(BIN)/python -m bench.report $(BENCH_OUT)/extract.json $(BENCH_OUT)/crawl.json \
		$(BENCH_OUT)/realworld.json $(BENCH_OUT)/recover.json $(BENCH_OUT)/scaleout.json > $(BENCH_OUT)/RESULTS.md
	cp $(BENCH_OUT)/RESULTS.md bench/RESULTS.md

# Peak RSS of 2,000- vs 20,000-article crawls and the requests of a no-change re-crawl (issue 4); slow.
bench-memory: install
	mkdir -p $(BENCH_OUT)
	$(BIN)/python -m bench.crawl --sizes 2000,20000 --no-change-run --json $(BENCH_OUT)/crawl-memory.json

# Every benchmark (the search, reparse, export, pairing and places ones print their own figures).
bench-all: bench bench-memory bench-search bench-reparse bench-export bench-pairing bench-places
	$(BIN)/python -m bench.report $(BENCH_OUT)/extract.json $(BENCH_OUT)/crawl.json \
		$(BENCH_OUT)/crawl-memory.json $(BENCH_OUT)/realworld.json $(BENCH_OUT)/recover.json $(BENCH_OUT)/scaleout.json > $(BENCH_OUT)/RESULTS.md
	cp $(BENCH_OUT)/RESULTS.md bench/RESULTS.md
