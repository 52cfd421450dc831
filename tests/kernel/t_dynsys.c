// SPDX-License-Identifier: GPL-2.0
/*
 * New and hijacked syscalls (svt_dyn, svt_dyn2): numbers and errnos of
 * registration, the /proc/sys files, lock and unlock, removal with EAGAIN
 * and the wait for a sleeping handler, a vector's own syscall, and two
 * stacked hijacks removed in either order.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

#define DYN_DIR		"/proc/sys/kernel/dynamic_syscalls/"
#define HIJACK_DIR	"/proc/sys/kernel/hijacked_syscalls/"
#define IA32_getpid	20

/* Send @cmd to @module's ctl parameter. Return: 0 or -errno of the write. */
static int ctl(const char *module, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int ctl(const char *module, const char *fmt, ...)
{
	char path[128], cmd[128];
	va_list ap;
	int fd, ret = 0;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "/sys/module/%s/parameters/ctl", module);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, cmd, strlen(cmd)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* The text of a /proc/sys file, or "" if it cannot be read. */
static const char *proc_text(const char *path)
{
	static char buf[32];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

#define CHECK_TEXT(path, want) do {					\
	const char *_t = proc_text(path);				\
	if (strcmp(_t, (want)))						\
		kt_fail(__FILE__, __LINE__, "%s: \"%s\", want \"%s\"",	\
			(path), _t, (want));				\
} while (0)

static void t_register(void)
{
	struct stat st;
	int i;

	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "new svt_add 0"), 0);
	CHECK_TEXT(DYN_DIR "svt_add", "1000\n");
	CHECK_EQ(stat(DYN_DIR "svt_add", &st), 0);
	CHECK_EQ(st.st_mode & 0777, 0444);
	CHECK_ERRNO(open(DYN_DIR "svt_add", O_WRONLY), EACCES);
	/* locked until unlocked */
	CHECK_ERRNO(syscall(1000, 3), ENOSYS);
	CHECK_RET(ctl("svt_dyn", "unlock svt_add 1000"), 0);
	CHECK_EQ(syscall(1000, 3), 7);
	CHECK_EQ(int80(1000, 20, 0, 0), 41);
	CHECK_RET(ctl("svt_dyn", "lock svt_add 1000"), 0);
	CHECK_ERRNO(syscall(1000, 3), ENOSYS);
	CHECK_RET(ctl("svt_dyn", "unlock svt_add 1000"), 0);
	/* errors of registration */
	CHECK_RET(ctl("svt_dyn", "new svt_two 1000"), EBUSY);	/* number taken */
	CHECK_RET(ctl("svt_dyn", "new svt_add 1001"), EBUSY);	/* name taken */
	CHECK_RET(ctl("svt_dyn", "new svt_low 999"), EINVAL);
	CHECK_RET(ctl("svt_dyn", "new svt_high 1064"), EINVAL);
	CHECK_RET(ctl("svt_dyn", "new Bad-Name 0"), EINVAL);
	CHECK_RET(ctl("svt_dyn", "new svt_last 1063"), 0);
	CHECK_TEXT(DYN_DIR "svt_last", "1063\n");
	/* every other number, then none is free */
	for (i = 1001; i < 1063; i++)
		CHECK_RET(ctl("svt_dyn", "new svt_n%d 0", i), 0);
	CHECK_TEXT(DYN_DIR "svt_n1062", "1062\n");
	CHECK_RET(ctl("svt_dyn", "new svt_full 0"), ENOENT);
	for (i = 1001; i < 1063; i++)
		CHECK_RET(ctl("svt_dyn", "unreg svt_n%d %d", i, i), 0);
	/* removal with a name or number that does not match */
	CHECK_RET(ctl("svt_dyn", "unreg svt_add 1001"), EBADF);
	CHECK_RET(ctl("svt_dyn", "unreg svt_last 1000"), EBADF);
	CHECK_RET(ctl("svt_dyn", "unlock svt_none 1000"), EBADF);
	CHECK_RET(ctl("svt_dyn", "unreg svt_add 1000"), 0);
	CHECK_RET(ctl("svt_dyn", "unreg svt_last 1063"), 0);
	CHECK_ERRNO(stat(DYN_DIR "svt_add", &st), ENOENT);
	CHECK_ERRNO(syscall(1000, 3), ENOSYS);
	CHECK_ERRNO(syscall(1064, 3), ENOSYS);
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

/* A call of the sleeping handler of svt_sleep, in a child. */
static pid_t sleeping_call(long nr, long want)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(syscall(nr, 1) == want ? 0 : 1);
	return pid;
}

/* Whether /proc/sysvec/syscalls shows @n calls inside @name. */
static bool calls_inside(const char *name, int n)
{
	char line[256], want[64];
	bool found = false;
	FILE *f;
	int i;

	snprintf(want, sizeof(want), "\t%s\t", name);
	for (i = 0; i < 200 && !found; i++) {
		f = fopen("/proc/sysvec/syscalls", "re");
		if (!f)
			return false;
		while (fgets(line, sizeof(line), f))
			if (strstr(line, want) && atoi(strrchr(line, '\t') + 1) == n)
				found = true;
		fclose(f);
		if (!found)
			usleep(20000);
	}
	return found;
}

static void t_drain(void)
{
	pid_t caller, waiter;

	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "new svt_sleep 1005"), 0);
	CHECK_RET(ctl("svt_dyn", "unlock svt_sleep 1005"), 0);
	caller = sleeping_call(1005, 7);
	CHECK(calls_inside("svt_sleep", 1));
	/* removal locks, and waits for the sleeping call */
	CHECK_RET(ctl("svt_dyn", "unreg svt_sleep 1005"), EAGAIN);
	CHECK_ERRNO(syscall(1005, 3), ENOSYS);
	CHECK_RET(kt_unload_module("svt_dyn"), EAGAIN);	/* the call pins it */
	waiter = fork();
	if (waiter == 0)
		_exit(ctl("svt_dyn", "wait svt_sleep 1005") == 0 ? 0 : 1);
	usleep(300000);
	CHECK_EQ(waitpid(waiter, NULL, WNOHANG), 0);	/* still waiting */
	CHECK_RET(ctl("svt_dyn", "release"), 0);
	CHECK_EQ(kt_wait(caller), 0);		/* the call returned 7 */
	CHECK_EQ(kt_wait(waiter), 0);		/* the wait ended */
	CHECK_RET(ctl("svt_dyn", "unreg svt_sleep 1005"), 0);
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

/* A task SIGKILLed in a sleeping handler leaves it: nothing stays pinned. */
static void t_killed(void)
{
	pid_t caller;

	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "new svt_sleep 1006"), 0);
	CHECK_RET(ctl("svt_dyn", "unlock svt_sleep 1006"), 0);
	caller = sleeping_call(1006, 7);
	CHECK(calls_inside("svt_sleep", 1));
	CHECK_EQ(kill(caller, SIGKILL), 0);
	CHECK_EQ(kt_wait(caller), SIGKILL);
	CHECK(calls_inside("svt_sleep", 0));
	CHECK_RET(ctl("svt_dyn", "unreg svt_sleep 1006"), 0);
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

static void vector_calls(void)
{
	kt_confine("svt_dyn");
	CHECK_EQ(syscall(1010, 5), 11);
}

static void t_vector_syscall(void)
{
	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "newvec svt_mine 1010"), 0);
	CHECK_RET(ctl("svt_dyn", "unlock svt_mine 1010"), 0);
	CHECK_ERRNO(syscall(1010, 5), ENOSYS);	/* not a task of svt_dyn */
	kt_in_child("vector syscall", vector_calls);
	CHECK_RET(ctl("svt_dyn", "unreg svt_mine 1010"), 0);
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

static void t_hijack(void)
{
	long me = getpid();
	struct stat st;

	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(kt_load_module("svt_dyn2", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "hijack nosuchcall"), EINVAL);
	CHECK_RET(ctl("svt_dyn", "hijack getpid"), 0);
	CHECK_TEXT(HIJACK_DIR "getpid", "0039\n");
	CHECK_RET(ctl("svt_dyn", "hijack getpid"), EINVAL);	/* twice by one module */
	CHECK_ERRNO(syscall(SYS_getpid), ENOSYS);		/* locked */
	CHECK_RET(ctl("svt_dyn", "unlock getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me + 1000000);
	CHECK_EQ(int80(IA32_getpid, 0, 0, 0), me + 1000000);
	/* a second module stacks on top; the first runs as its original */
	CHECK_RET(ctl("svt_dyn2", "hijack getpid"), 0);
	CHECK_ERRNO(syscall(SYS_getpid), ENOSYS);		/* the top is locked */
	CHECK_RET(ctl("svt_dyn2", "unlock getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me + 3000000);
	CHECK_RET(ctl("svt_dyn2", "unreg getpid 40"), EBADF);
	/* remove the lower one first, then stack it again and remove the top */
	CHECK_RET(ctl("svt_dyn", "unreg getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me + 2000000);
	CHECK_TEXT(HIJACK_DIR "getpid", "0039\n");
	CHECK_RET(ctl("svt_dyn", "hijack getpid"), 0);
	CHECK_RET(ctl("svt_dyn", "unlock getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me + 3000000);
	CHECK_RET(ctl("svt_dyn2", "unreg getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me + 1000000);
	CHECK_RET(kt_unload_module("svt_dyn2"), 0);
	CHECK_RET(ctl("svt_dyn", "unreg getpid 39"), 0);
	CHECK_EQ(syscall(SYS_getpid), me);
	CHECK_EQ(int80(IA32_getpid, 0, 0, 0), me);
	CHECK_ERRNO(stat(HIJACK_DIR "getpid", &st), ENOENT);
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

/* A hijack removed while a call sleeps in it: EAGAIN, then the wait. */
static void t_hijack_drain(void)
{
	long me = getpid();
	pid_t caller;

	CHECK_RET(kt_load_module("svt_dyn", NULL), 0);
	CHECK_RET(ctl("svt_dyn", "hijack getppid"), 0);
	CHECK_RET(ctl("svt_dyn", "unlock getppid 110"), 0);
	caller = fork();
	if (caller == 0)
		_exit(syscall(SYS_getppid, 1) == me + 1000000 ? 0 : 1);
	CHECK(calls_inside("getppid", 1));
	CHECK_RET(ctl("svt_dyn", "unreg getppid 110"), EAGAIN);
	CHECK_ERRNO(syscall(SYS_getppid), ENOSYS);		/* locked */
	CHECK_RET(kt_unload_module("svt_dyn"), EAGAIN);
	CHECK_RET(ctl("svt_dyn", "release"), 0);
	CHECK_EQ(kt_wait(caller), 0);
	CHECK_RET(ctl("svt_dyn", "wait getppid 110"), 0);
	CHECK_RET(ctl("svt_dyn", "unreg getppid 110"), 0);
	CHECK_EQ(syscall(SYS_getppid), getppid());
	CHECK_RET(kt_unload_module("svt_dyn"), 0);
}

const struct ktest ktests_dynsys[] = {
	{ "dynsys_register", t_register },
	{ "dynsys_drain", t_drain },
	{ "dynsys_killed", t_killed },
	{ "dynsys_vector", t_vector_syscall },
	{ "dynsys_hijack", t_hijack },
	{ "dynsys_hijack_drain", t_hijack_drain },
	{ NULL, NULL },
};
