# Soma — one Makefile for set-up, the course, the tests and the benchmarks.
#   make run     build (release) and run every notebook in Notebooks/ into out/
#   make test    the whole test suite (fuzz, unit, language scripts, notebooks, CLI)
#   make bench   benchmarks against the reference scripts, ratios printed
#   make fuzz    fuzz parse+evaluate, then builtins with extreme arguments,
#                each for FUZZ_SECONDS (default 45)
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
FUZZ_SECONDS ?= 45
SOMA_RELEASE = .build/release/soma
SOMA_DEBUG = .build/debug/soma

.PHONY: setup build release run test unit fuzz bench clean stdlib

setup:
	@Scripts/setup

stdlib:
	@Scripts/embed-stdlib

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product soma

run: release
	$(SOMA_RELEASE) run Notebooks/[0-9]*.md --out out -j 2

# Users run the release binary: the notebooks and the command-line/REPL tests
# run against it (the CLI tests against the debug build too).
unit: setup
	@Scripts/setup --tests
	@Scripts/embed-stdlib --check
	$(SWIFT) build --build-tests
	$(SWIFT) build -c release --product soma
	$(SWIFT) test --skip-build
	Tests/Notebooks/run-notebooks $(SOMA_RELEASE)
	Tests/CLI/run-cli-tests $(SOMA_DEBUG)
	Tests/CLI/run-cli-tests $(SOMA_RELEASE)

# The fuzz run goes first so the test runner's summary is the last thing printed.
test: fuzz unit

fuzz: setup
	@Scripts/fuzz $(FUZZ_SECONDS)

bench: release
	@Scripts/setup --bench
	@Benchmarks/run

clean:
	rm -rf .build .build-fuzz out
