# newsdb — build, test, demo, bench, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
CONFIG ?= release
BIN := $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)/newsdb

.PHONY: all build test test-all demo bench bench-quick fuzz install uninstall clean help

all: build

help:
	@echo "make demo      build, load SampleData into ./demo.db, run example searches"
	@echo "make bench     benchmark at 100k articles (BENCH_N=1000000 for 1M); results in BENCHMARKS.md"
	@echo "make bench-quick  the same at 10k articles"
	@echo "make fuzz      run the libFuzzer target (page, date, quote, query, JSON and CSV readers) for FUZZ_SECONDS each"
	@echo "make build     build newsdb ($(CONFIG)) into .build/"
	@echo "make test      run every test (unit and end-to-end) but the slow ones"
	@echo "make test-all  also the slow ones (a million tiny files)"
	@echo "make install   copy newsdb to \$$PREFIX/bin (PREFIX=$(PREFIX))"
	@echo "make clean     remove build products and the demo database"

build:
	$(SWIFT) build -c $(CONFIG) --product newsdb

test:
	$(SWIFT) test

test-all:
	NEWSDB_SLOW_TESTS=1 $(SWIFT) test

# A fresh demo.db from SampleData, then the searches the README shows. Each command is echoed.
NEWSDB = "$(BIN)"
demo: build
	@rm -f demo.db demo.db-wal demo.db-shm
	$(NEWSDB) ingest --db demo.db SampleData/pages SampleData/dumps
	$(NEWSDB) search --db demo.db 'harbour OR ferry' --facets
	$(NEWSDB) search --db demo.db 'strike OR drought OR wind' --from 2025-06 --facet source,month,agency --sort newest
	$(NEWSDB) search --db demo.db --place 'Port Calder' --facet person,month --limit 3
	$(NEWSDB) quotes --db demo.db --speaker Okonjo
	$(NEWSDB) entities --db demo.db --type person --top 5

BENCH_N ?= 100000
bench:
	bench/run.sh $(BENCH_N)

bench-quick:
	bench/run.sh 10000

# libFuzzer with AddressSanitizer, in its own build folder; seeds come from SampleData. Findings are
# written to .build-fuzz/findings; replay one with: swift run newsdb-fuzz FILE
FUZZ_SECONDS ?= 60
fuzz:
	swift build --product newsdb-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	bench/fuzz-seeds.sh .build-fuzz/corpus
	mkdir -p .build-fuzz/findings
	"$$(swift build --scratch-path .build-fuzz --show-bin-path)/newsdb-fuzz" -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=.build-fuzz/findings/ .build-fuzz/corpus

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/newsdb"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/newsdb"

clean:
	rm -rf .build demo.db demo.db-wal demo.db-shm
