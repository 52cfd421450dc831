// SPDX-License-Identifier: GPL-2.0
/*
 * Inheritance: a vector follows a task into every child it creates (fork,
 * vfork, clone, clone3, threads) before the child runs, and across execve.
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

static void confine_a(void)
{
	CHECK_RET(sv_attach(0, 0, 0, "svt_a"), 0);
}

/* Exit status of a child that reports probe_getppid(). */
static int child_errno(pid_t pid)
{
	int st = kt_wait(pid);

	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

static void t_fork(void)
{
	pid_t pid;

	confine_a();
	pid = fork();
	if (!pid)
		_exit(probe_getppid());
	CHECK_EQ(child_errno(pid), EACCES);
	/* And the grandchild. */
	pid = fork();
	if (!pid) {
		pid_t g = fork();

		if (!g)
			_exit(probe_getppid());
		_exit(child_errno(g));
	}
	CHECK_EQ(child_errno(pid), EACCES);
}

static void t_vfork(void)
{
	volatile int seen = -1;
	pid_t pid;

	confine_a();
	pid = vfork();
	if (!pid) {
		seen = probe_getppid();
		_exit(0);
	}
	kt_wait(pid);
	CHECK_EQ(seen, EACCES);
}

static int clone_fn(void *arg)
{
	(void)arg;
	return probe_getppid();
}

static void t_clone(void)
{
	char *stack = malloc(65536);
	pid_t pid;

	confine_a();
	pid = clone(clone_fn, stack + 65536, SIGCHLD, NULL);
	CHECK(pid > 0);
	CHECK_EQ(child_errno(pid), EACCES);
	/* clone with a shared address space, as posix_spawn does */
	pid = clone(clone_fn, stack + 65536, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	CHECK(pid > 0);
	CHECK_EQ(child_errno(pid), EACCES);
	free(stack);
}

static void t_clone3(void)
{
	struct clone_args args;
	long pid;

	confine_a();
	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (!pid)
		_exit(probe_getppid());
	CHECK(pid > 0);
	CHECK_EQ(child_errno(pid), EACCES);
}

static void *thread_fn(void *arg)
{
	*(int *)arg = probe_getppid();
	return NULL;
}

static void t_threads(void)
{
	pthread_t t[8];
	int r[8], i;

	confine_a();
	for (i = 0; i < 8; i++)
		pthread_create(&t[i], NULL, thread_fn, &r[i]);
	for (i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		CHECK_EQ(r[i], EACCES);
	}
}

/* execve keeps the vector: the new program reports through its status. */
static void t_execve(void)
{
	pid_t pid = fork();

	if (!pid) {
		char *argv[] = { "sysvec-ktest", "--probe-getppid", NULL };

		if (sv_attach(0, 0, 0, "svt_a"))
			_exit(90);
		execv("/bin/sysvec-ktest", argv);
		_exit(91);
	}
	CHECK_EQ(child_errno(pid), EACCES);
	/* A failed execve changes nothing. */
	confine_a();
	CHECK_ERRNO(execl("/no/such/file", "x", NULL), ENOENT);
	CHECK_EQ(probe_getppid(), EACCES);
}

/* Children are bound before they run and released when they exit. */
static void t_counts(void)
{
	pid_t pid[16];
	int i, base;

	confine_a();
	base = sv_vector_tasks("svt_a", false);
	CHECK(base >= 1);
	for (i = 0; i < 16; i++) {
		pid[i] = fork();
		if (!pid[i]) {
			pause();
			_exit(0);
		}
	}
	CHECK_EQ(sv_vector_tasks("svt_a", false), base + 16);
	for (i = 0; i < 16; i++) {
		kill(pid[i], SIGKILL);
		kt_wait(pid[i]);
	}
	CHECK_EQ(sv_vector_tasks("svt_a", false), base);
}

const struct ktest ktests_inherit[] = {
	{ "inherit_fork", t_fork },
	{ "inherit_vfork", t_vfork },
	{ "inherit_clone", t_clone },
	{ "inherit_clone3", t_clone3 },
	{ "inherit_threads", t_threads },
	{ "inherit_execve", t_execve },
	{ "inherit_counts_sigkill", t_counts },
	{ NULL, NULL },
};
