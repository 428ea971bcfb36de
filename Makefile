# manouche — the two set-up commands are `make run` and `make test`.

GO      ?= go
ADDR    ?= 127.0.0.1:8000
MANAGE  := $(GO) run ./cmd/manage

.PHONY: run migrate test vet fmt check bench loadtest install

## run: apply migrations, then serve the examples on $(ADDR) with the embedded SQLite database
run: migrate
	$(MANAGE) runserver $(ADDR)

## migrate: create or update the database named in settings.yaml
migrate:
	$(MANAGE) migrate

## check: run the system checks on settings.yaml
check:
	$(MANAGE) check

## install: install the manouche command (Django's django-admin) into GOBIN
## (default GOPATH/bin); the projects it starts build against this checkout
install:
	$(GO) install -trimpath=false ./cmd/manouche
	@bin="$$($(GO) env GOBIN)"; [ -n "$$bin" ] || bin="$$($(GO) env GOPATH)/bin"; \
	echo "installed $$bin/manouche: try 'manouche startproject mysite' in any directory"

## test: gofmt, go vet and the race-enabled test suite (what CI runs). PostgreSQL,
## MariaDB and Redis answering at their default local addresses are used without
## any MANOUCHE_TEST_* variable; the run ends with one line per reason tests were
## skipped for (cmd/testrun)
test: fmt vet
	$(GO) run ./cmd/testrun -race -count=1 ./...

fmt:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needs to be run on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## bench: micro-benchmarks (ratios are what count; this machine is shared and noisy)
BENCHTIME ?= 1s
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

## loadtest: every session engine under wrk (installed if missing), one table of
## requests/s, p99 and ratios to /plain; flags in LOADTEST_FLAGS, see cmd/loadtest.
## How cost grows: LOADTEST_FLAGS="-curves all -duration 2s" (or a list of sizes,
## rows, connections, clear) prints a table per curve and writes SVG charts to
## -chart-dir (docs/perf); -sizes, -rows, -conns and -clear-rows set the x values
## (defaults 100,4096,65536; 1000,...,1000000; 32,128,512,1024; 1000000)
loadtest:
	GO=$(GO) $(GO) run ./cmd/loadtest $(LOADTEST_FLAGS)
