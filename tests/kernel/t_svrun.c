// SPDX-License-Identifier: GPL-2.0
/*
 * svrun and libsysvec against the real module: the behaviour matrix under
 * both backends in the same kernel, with their audit records; stale and
 * missing vector modules; and libsysvec's calls for running programs
 * under a vector. (apache2 and nginx under svrun are in t_profiles.c.)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"
#include "libsysvec.h"

#define SVRUN		"/usr/sbin/svrun"
#define PROFILES	"/etc/sysvec/profiles"

static void use_installed_layout(void)
{
	setenv("SYSVEC_VECTOR_DIR", kt_moddir, 1);
	setenv("SYSVEC_PROFILE_PATH", PROFILES, 1);
}

/* Run @cmd with sh; its exit status. */
static int sh(const char *cmd)
{
	int st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void t_matrix_kmod(void)
{
	static const char *const deny_log[] = {
		"type=1316", "action=deny ", "vector=matrix ", "sysname=getpgrp ", "errno=18", NULL,
	};
	static const char *const killed[] = {
		"type=1316", "action=kill ", "vector=matrix ", "sysname=mkdir ", NULL,
	};
	static const char *const complained[] = {
		"type=1316", "action=deny ", "vector=matrix ", "sysname=getppid ", "complain=1", NULL,
	};
	int kfd = kmsg_open();

	use_installed_layout();
	kt_phase("running the matrix under the kernel backend");
	/* svrun loads sysvec_matrix itself: it is not loaded yet */
	CHECK_EQ(kt_module_refcnt("sysvec_matrix"), -1);
	CHECK_EQ(sh("/tests/svrun/matrix.sh kmod " SVRUN " /bin/sv-probe " PROFILES), 0);
	CHECK(kmsg_find(kfd, deny_log, 5000, NULL, 0));
	CHECK(kmsg_find(kfd, killed, 5000, NULL, 0));
	CHECK(kmsg_find(kfd, complained, 5000, NULL, 0));
	close(kfd);
	/* every confined task is gone: nothing bound, the modules can go */
	CHECK_EQ(sv_vector_tasks("matrix", false), 0);
	/* tasks of the matrix may still be exiting */
	CHECK_RET(kt_unload_module_wait("sysvec_matrix", 5000), 0);
	CHECK_RET(kt_unload_module_wait("sysvec_return7", 5000), 0);
}

static void t_matrix_seccomp(void)
{
	/* seccomp's own record of the deny+log rule: type 1326, getpgrp = 111 */
	static const char *const seccomp_rec[] = {
		"type=1326", "comm=\"sv-probe\"", "syscall=111", NULL,
	};
	int kfd = kmsg_open();

	use_installed_layout();
	kt_phase("running the matrix under the seccomp backend");
	CHECK_EQ(sh("/tests/svrun/matrix.sh seccomp " SVRUN " /bin/sv-probe " PROFILES), 0);
	CHECK(kmsg_find(kfd, seccomp_rec, 5000, NULL, 0));
	close(kfd);
	/* the seccomp backend never touches the registry */
	CHECK_EQ(kt_module_refcnt("sysvec_matrix"), -1);
}

/* Write the matrix profile with another version into @dir. */
static void write_changed_profile(const char *dir, const char *name)
{
	char cmd[512];

	mkdir(dir, 0755);
	snprintf(cmd, sizeof(cmd), "sed -e 's/^version: \"1\"/version: \"2\"/' -e "
		 "'s/^name: matrix/name: %s/' " PROFILES "/matrix.yaml > %s/%s.yaml",
		 name, dir, name);
	CHECK_EQ(sh(cmd), 0);
}

static void t_stale_and_missing(void)
{
	use_installed_layout();
	setenv("SYSVEC_PROFILE_PATH", "/tmp/svrun-profiles", 1);
	write_changed_profile("/tmp/svrun-profiles", "matrix");
	write_changed_profile("/tmp/svrun-profiles", "nomodule");

	/* the module file was built from version 1 of the profile */
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/true 2>/tmp/svrun.err"), 121);
	CHECK_EQ(sh("grep -q 'is stale' /tmp/svrun.err"), 0);
	/* auto does not fall back on a stale module: that needs a rebuild */
	CHECK_EQ(sh(SVRUN " -p matrix -- /bin/true 2>/dev/null"), 121);
	CHECK_EQ(kt_module_refcnt("sysvec_matrix"), -1);

	/* a loaded vector of another version is stale too */
	CHECK_RET(kt_load_module("sysvec_matrix", NULL), 0);
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/true 2>/tmp/svrun.err"), 121);
	CHECK_EQ(sh("grep -q 'rmmod sysvec_matrix' /tmp/svrun.err"), 0);
	CHECK_RET(kt_unload_module("sysvec_matrix"), 0);

	/* no module built: kmod fails, auto says it uses seccomp instead */
	CHECK_EQ(sh(SVRUN " -b kmod -p nomodule -- /bin/true 2>/tmp/svrun.err"), 121);
	CHECK_EQ(sh("grep -q 'is missing' /tmp/svrun.err"), 0);
	CHECK_EQ(sh(SVRUN " -p nomodule -- /bin/sv-probe getppid >/tmp/svrun.out "
		    "2>/tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -q 'using the seccomp backend' /tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -qx EACCES /tmp/svrun.out"), 0);
}

/* libsysvec: execve, clone and children under a vector; lookups. */
static void t_libsysvec(void)
{
	struct sysvec_vector_info info, *all;
	char path[512], ver[128], name[64], pver[128];
	struct sysvec_get g;
	pid_t pid;
	int n, st;

	use_installed_layout();
	CHECK(sysvec_available());
	n = sysvec_list(&all);
	CHECK(n >= 2);	/* svt_a and svt_b */
	free(all);
	CHECK_RET(sysvec_find_vector("svt_a", &info), 0);
	CHECK(!strcmp(info.module, "svt_a"));
	CHECK_RET(sysvec_find_vector("no-such", &info), ENOENT);

	/* a profile's vector version is what the module built from it says */
	CHECK_RET(sysvec_profile_find("matrix", path, sizeof(path)), 0);
	CHECK(!strcmp(path, PROFILES "/matrix.yaml"));
	CHECK_RET(sysvec_profile_find("no-such", path, sizeof(path)), ENOENT);
	CHECK_RET(sysvec_profile_find("no such!", path, sizeof(path)), EINVAL);
	CHECK_RET(sysvec_profile_vector(PROFILES "/matrix.yaml", name, sizeof(name), pver,
					sizeof(pver)), 0);
	CHECK_RET(sysvec_module_find("matrix", path, sizeof(path)), 0);
	CHECK_RET(sysvec_module_version(path, ver, sizeof(ver)), 0);
	CHECK(!strcmp(name, "matrix"));
	CHECK(!strcmp(ver, pver));
	CHECK_RET(sysvec_module_version("/bin/busybox", ver, sizeof(ver)), ENODATA);
	CHECK_RET(sysvec_module_find("nothing-here", path, sizeof(path)), ENOENT);

	/* sysvec_execve: the caller is never confined; the program is */
	pid = fork();
	if (!pid) {
		char *argv[] = { "sysvec-ktest", "--probe-getppid", NULL };
		int ret;

		/* a failed execve leaves the caller as it was */
		ret = sysvec_execve("/no/such/program", argv, environ, "svt_a", 0);
		if (ret != -ENOENT || sysvec_get(0, &g) || g.state)
			_exit(100);
		ret = sysvec_execve("/bin/sysvec-ktest", argv, environ, "svt_a", 0);
		_exit(101);
	}
	st = kt_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), EACCES);

	/* sysvec_clone: the child starts confined, the caller does not change */
	pid = sysvec_clone("svt_a", 0);
	if (!pid)
		_exit(probe_getppid());
	CHECK(pid > 0);
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), EACCES);
	CHECK_RET(sysvec_get(0, &g), 0);
	CHECK_EQ(g.state, 0);
	CHECK_EQ(probe_getppid(), 0);

	/* sysvec_set_children: every new process, not the caller */
	pid = fork();
	if (!pid) {
		pid_t c;

		if (sysvec_set_children("svt_a", 0) || probe_getppid())
			_exit(100);
		c = fork();
		if (!c)
			_exit(probe_getppid());
		_exit(WEXITSTATUS(kt_wait(c)));
	}
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), EACCES);
	CHECK_RET(sysvec_attach(0, NULL, 0), EINVAL);
	CHECK_RET(sysvec_execve("/bin/true", NULL, NULL, "svt_a", SYSVEC_ATTACH_CHILDREN), EINVAL);
}

/*
 * svrun refuses (122) to hand the command an io_uring descriptor that the
 * kernel would kill it for, and names the descriptor; with FD_CLOEXEC set
 * the command runs.
 */
static void t_svrun_io_uring_fd(void)
{
	struct io_uring_params p = { 0 };
	int fd = syscall(SYS_io_uring_setup, 4, &p);

	use_installed_layout();
	CHECK(fd >= 0);
	CHECK_EQ(fcntl(fd, F_SETFD, 0), 0);
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/true 2>/tmp/svrun.err"), 122);
	CHECK_EQ(sh("grep -q 'is an io_uring instance that would survive the execve' "
		    "/tmp/svrun.err"), 0);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/true"), 0);
	close(fd);
	kt_unload_module_wait("sysvec_matrix", 5000);
}

const struct ktest ktests_svrun[] = {
	{ "svrun_matrix_kmod", t_matrix_kmod },
	{ "svrun_matrix_seccomp", t_matrix_seccomp },
	{ "svrun_stale_and_missing", t_stale_and_missing },
	{ "svrun_libsysvec", t_libsysvec },
	{ "svrun_io_uring_fd", t_svrun_io_uring_fd },
	{ NULL, NULL },
};
