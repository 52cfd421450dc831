# sysvec: top-level build.
#
#   make demo     boot the test VM and show a confined program being denied
#   make check    unit tests, then the kernel tests in VMs (cloud, RT, debug)
#   make modules  build kernel/sysvec.ko against the installed cloud headers
#   make deps     install the Debian packages all of this needs (root)
#   make clean

CC ?= gcc
USER_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -Iinclude/uapi
KTEST_SRCS := $(wildcard tests/kernel/*.c)
UNIT_SRCS := $(wildcard tests/unit/*.c)
KREL_CLOUD = $(shell ls -d /usr/src/linux-headers-*-cloud-amd64 2>/dev/null | sed 's|.*/linux-headers-||' | sort -V | tail -n 1)
KDIR ?= /usr/src/linux-headers-$(KREL_CLOUD)

.PHONY: all deps modules demo check check-style unit vm-cloud vm-rt vm-debug clean

all: modules

deps:
	scripts/install-deps.sh --rt --debug-kernel

modules:
	$(MAKE) -C kernel KDIR=$(KDIR)

build/tests/sysvec-ktest: $(KTEST_SRCS) tests/kernel/ktest.h include/uapi/sysvec.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -static -pthread -o $@ $(KTEST_SRCS) -lauparse -laudit -lcap-ng

build/tests/sysvec-demo: tests/vm/demo.c include/uapi/sysvec.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -static -o $@ tests/vm/demo.c

build/tests/unit-tests: $(UNIT_SRCS) tests/unit/unit.h include/uapi/sysvec.h
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -o $@ $(UNIT_SRCS) $$(pkg-config --cflags --libs check)

unit: build/tests/unit-tests
	build/tests/unit-tests

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

clean:
	rm -rf build
	$(MAKE) -C kernel clean KDIR=$(KDIR) 2>/dev/null || true
