"""Benchmarks: side-by-side figures measured in one run (`make bench`), never timed unit tests."""
