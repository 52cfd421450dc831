// SPDX-License-Identifier: GPL-2.0
/*
 * Module life cycle: a vector module cannot be removed while a task uses
 * it (bound or pending) and can be as soon as the last one has exited,
 * SIGKILL included; vector modules and the registry unload in any order
 * the kernel allows; registry errors (duplicate and malformed vectors);
 * ids are never reused. Runs last: it unloads and reloads modules.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

/* delete_module() with O_NONBLOCK reports a module in use as EWOULDBLOCK;
 * kmod's rmmod checks the refcount first and refuses with EBUSY. */
#define IN_USE	EWOULDBLOCK

/* Run Debian's rmmod on @name; return its exit status, its stderr in @err. */
static int kmod_rmmod(const char *name, char *err, size_t len)
{
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		dup2(p[1], 2);
		execl("/usr/sbin/rmmod", "rmmod", name, NULL);
		_exit(127);
	}
	close(p[1]);
	n = read(p[0], err, len - 1);
	err[n > 0 ? n : 0] = 0;
	close(p[0]);
	st = kt_wait(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000;
}

static void t_busy_until_sigkill(void)
{
	struct helper h;
	unsigned int old_id = sv_vector_id("svt_b");

	helper_start(&h, -1);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), 0);
	CHECK(kt_module_refcnt("svt_b") >= 1);
	CHECK_RET(kt_unload_module("svt_b"), IN_USE);
	{
		char err[512];

		CHECK_EQ(kmod_rmmod("svt_b", err, sizeof(err)), 1);
		printf("#   rmmod: %s", err);
		CHECK(strstr(err, "Module svt_b is in use") != NULL);
	}
	CHECK_EQ(helper_cmd(&h, 'p'), EPERM);	/* still enforced */
	kill(h.pid, SIGKILL);
	helper_stop(&h);
	/* Gone as soon as the task is: no delay, no retry. */
	CHECK_EQ(kt_module_refcnt("svt_b"), 0);
	{
		char err[512];

		CHECK_EQ(kmod_rmmod("svt_b", err, sizeof(err)), 0);
	}
	CHECK_EQ(sv_vector_id("svt_b"), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
	/* A new registration gets a new id. */
	CHECK(sv_vector_id("svt_b") > old_id);
}

static void t_busy_until_exit(void)
{
	pid_t pid;
	int p[2];
	char c;

	CHECK(pipe(p) == 0);
	pid = fork();
	if (!pid) {
		close(p[1]);
		if (sv_attach(0, 0, 0, "svt_b"))
			_exit(3);
		if (read(p[0], &c, 1) < 0)	/* blocks until the parent closes */
			_exit(4);
		_exit(0);
	}
	close(p[0]);
	while (sv_vector_tasks("svt_b", false) < 1)
		usleep(1000);
	CHECK_RET(kt_unload_module("svt_b"), IN_USE);
	close(p[1]);
	kt_wait(pid);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
}

static void t_pending_pins(void)
{
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_b"), 0);
	CHECK_RET(kt_unload_module("svt_b"), IN_USE);
	CHECK_RET(sv_detach(0), 0);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);

	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, "svt_b"), 0);
	CHECK_RET(kt_unload_module("svt_b"), IN_USE);
	CHECK_RET(sv_detach(0), 0);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
}

/* The registry module, once this process no longer holds /dev/sysvec open. */
static int unload_registry(void)
{
	sv_close();
	return kt_unload_module("sysvec");
}

/* Removing the registry itself needs every vector module gone first. */
static void t_unload_orders(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		const char *first = i ? "svt_b" : "svt_a";
		const char *second = i ? "svt_a" : "svt_b";

		CHECK_RET(unload_registry(), IN_USE);
		CHECK_RET(kt_unload_module(first), 0);
		CHECK_RET(unload_registry(), IN_USE);
		CHECK_RET(kt_unload_module(second), 0);
		CHECK_RET(unload_registry(), 0);
		CHECK_RET(kt_load_module("sysvec", NULL), 0);
		CHECK_RET(kt_load_module(second, NULL), 0);
		CHECK_RET(kt_load_module(first, NULL), 0);
		CHECK(sv_vector_id("svt_a") && sv_vector_id("svt_b"));
	}
}

/* The registry refuses while a task still has state, even with no vector. */
static void t_registry_pinned(void)
{
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, NULL), 0);
	CHECK_RET(kt_unload_module("svt_a"), 0);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(unload_registry(), IN_USE);
	CHECK_RET(sv_detach(0), 0);
	CHECK_RET(unload_registry(), 0);
	CHECK_RET(kt_load_module("sysvec", NULL), 0);
	CHECK_RET(kt_load_module("svt_a", NULL), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
}

static void t_register_errors(void)
{
	CHECK_RET(kt_load_module("svt_param", "name=svt_a"), EEXIST);
	CHECK_RET(kt_load_module("svt_param", "name=bad/name"), EINVAL);
	CHECK_RET(kt_load_module("svt_param", "name=\"\""), EINVAL);
	CHECK_RET(kt_load_module("svt_param",
		  "name=a_name_that_is_much_too_long_for_the_registry_to_accept_0123456789"),
		  EINVAL);
	CHECK_RET(kt_load_module("svt_param", "deny_errno=0"), EINVAL);
	CHECK_RET(kt_load_module("svt_param", "deny_errno=4096"), EINVAL);
	CHECK_RET(kt_load_module("svt_param", "default_action=0"), EINVAL);
	CHECK_RET(kt_load_module("svt_param", "default_action=9"), EINVAL);
	CHECK_RET(kt_load_module("svt_param", "version=1.0+git~abc"), 0);
	CHECK_RET(kt_unload_module("svt_param"), 0);
	/* A good one loads, works, and leaves cleanly. */
	CHECK_RET(kt_load_module("svt_param", "name=svt_p deny_errno=77"), 0);
	{
		pid_t pid = fork();

		if (!pid) {
			if (sv_attach(0, 0, 0, "svt_p"))
				_exit(3);
			_exit(probe_getppid());
		}
		CHECK_EQ(WEXITSTATUS(kt_wait(pid)), 77);
	}
	CHECK_RET(kt_unload_module("svt_param"), 0);
	CHECK_EQ(sv_vector_id("svt_p"), 0);
}

/*
 * A registry module built for a list of kernel lines without this one
 * (tests/vm/run.sh builds unsupported/sysvec.ko with SYSVEC_KERNELS=0.0)
 * refuses to load, saying why, unless allow_unsupported_kernel=1.
 */
static void t_kernel_line_unsupported(void)
{
	static const char *const refused[] = {
		"sysvec: kernel line ", "is not supported (supported: 0.0)",
		"allow_unsupported_kernel=1", NULL
	};
	static const char *const allowed[] = {
		"sysvec: kernel line ", "is not supported (supported: 0.0)",
		"loading as allow_unsupported_kernel=1 asks", NULL
	};
	int kmsg = kmsg_open();

	CHECK_RET(kt_unload_module("svt_a"), 0);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(unload_registry(), 0);
	CHECK_RET(kt_load_module("unsupported/sysvec", NULL), EOPNOTSUPP);
	CHECK(kmsg_find(kmsg, refused, 2000, NULL, 0));
	CHECK_RET(kt_load_module("unsupported/sysvec", "allow_unsupported_kernel=0"), EOPNOTSUPP);
	CHECK_RET(kt_load_module("unsupported/sysvec", "allow_unsupported_kernel=1"), 0);
	CHECK(kmsg_find(kmsg, allowed, 2000, NULL, 0));
	/* it works: a vector registers and its module leaves cleanly */
	CHECK_RET(kt_load_module("svt_a", NULL), 0);
	CHECK(sv_vector_id("svt_a"));
	CHECK_RET(kt_unload_module("svt_a"), 0);
	CHECK_RET(unload_registry(), 0);
	/* the module built for this kernel's line loads without a word */
	CHECK_RET(kt_load_module("sysvec", NULL), 0);
	CHECK_RET(kt_load_module("svt_a", NULL), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
	close(kmsg);
}

const struct ktest ktests_modules[] = {
	{ "rmmod_busy_until_sigkill", t_busy_until_sigkill },
	{ "rmmod_busy_until_exit", t_busy_until_exit },
	{ "rmmod_pending_pins", t_pending_pins },
	{ "rmmod_registry_pinned", t_registry_pinned },
	{ "rmmod_unload_orders", t_unload_orders },
	{ "register_errors", t_register_errors },
	{ "kernel_line_unsupported", t_kernel_line_unsupported },
	{ NULL, NULL },
};
