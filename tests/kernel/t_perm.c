// SPDX-License-Identifier: GPL-2.0
/*
 * Who may attach what: unprivileged callers with and without no_new_privs,
 * other users' processes, and confined tasks trying to leave or weaken
 * their vector.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/prctl.h>
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

const struct ktest ktests_perm[] = {
	{ "perm_unprivileged_without_nnp", t_unpriv_no_nnp },
	{ "perm_unprivileged_with_nnp", t_unpriv_nnp },
	{ "perm_unprivileged_other_process", t_unpriv_other },
	{ "perm_same_uid_other_process", t_same_uid_other },
	{ "perm_confined_root", t_confined_root },
	{ "perm_kept_across_uid_change", t_keeps_after_setuid },
	{ NULL, NULL },
};
