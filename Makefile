# cjm's build and test entry points. `make test` is what CI runs (.ci/run).
GO        ?= go
PKGS      ?= ./...
BIN       ?= bin/cjm
FUZZTIME  ?= 60s
# staticcheck runs only when the module proxy serves this pinned version;
# without network the lint target skips it and says so.
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build test mermaid-deps race lint vet fmtcheck update fuzz fuzz-brief bench examples examples-check docs clean help

all: build

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## build bin/cjm
	$(GO) build -o $(BIN) ./cmd/cjm

test: vet ## vet, install the Node test tools, run every test, check the examples, a brief fuzz run (what CI runs)
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory mermaid-deps || echo "test: npm install failed: the Mermaid/GFM checks will skip"; \
	else echo "test: npm not found: the Mermaid/GFM checks will skip"; fi
	$(GO) test $(PKGS)
	@$(MAKE) --no-print-directory examples-check
	@$(MAKE) --no-print-directory fuzz-brief

# The loader and validator fuzz target, run briefly on every `make test`:
# a fixed number of inputs (about 10 s here), not a duration, which also
# keeps clear of Go's fuzztime race.
# .ci/fuzz tells a real failing input from Go's fuzztime race (see there).
fuzz-brief:
	@if grep -qs '^func FuzzCheck(' pkg/check/*_test.go; then \
		GO=$(GO) .ci/fuzz ./pkg/check FuzzCheck 60000x; \
	else echo "fuzz-brief: no FuzzCheck in pkg/check yet, skipped"; fi

# The Mermaid output test parses every .mmd with Mermaid itself, and the
# Markdown report test renders the reports with marked (GFM): Node and the
# packages pinned in testdata/mermaid/package-lock.json. Without them those
# two tests skip and say so. About 150 MB, under a minute.
mermaid-deps: ## install the pinned Mermaid parser and GFM renderer for the report tests (needs npm)
	cd testdata/mermaid && npm ci --no-audit --no-fund

race: ## run every test under the race detector
	$(GO) test -race $(PKGS)

vet:
	$(GO) vet $(PKGS)

fmtcheck: ## fail if any Go file is not gofmt-formatted
	@out=$$(find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' | xargs gofmt -l); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

lint: vet fmtcheck ## go vet, gofmt check, and staticcheck when it can be fetched
	@if $(GO) run $(STATICCHECK) -version >/dev/null 2>&1; then \
		echo "$(GO) run $(STATICCHECK) $(PKGS)"; $(GO) run $(STATICCHECK) $(PKGS); \
	else echo "lint: staticcheck not available (no module proxy?), skipped"; fi

# Only the packages that have golden files know -update (go test refuses an
# unknown flag), so update runs those: the ones whose tests use
# internal/golden or define the flag themselves (testscript, gendocs).
GOLDEN_PKGS = $$(grep -rl --include='*_test.go' -e 'cjm/internal/golden"' -e 'flag.Bool("update"' . | xargs -n1 dirname | sort -u)

update: ## accept new golden files (then re-render the examples)
	$(GO) test $(GOLDEN_PKGS) -update
	@$(MAKE) --no-print-directory examples

fuzz: ## run every fuzz target for FUZZTIME each (default 60s)
	@set -e; for pkg in $$($(GO) list -f '{{.Dir}}' $(PKGS)); do \
		for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$pkg/*_test.go 2>/dev/null | sed 's/^func //'); do \
			GO=$(GO) .ci/fuzz $$pkg $$target $(FUZZTIME); \
		done; \
	done

bench: ## run the benchmarks
	$(GO) test $(PKGS) -run '^$$' -bench . -benchmem

# The rendered examples are committed beside their YAML (the README shows
# them): SVG of every view (map, flow, kpi) and a Markdown report, and a PNG
# of the map view.
# `make examples` re-renders them; `make examples-check` (part of `make
# test`) fails when a committed output is stale, as a user's CI would.
# `make examples` also writes docs/gallery.md and docs/gallery/ (cmd/gallery:
# every stress map and example, map and flow PNGs and a PDF page through
# poppler's pdftoppm, which it needs); examples-check compares the gallery
# except the poppler PNGs, whose pixels depend on poppler's version.
EXAMPLE_OUTPUTS = -f svg,md --view map,flow,kpi examples
EXAMPLE_PNGS    = -f png --view map examples

examples: ## re-render the committed outputs of examples/ and the gallery (docs/gallery.md)
	$(GO) run ./cmd/cjm render -q $(EXAMPLE_OUTPUTS)
	$(GO) run ./cmd/cjm render -q $(EXAMPLE_PNGS)
	$(GO) run ./cmd/gallery

examples-check: ## fail if the committed outputs of examples/ are stale
	$(GO) run ./cmd/cjm validate -q --strict examples
	$(GO) run ./cmd/cjm fmt -l examples
	$(GO) run ./cmd/cjm render -q --check $(EXAMPLE_OUTPUTS)
	$(GO) run ./cmd/cjm render -q --check $(EXAMPLE_PNGS)
	@# The gallery's page and the PNGs cjm draws; not the poppler PNGs (they
	@# depend on poppler's version) nor the maps that need a system font.
	$(GO) run ./cmd/gallery -check
	@# A pull request's diff comment, as the CI recipes post it (exit 1 only means "changed").
	$(GO) run ./cmd/cjm diff --format md HEAD:examples/abm-committee.yaml examples/abm-committee.yaml >/dev/null || [ $$? -eq 1 ]

docs: ## regenerate the command reference (docs/commands, docs/man) from the command tree
	$(GO) run ./cmd/gendocs docs

clean: ## remove build output and failed-golden files
	rm -rf bin dist
	find . -name '*.got' -type f -delete
