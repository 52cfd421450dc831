// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec kernel tests: a confined process cannot act on a process outside
 * its sandbox (kernel/scope.c).
 *
 * Each attack runs from a process confined by svt_a against a victim that
 * is not in its sandbox: an unconfined process of the same user (root, or
 * nobody), or one confined by another vector. The victim waits for a
 * command word in its own memory; were any attack to get through, it
 * would create a marker file, a call the attacker itself could make only
 * through the victim. Every test first shows the attack works while the
 * attacker is unconfined, so it would fail if the kernel let it through.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kcmp.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "ktest.h"

#define MARKER		"/tmp/scope-victim-ran"
#define VICTIM_FD	57		/* the victim's file, for pidfd_getfd */
#define NR_I386_PTRACE	26

/* Set in the victim's memory (same address in every forked process). */
static volatile int victim_cmd;

/*
 * Start a victim: a forked process that holds VICTIM_FD open and creates
 * MARKER when victim_cmd becomes 1. @uid: -1 keeps root; @vector: NULL
 * leaves it unconfined. Tells its parent it is ready through a pipe.
 */
static pid_t victim_start(int uid, const char *vector)
{
	int ready[2];
	pid_t pid;
	char c;

	unlink(MARKER);
	CHECK_EQ(pipe(ready), 0);
	pid = fork();
	if (!pid) {
		int fd = open("/tmp/scope-victim-file", O_RDWR | O_CREAT, 0600);

		close(ready[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (fd < 0 || dup2(fd, VICTIM_FD) < 0)
			_exit(90);
		if (uid >= 0) {
			if (fchown(VICTIM_FD, uid, uid))
				_exit(91);
			kt_become_nobody(true);
			/* a change of uid made it non-dumpable */
			prctl(PR_SET_DUMPABLE, 1);
		}
		if (vector && sv_attach(0, 0, 0, vector))
			_exit(92);
		sv_close();
		if (write(ready[1], "r", 1) != 1)
			_exit(93);
		for (;;) {
			if (victim_cmd == 1) {
				close(open(MARKER, O_WRONLY | O_CREAT, 0644));
				_exit(0);
			}
			usleep(5000);
		}
	}
	close(ready[1]);
	CHECK_EQ(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

static void victim_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	kt_wait(pid);
}

/* Whether the victim ran its command within 300 ms. */
static bool victim_ran(void)
{
	int i;

	for (i = 0; i < 30; i++) {
		if (!access(MARKER, F_OK))
			return true;
		usleep(10000);
	}
	return false;
}

static long vm_write_cmd(pid_t pid, int value)
{
	struct iovec local = { .iov_base = &value, .iov_len = sizeof(value) };
	struct iovec remote = { .iov_base = (void *)&victim_cmd, .iov_len = sizeof(value) };

	return process_vm_writev(pid, &local, 1, &remote, 1, 0);
}

static long vm_read_cmd(pid_t pid)
{
	int value;
	struct iovec local = { .iov_base = &value, .iov_len = sizeof(value) };
	struct iovec remote = { .iov_base = (void *)&victim_cmd, .iov_len = sizeof(value) };

	return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

/* Every ptrace-mode access to @v must be refused, and @v must not run. */
static void attacks_refused(pid_t v)
{
	char path[64], buf[64];
	int pidfd;

	CHECK_ERRNO(ptrace(PTRACE_ATTACH, v, 0, 0), EPERM);
	CHECK_ERRNO(ptrace(PTRACE_SEIZE, v, 0, 0), EPERM);
	/* The same through the i386 entry. */
	CHECK_EQ(int80(NR_I386_PTRACE, PTRACE_ATTACH, v, 0), -EPERM);
	snprintf(path, sizeof(path), "/proc/%d/mem", v);
	CHECK_ERRNO(open(path, O_RDWR), EACCES);
	CHECK_ERRNO(open(path, O_RDONLY), EACCES);
	CHECK_ERRNO(vm_write_cmd(v, 1), EPERM);
	CHECK_ERRNO(vm_read_cmd(v), EPERM);
	pidfd = syscall(SYS_pidfd_open, v, 0);
	CHECK(pidfd >= 0);
	CHECK_ERRNO(syscall(SYS_pidfd_getfd, pidfd, VICTIM_FD, 0), EPERM);
	close(pidfd);
	CHECK_ERRNO(syscall(SYS_kcmp, getpid(), v, KCMP_FILE, 0, VICTIM_FD), EPERM);
	snprintf(path, sizeof(path), "/proc/%d/environ", v);
	CHECK_ERRNO(open(path, O_RDONLY), EACCES);
	snprintf(path, sizeof(path), "/proc/%d/cwd", v);
	CHECK_ERRNO(readlink(path, buf, sizeof(buf)), EACCES);
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", v, VICTIM_FD);
	CHECK_ERRNO(open(path, O_RDWR), EACCES);
}

/* What an unconfined attacker can do to @v: the attacks are real. */
static void attacks_work(pid_t v)
{
	int pidfd, fd;

	CHECK_EQ(vm_read_cmd(v), sizeof(int));
	pidfd = syscall(SYS_pidfd_open, v, 0);
	CHECK(pidfd >= 0);
	fd = syscall(SYS_pidfd_getfd, pidfd, VICTIM_FD, 0);
	CHECK(fd >= 0);
	close(fd);
	close(pidfd);
}

/* @uid: -1 for root, else both run as that uid. */
static void scope_outside_as(int uid)
{
	pid_t v = victim_start(uid, NULL), a;

	a = fork();
	if (!a) {
		if (uid >= 0)
			kt_become_nobody(true);
		attacks_work(v);
		kt_confine("svt_a");
		attacks_refused(v);
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined attacker");
	CHECK(!victim_ran());
	CHECK_EQ(kill(v, 0), 0);	/* still there, untouched */
	victim_stop(v);
}

/* Root against an unconfined root process. */
static void t_scope_unconfined_root(void)
{
	scope_outside_as(-1);
}

/* The setting: nobody with no_new_privs against nobody's process. */
static void t_scope_unconfined_nobody(void)
{
	scope_outside_as(65534);
}

/* A process confined by another vector is outside the sandbox too. */
static void t_scope_other_vector(void)
{
	pid_t v = victim_start(-1, "svt_b"), a;

	a = fork();
	if (!a) {
		kt_confine("svt_a");
		attacks_refused(v);
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined attacker");
	CHECK(!victim_ran());
	victim_stop(v);
}

static pid_t thread_victim;

static void *thread_attack(void *arg __attribute__((unused)))
{
	attacks_refused(thread_victim);
	return NULL;
}

/* Threads and children of a confined process are refused alike. */
static void t_scope_threads_children(void)
{
	pid_t v = victim_start(-1, NULL), a;

	a = fork();
	if (!a) {
		pthread_t th;
		pid_t c;

		kt_confine("svt_a");
		thread_victim = v;
		CHECK_EQ(pthread_create(&th, NULL, thread_attack, NULL), 0);
		CHECK_EQ(pthread_join(th, NULL), 0);
		c = fork();
		if (!c) {
			attacks_refused(v);
			kt_child_exit();
		}
		kt_check_child_ok(c, "child of the confined attacker");
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined attacker");
	CHECK(!victim_ran());
	victim_stop(v);
}

/* Within one sandbox (the same vector) the kernel's own rules apply. */
static void t_scope_same_vector(void)
{
	pid_t v = victim_start(-1, "svt_a"), a;

	a = fork();
	if (!a) {
		kt_confine("svt_a");
		attacks_work(v);
		CHECK_EQ(vm_write_cmd(v, 1), sizeof(int));
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined attacker");
	CHECK(victim_ran());
	victim_stop(v);
}

/* Outside acting on inside: an administrator may still trace a confined process. */
static void t_scope_outside_in(void)
{
	pid_t v = victim_start(-1, "svt_a");
	int st;

	attacks_work(v);
	CHECK_EQ(ptrace(PTRACE_ATTACH, v, 0, 0), 0);
	CHECK_EQ(waitpid(v, &st, 0), v);
	CHECK(WIFSTOPPED(st));
	CHECK_EQ(ptrace(PTRACE_DETACH, v, 0, 0), 0);
	CHECK_EQ(vm_write_cmd(v, 1), sizeof(int));
	CHECK(victim_ran());
	victim_stop(v);
}

/* A refusal is counted and written to the audit log, naming the call and target. */
static void t_scope_audit(void)
{
	pid_t v = victim_start(-1, NULL), a;
	long before = sv_stat("scope_denied");
	int kfd = kmsg_open();
	char tp[32], pp[32];
	const char *needles[] = { "type=1316", "sysvec action=deny ", "vector=svt_a ",
				  "sysname=process_vm_writev ", "scope=ptrace ", tp,
				  "errno=1", pp, NULL };

	a = fork();
	if (!a) {
		kt_confine("svt_a");
		CHECK_ERRNO(vm_write_cmd(v, 1), EPERM);
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined attacker");
	snprintf(tp, sizeof(tp), " target_pid=%d ", v);
	snprintf(pp, sizeof(pp), " pid=%d ", a);
	CHECK(kmsg_find(kfd, needles, 5000, NULL, 0));
	CHECK_EQ(sv_stat("scope_denied"), before + 1);
	close(kfd);
	victim_stop(v);
}

/* Complain mode records the access it would refuse and lets it through. */
static void t_scope_complain(void)
{
	pid_t v = victim_start(-1, NULL), a;
	int kfd = kmsg_open();
	char tp[32];
	const char *needles[] = { "type=1316", "sysvec action=deny ", "scope=ptrace ", tp,
				  "complain=1", NULL };

	a = fork();
	if (!a) {
		CHECK_RET(sv_attach(0, SYSVEC_ATTACH_COMPLAIN, 0, "svt_a"), 0);
		CHECK_EQ(vm_read_cmd(v), sizeof(int));
		kt_child_exit();
	}
	kt_check_child_ok(a, "complaining attacker");
	snprintf(tp, sizeof(tp), " target_pid=%d ", v);
	CHECK(kmsg_find(kfd, needles, 5000, NULL, 0));
	close(kfd);
	victim_stop(v);
}

static int mon_start(pid_t pid, unsigned int flags, unsigned int uid)
{
	struct sysvec_monitor m = {
		.size = sizeof(m), .flags = flags, .nr = SYS_getppid, .pid = pid, .uid = uid,
	};

	return sv_ioctl(SYSVEC_IOC_MONITOR_START, &m);
}

/* A confined process may monitor only processes of its own sandbox. */
static void t_scope_monitor(void)
{
	pid_t out = victim_start(-1, NULL), in = victim_start(-1, "svt_a"), a;

	a = fork();
	if (!a) {
		kt_confine("svt_a");
		CHECK_RET(mon_start(out, SYSVEC_MONITOR_STREAM, 0), EPERM);
		CHECK_RET(mon_start(0, SYSVEC_MONITOR_STREAM, 0), EPERM);
		CHECK_RET(mon_start(0, SYSVEC_MONITOR_STREAM | SYSVEC_MONITOR_UID, 0), EPERM);
		CHECK_RET(mon_start(out, 0, 0), EPERM);
		CHECK_RET(mon_start(in, SYSVEC_MONITOR_STREAM, 0), 0);
		CHECK_RET(mon_start(getpid(), SYSVEC_MONITOR_STREAM, 0), 0);
		sv_close();
		kt_child_exit();
	}
	kt_check_child_ok(a, "confined monitor");
	victim_stop(out);
	victim_stop(in);
}

/*
 * sysvec-ktest --scope-attack PID: the attacks of a program started under
 * svrun against the victim @pid. Returns a bit for each that worked. Only
 * the last write stores the command 1, which ends the victim: the /proc
 * write stores 2, which the victim ignores, so every attack still finds it.
 */
int scope_attack(pid_t v)
{
	char path[64];
	int ret = 0, pidfd, fd, two = 2;

	if (ptrace(PTRACE_ATTACH, v, 0, 0) == 0) {
		ret |= 1;
		waitpid(v, NULL, 0);
		ptrace(PTRACE_DETACH, v, 0, 0);
	}
	pidfd = syscall(SYS_pidfd_open, v, 0);
	if (pidfd >= 0 && syscall(SYS_pidfd_getfd, pidfd, VICTIM_FD, 0) >= 0)
		ret |= 16;
	snprintf(path, sizeof(path), "/proc/%d/mem", v);
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		ret |= 2;
		if (pwrite(fd, &two, sizeof(two), (off_t)(unsigned long)&victim_cmd) == sizeof(two))
			ret |= 4;
		close(fd);
	}
	if (vm_write_cmd(v, 1) == sizeof(int))
		ret |= 8;
	return ret;
}

/* Run @cmd with sh; its exit status. */
static int sh(const char *cmd)
{
	int st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * The attack as a user makes it: a program under svrun (as nobody, with a
 * profile that denies mkdir, or the shipped httpd profile) against an
 * unconfined process of the same user. Without svrun the same program
 * succeeds with every attack, which shows they are real.
 */
static void t_scope_svrun(void)
{
	static const char *const profiles[] = { "abi-twins", "httpd" };
	char cmd[256];
	pid_t v, a;
	size_t i;
	int st;

	setenv("SYSVEC_VECTOR_DIR", kt_moddir, 1);
	setenv("SYSVEC_PROFILE_PATH", "/etc/sysvec/profiles", 1);
	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		v = victim_start(65534, NULL);
		snprintf(cmd, sizeof(cmd), "/usr/sbin/svrun -b kmod -p %s --user 65534 --group 65534 "
			 "-- /bin/sysvec-ktest --scope-attack %d", profiles[i], v);
		CHECK_EQ(sh(cmd), 0);
		CHECK(!victim_ran());
		victim_stop(v);
	}
	v = victim_start(65534, NULL);
	a = fork();
	if (!a) {
		snprintf(cmd, sizeof(cmd), "%d", v);
		kt_become_nobody(false);
		execl("/bin/sysvec-ktest", "sysvec-ktest", "--scope-attack", cmd, (char *)NULL);
		_exit(127);
	}
	st = kt_wait(a);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 1 | 2 | 4 | 8 | 16);
	CHECK(victim_ran());
	victim_stop(v);
	kt_unload_module_wait("sysvec_abi_twins", 5000);
	kt_unload_module_wait("sysvec_httpd", 5000);
}

const struct ktest ktests_scope[] = {
	{ "scope_unconfined_root", t_scope_unconfined_root },
	{ "scope_unconfined_nobody", t_scope_unconfined_nobody },
	{ "scope_other_vector", t_scope_other_vector },
	{ "scope_threads_children", t_scope_threads_children },
	{ "scope_same_vector", t_scope_same_vector },
	{ "scope_outside_in", t_scope_outside_in },
	{ "scope_audit", t_scope_audit },
	{ "scope_complain", t_scope_complain },
	{ "scope_monitor", t_scope_monitor },
	{ "scope_svrun", t_scope_svrun },
	{ NULL, NULL },
};
