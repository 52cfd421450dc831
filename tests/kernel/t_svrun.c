// SPDX-License-Identifier: GPL-2.0
/*
 * svrun and libsysvec against the real module: the behaviour matrix under
 * both backends in the same kernel, with their audit records; stale and
 * missing vector modules; modules found through libkmod as DKMS installs
 * them (modules.dep, xz-compressed), the registry included, and what svrun
 * says when it finds none; and libsysvec's calls for running programs
 * under a vector. (apache2 and nginx under svrun are in t_profiles.c.)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
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

/* ---- modules as DKMS installs them: modules.dep, compressed ---- */

#define NO_VECTORS	"/tmp/no-vectors"

/*
 * An xz file of @data, stored as LZMA2 uncompressed chunks: a real .xz
 * that liblzma (and so libkmod) decompresses, written without a
 * compressor, which the test VM lacks. Returns 0 or -errno.
 */
static uint32_t crc32_of(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t crc = 0xffffffff;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = v >> (8 * i);
}

/* An xz multibyte integer; its length. */
static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (v & 0x7f) | 0x80;
		v >>= 7;
	}
	p[n++] = v;
	return n;
}

static int xz_store(const unsigned char *data, size_t size, FILE *out)
{
	/* stream header: magic, flags (check: CRC32), CRC32 of the flags */
	unsigned char head[12] = { 0xfd, '7', 'z', 'X', 'Z', 0, 0, 1 };
	/* block header: size/4 - 1, flags (one filter), LZMA2, 1 property byte */
	unsigned char block[12] = { 2, 0, 0x21, 1, 0 };
	unsigned char chunk[3], idx[32], foot[12], pad[4] = { 0 };
	uint64_t packed = 0;
	size_t off, n, i;

	put_le32(head + 8, crc32_of(head + 6, 2));
	put_le32(block + 8, crc32_of(block, 8));
	fwrite(head, 1, sizeof(head), out);
	fwrite(block, 1, sizeof(block), out);
	/* LZMA2 uncompressed chunks of at most 64 KiB; the first resets the dictionary */
	for (off = 0; off < size; off += n) {
		n = size - off < 65536 ? size - off : 65536;
		chunk[0] = off ? 2 : 1;
		chunk[1] = (n - 1) >> 8;
		chunk[2] = (n - 1) & 0xff;
		fwrite(chunk, 1, 3, out);
		fwrite(data + off, 1, n, out);
		packed += 3 + n;
	}
	fputc(0, out);	/* end of LZMA2 data */
	packed += 1;
	fwrite(pad, 1, (4 - (sizeof(block) + packed) % 4) % 4, out);
	{
		unsigned char check[4];

		put_le32(check, crc32_of(data, size));
		fwrite(check, 1, 4, out);
	}
	/* index: one record (unpadded size, uncompressed size), padded, CRC32 */
	i = 0;
	idx[i++] = 0;
	i += put_varint(idx + i, 1);
	i += put_varint(idx + i, sizeof(block) + packed + 4);
	i += put_varint(idx + i, size);
	while (i % 4)
		idx[i++] = 0;
	put_le32(idx + i, crc32_of(idx, i));
	i += 4;
	fwrite(idx, 1, i, out);
	/* stream footer: CRC32, backward size, flags, magic */
	put_le32(foot + 4, i / 4 - 1);
	foot[8] = 0;
	foot[9] = 1;
	foot[10] = 'Y';
	foot[11] = 'Z';
	put_le32(foot, crc32_of(foot + 4, 6));
	fwrite(foot, 1, sizeof(foot), out);
	return ferror(out) ? -EIO : 0;
}

/* Compress kt_moddir's @module.ko into @dir/@module.ko.xz; 0 or -errno. */
static int xz_module(const char *module, const char *dir)
{
	char src[256], dst[512];
	unsigned char *data;
	struct stat st;
	FILE *in, *out;
	int ret = -EIO;

	snprintf(src, sizeof(src), "%s/%s.ko", kt_moddir, module);
	snprintf(dst, sizeof(dst), "%s/%s.ko.xz", dir, module);
	if (stat(src, &st))
		return -errno;
	data = malloc(st.st_size);
	in = fopen(src, "rb");
	out = fopen(dst, "wb");
	if (data && in && out && fread(data, 1, st.st_size, in) == (size_t)st.st_size)
		ret = xz_store(data, st.st_size, out);
	if (out && fclose(out))
		ret = -EIO;
	if (in)
		fclose(in);
	free(data);
	return ret;
}

/* The running kernel's module tree, /lib/modules/RELEASE, into @dir. */
static void kmod_tree(char *dir, size_t len)
{
	struct utsname u;

	CHECK_EQ(uname(&u), 0);
	snprintf(dir, len, "/lib/modules/%s", u.release);
}

/*
 * What DKMS leaves: the registry and the matrix vector, xz-compressed, in
 * /lib/modules/RELEASE/updates/dkms, indexed by depmod (Debian's kmod);
 * no vector directory.
 */
static void dkms_install(void)
{
	char tree[128], dkms[192], cmd[512];

	kmod_tree(tree, sizeof(tree));
	snprintf(dkms, sizeof(dkms), "%s/updates/dkms", tree);
	snprintf(cmd, sizeof(cmd), "rm -rf /lib/modules " NO_VECTORS " && mkdir -p %s "
		 NO_VECTORS, dkms);
	CHECK_EQ(sh(cmd), 0);
	CHECK_RET(xz_module("sysvec", dkms), 0);
	CHECK_RET(xz_module("sysvec_matrix", dkms), 0);
	/* a real xz file, as busybox's own decompressor checks it */
	snprintf(cmd, sizeof(cmd), "/bin/busybox xz -t %s/sysvec_matrix.ko.xz", dkms);
	CHECK_EQ(sh(cmd), 0);
	CHECK_EQ(sh("ln -sf kmod /usr/sbin/depmod && /usr/sbin/depmod 2>/dev/null"), 0);
	snprintf(cmd, sizeof(cmd), "grep -qx 'updates/dkms/sysvec_matrix.ko.xz: "
		 "updates/dkms/sysvec.ko.xz' %s/modules.dep", tree);
	CHECK_EQ(sh(cmd), 0);
	setenv("SYSVEC_VECTOR_DIR", NO_VECTORS, 1);
	setenv("SYSVEC_PROFILE_PATH", PROFILES, 1);
	unsetenv("SYSVEC_KMOD_DIR");
}

static void dkms_remove(void)
{
	CHECK_EQ(sh("rm -rf /lib/modules " NO_VECTORS " /usr/sbin/depmod"), 0);
}

/*
 * svrun finds the vector in modules.dep when the vector directory lacks
 * it, and libkmod decompresses it (6.1 cannot: it has no
 * MODULE_DECOMPRESS): the command runs confined.
 */
static void t_kmodload_dkms_xz(void)
{
	char path[512], want[512], ver[128], name[64], pver[128], tree[128];

	dkms_install();
	kmod_tree(tree, sizeof(tree));
	CHECK_EQ(kt_module_refcnt("sysvec_matrix"), -1);
	CHECK_RET(sysvec_module_find("matrix", path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/updates/dkms/sysvec_matrix.ko.xz", tree);
	CHECK(!strcmp(path, want));
	CHECK_RET(sysvec_module_version(path, ver, sizeof(ver)), 0);
	CHECK_RET(sysvec_profile_vector(PROFILES "/matrix.yaml", name, sizeof(name), pver,
					sizeof(pver)), 0);
	CHECK(!strcmp(ver, pver));

	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/sv-probe getppid >/tmp/svrun.out "
		    "2>/tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -qx EACCES /tmp/svrun.out"), 0);
	CHECK_EQ(sh("test ! -s /tmp/svrun.err"), 0);
	CHECK(kt_module_refcnt("sysvec_matrix") >= 0);
	CHECK_EQ(sv_vector_tasks("matrix", false), 0);
	CHECK_RET(kt_unload_module_wait("sysvec_matrix", 5000), 0);

	/* the library call itself: loaded, then "loaded already" */
	CHECK_RET(sysvec_module_load(path), 0);
	CHECK(sv_vector_id("matrix") != 0);
	CHECK_RET(sysvec_module_load(path), EEXIST);
	CHECK_RET(kt_unload_module("sysvec_matrix"), 0);
	dkms_remove();
}

/* Read file @path into @buf (NUL-terminated); its length, or -1. */
static ssize_t read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

/*
 * A vector module that is nowhere: exit 121 with -b kmod and the exact
 * message, which names both places searched and what to install; auto
 * says the same and falls back to seccomp.
 */
static void t_kmodload_not_found(void)
{
	char want[2048], err[4096], tree[128];
	static const char fmt[] =
		"svrun: kernel backend: vector module sysvec_nomodule for profile nomodule "
		"is missing: neither in " NO_VECTORS "/ nor in the modules.dep of %s; build "
		"it for this kernel with: policyc build /tmp/svrun-profiles/nomodule.yaml, or "
		"for every kernel (DKMS) with: policyc install /tmp/svrun-profiles/nomodule.yaml "
		"(a shipped profile's comes with: apt install sysvec-dkms)\n";

	kmod_tree(tree, sizeof(tree));
	CHECK_EQ(sh("rm -rf /lib/modules " NO_VECTORS " && mkdir -p " NO_VECTORS), 0);
	write_changed_profile("/tmp/svrun-profiles", "nomodule");
	setenv("SYSVEC_VECTOR_DIR", NO_VECTORS, 1);
	setenv("SYSVEC_PROFILE_PATH", "/tmp/svrun-profiles", 1);
	unsetenv("SYSVEC_KMOD_DIR");
	CHECK_EQ(sh(SVRUN " -b kmod -p nomodule -- /bin/true 2>/tmp/svrun.err"), 121);
	snprintf(want, sizeof(want), fmt, tree);
	CHECK(read_text("/tmp/svrun.err", err, sizeof(err)) > 0);
	if (strcmp(err, want))
		printf("#   got:  %s#   want: %s", err, want);
	CHECK(!strcmp(err, want));
	CHECK_EQ(sh(SVRUN " -p nomodule -- /bin/sv-probe getppid >/tmp/svrun.out "
		    "2>/tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -qF 'kernel backend unavailable: vector module sysvec_nomodule "
		    "for profile nomodule is missing' /tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -qx EACCES /tmp/svrun.out"), 0);
	CHECK_EQ(sh("rm -rf " NO_VECTORS), 0);
}

/*
 * The registry, as systemd-modules-load or svrun finds it: with no
 * /dev/sysvec, svrun loads "sysvec" from modules.dep (xz-compressed);
 * with it nowhere, -b kmod fails with 122 and the exact message.
 */
static void t_kmodload_registry(void)
{
	char want[2048], err[4096], tree[128];
	static const char fmt[] =
		"svrun: kernel backend: the sysvec kernel module is not loaded and was not "
		"found: neither in " NO_VECTORS "/ nor in the modules.dep of %s; install it "
		"with: apt install sysvec-dkms\n";

	kmod_tree(tree, sizeof(tree));
	sv_close();
	CHECK_RET(kt_unload_module("svt_a"), 0);
	CHECK_RET(kt_unload_module("svt_b"), 0);
	CHECK_RET(kt_unload_module("sysvec"), 0);
	CHECK(!sysvec_available());

	/* nowhere */
	CHECK_EQ(sh("rm -rf /lib/modules " NO_VECTORS " && mkdir -p " NO_VECTORS), 0);
	setenv("SYSVEC_VECTOR_DIR", NO_VECTORS, 1);
	setenv("SYSVEC_PROFILE_PATH", PROFILES, 1);
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/true 2>/tmp/svrun.err"), 122);
	snprintf(want, sizeof(want), fmt, tree);
	CHECK(read_text("/tmp/svrun.err", err, sizeof(err)) > 0);
	if (strcmp(err, want))
		printf("#   got:  %s#   want: %s", err, want);
	CHECK(!strcmp(err, want));
	CHECK_RET(sysvec_registry_load(), ENOENT);

	/* DKMS's: svrun loads the registry, then the vector, both compressed */
	dkms_install();
	CHECK_EQ(sh(SVRUN " -b kmod -p matrix -- /bin/sv-probe getppid >/tmp/svrun.out "
		    "2>/tmp/svrun.err"), 0);
	CHECK_EQ(sh("grep -qx EACCES /tmp/svrun.out"), 0);
	CHECK(sysvec_available());
	CHECK_RET(kt_unload_module_wait("sysvec_matrix", 5000), 0);
	sv_close();
	CHECK_RET(kt_unload_module("sysvec"), 0);
	/* the library call: loaded, and a second call finds it there */
	CHECK_RET(sysvec_registry_load(), 0);
	CHECK(sysvec_available());
	CHECK_RET(sysvec_registry_load(), 0);
	dkms_remove();

	/* as the other tests expect it: kt_moddir's registry and vectors */
	sv_close();
	CHECK_RET(kt_unload_module("sysvec"), 0);
	CHECK_RET(kt_load_module("sysvec", NULL), 0);
	CHECK_RET(kt_load_module("svt_a", NULL), 0);
	CHECK_RET(kt_load_module("svt_b", NULL), 0);
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
	{ "svrun_kmodload_dkms_xz", t_kmodload_dkms_xz },
	{ "svrun_kmodload_not_found", t_kmodload_not_found },
	{ "svrun_kmodload_registry", t_kmodload_registry },
	{ NULL, NULL },
};
