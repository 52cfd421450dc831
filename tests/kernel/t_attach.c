// SPDX-License-Identifier: GPL-2.0
/*
 * ATTACH and DETACH on running processes: another pid, all threads of a
 * process, swapping a vector, ON_EXEC, CHILDREN (with a vector and with
 * none), LOCK, GET, and the probes being registered only while needed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

static void t_other_pid(void)
{
	struct helper h;
	struct sysvec_get g;

	helper_start(&h, -1);
	CHECK_EQ(helper_cmd(&h, 'p'), 0);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), 0);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	CHECK_RET(sv_get(h.pid, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_BOUND);
	CHECK_EQ(g.vector_id, sv_vector_id("svt_a"));
	CHECK(!strcmp(g.vector_name, "svt_a"));
	/* The caller itself is untouched. */
	CHECK_EQ(probe_getppid(), 0);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.state, 0);
	helper_stop(&h);
}

static void t_threads(void)
{
	struct helper h;
	struct sysvec_get g;

	helper_start(&h, -1);
	CHECK_EQ(helper_cmd(&h, 't'), 0);
	/* Attach by id, through one of its threads' ids: the whole process. */
	CHECK_RET(sv_attach(h.pid, 0, sv_vector_id("svt_a"), NULL), 0);
	CHECK_EQ(helper_cmd(&h, 't'), HELPER_THREADS);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	CHECK_EQ(helper_cmd(&h, 'n'), EACCES);	/* a thread created afterwards */
	CHECK_EQ(helper_cmd(&h, 'f'), EACCES);
	CHECK_RET(sv_get(h.pid, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_BOUND);
	helper_stop(&h);
}

static void t_swap(void)
{
	struct helper h;
	struct sysvec_get g;
	int a0 = sv_vector_tasks("svt_a", false), b0 = sv_vector_tasks("svt_b", false);

	helper_start(&h, -1);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), 0);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	CHECK_EQ(sv_vector_tasks("svt_a", false), a0 + 1 + HELPER_THREADS);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), 0);
	CHECK_EQ(helper_cmd(&h, 'p'), EPERM);
	CHECK_EQ(helper_cmd(&h, 't'), 0);	/* no thread kept svt_a */
	CHECK_EQ(sv_vector_tasks("svt_a", false), a0);
	CHECK_EQ(sv_vector_tasks("svt_b", false), b0 + 1 + HELPER_THREADS);
	CHECK_RET(sv_get(h.pid, &g), 0);
	CHECK_EQ(g.vector_id, sv_vector_id("svt_b"));
	/* Swapping to the same vector is a no-op that succeeds. */
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), 0);
	helper_stop(&h);
	CHECK_EQ(sv_vector_tasks("svt_b", false), b0);
}

static void t_on_exec(void)
{
	struct sysvec_get g;
	int st;
	pid_t pid = fork();

	if (!pid) {
		char *argv[] = { "sysvec-ktest", "--probe-getppid", NULL };

		CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_a"), 0);
		CHECK_EQ(probe_getppid(), 0);	/* the launcher stays free */
		CHECK_RET(sv_get(0, &g), 0);
		CHECK_EQ(g.state, SYSVEC_STATE_ON_EXEC);
		CHECK_EQ(g.exec_vector_id, sv_vector_id("svt_a"));
		CHECK_EQ(sv_vector_tasks("svt_a", true), 1);
		/* A failed execve leaves it pending. */
		CHECK_ERRNO(execl("/no/such/file", "x", NULL), ENOENT);
		CHECK_EQ(probe_getppid(), 0);
		if (kt_failed)
			kt_child_exit();
		execv("/bin/sysvec-ktest", argv);
		_exit(91);
	}
	st = kt_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), EACCES);
	CHECK_EQ(sv_vector_tasks("svt_a", true), 0);
}

static void *thread_probe(void *arg)
{
	*(int *)arg = probe_getppid();
	return NULL;
}

static void t_children(void)
{
	struct helper h;
	struct sysvec_get g;

	/* The caller stays free, processes it creates get the vector. */
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, "svt_a"), 0);
	CHECK_EQ(probe_getppid(), 0);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_CHILDREN);
	CHECK_EQ(g.child_vector_id, sv_vector_id("svt_a"));
	helper_start(&h, -1);			/* a new process: confined */
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	CHECK_EQ(helper_cmd(&h, 't'), HELPER_THREADS);
	CHECK_EQ(helper_cmd(&h, 'f'), EACCES);	/* ... and so is its child */
	helper_stop(&h);
	/* Threads are part of the caller's process: free. */
	{
		pthread_t t;
		int r = -1;

		pthread_create(&t, NULL, thread_probe, &r);
		pthread_join(t, NULL);
		CHECK_EQ(r, 0);
	}
	/* A plain fork is a new process: confined. */
	{
		pid_t pid = fork();

		if (!pid)
			_exit(probe_getppid());
		CHECK_EQ(WEXITSTATUS(kt_wait(pid)), EACCES);
	}
	/* DETACH of the caller's own pending state needs no privilege. */
	CHECK_RET(sv_detach(0), 0);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.state, 0);
}

static void t_children_none(void)
{
	struct helper h;

	/* An administrator lets a confined process start free children. */
	helper_start(&h, -1);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), 0);
	CHECK_EQ(helper_cmd(&h, 'f'), EACCES);
	CHECK_RET(sv_attach(h.pid, SYSVEC_ATTACH_CHILDREN, 0, NULL), 0);
	CHECK_EQ(helper_cmd(&h, 'f'), 0);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);	/* it stays confined */
	CHECK_EQ(helper_cmd(&h, 'n'), EACCES);	/* and so do its threads */
	helper_stop(&h);
}

static void t_lock(void)
{
	struct helper h;
	struct sysvec_get g;

	helper_start(&h, -1);
	CHECK_RET(sv_attach(h.pid, SYSVEC_ATTACH_LOCK, 0, "svt_a"), 0);
	CHECK_RET(sv_get(h.pid, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_BOUND | SYSVEC_STATE_LOCKED);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), EPERM);
	CHECK_RET(sv_attach(h.pid, SYSVEC_ATTACH_CHILDREN, 0, NULL), EPERM);
	CHECK_RET(sv_attach(h.pid, SYSVEC_ATTACH_ON_EXEC, 0, "svt_b"), EPERM);
	CHECK_RET(sv_detach(h.pid), EPERM);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	CHECK_EQ(helper_cmd(&h, 'f'), EACCES);	/* children inherit the lock */
	helper_stop(&h);
}

static void t_detach(void)
{
	struct helper h;

	helper_start(&h, -1);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), 0);
	CHECK_EQ(helper_cmd(&h, 't'), HELPER_THREADS);
	CHECK_RET(sv_detach(h.pid), 0);
	CHECK_EQ(helper_cmd(&h, 'p'), 0);
	CHECK_EQ(helper_cmd(&h, 't'), 0);
	CHECK_EQ(helper_cmd(&h, 'f'), 0);
	CHECK_RET(sv_detach(h.pid), ENOENT);
	helper_stop(&h);
}

static void t_probes(void)
{
	pid_t pid;
	int p[2];
	char c;

	/* Nothing bound: the probes are not registered. */
	CHECK(sv_wait_probes(0, 5000));
	CHECK_EQ(sv_stat("bound_tasks"), 0);
	CHECK(pipe(p) == 0);
	pid = fork();
	if (!pid) {
		if (sv_attach(0, 0, 0, "svt_a"))
			_exit(3);
		if (write(p[1], "x", 1) != 1)
			_exit(4);
		pause();
		_exit(0);
	}
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(sv_stat("probes_registered"), 1);
	CHECK_EQ(sv_stat("bound_tasks"), 1);
	kill(pid, SIGKILL);
	kt_wait(pid);
	CHECK_EQ(sv_stat("bound_tasks"), 0);
	CHECK(sv_wait_probes(0, 5000));
	/* Pending state alone also needs them (fork and exec probes). */
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_a"), 0);
	CHECK_EQ(sv_stat("probes_registered"), 1);
	CHECK_EQ(sv_stat("pending_tasks"), 1);
	CHECK_RET(sv_detach(0), 0);
	CHECK(sv_wait_probes(0, 5000));
}

/* A process that keeps creating and ending threads and child processes. */
static void *churn_thread(void *arg)
{
	(void)arg;
	probe_getppid();
	return NULL;
}

static void *churn_loop(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_t t;
		pid_t pid;

		if (!pthread_create(&t, NULL, churn_thread, NULL))
			pthread_join(t, NULL);
		pid = fork();
		if (!pid)
			_exit(probe_getppid());
		if (pid > 0)
			kt_wait(pid);
	}
	return NULL;
}

/*
 * Attach, swap, set pending state and detach while the target creates and
 * ends tasks as fast as it can: afterwards nothing may be left counted,
 * which is how a leaked or doubly dropped reference shows.
 */
static void t_churn(void)
{
	static const unsigned int flags[] = {
		0, 0, SYSVEC_ATTACH_ON_EXEC, SYSVEC_ATTACH_CHILDREN, 0,
	};
	pid_t pid = fork();
	int i, r, ms;

	if (!pid) {
		pthread_t t[3];

		for (i = 0; i < 3; i++)
			pthread_create(&t[i], NULL, churn_loop, NULL);
		churn_loop(NULL);
	}
	usleep(100000);
	for (i = 0; i < 400; i++) {
		if (i % 7 == 6) {
			r = sv_detach(pid);
			CHECK(r == 0 || r == -ENOENT);
		} else {
			r = sv_attach(pid, flags[i % 5], 0, i % 2 ? "svt_a" : "svt_b");
			CHECK_RET(r, 0);
		}
	}
	kill(pid, SIGKILL);
	kt_wait(pid);
	for (ms = 0; ms < 5000; ms += 10) {
		if (!sv_vector_tasks("svt_a", false) && !sv_vector_tasks("svt_a", true) &&
		    !sv_vector_tasks("svt_b", false) && !sv_vector_tasks("svt_b", true))
			break;
		usleep(10000);
	}
	CHECK_EQ(sv_vector_tasks("svt_a", false), 0);
	CHECK_EQ(sv_vector_tasks("svt_a", true), 0);
	CHECK_EQ(sv_vector_tasks("svt_b", false), 0);
	CHECK_EQ(sv_vector_tasks("svt_b", true), 0);
	CHECK_EQ(sv_stat("bound_tasks"), 0);
	CHECK_EQ(sv_stat("pending_tasks"), 0);
	CHECK(sv_wait_probes(0, 5000));
	CHECK_EQ(kt_module_refcnt("svt_a"), 0);
	CHECK_EQ(kt_module_refcnt("svt_b"), 0);
}

const struct ktest ktests_attach[] = {
	{ "attach_other_pid", t_other_pid },
	{ "attach_all_threads", t_threads },
	{ "attach_swap", t_swap },
	{ "attach_on_exec", t_on_exec },
	{ "attach_children", t_children },
	{ "attach_children_none", t_children_none },
	{ "attach_lock", t_lock },
	{ "detach", t_detach },
	{ "probes_only_while_bound", t_probes },
	{ "attach_detach_while_churning", t_churn },
	{ NULL, NULL },
};
