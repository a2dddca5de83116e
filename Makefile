# newsdb — build, test, demo, bench, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
CONFIG ?= release
BIN := $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)/newsdb

.PHONY: all build test test-all demo bench bench-quick fuzz fuzz-build fuzz-each install check-install uninstall clean help

all: build

help:
	@echo "make demo      build, load SampleData into ./demo.db, run example searches"
	@echo "make bench     benchmark at 100k articles (BENCH_N=1000000 for 1M); results in BENCHMARKS.md"
	@echo "make bench-quick  the same at 10k articles"
	@echo "make fuzz      run the libFuzzer target (page, date, quote, query, JSON, CSV, HTML, WARC) for FUZZ_SECONDS"
	@echo "make fuzz-each fuzz each of them alone (FUZZ_TARGET=name) for FUZZ_SECONDS each"
	@echo "make build     build newsdb ($(CONFIG)) into .build/"
	@echo "make test      run every test (unit and end-to-end) but the slow ones"
	@echo "make test-all  also the slow ones (a million tiny files)"
	@echo "make install   a standalone newsdb to \$$PREFIX/bin, its man page and completions (PREFIX=$(PREFIX))"
	@echo "make check-install  install into a scratch folder and run it with an empty environment"
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
	$(NEWSDB) ingest --db demo.db SampleData/pages SampleData/dumps SampleData/html SampleData/archives
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
# FUZZ_TARGET=page|date|quote|query|jsonl|csv|html|warc fuzzes one of them alone; `make fuzz-each` runs every
# one in turn for FUZZ_SECONDS each, with its own corpus folder.
FUZZ_SECONDS ?= 60
FUZZ_TARGET ?=
FUZZ_BIN = $$(swift build --scratch-path .build-fuzz --show-bin-path)/newsdb-fuzz
fuzz-build:
	swift build --product newsdb-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld

fuzz: fuzz-build
	bench/fuzz-seeds.sh .build-fuzz/corpus$(FUZZ_TARGET)
	mkdir -p .build-fuzz/findings
	NEWSDB_FUZZ_TARGET=$(FUZZ_TARGET) "$(FUZZ_BIN)" -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=2048 -artifact_prefix=.build-fuzz/findings/$(FUZZ_TARGET) .build-fuzz/corpus$(FUZZ_TARGET)

fuzz-each: fuzz-build
	for target in page date quote query jsonl csv html warc; do $(MAKE) --no-print-directory fuzz FUZZ_TARGET=$$target || exit 1; done

# The installed binary carries the Swift runtime and Foundation (--static-swift-stdlib), so it runs
# where no Swift toolchain is; it is built in its own folder. The man page comes from
# swift-argument-parser's generate-manual plugin, the completions from the binary itself.
STATIC_BIN = .build-static/release/newsdb
MAN_PAGE = .build/plugins/GenerateManual/outputs/newsdb/newsdb.1
install:
	$(SWIFT) build -c release --product newsdb --static-swift-stdlib --scratch-path .build-static
	$(SWIFT) package generate-manual
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$(STATIC_BIN)" "$(DESTDIR)$(PREFIX)/bin/newsdb"
	install -m 0644 "$(MAN_PAGE)" "$(DESTDIR)$(PREFIX)/share/man/man1/newsdb.1"
	"$(STATIC_BIN)" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsdb"
	"$(STATIC_BIN)" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsdb"
	"$(STATIC_BIN)" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/newsdb.fish"

# Installs into a scratch folder and runs the installed binary with an empty environment: no Swift
# library may be needed beside it (.ci/run runs this after the tests).
check-install:
	rm -rf .build-check-install
	$(MAKE) --no-print-directory install PREFIX="$(CURDIR)/.build-check-install"
	Tests/check-install.sh "$(CURDIR)/.build-check-install"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/newsdb" "$(DESTDIR)$(PREFIX)/share/man/man1/newsdb.1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsdb" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsdb" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/newsdb.fish"

clean:
	rm -rf .build .build-static .build-check-install demo.db demo.db-wal demo.db-shm
