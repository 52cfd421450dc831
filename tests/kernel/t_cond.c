// SPDX-License-Identifier: GPL-2.0
/*
 * Argument conditions and RETURN rules (svt_cond): which rule of a chain
 * decides, with exact results on both ABIs, and what the registry refuses
 * (svt_param), hooks included.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

#define IA32_getppid	64

static void chain_calls(void)
{
	long ppid = getppid();

	kt_confine("svt_cond");
	/* rule 1: arg0 == 7 */
	CHECK_ERRNO(syscall(SYS_getppid, 7, 0), EACCES);
	/* rule 2: (arg0 & 0xf0) == 0x30 && arg1 >= 5 */
	CHECK_EQ(syscall(SYS_getppid, 0x35, 5), 42);
	CHECK_EQ(syscall(SYS_getppid, 0x3f, 1000), 42);
	/* only one of rule 2's conditions: otherwise (allow) */
	CHECK_EQ(syscall(SYS_getppid, 0x35, 4), ppid);
	CHECK_EQ(syscall(SYS_getppid, 0x45, 5), ppid);
	/* all 64 bits compared on x86_64 */
	CHECK_EQ(syscall(SYS_getppid, 0x100000007L, 0), ppid);
	/* RETURN without running the call */
	CHECK_EQ(syscall(SYS_getpid), 4242);
}

static void chain_ia32_calls(void)
{
	long ppid = getppid();

	kt_confine("svt_cond");
	CHECK_EQ(int80(IA32_getppid, 7, 0, 0), -EACCES);
	CHECK_EQ(int80(IA32_getppid, 0x33, 9, 0), 42);
	CHECK_EQ(int80(IA32_getppid, 1, 0, 0), ppid);
}

static void chain_default_calls(void)
{
	kt_confine("svt_cond");
	/* "otherwise" is DEFAULT: the vector's default rule */
	CHECK_ERRNO(syscall(SYS_getpgrp, 0, 0, 0), ENOTTY);
	CHECK_ERRNO(syscall(SYS_getsid, 0), ENOTTY);
	/* arg2 != 0: deny with a record */
	CHECK_ERRNO(syscall(SYS_getpgrp, 0, 0, 1), EXDEV);
}

static void *thread_fn(void *arg)
{
	return arg;
}

static void chain_clone_calls(void)
{
	pthread_t t;
	void *ret;

	kt_confine("svt_cond");
	/* CLONE_THREAD matches: the thread starts, confined */
	CHECK_EQ(pthread_create(&t, NULL, thread_fn, (void *)7L), 0);
	CHECK_EQ(pthread_join(t, &ret), 0);
	CHECK_EQ((long)ret, 7);
	/* a new process does not: EPERM from the chain's otherwise */
	CHECK_ERRNO(syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0), EPERM);
	/* io_uring stays denied whatever a chain says */
	CHECK_ERRNO(syscall(SYS_io_uring_setup, 1, NULL), EPERM);
}

static void t_chain_first_match(void)
{
	kt_in_child_with_module("svt_cond", "chain", chain_calls, NULL);
}

static void t_chain_ia32(void)
{
	kt_in_child_with_module("svt_cond", "ia32", chain_ia32_calls, NULL);
}

static void t_chain_default_and_log(void)
{
	static const char *const needles[] = {
		"action=deny", "vector=svt_cond", "sysname=getpgrp", "errno=18", NULL,
	};

	kt_in_child_with_module("svt_cond", "default", chain_default_calls, needles);
}

static void t_chain_clone_and_io_uring(void)
{
	kt_in_child_with_module("svt_cond", "clone", chain_clone_calls, NULL);
}

/* Malformed chains and hooks (svt_param's bad= parameter). */
static void t_cond_register_errors(void)
{
	int bad;

	for (bad = 1; bad <= 13; bad++) {
		char p[32];

		snprintf(p, sizeof(p), "bad=%d", bad);
		CHECK_RET(kt_load_module("svt_param", p), EINVAL);
	}
	CHECK_RET(kt_load_module("svt_param", "default_action=7"), EINVAL);
	/* bad=0 is the well-formed variant of the same description */
	CHECK_RET(kt_load_module("svt_param", "bad=0"), 0);
	CHECK_RET(kt_unload_module("svt_param"), 0);
}

const struct ktest ktests_cond[] = {
	{ "cond_first_match", t_chain_first_match },
	{ "cond_ia32", t_chain_ia32 },
	{ "cond_default_and_log", t_chain_default_and_log },
	{ "cond_clone_and_io_uring", t_chain_clone_and_io_uring },
	{ "cond_register_errors", t_cond_register_errors },
	{ NULL, NULL },
};
