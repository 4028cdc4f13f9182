# credgate: the two commands of the README are `make demo` and `make test`.
# Everything else here is a step of those two.

PORT ?= 8080
CARGO ?= cargo
ROSTER ?= www/data/roster.json
CREDENTIALS ?= www/data/credentials.json

.PHONY: setup demo test test-rust cli-sample clean

setup:
	@./scripts/setup.sh

## The main job: until the demo page lands, the CLI on the sample documents.
demo: setup cli-sample

cli-sample:
	$(CARGO) build --release --quiet
	./target/release/credgate validate --roster $(ROSTER) --credentials $(CREDENTIALS) || test $$? -eq 1
	./target/release/credgate check --roster $(ROSTER) --credentials $(CREDENTIALS) \
		--employee $$(./target/release/credgate validate --roster $(ROSTER) --credentials $(CREDENTIALS) 2>/dev/null \
		| sed -n 's/.*"employeeId": "\(.*\)".*/\1/p' | head -1) \
		--shift $$(./target/release/credgate validate --roster $(ROSTER) --credentials $(CREDENTIALS) 2>/dev/null \
		| sed -n 's/.*"shiftId": "\(.*\)".*/\1/p' | head -1)

## Every test.
test: setup test-rust

test-rust:
	$(CARGO) test --all-targets
	$(CARGO) test --doc

clean:
	$(CARGO) clean
	rm -rf pkg node_modules
