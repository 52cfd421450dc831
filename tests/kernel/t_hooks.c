// SPDX-License-Identifier: GPL-2.0
/*
 * Wrap and override hooks (svt_hooks): results and errnos, sleeping
 * handlers, signals and SIGKILL during a handler, the module pin of a
 * pending handler. Path wraps: t_paths.c.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktest.h"

#define IA32_getppid	64
#define IA32_getpgid	132

/* A parameter of svt_hooks (post_calls, last_ret). */
static long hooks_param(const char *name)
{
	char file[64];

	snprintf(file, sizeof(file), "parameters/%s", name);
	return kt_module_value("svt_hooks", file);
}

static void override_calls(void)
{
	long hooked = sv_stat("hooked");

	kt_confine("svt_hooks");
	CHECK_EQ(syscall(SYS_getppid, 5), 4005);
	CHECK_EQ(syscall(SYS_getppid, 0), 4000);
	CHECK_EQ(int80(IA32_getppid, 7, 0, 0), 4007);
	CHECK_ERRNO(syscall(SYS_getppid, 1004), EACCES);
	/* a restart code never reaches user space */
	CHECK_ERRNO(syscall(SYS_getppid, 1001), EINTR);
	CHECK_EQ(int80(IA32_getppid, 1001, 0, 0), -EINTR);
	CHECK_EQ(sv_stat("hooked") - hooked, 6);
}

static void t_override(void)
{
	kt_in_child_with_module("svt_hooks", "override", override_calls, NULL);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig __attribute__((unused)))
{
	got_usr1 = 1;
}

static void *send_usr1(void *arg)
{
	usleep(200000);
	pthread_kill(*(pthread_t *)arg, SIGUSR1);
	return NULL;
}

static void override_signal_calls(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	pthread_t self = pthread_self(), t;

	sigaction(SIGUSR1, &sa, NULL);
	kt_confine("svt_hooks");
	CHECK_EQ(pthread_create(&t, NULL, send_usr1, &self), 0);
	/* sleeps in the handler until the signal; EINTR even with SA_RESTART */
	CHECK_ERRNO(syscall(SYS_getppid, 1002), EINTR);
	CHECK_EQ(got_usr1, 1);
	pthread_join(t, NULL);
	/* the next call is hooked as usual */
	CHECK_EQ(syscall(SYS_getppid, 9), 4009);
}

static void t_override_signal(void)
{
	kt_in_child_with_module("svt_hooks", "override signal", override_signal_calls, NULL);
}

/* A child sleeping in a handler (arg 1002 or 1003); returns its pid. */
static pid_t sleeping_child(long arg)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pid_t pid = fork();

	if (pid == 0) {
		sigaction(SIGUSR1, &sa, NULL);
		if (sv_attach(0, 0, 0, "svt_hooks"))
			_exit(2);
		_exit(syscall(SYS_getppid, arg) == -1 && errno == EINTR ? 0 : 3);
	}
	return pid;
}

/* SIGKILL while the handler sleeps: the task dies, nothing stays pinned. */
static void t_override_killed(void)
{
	struct timespec a, b;
	pid_t pid;
	int st;

	CHECK_RET(kt_load_module("svt_hooks", NULL), 0);
	pid = sleeping_child(1003);
	usleep(300000);
	CHECK_EQ(sv_stat("hooked") >= 1, 1);
	clock_gettime(CLOCK_MONOTONIC, &a);
	kill(pid, SIGKILL);
	st = kt_wait(pid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK(b.tv_sec - a.tv_sec < 5);	/* the handler's sleep is killable */
	CHECK_RET(kt_unload_module_wait("svt_hooks", 5000), 0);
}

/*
 * A pending handler pins its module even when its task loses the vector:
 * the module stays until the handler has returned.
 */
static void t_override_pins_module(void)
{
	pid_t pid;

	CHECK_RET(kt_load_module("svt_hooks", NULL), 0);
	pid = sleeping_child(1002);
	usleep(300000);
	CHECK_RET(sv_detach(pid), 0);
	CHECK_EQ(sv_vector_tasks("svt_hooks", false), 0);
	CHECK_RET(kt_unload_module("svt_hooks"), EAGAIN);
	kill(pid, SIGUSR1);
	kt_check_child_ok(pid, "sleeping handler");
	CHECK_RET(kt_unload_module_wait("svt_hooks", 5000), 0);
}

static void wrap_calls(void)
{
	pid_t pgid = getpgid(0);
	long calls;

	kt_confine("svt_hooks");
	calls = hooks_param("post_calls");
	CHECK_EQ(syscall(SYS_getpgid, 0), pgid);
	CHECK_EQ(hooks_param("post_calls"), calls + 1);
	CHECK_EQ(hooks_param("last_ret"), pgid);
	/* the pre-handler fails it: the call does not run, no post-handler */
	CHECK_ERRNO(syscall(SYS_getpgid, 12345), EACCES);
	CHECK_EQ(hooks_param("post_calls"), calls + 1);
	/* a pre-handler that sleeps, then lets the call run */
	CHECK_EQ(syscall(SYS_getpgid, 12346), -1);	/* no such process */
	CHECK_EQ(errno, ESRCH);
	CHECK_EQ(hooks_param("post_calls"), calls + 2);
	CHECK_EQ(hooks_param("last_ret"), -ESRCH);
	/* the same through int $0x80 (issued again at the same instruction) */
	CHECK_EQ(int80(IA32_getpgid, 0, 0, 0), pgid);
	CHECK_EQ(int80(IA32_getpgid, 12345, 0, 0), -EACCES);
	CHECK_EQ(hooks_param("post_calls"), calls + 3);
	CHECK_EQ(hooks_param("last_ret"), pgid);
}

static void t_wrap(void)
{
	kt_in_child_with_module("svt_hooks", "wrap", wrap_calls, NULL);
}

const struct ktest ktests_hooks[] = {
	{ "hooks_override", t_override },
	{ "hooks_override_signal", t_override_signal },
	{ "hooks_override_killed", t_override_killed },
	{ "hooks_override_pins_module", t_override_pins_module },
	{ "hooks_wrap", t_wrap },
	{ NULL, NULL },
};
