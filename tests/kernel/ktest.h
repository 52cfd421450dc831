/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysvec kernel tests: a small framework for tests that run inside the test
 * VM, as root, against the real module.
 *
 * Each test runs in a forked child (a confined process can never undo its
 * vector, so tests must not share one) and passes when that child exits 0.
 * CHECK*() macros print the failing expression with its values and mark
 * the test failed; grandchildren report through their exit status.
 */
#ifndef KTEST_H
#define KTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include "sysvec.h"

struct ktest {
	const char *name;
	void (*fn)(void);
};

/* Suites, in the order they run (kt_suites[] in ktest.c). */
extern const struct ktest ktests_ioctl[];
extern const struct ktest ktests_actions[];
extern const struct ktest ktests_inherit[];
extern const struct ktest ktests_attach[];
extern const struct ktest ktests_perm[];
extern const struct ktest ktests_modules[];
extern const struct ktest ktests_cond[];
extern const struct ktest ktests_hooks[];
extern const struct ktest ktests_paths[];
extern const struct ktest ktests_dynsys[];
extern const struct ktest ktests_monitor[];
extern const struct ktest ktests_profiles[];
extern const struct ktest ktests_svrun[];
extern const struct ktest ktests_scope[];
extern const struct ktest ktests_abi[];
extern const struct ktest ktests_uring[];
extern const struct ktest ktests_guard[];

extern int kt_failed;
extern const char *kt_moddir;

void kt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define CHECK(cond) do {						\
	if (!(cond))							\
		kt_fail(__FILE__, __LINE__, "%s", #cond);		\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	if (_a != _b)							\
		kt_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld",	\
			#a, #b, _a, _b);				\
} while (0)

/* A libc-style call that must fail with errno @err. */
#define CHECK_ERRNO(expr, err) do {					\
	errno = 0;							\
	long _r = (long)(expr);						\
	int _e = errno;							\
	if (_r != -1 || _e != (err))					\
		kt_fail(__FILE__, __LINE__, "%s: want -1/%s, got %ld/%s", \
			#expr, kt_errname(err), _r, kt_errname(_e));	\
} while (0)

/* A call returning 0 or -errno that must return -@err (0 for success). */
#define CHECK_RET(expr, err) do {					\
	long _r = (long)(expr);						\
	if (_r != -(long)(err))						\
		kt_fail(__FILE__, __LINE__, "%s: want %s, got %s (%ld)", \
			#expr, kt_errname(err), kt_errname((int)-_r), _r); \
} while (0)

const char *kt_errname(int err);

/* End a child that ran CHECKs: its exit status says whether they held. */
void kt_child_exit(void) __attribute__((noreturn));
/* Wait for @pid; CHECK that it exited 0. */
void kt_check_child_ok(pid_t pid, const char *what);
/* Wait for @pid and return its raw status. */
int kt_wait(pid_t pid);

/* /dev/sysvec wrappers: 0 or -errno. */
int sv_fd(void);
/* Close /dev/sysvec (an open one pins the module). */
void sv_close(void);
int sv_attach(pid_t pid, unsigned int flags, unsigned int id, const char *name);
int sv_detach(pid_t pid);
int sv_get(pid_t pid, struct sysvec_get *g);
int sv_ioctl(unsigned long cmd, void *arg);
/* Id of the registered vector @name, or 0. */
unsigned int sv_vector_id(const char *name);
/* Tasks a vector is enforced on / pending for (-1 if not registered). */
int sv_vector_tasks(const char *name, bool pending);
/* A value of /proc/sysvec/stats, -1 if missing. */
long sv_stat(const char *key);
/* Wait until probes_registered equals @want; false after @ms. */
bool sv_wait_probes(int want, int ms);

/* t_scope.c: attacks on @pid; a bit for each that worked. */
int scope_attack(pid_t pid);

/* 0 if getppid() succeeds, else its errno. */
int probe_getppid(void);
/* An i386 syscall from this 64-bit process: return value or -errno. */
long int80(long nr, long a, long b, long c);

/* A helper process that runs probes on request (for acting on other pids). */
struct helper {
	pid_t pid;
	int cmd;	/* write end */
	int res;	/* read end */
};
#define HELPER_THREADS	4
/* Start a helper with HELPER_THREADS extra threads, as uid @uid (-1: keep). */
void helper_start(struct helper *h, int uid);
/* Commands: 'p' getppid in the main thread, 't' in every thread (returns
 * how many got EACCES, or -1 on a mismatch), 'f' in a new child process,
 * 'n' in a new thread. Return the errno it got (0: success). */
int helper_cmd(struct helper *h, char cmd);
void helper_stop(struct helper *h);

/* Modules in kt_moddir: 0 or -errno. */
int kt_load_module(const char *name, const char *params);
int kt_unload_module(const char *name);
/* The same, retrying while the module is in use, for up to @ms. */
int kt_unload_module_wait(const char *name, int ms);
/* The module's refcount from /sys/module, -1 if not loaded. */
int kt_module_refcnt(const char *name);
/* A number from /sys/module/@name/@file (e.g. "parameters/x"), -1 if none. */
long kt_module_value(const char *name, const char *file);

/* Kernel log: a reader positioned at the end, and a search that waits up
 * to @ms for a record containing every needle (NULL-terminated list). */
int kmsg_open(void);
bool kmsg_find(int fd, const char *const *needles, int ms, char *out, size_t outlen);

/* Run @fn in a forked child that CHECKs and exits; wait and CHECK it. */
void kt_in_child(const char *what, void (*fn)(void));
/* The same with vector module @module loaded around it; with @needles, a
 * kernel log record holding all of them must appear. */
void kt_in_child_with_module(const char *module, const char *what, void (*fn)(void),
			     const char *const *needles);
/* Create @path (mode @mode) if it does not exist, or fail the test. */
void kt_touch(const char *path, mode_t mode);
/* Bind the vector named @vector to the calling process, or fail the test. */
void kt_confine(const char *vector);

/* Drop to an unprivileged uid (65534), optionally setting no_new_privs first. */
void kt_become_nobody(bool nnp);

/*
 * If the test times out, say it was doing @what (a string that lives as
 * long as the test) and show the file @path (at most four).
 */
void kt_phase(const char *what);
void kt_show_on_timeout(const char *path);

#endif /* KTEST_H */
