// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of libsysvec's user-space parts: finding profiles, reading a
 * module's version, the vector version of a profile, and the seccomp
 * backend's verdicts and refusals. Its ioctl wrappers need the module and
 * are tested in the VM (tests/kernel/t_svrun.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "libsysvec.h"
#include "unit.h"

/* This test program is an ELF with a .modinfo section, like a module. */
__attribute__((section(".modinfo"), used))
static const char unit_modinfo[] = "license=GPL\0version=9.9+unit";

START_TEST(profile_lookup)
{
	char path[512];

	setenv("SYSVEC_PROFILE_PATH", "/nonexistent:profiles:tests/svrun", 1);
	ck_assert_int_eq(sysvec_profile_find("httpd", path, sizeof(path)), 0);
	ck_assert_str_eq(path, "profiles/httpd.yaml");
	ck_assert_int_eq(sysvec_profile_find("matrix", path, sizeof(path)), 0);
	ck_assert_str_eq(path, "tests/svrun/matrix.yaml");
	ck_assert_int_eq(sysvec_profile_find("no-such", path, sizeof(path)), -ENOENT);
	ck_assert_int_eq(sysvec_profile_find("bad name", path, sizeof(path)), -EINVAL);
	ck_assert_int_eq(sysvec_profile_find("", path, sizeof(path)), -EINVAL);
	/* a path is taken as it is */
	ck_assert_int_eq(sysvec_profile_find("tests/svrun/return7.yaml", path, sizeof(path)), 0);
	ck_assert_str_eq(path, "tests/svrun/return7.yaml");
	ck_assert_int_eq(sysvec_profile_find("./missing.yaml", path, sizeof(path)), -ENOENT);
	ck_assert_int_eq(sysvec_profile_find("httpd", path, 8), -ENAMETOOLONG);
	unsetenv("SYSVEC_PROFILE_PATH");
}
END_TEST

static void count(const char *name, const char *path, void *arg)
{
	(void)name;
	(void)path;
	(*(int *)arg)++;
}

START_TEST(profile_each)
{
	glob_t shipped;
	int n = 0;

	ck_assert_int_eq(glob("profiles/*.yaml", 0, NULL, &shipped), 0);
	setenv("SYSVEC_PROFILE_PATH", "profiles:tests/svrun:profiles", 1);
	ck_assert_int_eq(sysvec_profile_each(count, &n), 0);
	/* the shipped ones + matrix and return7, each once */
	ck_assert_int_eq(n, (int)shipped.gl_pathc + 2);
	ck_assert_int_ge(shipped.gl_pathc, 5);
	unsetenv("SYSVEC_PROFILE_PATH");
	globfree(&shipped);
}
END_TEST

START_TEST(vector_dir_and_modules)
{
	char dir[512], want[512], ver[64];
	struct utsname u;

	unsetenv("SYSVEC_VECTOR_DIR");
	ck_assert_int_eq(uname(&u), 0);
	snprintf(want, sizeof(want), "/usr/lib/sysvec/vectors/%s", u.release);
	ck_assert_int_eq(sysvec_vector_dir(dir, sizeof(dir)), 0);
	ck_assert_str_eq(dir, want);
	setenv("SYSVEC_VECTOR_DIR", "/nonexistent", 1);
	ck_assert_int_eq(sysvec_module_find("httpd", dir, sizeof(dir)), -ENOENT);
	ck_assert_str_eq(dir, "/nonexistent/sysvec_httpd.ko");
	ck_assert_int_eq(sysvec_module_find("protect-files", dir, sizeof(dir)), -ENOENT);
	ck_assert_str_eq(dir, "/nonexistent/sysvec_protect_files.ko");
	unsetenv("SYSVEC_VECTOR_DIR");

	ck_assert_int_eq(sysvec_module_version("/proc/self/exe", ver, sizeof(ver)), 0);
	ck_assert_str_eq(ver, "9.9+unit");
	ck_assert_int_eq(sysvec_module_version("/proc/self/exe", ver, 4), -ENAMETOOLONG);
	ck_assert_int_eq(sysvec_module_version("profiles/httpd.yaml", ver, sizeof(ver)), -ENOEXEC);
	ck_assert_int_eq(sysvec_module_version("/nonexistent.ko", ver, sizeof(ver)), -ENOENT);
}
END_TEST

START_TEST(profile_vector_version)
{
	char name[64], ver[128];
	size_t i;

	ck_assert_int_eq(sysvec_profile_vector("tests/svrun/matrix.yaml", name, sizeof(name),
					       ver, sizeof(ver)), 0);
	ck_assert_str_eq(name, "matrix");
	ck_assert_int_eq(strncmp(ver, "1+", 2), 0);
	ck_assert_uint_eq(strlen(ver), 2 + 16);
	for (i = 2; ver[i]; i++)
		ck_assert(strchr("0123456789abcdef", ver[i]));
}
END_TEST

START_TEST(seccomp_verdicts)
{
	FILE *null = fopen("/dev/null", "w");

	ck_assert_int_eq(sysvec_seccomp_check("tests/svrun/matrix.yaml", 0, null), 0);
	ck_assert_int_eq(sysvec_seccomp_check("profiles/logall.yaml", 0, null), 0);
	/* return 7, on x86_64's umask and on i386's */
	ck_assert_int_eq(sysvec_seccomp_check("tests/svrun/return7.yaml", 0, null), 2);
	/* i386 socket's conditions */
	ck_assert_int_eq(sysvec_seccomp_check("profiles/httpd.yaml", 0, null), 1);
	/* protect: seccomp cannot decide on the files a call reaches */
	ck_assert_int_eq(sysvec_seccomp_check("profiles/protect-files.yaml", 0, null), 1);
	ck_assert_int_eq(sysvec_seccomp_check("tests/svrun/matrix.yaml", 1U << 7, null), -EINVAL);
	fclose(null);
}
END_TEST

/* In a child: load return7 with @flags; exit with what umask then gives. */
static int umask_under(unsigned int flags)
{
	pid_t pid = fork();
	int st;

	if (!pid) {
		FILE *null = fopen("/dev/null", "w");
		int ret;

		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		umask(077);
		ret = sysvec_seccomp_load("tests/svrun/return7.yaml", flags, null);
		if (ret && ret != -EOPNOTSUPP)
			_exit(200);
		_exit(ret ? 100 + umask(022) % 64 : umask(022));
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(seccomp_refuses_or_degrades)
{
	/* refused: nothing loaded, umask still works (077 = 63) */
	ck_assert_int_eq(umask_under(0), 100 + 63 % 64);
	/* degraded: "return 7" became "return 0" */
	ck_assert_int_eq(umask_under(SYSVEC_SECCOMP_DEGRADE), 0);
}
END_TEST

Suite *libsysvec_suite(void)
{
	Suite *s = suite_create("libsysvec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, profile_lookup);
	tcase_add_test(tc, profile_each);
	tcase_add_test(tc, vector_dir_and_modules);
	tcase_add_test(tc, profile_vector_version);
	tcase_add_test(tc, seccomp_verdicts);
	tcase_add_test(tc, seccomp_refuses_or_degrades);
	suite_add_tcase(s, tc);
	return s;
}
