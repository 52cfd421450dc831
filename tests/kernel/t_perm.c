// SPDX-License-Identifier: GPL-2.0
/*
 * Who may attach what: unprivileged callers with and without no_new_privs,
 * other users' processes, and confined tasks trying to leave or weaken
 * their vector.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

static void unpriv_no_nnp(void)
{
	struct sysvec_get g;

	kt_become_nobody(false);
	CHECK_RET(sv_attach(0, 0, 0, "svt_a"), EPERM);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_a"), EPERM);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, "svt_a"), EPERM);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.state, 0);
	CHECK_EQ(probe_getppid(), 0);
}

static void t_unpriv_no_nnp(void)
{
	kt_in_child("unprivileged without no_new_privs", unpriv_no_nnp);
}

static void unpriv_nnp(void)
{
	kt_become_nobody(true);
	CHECK_RET(sv_attach(0, 0, 0, "svt_a"), 0);
	CHECK_EQ(probe_getppid(), EACCES);
}

static void t_unpriv_nnp(void)
{
	kt_in_child("unprivileged with no_new_privs", unpriv_nnp);
}

static pid_t other_pid;

static void unpriv_other(void)
{
	struct sysvec_get g;

	kt_become_nobody(true);
	CHECK_RET(sv_attach(other_pid, 0, 0, "svt_a"), EPERM);
	CHECK_RET(sv_detach(other_pid), EPERM);
	CHECK_RET(sv_get(other_pid, &g), EPERM);	/* root's process */
	CHECK_RET(sv_attach(1, 0, 0, "svt_a"), EPERM);
}

static void t_unpriv_other(void)
{
	struct helper h;

	helper_start(&h, -1);
	other_pid = h.pid;
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), 0);
	kt_in_child("unprivileged on another process", unpriv_other);
	CHECK_EQ(helper_cmd(&h, 'p'), EACCES);
	helper_stop(&h);
}

/* Same uid, without CAP_SYS_ADMIN: still not allowed to change it. */
static void t_same_uid_other(void)
{
	struct helper h;
	pid_t pid;

	helper_start(&h, 65534);
	other_pid = h.pid;
	pid = fork();
	if (!pid) {
		struct sysvec_get g;

		kt_become_nobody(true);
		CHECK_RET(sv_attach(other_pid, 0, 0, "svt_a"), EPERM);
		CHECK_RET(sv_get(other_pid, &g), 0);	/* reading is fine */
		kt_child_exit();
	}
	kt_check_child_ok(pid, "same uid");
	CHECK_EQ(helper_cmd(&h, 'p'), 0);
	helper_stop(&h);
}

static void t_confined_root(void)
{
	struct helper h;
	struct sysvec_get g;

	helper_start(&h, -1);
	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), 0);	/* root, confined, unlocked */
	CHECK_RET(sv_detach(0), EPERM);
	CHECK_RET(sv_attach(0, 0, 0, "svt_a"), EPERM);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, NULL), EPERM);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_a"), EPERM);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_a"), EPERM);
	CHECK_RET(sv_detach(h.pid), EPERM);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.vector_id, sv_vector_id("svt_b"));
	CHECK_EQ(probe_getppid(), EPERM);
	CHECK_EQ(helper_cmd(&h, 'p'), 0);
	helper_stop(&h);
}

/* A setuid-style privilege change does not drop the vector. */
static void t_keeps_after_setuid(void)
{
	CHECK_RET(sv_attach(0, 0, 0, "svt_a"), 0);
	kt_become_nobody(false);
	CHECK_EQ(probe_getppid(), EACCES);
}

/* Copy the test program to a setuid-root file on tmpfs. */
static bool make_setuid_copy(const char *dst)
{
	char buf[65536];
	ssize_t n;
	int in = open("/bin/sysvec-ktest", O_RDONLY), out;

	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return false;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return false;
	close(in);
	close(out);
	return chown(dst, 0, 0) == 0 && chmod(dst, 04755) == 0;
}

/*
 * An unprivileged process confined by an administrator execs a setuid-root
 * program: the program runs as root, and still under the vector.
 */
static void t_setuid_exec(void)
{
	int p[2], st;
	pid_t pid;
	char c;

	CHECK(make_setuid_copy("/tmp/suid-ktest"));
	CHECK(pipe(p) == 0);
	pid = fork();
	if (!pid) {
		char *argv[] = { "suid-ktest", "--probe-getppid-as-root", NULL };

		kt_become_nobody(false);	/* no no_new_privs: setuid works */
		if (read(p[0], &c, 1) != 1)
			_exit(90);
		execv("/tmp/suid-ktest", argv);
		_exit(91);
	}
	CHECK_RET(sv_attach(pid, 0, 0, "svt_a"), 0);
	CHECK_EQ(write(p[1], "x", 1), 1);
	st = kt_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), EACCES);	/* 200: it did not become root */
}

const struct ktest ktests_perm[] = {
	{ "perm_unprivileged_without_nnp", t_unpriv_no_nnp },
	{ "perm_unprivileged_with_nnp", t_unpriv_nnp },
	{ "perm_unprivileged_other_process", t_unpriv_other },
	{ "perm_same_uid_other_process", t_same_uid_other },
	{ "perm_confined_root", t_confined_root },
	{ "perm_kept_across_uid_change", t_keeps_after_setuid },
	{ "perm_kept_across_setuid_exec", t_setuid_exec },
	{ NULL, NULL },
};
