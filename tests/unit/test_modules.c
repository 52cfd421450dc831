// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of how vector modules are found (lib/modules.c) and of what
 * svrun says when one cannot be loaded (svrun/modules.c, compiled in
 * here). A fake vector directory and a fake module tree, indexed by the
 * system's depmod, stand in for the installed layout; loading itself needs
 * a kernel with modules and is tested in the VM (tests/kernel/t_svrun.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <grp.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "libsysvec.h"
#include "unit.h"
#include "../../svrun/modules.c"

#define FAKE_RELEASE	"9.9.9-unit"

/* The fake layout: ROOT/vectors (the vector directory), ROOT/lib/modules/R. */
static char root[64], vectors[128], kmod_dir[128], dkms[192];

/* Run @cmd with sh; 0 if it exited 0. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

/*
 * This test program stands in for a module: it has a .modinfo section
 * with version=9.9+unit (test_libsysvec.c). Copy it to @dir/@file,
 * compressed with xz when @file ends in .xz.
 */
static void put_module(const char *dir, const char *file)
{
	size_t n = strlen(file);

	if (n > 3 && !strcmp(file + n - 3, ".xz"))
		ck_assert_int_eq(run("xz -0 -c /proc/%d/exe > %s/%s", getpid(), dir, file), 0);
	else
		ck_assert_int_eq(run("cp /proc/%d/exe %s/%s", getpid(), dir, file), 0);
}

/* Index the fake module tree as DKMS's depmod run does. */
static void depmod(void)
{
	ck_assert_int_eq(run("/sbin/depmod -b %s " FAKE_RELEASE " 2>/dev/null", root), 0);
}

static void fake_setup(void)
{
	snprintf(root, sizeof(root), "/tmp/sysvec-unit-modules.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(vectors, sizeof(vectors), "%s/vectors", root);
	snprintf(kmod_dir, sizeof(kmod_dir), "%s/lib/modules/" FAKE_RELEASE, root);
	snprintf(dkms, sizeof(dkms), "%s/updates/dkms", kmod_dir);
	ck_assert_int_eq(run("mkdir -p %s %s", vectors, dkms), 0);
	setenv("SYSVEC_VECTOR_DIR", vectors, 1);
	setenv("SYSVEC_KMOD_DIR", kmod_dir, 1);
}

static void fake_teardown(void)
{
	run("rm -rf %s", root);
	unsetenv("SYSVEC_VECTOR_DIR");
	unsetenv("SYSVEC_KMOD_DIR");
}

/* A vector name is the module sysvec_NAME, dashes as underscores. */
START_TEST(name_mapping)
{
	char path[512], want[512];

	put_module(vectors, "sysvec_protect_files.ko");
	ck_assert_int_eq(sysvec_module_find("protect-files", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/sysvec_protect_files.ko", vectors);
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(sysvec_module_find("protect_files", path, sizeof(path)), 0);
	ck_assert_str_eq(path, want);
	/* the name as written is not a module name */
	put_module(vectors, "sysvec_a-b.ko");
	ck_assert_int_eq(sysvec_module_find("a-b", path, sizeof(path)), -ENOENT);
	snprintf(want, sizeof(want), "%s/sysvec_a_b.ko", vectors);
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(sysvec_module_find("no/slash", path, sizeof(path)), -EINVAL);
	ck_assert_int_eq(sysvec_module_find("", path, sizeof(path)), -EINVAL);
	ck_assert_int_eq(sysvec_module_find("protect-files", path, 16), -ENAMETOOLONG);
}
END_TEST

/* The vector directory first, then modules.dep; else -ENOENT. */
START_TEST(search_order)
{
	char path[512], want[512], ver[64];

	put_module(vectors, "sysvec_web.ko");
	put_module(dkms, "sysvec_web.ko.xz");
	put_module(dkms, "sysvec_dkms_only.ko.xz");
	put_module(dkms, "sysvec_gone.ko.xz");
	depmod();

	/* both have it: the vector directory wins (what policyc build made) */
	ck_assert_int_eq(sysvec_module_find("web", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/sysvec_web.ko", vectors);
	ck_assert_str_eq(path, want);
	/* only modules.dep has it: DKMS's, compressed, its version read through */
	ck_assert_int_eq(sysvec_module_find("dkms-only", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/sysvec_dkms_only.ko.xz", dkms);
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(sysvec_module_version(path, ver, sizeof(ver)), 0);
	ck_assert_str_eq(ver, "9.9+unit");
	/* once the vector directory's is gone, modules.dep's is used */
	snprintf(want, sizeof(want), "%s/sysvec_web.ko", vectors);
	ck_assert_int_eq(unlink(want), 0);
	ck_assert_int_eq(sysvec_module_find("web", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/sysvec_web.ko.xz", dkms);
	ck_assert_str_eq(path, want);
	/* a file in the module tree that depmod did not index is not found */
	put_module(dkms, "sysvec_unindexed.ko");
	ck_assert_int_eq(sysvec_module_find("unindexed", path, sizeof(path)), -ENOENT);
	snprintf(want, sizeof(want), "%s/sysvec_unindexed.ko", vectors);
	ck_assert_str_eq(path, want);
	/* modules.dep lists a file removed since: not there */
	snprintf(want, sizeof(want), "%s/sysvec_gone.ko.xz", dkms);
	ck_assert_int_eq(unlink(want), 0);
	ck_assert_int_eq(sysvec_module_find("gone", path, sizeof(path)), -ENOENT);
	/* no module tree at all */
	setenv("SYSVEC_KMOD_DIR", "/nonexistent", 1);
	ck_assert_int_eq(sysvec_module_find("dkms-only", path, sizeof(path)), -ENOENT);
}
END_TEST

/* A vector directory that exists but cannot be read is not skipped. */
START_TEST(unreadable_vector_module)
{
	char path[512];
	pid_t pid;
	int st;

	put_module(vectors, "sysvec_secret.ko");
	snprintf(path, sizeof(path), "%s/sysvec_secret.ko", vectors);
	ck_assert_int_eq(chmod(path, 0), 0);
	ck_assert_int_eq(chmod(root, 0755), 0);	/* mkdtemp made it 0700 */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		/* as nobody when run as root, who would read it anyway */
		if (!geteuid() && (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
				   setresuid(65534, 65534, 65534)))
			_exit(2);
		_exit(sysvec_module_find("secret", path, sizeof(path)) == -EACCES ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}
END_TEST

/* libkmod reads the version of compressed and plain modules alike. */
START_TEST(version_through_libkmod)
{
	char path[512], ver[64];

	put_module(vectors, "plain.ko");
	put_module(vectors, "packed.ko.xz");
	snprintf(path, sizeof(path), "%s/plain.ko", vectors);
	ck_assert_int_eq(sysvec_module_version(path, ver, sizeof(ver)), 0);
	ck_assert_str_eq(ver, "9.9+unit");
	snprintf(path, sizeof(path), "%s/packed.ko.xz", vectors);
	ck_assert_int_eq(sysvec_module_version(path, ver, sizeof(ver)), 0);
	ck_assert_str_eq(ver, "9.9+unit");
	ck_assert_int_eq(sysvec_module_version(path, ver, 8), -ENAMETOOLONG);
	/* a broken xz file is no module */
	ck_assert_int_eq(run("head -c 100 %s > %s/broken.ko.xz", path, vectors), 0);
	snprintf(path, sizeof(path), "%s/broken.ko.xz", vectors);
	ck_assert_int_eq(sysvec_module_version(path, ver, sizeof(ver)), -ENOEXEC);
	/* an ELF file without .modinfo declares no version */
	ck_assert_int_eq(sysvec_module_version("/bin/sh", ver, sizeof(ver)), -ENODATA);
}
END_TEST

/* svrun's messages: the environment as module_env_read() would find it. */
static const struct module_env env = {
	.release = "6.1.0-57-cloud-amd64",
	.vector_dir = "/usr/lib/sysvec/vectors/6.1.0-57-cloud-amd64",
	.kmod_dir = "/lib/modules/6.1.0-57-cloud-amd64",
	.may_load = true,
};
static const struct module_want web_missing = {
	.module = "sysvec_web", .profile_name = "web", .profile_path = "/etc/sysvec/profiles/web.yaml",
};
static const struct module_want web = {
	.module = "sysvec_web", .file = "/lib/modules/6.1.0-57-cloud-amd64/updates/dkms/sysvec_web.ko.xz",
	.profile_name = "web", .profile_path = "/etc/sysvec/profiles/web.yaml",
};
static const struct module_want registry = { .module = "sysvec" };
static const struct module_want registry_file = {
	.module = "sysvec", .file = "/lib/modules/6.1.0-57-cloud-amd64/updates/dkms/sysvec.ko.xz",
};

#define MOK_ADVICE "DKMS signs the modules it builds (sysvec-dkms, policyc install) with its " \
	"MOK key: enrol that key with: mokutil --import /var/lib/dkms/mok.pub, then reboot " \
	"and confirm it in the MOK manager"

START_TEST(message_not_found)
{
	char why[2048];

	ck_assert_int_eq(module_failure(&env, &web_missing, -ENOENT, why, sizeof(why)),
			 SVRUN_EXIT_MODULE);
	ck_assert_str_eq(why, "vector module sysvec_web for profile web is missing: neither in "
			 "/usr/lib/sysvec/vectors/6.1.0-57-cloud-amd64/ nor in the modules.dep of "
			 "/lib/modules/6.1.0-57-cloud-amd64; build it for this kernel with: "
			 "policyc build /etc/sysvec/profiles/web.yaml, or for every kernel (DKMS) "
			 "with: policyc install /etc/sysvec/profiles/web.yaml (a shipped profile's "
			 "comes with: apt install sysvec-dkms)");
	ck_assert_int_eq(module_failure(&env, &registry, -ENOENT, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "the sysvec kernel module is not loaded and was not found: "
			 "neither in /usr/lib/sysvec/vectors/6.1.0-57-cloud-amd64/ nor in the "
			 "modules.dep of /lib/modules/6.1.0-57-cloud-amd64; install it with: "
			 "apt install sysvec-dkms");
}
END_TEST

START_TEST(message_signature)
{
	char why[2048];

	ck_assert_int_eq(module_failure(&env, &web, -EKEYREJECTED, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "the kernel refused /lib/modules/6.1.0-57-cloud-amd64/updates/"
			 "dkms/sysvec_web.ko.xz for its signature: it enforces module signatures "
			 "and this one is unsigned or its signature was rejected (EKEYREJECTED); "
			 MOK_ADVICE);
	ck_assert_int_eq(module_failure(&env, &web, -ENOKEY, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "the kernel refused /lib/modules/6.1.0-57-cloud-amd64/updates/"
			 "dkms/sysvec_web.ko.xz for its signature: it is signed with a key the "
			 "kernel does not trust (ENOKEY); " MOK_ADVICE);
	/* EPERM for a process that may load modules: lockdown (Secure Boot) */
	ck_assert_int_eq(module_failure(&env, &registry_file, -EPERM, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "the kernel refused /lib/modules/6.1.0-57-cloud-amd64/updates/"
			 "dkms/sysvec.ko.xz for its signature: the kernel is locked down, as under "
			 "Secure Boot, and loads only modules signed with a key it trusts (EPERM); "
			 MOK_ADVICE);
}
END_TEST

START_TEST(message_permission)
{
	struct module_env user = env, disabled = env;
	char why[2048];

	user.may_load = false;
	ck_assert_int_eq(module_failure(&user, &web, -EPERM, why, sizeof(why)), SVRUN_EXIT_PERM);
	ck_assert_str_eq(why, "sysvec_web is not loaded and only root (CAP_SYS_MODULE) may "
			 "load it");
	disabled.modules_disabled = true;
	ck_assert_int_eq(module_failure(&disabled, &registry_file, -EPERM, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "cannot load /lib/modules/6.1.0-57-cloud-amd64/updates/dkms/"
			 "sysvec.ko.xz: module loading is disabled (kernel.modules_disabled=1) "
			 "until the next boot; have it loaded at boot instead (modules-load.d(5))");
}
END_TEST

START_TEST(message_other_kernel)
{
	char why[2048];

	ck_assert_int_eq(module_failure(&env, &web, -ENOEXEC, why, sizeof(why)),
			 SVRUN_EXIT_MODULE);
	ck_assert_str_eq(why, "the kernel refused /lib/modules/6.1.0-57-cloud-amd64/updates/"
			 "dkms/sysvec_web.ko.xz: it was built for another kernel or another sysvec "
			 "(Exec format error; dmesg says more), not for 6.1.0-57-cloud-amd64; "
			 "rebuild it: policyc build /etc/sysvec/profiles/web.yaml");
	ck_assert_int_eq(module_failure(&env, &web, -EINVAL, why, sizeof(why)),
			 SVRUN_EXIT_MODULE);
	ck_assert(strstr(why, "(Invalid argument; dmesg says more)"));
	/* not found once the file was: symbols the kernel lacks */
	ck_assert_int_eq(module_failure(&env, &web, -ENOENT, why, sizeof(why)),
			 SVRUN_EXIT_MODULE);
	ck_assert(strstr(why, "(unknown symbols; dmesg says more)"));
	ck_assert_int_eq(module_failure(&env, &registry_file, -ENOEXEC, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "the kernel refused /lib/modules/6.1.0-57-cloud-amd64/updates/"
			 "dkms/sysvec.ko.xz: it was built for another kernel or another sysvec "
			 "(Exec format error; dmesg says more), not for 6.1.0-57-cloud-amd64; "
			 "rebuild it: dkms autoinstall (sysvec-dkms)");
	ck_assert_int_eq(module_failure(&env, &web, -ENOMEM, why, sizeof(why)),
			 SVRUN_EXIT_UNSUPPORTED);
	ck_assert_str_eq(why, "cannot load /lib/modules/6.1.0-57-cloud-amd64/updates/dkms/"
			 "sysvec_web.ko.xz: Cannot allocate memory");
}
END_TEST

/* What svrun names in its messages follows the same variables as the library. */
START_TEST(message_env)
{
	struct module_env e;

	module_env_read(&e);
	ck_assert_str_eq(e.vector_dir, vectors);
	ck_assert_str_eq(e.kmod_dir, kmod_dir);
	if (geteuid())
		ck_assert(!e.may_load);	/* no CAP_SYS_MODULE without root */
}
END_TEST

Suite *modules_suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc = tcase_create("find");
	TCase *msg = tcase_create("svrun-messages");

	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_set_timeout(tc, 60);	/* xz and depmod on a loaded machine */
	tcase_add_test(tc, name_mapping);
	tcase_add_test(tc, search_order);
	tcase_add_test(tc, unreadable_vector_module);
	tcase_add_test(tc, version_through_libkmod);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(msg, fake_setup, fake_teardown);
	tcase_add_test(msg, message_not_found);
	tcase_add_test(msg, message_signature);
	tcase_add_test(msg, message_permission);
	tcase_add_test(msg, message_other_kernel);
	tcase_add_test(msg, message_env);
	suite_add_tcase(s, msg);
	return s;
}
