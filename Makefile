# sysvec: top-level build.
#
#   make demo     boot the test VM: apache2 under svrun -p httpd, a denied call, its record
#   make check    unit tests, then the kernel tests in VMs (cloud, RT, debug)
#   make modules  build kernel/sysvec.ko against the installed cloud headers
#   make policyc  build the profile compiler (build/policyc/policyc)
#   make svrun    build the launcher (build/svrun/svrun) and libsysvec
#   make svmon    build the monitor (build/svmon/svmon)
#   make install  install svrun, svmon, policyc, libsysvec, man pages, profiles
#                 (PREFIX=/usr, DESTDIR for staging)
#   make fuzz     fuzz the profile parser (FUZZ_SECONDS, default 60)
#   make bench    benchmarks in the VM: sysvec against seccomp, written to
#                 tests/bench/results/ (report.md, CSV, bench.png)
#   make deps     install the Debian packages all of this needs (root)
#   make clean

CC ?= gcc
USER_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude/uapi
KTEST_SRCS := $(wildcard tests/kernel/*.c)
UNIT_SRCS := $(wildcard tests/unit/*.c)
KREL_CLOUD = $(shell ls -d /usr/src/linux-headers-*-cloud-amd64 2>/dev/null | sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
KDIR ?= /usr/src/linux-headers-$(KREL_CLOUD)

.PHONY: all deps modules policyc lib svrun svmon install demo check bench check-style unit vm-cloud vm-rt vm-debug fuzz clean

all: modules policyc lib svrun svmon

# ---- policyc ----
# Its syscall and errno tables are generated from the kernel's headers:
# the target kernel's unistd_64/32.h and syscalls_64/32.h, and the uapi
# errno, net.h and ipc.h headers.
POLICYC_SRCS := $(filter-out policyc/main.c,$(wildcard policyc/*.c))
POLICYC_GEN := build/policyc/gen
POLICYC_CFLAGS := $(USER_CFLAGS) -D_GNU_SOURCE -Ipolicyc -I$(POLICYC_GEN)
UNISTD_DIR = $(KDIR)/arch/x86/include/generated/uapi/asm
ERRNO_DIR := /usr/include/asm-generic

$(POLICYC_GEN)/syscall_names.h: kernel/gen-syscall-names.sh
	@mkdir -p $(@D)
	kernel/gen-syscall-names.sh $(UNISTD_DIR) > $@.tmp && mv $@.tmp $@
$(POLICYC_GEN)/errno_names.h: policyc/gen-errno-names.sh
	@mkdir -p $(@D)
	policyc/gen-errno-names.sh $(ERRNO_DIR) > $@.tmp && mv $@.tmp $@
$(POLICYC_GEN)/groups_text.h: policyc/gen-groups.sh policyc/groups.yaml
	@mkdir -p $(@D)
	policyc/gen-groups.sh policyc/groups.yaml > $@.tmp && mv $@.tmp $@
# Which x86_64 call each i386 entry point is (the kernel's syscalls_32/64.h),
# and the sub-calls of socketcall and ipc (the uapi linux/net.h, linux/ipc.h).
POLICYC_UAPI_DIR := /usr/include/linux
$(POLICYC_GEN)/syscall_twins.h: policyc/gen-syscall-twins.sh policyc/syscall-twins.txt
	@mkdir -p $(@D)
	policyc/gen-syscall-twins.sh $(KDIR) $(POLICYC_UAPI_DIR) policyc/syscall-twins.txt \
		> $@.tmp && mv $@.tmp $@

POLICYC_GEN_H := $(POLICYC_GEN)/syscall_names.h $(POLICYC_GEN)/errno_names.h $(POLICYC_GEN)/groups_text.h \
	$(POLICYC_GEN)/syscall_twins.h

POLICYC_OBJS := $(POLICYC_SRCS:policyc/%.c=build/policyc/obj/%.o)

build/policyc/obj/%.o: policyc/%.c policyc/policyc.h $(POLICYC_GEN_H)
	@mkdir -p $(@D)
	$(CC) $(POLICYC_CFLAGS) -c -o $@ $<

build/policyc/libpolicyc.a: $(POLICYC_OBJS)
	rm -f $@ && ar rcs $@ $^

build/policyc/policyc: policyc/main.c build/policyc/libpolicyc.a
	$(CC) $(POLICYC_CFLAGS) -o $@ policyc/main.c build/policyc/libpolicyc.a -lyaml -lseccomp

policyc: build/policyc/policyc

# ---- libsysvec and svrun ----
# libsysvec.a carries policyc's profile code (the seccomp backend and the
# profile's vector version need it); users link -lyaml -lseccomp too
# (libsysvec.pc says so).
LIB_SRCS := $(wildcard lib/*.c)
LIB_OBJS := $(LIB_SRCS:lib/%.c=build/lib/obj/%.o)
LIB_CFLAGS := $(POLICYC_CFLAGS) -Ilib
SVRUN_SRCS := $(wildcard svrun/*.c)
SVMON_SRCS := $(wildcard svmon/*.c)
PREFIX ?= /usr
LIBDIR ?= $(PREFIX)/lib/x86_64-linux-gnu
VERSION := 0.4.0

build/lib/obj/%.o: lib/%.c lib/libsysvec.h policyc/policyc.h include/uapi/sysvec.h $(POLICYC_GEN_H)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -fPIC -c -o $@ $<

build/lib/libsysvec.a: $(LIB_OBJS) $(POLICYC_OBJS)
	rm -f $@ && ar rcs $@ $^

build/lib/libsysvec.pc: lib/libsysvec.pc.in
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@VERSION@|$(VERSION)|' $< > $@

build/svrun/svrun: $(SVRUN_SRCS) svrun/svrun.h lib/libsysvec.h lib/cli.h build/lib/libsysvec.a
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -D_GNU_SOURCE -Ilib -o $@ $(SVRUN_SRCS) build/lib/libsysvec.a \
		-lyaml -lseccomp -lcap

build/svmon/svmon: $(SVMON_SRCS) svmon/svmon.h lib/libsysvec.h lib/cli.h build/lib/libsysvec.a
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -D_GNU_SOURCE -Ilib -o $@ $(SVMON_SRCS) build/lib/libsysvec.a \
		-lyaml -lseccomp

lib: build/lib/libsysvec.a build/lib/libsysvec.pc
svrun: build/svrun/svrun
svmon: build/svmon/svmon

# The user-space part, as a package installs it (DESTDIR for staging).
install: build/svrun/svrun build/svmon/svmon build/policyc/policyc build/lib/libsysvec.a \
		build/lib/libsysvec.pc
	install -D -m 755 build/svrun/svrun $(DESTDIR)$(PREFIX)/bin/svrun
	install -D -m 755 build/svmon/svmon $(DESTDIR)$(PREFIX)/bin/svmon
	install -D -m 755 build/policyc/policyc $(DESTDIR)$(PREFIX)/bin/policyc
	install -D -m 644 build/lib/libsysvec.a $(DESTDIR)$(LIBDIR)/libsysvec.a
	install -D -m 644 build/lib/libsysvec.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libsysvec.pc
	install -D -m 644 lib/libsysvec.h $(DESTDIR)$(PREFIX)/include/sysvec/libsysvec.h
	install -D -m 644 include/uapi/sysvec.h $(DESTDIR)$(PREFIX)/include/sysvec/sysvec.h
	install -D -m 644 -t $(DESTDIR)$(PREFIX)/share/man/man1 docs/svrun.1 docs/svmon.1 \
		docs/policyc.1
	install -D -m 644 -t $(DESTDIR)$(PREFIX)/share/man/man3 docs/libsysvec.3
	install -D -m 644 -t $(DESTDIR)$(PREFIX)/share/man/man4 docs/sysvec.4
	install -D -m 644 -t $(DESTDIR)$(PREFIX)/share/man/man5 docs/profile.5
	install -D -m 644 -t $(DESTDIR)$(PREFIX)/share/sysvec/profiles profiles/*.yaml profiles/*.c

deps:
	scripts/install-deps.sh --rt --debug-kernel

modules:
	$(MAKE) -C kernel KDIR=$(KDIR)

build/tests/sysvec-ktest: $(KTEST_SRCS) tests/kernel/ktest.h include/uapi/sysvec.h \
		lib/libsysvec.h build/lib/libsysvec.a
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -Ilib -static -pthread -o $@ $(KTEST_SRCS) build/lib/libsysvec.a \
		-lyaml -lseccomp -lauparse -laudit -lcap-ng

build/tests/sysvec-bench: tests/bench/bench.c include/uapi/sysvec.h lib/libsysvec.h \
		build/lib/libsysvec.a
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -Ilib -static -o $@ tests/bench/bench.c build/lib/libsysvec.a \
		-lyaml -lseccomp

build/tests/sv-probe: tests/svrun/probe.c include/uapi/sysvec.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -static -o $@ $<

build/tests/unit-tests: $(UNIT_SRCS) tests/unit/unit.h include/uapi/sysvec.h lib/libsysvec.h \
		build/lib/libsysvec.a
	@mkdir -p $(@D)
	$(CC) $(POLICYC_CFLAGS) -Ilib -o $@ $(UNIT_SRCS) build/lib/libsysvec.a -lyaml -lseccomp \
		$$(pkg-config --cflags --libs check)

unit: build/tests/unit-tests build/policyc/policyc
	build/tests/unit-tests
	tests/policyc/run.sh build/policyc/policyc

fuzz:
	tests/fuzz/run.sh $(or $(FUZZ_SECONDS),60)

check-style:
	tests/check-style.sh

vm-cloud vm-rt vm-debug:
	tests/vm/run.sh $(@:vm-%=%)

demo:
	scripts/install-deps.sh
	tests/vm/run.sh cloud demo

check:
	scripts/install-deps.sh --rt --debug-kernel
	tests/run-all.sh

bench:
	scripts/install-deps.sh --bench
	tests/bench/run.sh

clean:
	rm -rf build
	$(MAKE) -C kernel clean KDIR=$(KDIR) 2>/dev/null || true
