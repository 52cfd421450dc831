// SPDX-License-Identifier: GPL-2.0
/*
 * Every action of a vector with its exact result, the ABIs a call can come
 * through (x86_64, int $0x80, x32), numbers beyond the table, and the audit
 * records with their fields and rate limit.
 */
#define _GNU_SOURCE
#include <auparse.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

#define X32_BIT		0x40000000L
#define IA32_getpid	20
#define IA32_getppid	64

static void t_allow(void)
{
	pid_t me = getpid();

	kt_confine("svt_a");
	CHECK_EQ(syscall(SYS_getpid), me);	/* explicit allow */
	CHECK_EQ(syscall(SYS_gettid), me);	/* default rule: allow */
}

static void t_deny(void)
{
	kt_confine("svt_a");
	CHECK_ERRNO(syscall(SYS_getppid), EACCES);
	CHECK_EQ(sv_stat("probes_registered"), 1);
	CHECK(sv_stat("denied") > 0);
}

/*
 * The record as auditd would log it, parsed by libauparse (what ausearch
 * uses): every field is there with the value the kernel meant.
 */
static void check_auparse(const char *kmsg_rec, pid_t pid)
{
	const char *body = strstr(kmsg_rec, "audit(");
	char line[8192], want[32];
	auparse_state_t *au;
	static const char *const fields[][2] = {
		{ "action", "deny" }, { "vector", "svt_a" }, { "arch", "c000003e" },
		{ "syscall", "111" }, { "sysname", "getpgrp" }, { "abi", "x86_64" },
		{ "a0", "11" }, { "a3", "44" }, { "errno", "18" }, { "uid", "0" },
		{ "auid", "4294967295" }, { "comm", "\"sysvec-ktest\"" },
		{ "exe", "\"/bin/sysvec-ktest\"" },
	};
	unsigned int i;

	CHECK(body != NULL);
	if (!body)
		return;
	snprintf(line, sizeof(line), "type=KERNEL_OTHER msg=%s", body);
	au = auparse_init(AUSOURCE_BUFFER, line);
	CHECK(au != NULL);
	CHECK_EQ(auparse_next_event(au), 1);
	CHECK_EQ(auparse_get_type(au), 1316);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v;

		auparse_first_field(au);
		v = auparse_find_field(au, fields[i][0]);
		if (!v || strcmp(v, fields[i][1]))
			kt_fail(__FILE__, __LINE__, "auparse field %s: want %s, got %s",
				fields[i][0], fields[i][1], v ? v : "(missing)");
	}
	auparse_first_field(au);
	snprintf(want, sizeof(want), "%d", pid);
	CHECK(auparse_find_field(au, "pid") && !strcmp(auparse_get_field_str(au), want));
	auparse_destroy(au);
}

/* Find the audit record of @sysname for this process. */
static bool find_record(int kfd, const char *action, const char *sysname,
			char *out, size_t outlen)
{
	char a[64], s[64], p[32];
	const char *needles[] = { "type=1316", "sysvec ", a, s, p, NULL };

	snprintf(a, sizeof(a), "action=%s ", action);
	snprintf(s, sizeof(s), "sysname=%s ", sysname);
	snprintf(p, sizeof(p), " pid=%d ", getpid());
	return kmsg_find(kfd, needles, 5000, out, outlen);
}

static void t_deny_log(void)
{
	int kfd = kmsg_open();
	char rec[8192], want[128];
	pid_t ppid = getppid();

	kt_confine("svt_a");
	CHECK_ERRNO(syscall(SYS_getpgrp, 0x11, 0x22, 0x33, 0x44), EXDEV);
	CHECK(find_record(kfd, "deny", "getpgrp", rec, sizeof(rec)));
	printf("#   record: %s", rec);
	CHECK(strstr(rec, "vector=svt_a "));
	CHECK(strstr(rec, " arch=c000003e syscall=111 sysname=getpgrp abi=x86_64 "));
	CHECK(strstr(rec, " a0=11 a1=22 a2=33 a3=44"));
	CHECK(strstr(rec, " errno=18"));
	snprintf(want, sizeof(want), " ppid=%d ", ppid);
	CHECK(strstr(rec, want));
	CHECK(strstr(rec, " uid=0 "));
	CHECK(strstr(rec, " auid="));
	CHECK(strstr(rec, " comm=\"sysvec-ktest\""));
	CHECK(strstr(rec, " exe=\"/bin/sysvec-ktest\""));
	check_auparse(rec, getpid());
}

static void t_log(void)
{
	int kfd = kmsg_open();
	char rec[8192];
	long logged = sv_stat("logged");

	kt_confine("svt_a");
	CHECK_EQ(syscall(SYS_getuid), 0);	/* the call runs */
	CHECK(find_record(kfd, "log", "getuid", rec, sizeof(rec)));
	CHECK(strstr(rec, " syscall=102 "));
	CHECK(!strstr(rec, "errno="));
	CHECK(sv_stat("logged") > logged);
}

static void t_kill(void)
{
	int kfd = kmsg_open();
	char rec[8192];
	pid_t pid;
	int st;

	rmdir("/tmp/kill-test");
	pid = fork();
	if (!pid) {
		if (sv_attach(0, 0, 0, "svt_a"))
			_exit(3);
		syscall(SYS_mkdir, "/tmp/kill-test", 0755);
		_exit(4);	/* not reached */
	}
	st = kt_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGKILL);
	/* The call did not run. */
	CHECK_ERRNO(access("/tmp/kill-test", F_OK), ENOENT);
	{
		char p[32];
		const char *needles[] = { "type=1316", "action=kill ", "sysname=mkdir ", p, NULL };

		snprintf(p, sizeof(p), " pid=%d ", pid);
		CHECK(kmsg_find(kfd, needles, 5000, rec, sizeof(rec)));
	}
}

/*
 * Complain mode: deny, deny+log and kill rules are logged with complain=1
 * and the calls run; the mode is reported by GET, kept by children and
 * across execve (ON_EXEC), and given by CHILDREN.
 */
static void t_complain(void)
{
	static const char *const deny_rec[] = {
		"type=1316", "action=deny ", "sysname=getppid ", "errno=13 complain=1", NULL,
	};
	static const char *const kill_rec[] = {
		"type=1316", "action=kill ", "sysname=mkdir ", "complain=1", NULL,
	};
	struct sysvec_attach bad = {
		.size = sizeof(bad),
		.flags = SYSVEC_ATTACH_CHILDREN | SYSVEC_ATTACH_COMPLAIN,
	};
	struct sysvec_get g = { .size = sizeof(g) };
	long complained = sv_stat("complained");
	int kfd = kmsg_open();
	pid_t pid;

	/* children with no vector cannot be in complain mode */
	CHECK_RET(sv_ioctl(SYSVEC_IOC_ATTACH, &bad), EINVAL);

	rmdir("/tmp/complain-test");
	pid = fork();
	if (!pid) {
		CHECK_RET(sv_attach(0, SYSVEC_ATTACH_COMPLAIN, 0, "svt_a"), 0);
		CHECK_EQ(syscall(SYS_getppid), getppid());	/* denied: runs */
		CHECK_EQ(syscall(SYS_mkdir, "/tmp/complain-test", 0755), 0); /* kill: runs */
		CHECK_RET(sv_get(0, &g), 0);
		CHECK_EQ(g.state, SYSVEC_STATE_BOUND | SYSVEC_STATE_COMPLAIN);
		/* a child keeps the mode */
		pid = fork();
		if (!pid) {
			CHECK_RET(sv_get(0, &g), 0);
			CHECK_EQ(g.state, SYSVEC_STATE_BOUND | SYSVEC_STATE_COMPLAIN);
			kt_child_exit();
		}
		kt_check_child_ok(pid, "child");
		kt_child_exit();
	}
	kt_check_child_ok(pid, "complaining process");
	CHECK_EQ(access("/tmp/complain-test", F_OK), 0);	/* mkdir ran */
	CHECK(kmsg_find(kfd, deny_rec, 5000, NULL, 0));
	CHECK(kmsg_find(kfd, kill_rec, 5000, NULL, 0));
	CHECK(sv_stat("complained") >= complained + 2);
	rmdir("/tmp/complain-test");
	close(kfd);

	/* ON_EXEC: the mode comes with the vector when it binds */
	pid = fork();
	if (!pid) {
		if (sv_attach(0, SYSVEC_ATTACH_ON_EXEC | SYSVEC_ATTACH_COMPLAIN, 0, "svt_a"))
			_exit(3);
		execl("/bin/sysvec-ktest", "sysvec-ktest", "--probe-getppid", NULL);
		_exit(4);
	}
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), 0);	/* getppid ran */
	pid = fork();
	if (!pid) {
		if (sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_a"))
			_exit(3);
		execl("/bin/sysvec-ktest", "sysvec-ktest", "--probe-getppid", NULL);
		_exit(4);
	}
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), EACCES);	/* enforced */

	/* CHILDREN: new processes get the vector in complain mode */
	pid = fork();
	if (!pid) {
		pid_t c;

		if (sv_attach(0, SYSVEC_ATTACH_CHILDREN | SYSVEC_ATTACH_COMPLAIN, 0, "svt_a"))
			_exit(3);
		c = fork();
		if (!c)
			_exit(syscall(SYS_getppid) < 0 ? errno : 0);
		_exit(WEXITSTATUS(kt_wait(c)));
	}
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), 0);
}

/* A thread of a multi-threaded process hitting a kill rule kills them all. */
static void *spin(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void t_kill_threads(void)
{
	pid_t pid = fork();
	int st;

	if (!pid) {
		pthread_t t;

		if (sv_attach(0, 0, 0, "svt_a"))
			_exit(3);
		pthread_create(&t, NULL, spin, NULL);
		syscall(SYS_mkdir, "/tmp/kill-test2", 0755);
		_exit(4);
	}
	st = kt_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	CHECK_ERRNO(access("/tmp/kill-test2", F_OK), ENOENT);
}

static void t_beyond(void)
{
	pid_t pid = fork();

	if (!pid) {
		kt_confine("svt_a");	/* no beyond rule: ENOSYS */
		CHECK_ERRNO(syscall(1000), ENOSYS);
		CHECK_ERRNO(syscall(0x7fffffffL), ENOSYS);
		/* The kernel dispatches on the low 32 bits: so does the vector. */
		CHECK_ERRNO(syscall(0x100000000L | SYS_getppid), EACCES);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "svt_a beyond");
	kt_confine("svt_b");		/* beyond rule: EDOM */
	CHECK_ERRNO(syscall(1000), EDOM);
	CHECK_ERRNO(syscall(SYS_getppid), EPERM);
}

static void t_int80(void)
{
	int kfd = kmsg_open();
	pid_t pid;

	CHECK_EQ(int80(IA32_getppid, 0, 0, 0), getppid());	/* unconfined */
	pid = fork();
	if (!pid) {
		kt_confine("svt_a");
		CHECK_EQ(int80(IA32_getppid, 0, 0, 0), -EACCES);
		CHECK_EQ(int80(IA32_getpid, 0, 0, 0), getpid());
		kt_child_exit();
	}
	kt_check_child_ok(pid, "svt_a int80");

	/* svt_b has no ia32 table: every i386 call is denied and logged. */
	kt_confine("svt_b");
	CHECK_EQ(int80(IA32_getpid, 0, 0, 0), -ENOSYS);
	CHECK_EQ(int80(IA32_getppid, 0, 0, 0), -ENOSYS);
	{
		char rec[8192], p[32];
		const char *needles[] = { "type=1316", "action=deny ",
					  " arch=40000003 syscall=20 sysname=getpid abi=i386 ",
					  p, NULL };

		snprintf(p, sizeof(p), " pid=%d ", getpid());
		CHECK(kmsg_find(kfd, needles, 5000, rec, sizeof(rec)));
	}
}

static void t_x32(void)
{
	long unconfined;
	int kfd = kmsg_open();

	errno = 0;
	unconfined = syscall(X32_BIT | SYS_getppid);
	printf("#   x32 %s on this kernel\n", unconfined == getppid() ? "enabled" : "disabled");
	CHECK(unconfined == getppid() || (unconfined == -1 && errno == ENOSYS));
	kt_confine("svt_a");	/* no x32 table */
	CHECK_ERRNO(syscall(X32_BIT | SYS_getppid), ENOSYS);
	CHECK_ERRNO(syscall(X32_BIT | SYS_getpid), ENOSYS);
	{
		char rec[8192], p[32];
		const char *needles[] = { "type=1316", "action=deny ", " abi=x32 ",
					  "sysname=getpid ", p, NULL };

		snprintf(p, sizeof(p), " pid=%d ", getpid());
		CHECK(kmsg_find(kfd, needles, 5000, rec, sizeof(rec)));
	}
}

/* io_uring escapes every vector, so vectors deny it unless they opt in. */
static void t_io_uring(void)
{
	char params[120] = { 0 };
	long fd;

	errno = 0;
	fd = syscall(SYS_io_uring_setup, 1, params);
	CHECK(fd >= 0 || errno == ENOSYS);
	if (fd >= 0)
		close(fd);
	kt_confine("svt_a");	/* default allow, no io_uring flag */
	CHECK_ERRNO(syscall(SYS_io_uring_setup, 1, params), EPERM);
	CHECK_ERRNO(syscall(SYS_io_uring_enter, 0, 0, 0, 0, NULL, 0), EPERM);
	CHECK_ERRNO(syscall(SYS_io_uring_register, 0, 0, NULL, 0), EPERM);
}

static void t_audit_ratelimit(void)
{
	long supp = sv_stat("audit_suppressed"), burst = sv_stat("audit_burst");
	long written = sv_stat("audit_records");
	int i;

	kt_confine("svt_a");
	for (i = 0; i < 1000; i++)
		syscall(SYS_getpgrp);
	/* At most two intervals' worth get through, the rest are counted. */
	CHECK(sv_stat("audit_records") - written <= 2 * burst + 1);
	CHECK(sv_stat("audit_suppressed") - supp >= 1000 - 2 * burst - 1);
}

const struct ktest ktests_actions[] = {
	{ "action_allow", t_allow },
	{ "action_deny", t_deny },
	{ "action_deny_log_audit_fields", t_deny_log },
	{ "action_log", t_log },
	{ "action_kill", t_kill },
	{ "action_kill_threads", t_kill_threads },
	{ "action_complain", t_complain },
	{ "numbers_beyond_table", t_beyond },
	{ "abi_int80", t_int80 },
	{ "abi_x32", t_x32 },
	{ "io_uring_denied", t_io_uring },
	{ "audit_ratelimit", t_audit_ratelimit },
	{ NULL, NULL },
};
