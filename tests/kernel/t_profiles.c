// SPDX-License-Identifier: GPL-2.0
/*
 * The shipped profiles (the YAML files in profiles/), compiled by policyc into vector
 * modules: each loads, and behaves as its rules say. The httpd profile is
 * also run under Debian's real apache2 and nginx, which must start, serve a
 * page (and CGI, for apache2) and stop cleanly while confined.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

#define IA32_getpid	20
#define IA32_mount	21
#define X32_BIT		0x40000000L
#define AF_VSOCK_	40

/* ---- default: Docker's default profile ---- */

static void default_calls(void)
{
	pid_t pid;
	int fd;

	kt_confine("default");
	CHECK_EQ(syscall(SYS_getppid) > 0, 1);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(fd >= 0);
	close(fd);
	/* socket is allowed unless the domain is AF_VSOCK (40) */
	CHECK_ERRNO(socket(AF_VSOCK_, SOCK_STREAM, 0), EPERM);
	/* personality: only the listed personas */
	CHECK_EQ(syscall(SYS_personality, 0xffffffffUL) >= 0, 1);
	CHECK_ERRNO(syscall(SYS_personality, 0x0400000UL), EPERM);
	/* clone with namespace flags: EPERM; clone3: ENOSYS (glibc falls back) */
	CHECK_ERRNO(syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0), EPERM);
	CHECK_ERRNO(syscall(SYS_clone3, NULL, 0), ENOSYS);
	pid = fork();
	if (!pid)
		_exit(7);
	CHECK_EQ(WEXITSTATUS(kt_wait(pid)), 7);
	/* not in the profile: the default, EPERM */
	CHECK_ERRNO(mount("none", "/tmp", "tmpfs", 0, NULL), EPERM);
	CHECK_ERRNO(unshare(CLONE_NEWUTS), EPERM);
	CHECK_ERRNO(syscall(SYS_init_module, NULL, 0, ""), EPERM);
	/* i386 has its own table from the same rules; x32 has none */
	CHECK_EQ(int80(IA32_getpid, 0, 0, 0), getpid());
	CHECK_EQ(int80(IA32_mount, 0, 0, 0), -EPERM);
	CHECK_ERRNO(syscall(X32_BIT | SYS_getpid), ENOSYS);
}

static void t_default(void)
{
	kt_in_child_with_module("sysvec_default", "default", default_calls, NULL);
}

/* ---- logall ---- */

static void logall_calls(void)
{
	kt_confine("logall");
	CHECK_EQ(syscall(SYS_getppid, 0x5eed, 0, 0, 0) > 0, 1);
	CHECK(mkdir("/tmp/logall-dir", 0700) == 0);
	CHECK(rmdir("/tmp/logall-dir") == 0);
}

static void t_logall(void)
{
	static const char *const needles[] = {
		"action=log", "vector=logall", "sysname=getppid", "a0=5eed", NULL,
	};

	kt_in_child_with_module("sysvec_logall", "logall", logall_calls, needles);
}

/* ---- trace-calls: calls run unchanged, logged with their results ---- */

static void trace_calls_calls(void)
{
	kt_confine("trace-calls");
	CHECK_EQ(mkdir("/tmp/tc-dir", 0700), 0);
	CHECK_ERRNO(open("/tmp/tc-dir/none", O_RDONLY), ENOENT);
	CHECK_EQ(rmdir("/tmp/tc-dir"), 0);
	CHECK_ERRNO(kill(999999, 0), ESRCH);
}

static void t_trace_calls(void)
{
	/* the records come in the order of the calls */
	static const char *const mkdir_rec[] = {
		"action=trace", "vector=trace-calls", "handler=trace_calls_pre",
		"sysname=mkdir", "exit=0 ", "duration_ns=", NULL,
	};
	static const char *const open_rec[] = {
		"action=trace", "sysname=openat", "exit=-2 ", NULL,
	};
	static const char *const kill_rec[] = {
		"action=trace", "sysname=kill", "a0=f423f", "exit=-3 ", NULL,
	};
	char rec[1024];
	int kfd;

	CHECK_RET(kt_load_module("sysvec_trace_calls", NULL), 0);
	kfd = kmsg_open();
	kt_in_child("trace-calls", trace_calls_calls);
	CHECK(kmsg_find(kfd, mkdir_rec, 5000, rec, sizeof(rec)));
	CHECK(kmsg_find(kfd, open_rec, 5000, rec, sizeof(rec)));
	CHECK(kmsg_find(kfd, kill_rec, 5000, rec, sizeof(rec)));
	close(kfd);
	CHECK_RET(kt_unload_module("sysvec_trace_calls"), 0);
}

/*
 * ---- protect-files: /etc/passwd, /etc/shadow and /etc/sysvec, by object ----
 *
 * As root, confined by protect-files, every operation the profile refuses
 * fails with EACCES on each protected object, through every path that
 * reaches it; reading works; mount, unshare and chroot fail with EPERM.
 * The files are saved first and put back if a refusal did not hold, so a
 * failing run does not break the VM for the tests after it.
 */

#define PF_TMP		"/tmp/pf"
#define IA32_unlink	10

/* What the protected objects look like before the test (set before the fork). */
static struct stat pf_passwd, pf_shadow, pf_sysvec;
static char *pf_passwd_text, *pf_shadow_text, *pf_sysvec_names;
static bool pf_made[3];

/* The contents of file @path (NUL-terminated), or NULL. */
static char *pf_read(const char *path)
{
	static char buf[1 << 20];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return NULL;
	buf[n] = 0;
	return strdup(buf);
}

/* The names in directory @path, sorted, one a line (the busybox here has no cmp). */
static char *pf_names(const char *path)
{
	struct dirent **e;
	size_t len = 1;
	char *out;
	int n, i;

	n = scandir(path, &e, NULL, alphasort);
	if (n < 0)
		return NULL;
	for (i = 0; i < n; i++)
		len += strlen(e[i]->d_name) + 1;
	out = calloc(1, len);
	for (i = 0; i < n; i++) {
		if (out) {
			strcat(out, e[i]->d_name);
			strcat(out, "\n");
		}
		free(e[i]);
	}
	free(e);
	return out;
}

/* Whether file @path still holds @text; if not, write it back. */
static bool pf_same_or_restore(const char *path, const char *text, const struct stat *st)
{
	char *now = pf_read(path);
	bool same = now && text && !strcmp(now, text);
	int fd;

	free(now);
	if (same || !text)
		return same;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st->st_mode & 07777);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		if (fchown(fd, st->st_uid, st->st_gid) || fchmod(fd, st->st_mode & 07777))
			perror(path);
		close(fd);
	}
	return false;
}

/* Create @path (a file with @text, or a directory) if absent. */
static void pf_ensure(const char *path, const char *text, bool dir, bool *made)
{
	int fd;

	*made = false;
	if (!access(path, F_OK))
		return;
	*made = true;
	if (dir) {
		CHECK_EQ(mkdir(path, 0755), 0);
		return;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

static void pf_setup(void)
{
	CHECK_EQ(system("rm -rf " PF_TMP " /etc/pf-* /etc-pf /etc/sysvec/pf-*"), 0);
	pf_ensure("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", false, &pf_made[0]);
	pf_ensure("/etc/shadow", "root:*:19000:0:99999:7:::\n", false, &pf_made[1]);
	pf_ensure("/etc/sysvec", NULL, true, &pf_made[2]);
	/* below /etc/sysvec, made before the module is loaded */
	kt_touch("/etc/sysvec/pf-file", 0644);
	pf_passwd_text = pf_read("/etc/passwd");
	pf_shadow_text = pf_read("/etc/shadow");
	pf_sysvec_names = pf_names("/etc/sysvec");
	CHECK(pf_passwd_text && pf_shadow_text && pf_sysvec_names);
	CHECK_EQ(stat("/etc/passwd", &pf_passwd), 0);
	CHECK_EQ(stat("/etc/shadow", &pf_shadow), 0);
	CHECK_EQ(stat("/etc/sysvec", &pf_sysvec), 0);
	/* unprotected: a file and a directory to rename over the protected
	 * ones, another name of /etc/passwd, and symbolic links to them */
	kt_touch("/etc/pf-src", 0644);
	CHECK_EQ(mkdir("/etc/pf-dir", 0755), 0);
	CHECK_EQ(link("/etc/passwd", "/etc/pf-hard"), 0);
	CHECK_EQ(mkdir(PF_TMP, 0755), 0);
	CHECK_EQ(symlink("/etc/passwd", PF_TMP "/passwd-link"), 0);
	CHECK_EQ(symlink("/etc/sysvec", PF_TMP "/sysvec-link"), 0);
}

/* Put back what a refusal that did not hold changed, saying so, and clean up. */
static void pf_restore_and_check(void)
{
	static const char *const away[][2] = {
		{ "/etc/pf-passwd", "/etc/passwd" }, { "/etc/pf-shadow", "/etc/shadow" },
		{ "/etc/pf-sysvec", "/etc/sysvec" }, { "/etc-pf", "/etc" },
	};
	struct stat st;
	char *names;
	size_t i;

	for (i = 0; i < sizeof(away) / sizeof(away[0]); i++) {
		if (access(away[i][0], F_OK))
			continue;
		CHECK(!"a protected object was renamed away");
		rename(away[i][0], away[i][1]);
	}
	CHECK(pf_same_or_restore("/etc/passwd", pf_passwd_text, &pf_passwd));
	CHECK(pf_same_or_restore("/etc/shadow", pf_shadow_text, &pf_shadow));
	names = pf_names("/etc/sysvec");
	CHECK(names && pf_sysvec_names && !strcmp(names, pf_sysvec_names));
	free(names);
	CHECK_EQ(stat("/etc/passwd", &st), 0);
	CHECK_EQ(st.st_ino, pf_passwd.st_ino);
	CHECK_EQ(st.st_mode, pf_passwd.st_mode);
	CHECK_EQ(st.st_uid, pf_passwd.st_uid);
	CHECK_EQ(st.st_gid, pf_passwd.st_gid);
	CHECK_EQ(st.st_nlink, pf_passwd.st_nlink + 1);	/* /etc/pf-hard, no other */
	CHECK_EQ(stat("/etc/shadow", &st), 0);
	CHECK_EQ(st.st_ino, pf_shadow.st_ino);
	CHECK_EQ(st.st_mode, pf_shadow.st_mode);
	CHECK_EQ(st.st_gid, pf_shadow.st_gid);
	CHECK_EQ(st.st_nlink, pf_shadow.st_nlink);
	CHECK_EQ(stat("/etc/sysvec", &st), 0);
	CHECK_EQ(st.st_ino, pf_sysvec.st_ino);
	CHECK_EQ(st.st_mode, pf_sysvec.st_mode);
	CHECK_EQ(stat("/etc/sysvec/pf-file", &st), 0);
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(access("/etc/pf-src", F_OK), 0);	/* not renamed over anything */
	CHECK_EQ(access("/etc/pf-dir", F_OK), 0);
	CHECK_EQ(system("rm -rf /etc/pf-* /etc/sysvec/pf-* " PF_TMP), 0);
	if (pf_made[0])
		unlink("/etc/passwd");
	if (pf_made[1])
		unlink("/etc/shadow");
	if (pf_made[2])
		rmdir("/etc/sysvec");
	free(pf_passwd_text);
	free(pf_shadow_text);
	free(pf_sysvec_names);
}

/*
 * The operations protect: deny: [all] refuses, on file @f (with what
 * stat gave for it before, @st), named by @f. Each would leave the file
 * as it is if it ran, except unlink and the renames, which
 * pf_restore_and_check() undoes.
 */
static void pf_file_ops(const char *f, const struct stat *st, const char *away)
{
	struct statx stx;
	struct stat s;

	CHECK_ERRNO(unlink(f), EACCES);
	CHECK_ERRNO(rename(f, away), EACCES);			/* away */
	CHECK_ERRNO(rename("/etc/pf-src", f), EACCES);		/* over */
	CHECK_ERRNO(link(f, "/etc/pf-newlink"), EACCES);
	CHECK_ERRNO(truncate(f, st->st_size), EACCES);
	CHECK_ERRNO(open(f, O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(open(f, O_RDWR | O_CLOEXEC), EACCES);
	CHECK_ERRNO(open(f, O_WRONLY | O_APPEND | O_CLOEXEC), EACCES);
	CHECK_ERRNO(chmod(f, st->st_mode & 07777), EACCES);
	CHECK_ERRNO(chown(f, st->st_uid, st->st_gid), EACCES);
	CHECK_ERRNO(lchown(f, st->st_uid, st->st_gid), EACCES);
	CHECK_ERRNO(stat(f, &s), EACCES);
	CHECK_ERRNO(lstat(f, &s), EACCES);
	CHECK_ERRNO(statx(AT_FDCWD, f, 0, STATX_BASIC_STATS, &stx), EACCES);
}

static void protect_files_calls(void)
{
	struct stat st;
	char buf[64], *m;
	int fd, dfd, sdfd, e;

	kt_confine("protect-files");
	/* the first two refusals, whose audit records t_protect_files() reads */
	CHECK_ERRNO(syscall(SYS_unlink, "/etc/passwd"), EACCES);
	CHECK_ERRNO(mount("none", PF_TMP, "tmpfs", 0, NULL), EPERM);

	/* each protected file, named directly */
	pf_file_ops("/etc/passwd", &pf_passwd, "/etc/pf-passwd");
	pf_file_ops("/etc/shadow", &pf_shadow, "/etc/pf-shadow");
	/* the directory, what lies below it, and new names in it */
	CHECK_ERRNO(rmdir("/etc/sysvec"), EACCES);
	CHECK_ERRNO(rename("/etc/sysvec", "/etc/pf-sysvec"), EACCES);
	CHECK_ERRNO(rename("/etc/pf-dir", "/etc/sysvec"), EACCES);
	CHECK_ERRNO(chmod("/etc/sysvec", pf_sysvec.st_mode & 07777), EACCES);
	CHECK_ERRNO(chown("/etc/sysvec", pf_sysvec.st_uid, pf_sysvec.st_gid), EACCES);
	CHECK_ERRNO(stat("/etc/sysvec", &st), EACCES);
	CHECK_ERRNO(unlink("/etc/sysvec/pf-file"), EACCES);
	CHECK_ERRNO(rename("/etc/sysvec/pf-file", "/etc/pf-away"), EACCES);
	CHECK_ERRNO(link("/etc/sysvec/pf-file", "/etc/pf-newlink"), EACCES);
	CHECK_ERRNO(truncate("/etc/sysvec/pf-file", 0), EACCES);
	CHECK_ERRNO(open("/etc/sysvec/pf-file", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(chmod("/etc/sysvec/pf-file", 0644), EACCES);
	CHECK_ERRNO(stat("/etc/sysvec/pf-file", &st), EACCES);
	CHECK_ERRNO(open("/etc/sysvec/pf-new", O_WRONLY | O_CREAT | O_CLOEXEC, 0644), EACCES);
	CHECK_ERRNO(mkdir("/etc/sysvec/pf-new", 0755), EACCES);
	CHECK_ERRNO(symlink("x", "/etc/sysvec/pf-new"), EACCES);
	CHECK_ERRNO(link("/etc/pf-src", "/etc/sysvec/pf-new"), EACCES);
	CHECK_ERRNO(rename("/etc/pf-src", "/etc/sysvec/pf-new"), EACCES);
	/* a directory above them: renaming it would move them (and if it
	 * did, everything after would fail: put it back at once) */
	e = rename("/etc", "/etc-pf") ? errno : 0;
	if (!e)
		rename("/etc-pf", "/etc");
	CHECK_EQ(e, EACCES);

	/* relative paths, "..", after chdir("/etc") */
	CHECK_EQ(chdir("/etc"), 0);
	CHECK_ERRNO(unlink("passwd"), EACCES);
	CHECK_ERRNO(unlink("sysvec/../shadow"), EACCES);
	CHECK_ERRNO(rename("shadow", "pf-shadow"), EACCES);
	CHECK_ERRNO(rename("pf-src", "passwd"), EACCES);
	CHECK_ERRNO(link("shadow", "pf-newlink"), EACCES);
	CHECK_ERRNO(truncate("passwd", pf_passwd.st_size), EACCES);
	CHECK_ERRNO(open("shadow", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(chmod("passwd", pf_passwd.st_mode & 07777), EACCES);
	CHECK_ERRNO(chown("shadow", pf_shadow.st_uid, pf_shadow.st_gid), EACCES);
	CHECK_ERRNO(stat("./shadow", &st), EACCES);
	CHECK_ERRNO(rmdir("sysvec"), EACCES);
	CHECK_ERRNO(unlink("sysvec/pf-file"), EACCES);
	CHECK_ERRNO(stat("../etc/sysvec/pf-file", &st), EACCES);
	CHECK_EQ(chdir("/"), 0);

	/* a directory fd */
	dfd = open("/etc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	sdfd = open("/etc/sysvec", O_RDONLY | O_DIRECTORY | O_CLOEXEC);	/* reading: allowed */
	CHECK(dfd >= 0 && sdfd >= 0);
	CHECK_ERRNO(unlinkat(dfd, "shadow", 0), EACCES);
	CHECK_ERRNO(unlinkat(dfd, "sysvec", AT_REMOVEDIR), EACCES);
	CHECK_ERRNO(renameat(dfd, "passwd", dfd, "pf-passwd"), EACCES);
	CHECK_ERRNO(renameat(dfd, "pf-src", dfd, "shadow"), EACCES);
	CHECK_ERRNO(linkat(dfd, "passwd", dfd, "pf-newlink", 0), EACCES);
	CHECK_ERRNO(openat(dfd, "shadow", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(fchmodat(dfd, "passwd", pf_passwd.st_mode & 07777, 0), EACCES);
	CHECK_ERRNO(fchownat(dfd, "shadow", pf_shadow.st_uid, pf_shadow.st_gid, 0), EACCES);
	CHECK_ERRNO(fstatat(dfd, "passwd", &st, 0), EACCES);
	CHECK_ERRNO(unlinkat(sdfd, "pf-file", 0), EACCES);
	CHECK_ERRNO(openat(sdfd, "pf-file", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(openat(sdfd, "pf-new", O_WRONLY | O_CREAT | O_CLOEXEC, 0644), EACCES);
	CHECK_ERRNO(fstatat(sdfd, "pf-file", &st, 0), EACCES);
	CHECK_EQ(fstatat(sdfd, "..", &st, 0), 0);		/* /etc: not protected */
	/* fstat of a directory already open is not refused */
	CHECK_EQ(fstat(sdfd, &st), 0);
	CHECK_EQ(fstatat(sdfd, "", &st, AT_EMPTY_PATH), 0);
	close(sdfd);
	close(dfd);

	/* a symbolic link in /tmp, followed */
	CHECK_ERRNO(stat(PF_TMP "/passwd-link", &st), EACCES);
	CHECK_ERRNO(open(PF_TMP "/passwd-link", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(truncate(PF_TMP "/passwd-link", pf_passwd.st_size), EACCES);
	CHECK_ERRNO(chmod(PF_TMP "/passwd-link", pf_passwd.st_mode & 07777), EACCES);
	CHECK_ERRNO(chown(PF_TMP "/passwd-link", pf_passwd.st_uid, pf_passwd.st_gid), EACCES);
	CHECK_ERRNO(linkat(AT_FDCWD, PF_TMP "/passwd-link", AT_FDCWD, "/etc/pf-newlink",
			   AT_SYMLINK_FOLLOW), EACCES);
	CHECK_ERRNO(stat(PF_TMP "/sysvec-link", &st), EACCES);
	CHECK_ERRNO(open(PF_TMP "/sysvec-link/pf-file", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(unlink(PF_TMP "/sysvec-link/pf-file"), EACCES);
	/* another name of /etc/passwd, made before confinement */
	CHECK_ERRNO(unlink("/etc/pf-hard"), EACCES);
	CHECK_ERRNO(rename("/etc/pf-hard", "/etc/pf-away"), EACCES);
	CHECK_ERRNO(open("/etc/pf-hard", O_WRONLY | O_CLOEXEC), EACCES);
	CHECK_ERRNO(truncate("/etc/pf-hard", pf_passwd.st_size), EACCES);
	CHECK_ERRNO(chmod("/etc/pf-hard", pf_passwd.st_mode & 07777), EACCES);
	CHECK_ERRNO(stat("/etc/pf-hard", &st), EACCES);
	/* i386, with the high bits of the pointer set: the same object */
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		 -1, 0);
	CHECK(m != MAP_FAILED);
	if (m != MAP_FAILED) {
		strcpy(m, "/etc/shadow");
		CHECK_EQ(int80(IA32_unlink, (long)m | (1L << 40), 0, 0), -EACCES);
		CHECK_EQ(int80(IA32_unlink, (long)m, 0, 0), -EACCES);
		munmap(m, 4096);
	}

	/* reading works, and fstat of the open file; writing through
	 * /proc/self/fd/N of it does not */
	fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK_EQ(read(fd, buf, sizeof(buf)) > 0, 1);
		CHECK_EQ(fstat(fd, &st), 0);
		CHECK_EQ(st.st_ino, pf_passwd.st_ino);
		snprintf(buf, sizeof(buf), "/proc/self/fd/%d", fd);
		CHECK_ERRNO(open(buf, O_WRONLY | O_CLOEXEC), EACCES);
		close(fd);
	}
	fd = open("/etc/shadow", O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0);
	close(fd);
	/* what is not protected behaves as ever */
	CHECK_EQ(lstat(PF_TMP "/passwd-link", &st), 0);	/* the link itself */
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(unlink(PF_TMP "/passwd-link"), 0);
	CHECK_EQ(stat("/etc", &st), 0);
	CHECK_EQ(stat("/etc/pf-src", &st), 0);
	CHECK_EQ(rename("/etc/pf-src", "/etc/pf-src2"), 0);
	CHECK_EQ(rename("/etc/pf-src2", "/etc/pf-src"), 0);
	CHECK_EQ(chmod("/etc/pf-src", 0600), 0);
	CHECK_ERRNO(stat("/etc/pf-nothing", &st), ENOENT);

	/* nothing may swap the objects under the paths: EPERM, logged */
	CHECK_ERRNO(mount("/tmp", "/etc/sysvec", NULL, MS_BIND, NULL), EPERM);
	CHECK_ERRNO(umount2("/tmp", MNT_DETACH), EPERM);
	CHECK_ERRNO(unshare(CLONE_NEWNS), EPERM);
	CHECK_ERRNO(unshare(CLONE_NEWUSER | CLONE_NEWNS), EPERM);
	CHECK_ERRNO(setns(0, CLONE_NEWNS), EPERM);
	CHECK_ERRNO(chroot("/tmp"), EPERM);
	CHECK_ERRNO(syscall(SYS_pivot_root, "/tmp", "/tmp"), EPERM);
	CHECK_ERRNO(syscall(SYS_open_tree, AT_FDCWD, "/tmp", 0), EPERM);
	CHECK_ERRNO(syscall(SYS_fsopen, "tmpfs", 0), EPERM);
	CHECK_EQ(int80(IA32_mount, 0, 0, 0), -EPERM);
}

static void t_protect_files(void)
{
	/* the records of the first refusals, in order */
	static const char *const unlink_rec[] = {
		"sysvec action=deny vector=protect-files ", "sysname=unlink ", "abi=x86_64",
		" protect=remove errno=13", NULL,
	};
	static const char *const mount_rec[] = {
		"sysvec action=deny vector=protect-files ", "sysname=mount ", " errno=1", NULL,
	};
	struct sysvec_vector_info info[16];
	struct sysvec_list l = {
		.size = sizeof(l), .count = 16, .entry_size = sizeof(info[0]),
		.entries = (unsigned long)info,
	};
	char rec[1024];
	unsigned int i;
	bool found = false;
	int kfd;

	pf_setup();
	CHECK_RET(kt_load_module("sysvec_protect_files", NULL), 0);
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), 0);
	for (i = 0; i < l.count && i < 16; i++) {
		if (strcmp(info[i].name, "protect-files"))
			continue;
		found = true;
		CHECK_EQ(info[i].flags & SYSVEC_VECTOR_F_PROTECT, SYSVEC_VECTOR_F_PROTECT);
		CHECK_EQ(info[i].flags & SYSVEC_VECTOR_F_HOOKS, 0);
		CHECK(!strncmp(info[i].version, "2+", 2));
	}
	CHECK(found);

	kfd = kmsg_open();
	kt_in_child("protect-files", protect_files_calls);
	CHECK(kmsg_find(kfd, unlink_rec, 5000, rec, sizeof(rec)));
	CHECK(kmsg_find(kfd, mount_rec, 5000, rec, sizeof(rec)));
	close(kfd);
	pf_restore_and_check();
	CHECK_RET(kt_unload_module("sysvec_protect_files"), 0);
	/* about a hundred refusals were logged: let the rate limit's 1 s pass, so
	 * that the next test's records are written */
	usleep(1100 * 1000);
}

/* ---- httpd: the rules, one by one ---- */

static void httpd_calls(void)
{
	int fd;

	kt_confine("httpd");
	CHECK_ERRNO(mkdir("/tmp/httpd-dir", 0700), EEXIST);
	CHECK_ERRNO(syscall(SYS_mkdirat, AT_FDCWD, "/tmp/httpd-dir", 0700), EEXIST);
	CHECK_ERRNO(syscall(SYS_init_module, NULL, 0, ""), EPERM);
	CHECK_ERRNO(syscall(SYS_finit_module, -1, "", 0), EPERM);
	CHECK_ERRNO(ptrace(PTRACE_PEEKDATA, getppid(), NULL, NULL), EPERM);
	CHECK_ERRNO(mount("none", "/tmp", "tmpfs", 0, NULL), EPERM);
	CHECK_ERRNO(unshare(CLONE_NEWNS), EPERM);
	CHECK_ERRNO(socket(AF_PACKET, SOCK_RAW, 0), EACCES);
	CHECK_ERRNO(socket(AF_INET, SOCK_RAW, 1), EACCES);
	CHECK_ERRNO(socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, 1), EACCES);
	CHECK_ERRNO(socket(AF_INET6, SOCK_RAW, 58), EACCES);
	/* netlink sockets are SOCK_RAW too, and glibc needs them */
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
	CHECK(fd >= 0);
	close(fd);
	/* the domain's upper 32 bits do not hide AF_PACKET */
	CHECK_ERRNO(syscall(SYS_socket, 0x100000000L | AF_PACKET, SOCK_DGRAM, 0), EACCES);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(fd >= 0);
	close(fd);
	fd = open("/var/www/html/index.html", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	CHECK_ERRNO(syscall(SYS_io_uring_setup, 1, NULL), EPERM);
}

static void t_httpd_rules(void)
{
	static const char *const needles[] = {
		"action=deny", "vector=httpd", "sysname=mkdir", "errno=17", NULL,
	};

	kt_in_child_with_module("sysvec_httpd", "httpd", httpd_calls, needles);
}

/* ---- httpd under Debian's apache2 and nginx ---- */

/*
 * Start @argv confined by "httpd": attached here before the execve, or by
 * svrun (@argv starts with it).
 */
static pid_t start_server(char *const argv[], bool via_svrun)
{
	pid_t pid = fork();

	if (!pid) {
		int fd = open("/tmp/server.out", O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (via_svrun) {
			setenv("SYSVEC_VECTOR_DIR", kt_moddir, 1);
		} else if (sv_attach(0, 0, 0, "httpd")) {
			_exit(120);
		}
		execv(argv[0], argv);
		_exit(121);
	}
	return pid;
}

static void show_file(const char *path)
{
	char buf[2048];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = 0;
		printf("#   %s: %s\n", path, buf);
	}
}

/*
 * GET @path from 127.0.0.1:@port into @out (the whole response, headers
 * included), retrying for @tries seconds while the server starts. A small
 * client of its own: busybox's static wget cannot resolve names in a root
 * that also holds a dynamic glibc.
 */
static bool fetch(int port, const char *path, char *out, size_t len, int tries)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	char req[256];
	size_t have;
	ssize_t n;
	int fd;

	struct timeval tv = { .tv_sec = 30 };

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n", path);
	while (tries-- > 0) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return false;
		/* a server that accepted but never answers fails the test */
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
			close(fd);
			sleep(1);
			continue;
		}
		if (write(fd, req, strlen(req)) != (ssize_t)strlen(req)) {
			close(fd);
			return false;
		}
		have = 0;
		while (have < len - 1 && (n = read(fd, out + have, len - 1 - have)) > 0)
			have += n;
		if (n < 0)
			printf("#   GET %s: read: %s\n", path, kt_errname(errno));
		out[have] = 0;
		close(fd);
		if (!strstr(out, " 200 "))
			printf("#   GET %s: %.200s\n", path, out);
		return strstr(out, " 200 ") != NULL;
	}
	printf("#   nothing listens on 127.0.0.1:%d\n", port);
	return false;
}

/*
 * No record of a denial by the httpd vector since @kfd was opened, other
 * than of @expected (a "sysname=..." string, or NULL); returns how many of
 * those there were.
 */
static int check_denials(int kfd, const char *expected)
{
	static const char *const needles[] = { "vector=httpd", NULL };
	char rec[1024];
	int n = 0;

	while (kmsg_find(kfd, needles, 1000, rec, sizeof(rec))) {
		if (expected && strstr(rec, expected)) {
			n++;
			continue;
		}
		printf("#   unexpected: %s\n", rec);
		CHECK(!"the server was denied a call");
	}
	return n;
}

/*
 * Stop the server with @sig and return its status. Apache's -X mode only
 * sets a flag on SIGTERM and may go back into a restarted accept(); it
 * notices the flag at its next connection, so if it has not exited after
 * two seconds, connect once to wake it.
 */
static int stop_server(pid_t pid, int sig, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int ms, st, fd;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	kill(pid, sig);
	for (ms = 0; ms < 2000; ms += 10) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return st;
		usleep(10000);
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0) {
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			shutdown(fd, SHUT_WR);
		close(fd);
	}
	return kt_wait(pid);
}

/* A web server run confined by "httpd", and what it must do. */
struct server {
	char *const *argv;
	int port;
	int stop_signal;	/* its graceful stop */
	const char *error_log;
	const char *expected;	/* the denials it makes by design ... */
	int nr_expected;	/* ... and how many */
	void (*more)(int port);	/* requests beyond the index page */
	bool via_svrun;		/* argv runs svrun, which loads the module */
};

static void run_server(const struct server *sv)
{
	static char status[64], stack[64], sysc[64];
	char page[4096];
	pid_t pid;
	int kfd, st;

	if (sv->via_svrun)
		CHECK_EQ(kt_module_refcnt("sysvec_httpd"), -1);	/* svrun loads it */
	else
		CHECK_RET(kt_load_module("sysvec_httpd", NULL), 0);
	unlink("/tmp/server.out");
	kt_show_on_timeout("/tmp/server.out");
	kt_show_on_timeout(sv->error_log);
	kfd = kmsg_open();
	pid = start_server(sv->argv, sv->via_svrun);
	snprintf(status, sizeof(status), "/proc/%d/status", pid);
	snprintf(stack, sizeof(stack), "/proc/%d/stack", pid);
	snprintf(sysc, sizeof(sysc), "/proc/%d/syscall", pid);
	kt_show_on_timeout(status);
	kt_show_on_timeout(stack);
	kt_show_on_timeout(sysc);
	kt_phase("fetching the index page");
	CHECK(fetch(sv->port, "/", page, sizeof(page), 60));
	CHECK(strstr(page, "sysvec httpd test page") != NULL);
	kt_phase("making the server's further requests");
	if (sv->more)
		sv->more(sv->port);
	kt_phase("waiting for the server to stop");
	st = stop_server(pid, sv->stop_signal, sv->port);
	kt_phase("checking the kernel log");
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	if (kt_failed) {
		show_file("/tmp/server.out");
		show_file(sv->error_log);
	}
	CHECK_EQ(check_denials(kfd, sv->expected), sv->nr_expected);
	close(kfd);
	CHECK_EQ(sv_vector_tasks("httpd", false), 0);
	CHECK_EQ(sv_stat("bound_tasks"), 0);
	CHECK_RET(kt_unload_module("sysvec_httpd"), 0);
}

static void apache2_cgi(int port)
{
	char page[4096];

	CHECK(fetch(port, "/cgi-bin/test.cgi", page, sizeof(page), 5));
	CHECK(strstr(page, "cgi uid=33") != NULL);
	/* the CGI runs in the server's process tree: confined too */
	CHECK(strstr(page, "mkdir denied") != NULL);
}

static void t_httpd_apache2(void)
{
	static char *const argv[] = { "/usr/sbin/apache2", "-X", "-d", "/etc/apache2",
				      "-f", "/etc/apache2/apache2.conf", NULL };
	static const struct server apache2 = {
		.argv = argv, .port = 8080, .stop_signal = SIGTERM,
		.error_log = "/tmp/apache2-error.log",
		/* only the CGI's mkdir is denied */
		.expected = "sysname=mkdir", .nr_expected = 1,
		.more = apache2_cgi,
	};

	run_server(&apache2);
}

static void t_httpd_nginx(void)
{
	static char *const argv[] = { "/usr/sbin/nginx", "-c", "/etc/nginx/nginx.conf", NULL };
	static const struct server nginx = {
		.argv = argv, .port = 8081, .stop_signal = SIGQUIT,
		.error_log = "/tmp/nginx-error.log",
		/* nginx asks for its five temp directories at start: EEXIST */
		.expected = "sysname=mkdir abi=x86_64", .nr_expected = 5,
	};

	run_server(&nginx);
}

/* The same servers started the way users start them: svrun -p httpd. */
static void t_svrun_apache2(void)
{
	static char *const argv[] = { "/usr/sbin/svrun", "-q", "-p", "httpd", "--",
				      "/usr/sbin/apache2", "-X", "-d", "/etc/apache2",
				      "-f", "/etc/apache2/apache2.conf", NULL };
	static const struct server apache2 = {
		.argv = argv, .port = 8080, .stop_signal = SIGTERM,
		.error_log = "/tmp/apache2-error.log",
		.expected = "sysname=mkdir", .nr_expected = 1,
		.more = apache2_cgi, .via_svrun = true,
	};

	setenv("SYSVEC_PROFILE_PATH", "/etc/sysvec/profiles", 1);
	run_server(&apache2);
}

static void t_svrun_nginx(void)
{
	static char *const argv[] = { "/usr/sbin/svrun", "-q", "-p", "httpd", "--",
				      "/usr/sbin/nginx", "-c", "/etc/nginx/nginx.conf", NULL };
	static const struct server nginx = {
		.argv = argv, .port = 8081, .stop_signal = SIGQUIT,
		.error_log = "/tmp/nginx-error.log",
		.expected = "sysname=mkdir abi=x86_64", .nr_expected = 5,
		.via_svrun = true,
	};

	setenv("SYSVEC_PROFILE_PATH", "/etc/sysvec/profiles", 1);
	run_server(&nginx);
}

const struct ktest ktests_profiles[] = {
	{ "profile_default", t_default },
	{ "profile_logall", t_logall },
	{ "profile_trace_calls", t_trace_calls },
	{ "profile_protect_files", t_protect_files },
	{ "profile_httpd_rules", t_httpd_rules },
	{ "profile_httpd_apache2", t_httpd_apache2 },
	{ "profile_httpd_nginx", t_httpd_nginx },
	{ "svrun_httpd_apache2", t_svrun_apache2 },
	{ "svrun_httpd_nginx", t_svrun_nginx },
	{ NULL, NULL },
};
