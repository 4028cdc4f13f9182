# credgate: the two commands of the README are `make demo` and `make test`.
# Everything else here is a step of those two.

PORT ?= 8080
CARGO ?= cargo

.PHONY: setup demo test check-tree test-rust test-wasm test-js test-e2e test-bench bench pkg size fuzz generate clean

setup:
	@./scripts/setup.sh

## The main job: the demo page (www/) over the built package, with the sample documents, on
## http://localhost:$(PORT) (scripts/serve.mjs prints the address; Ctrl-C stops it).
demo: setup pkg
	PORT=$(PORT) node scripts/serve.mjs

## Every test.
test: setup check-tree test-rust test-wasm test-js test-e2e test-bench

## The repository stands alone: no tracked file names a path outside it, every relative Markdown
## link resolves (scripts/check-tree.mjs).
check-tree:
	node scripts/check-tree.mjs

## The Rust tests (the generated copies are checked by one of them), and clippy with every
## warning an error, for the native targets and for the WebAssembly library (its façade).
test-rust:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	$(CARGO) clippy --all-targets -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings

## Writes the copies generated from the Rust definitions (src/wasm/generated.rs): the
## TypeScript declarations of verdicts (src/wasm/results.d.ts) and js/tape.js's shape readers.
## `cargo test` fails, naming this target, when a committed copy differs.
generate:
	CREDGATE_REGENERATE=1 $(CARGO) test --lib generated

## The npm package `credgate`, built into pkg/ (scripts/build-pkg.sh says how).
pkg:
	./scripts/build-pkg.sh

## The WebAssembly façade's wasm-bindgen tests (tests/wasm/suite.rs), in Node.js and in headless
## Chromium through Debian's chromedriver.
WASM_TEST_ENV = CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=tests/wasm/webdriver.json
test-wasm:
	$(WASM_TEST_ENV) $(CARGO) test --target wasm32-unknown-unknown --test wasm_node
	$(WASM_TEST_ENV) $(CARGO) test --target wasm32-unknown-unknown --test wasm_browser

## The built package: its API in Node.js, parity with the CLI, npm pack into an empty project
## (plain Node, tsc --strict, a page in headless Chromium), and parity of the CLI, Node.js and
## Chromium on the SPEC §5 data set (js-tests/parity-large.test.mjs, about 15 s;
## CREDGATE_PARITY_SCALE=2 for twice the size).
test-js: pkg
	$(CARGO) build --release --quiet --bin credgate
	node --test js-tests/

## The demo page end to end (e2e/): real mouse drags and keys in Debian's headless Chromium,
## driven by playwright-core; the board's screenshot goes to test-results/board.png.
test-e2e: pkg
	$(CARGO) build --release --quiet --bin credgate
	node --test e2e/

## The SPEC §5 benchmark (bench/run.mjs): generated data at 1x to 8x and INRC-II n120w8, credgate
## beside the plain-JavaScript and json-rules-engine peers, in Node.js and headless Chromium.
## Prints the table; BENCHMARKS.md records runs. BENCH_ARGS="--scales 1 --no-browser" for less.
bench: setup pkg
	$(CARGO) build --release --quiet --bin credgate
	node bench/run.mjs $(BENCH_ARGS)

## A smoke run of the benchmark on a tiny data set (no timing is asserted), and the peers' tests.
test-bench: pkg
	$(CARGO) build --release --quiet --bin credgate
	node bench/run.mjs --quick --no-browser --s8 > /dev/null
	node --test bench/peers/

## Where the package's .wasm spends its bytes (scripts/wasm-size.mjs): a copy with names in
## target/size/, its largest functions, bytes by module path, and what each export reaches alone.
## SIZE_ARGS="--only credgate::live --depth 3" to look inside one module.
size: pkg
	node scripts/wasm-size.mjs --exports $(SIZE_ARGS)

## Fuzzing, not part of `make test`: each libFuzzer target of fuzz/ for FUZZ_SECONDS (default
## 60) with the committed corpus, then a summary (scripts/fuzz.sh: cargo-fuzz with a nightly
## toolchain, or the same binaries built on stable). `make fuzz FUZZ_SECONDS=600` for a longer run.
FUZZ_SECONDS ?= 60
fuzz:
	./scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	$(CARGO) clean
	rm -rf pkg node_modules
