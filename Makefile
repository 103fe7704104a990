# Developer shortcuts. CI runs `bash .ci/run`.
PYTHON ?= python3
export PYO3_PYTHON := $(shell command -v $(PYTHON))

.PHONY: format lint test python-dev python-test python-lint test-py-rust bench ci

format: ## format Rust
	cargo fmt --all

lint: ## rustfmt check and clippy on both crates
	cargo fmt --all -- --check
	cargo clippy -p budget-core --all-targets -- -D warnings
	cargo clippy -p budget-py --all-targets --no-deps -- -D warnings

test: ## Rust tests of the pure core (budget-py is tested through pytest)
	cargo test -p budget-core

python-dev: ## build the extension (debug) into python/cnbudget, in an active virtualenv
	rm -f python/cnbudget/_native*.so
	maturin develop

python-test: ## pytest against the package installed in the current environment
	$(PYTHON) -m pytest tests -q

python-lint: ## stubs match the built extension; package and tests pass mypy --strict
	$(PYTHON) -m mypy.stubtest cnbudget._native
	$(PYTHON) -m mypy --strict python/cnbudget tests/conftest.py tests/test_*.py

test-py-rust: ## Rust unit tests of budget-py (own pyo3/polars build: links libpython)
	cargo test -p budget-py --release --lib

bench: ## criterion benchmarks of the core parser on the seed documents
	cargo bench -p budget-core

ci: ## everything CI runs
	bash .ci/run
