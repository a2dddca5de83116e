# newsdb — build, test, demo, bench, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
CONFIG ?= release
BIN := $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path 2>/dev/null)/newsdb

.PHONY: all build test install uninstall clean help

all: build

help:
	@echo "make build     build newsdb ($(CONFIG)) into .build/"
	@echo "make test      run every test (unit and end-to-end)"
	@echo "make install   copy newsdb to \$$PREFIX/bin (PREFIX=$(PREFIX))"
	@echo "make clean     remove build products and the demo database"

build:
	$(SWIFT) build -c $(CONFIG) --product newsdb

test:
	$(SWIFT) test

install: build
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 0755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/newsdb"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/newsdb"

clean:
	rm -rf .build demo.db demo.db-wal demo.db-shm
