# Developer shortcuts. CI runs `bash .ci/run`.
PYTHON ?= python3
export PYO3_PYTHON := $(shell command -v $(PYTHON))

.PHONY: format lint test python-dev python-test bench ci

format: ## format Rust
	cargo fmt --all

lint: ## rustfmt check and clippy on both crates
	cargo fmt --all -- --check
	cargo clippy -p budget-core --all-targets -- -D warnings
	cargo clippy -p budget-py --all-targets --no-deps -- -D warnings

test: ## Rust tests of the pure core (budget-py is tested through pytest)
	cargo test -p budget-core

python-dev: ## build the extension (debug) into python/cnbudget for quick iteration
	rm -f python/cnbudget/_native*.so
	maturin develop

python-test: ## pytest against the package installed in the current environment
	$(PYTHON) -m pytest tests -q

bench: ## criterion benchmarks of the core parser on the seed documents
	cargo bench -p budget-core

ci: ## everything CI runs
	bash .ci/run
