// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec kernel tests: files protected by object (kernel/guard.c), with
 * the vector svt_guard, which protects /svtg/file, the directory
 * /svtg/prot and the name /svtg/later, refusing everything with EACCES.
 *
 * The decision is made on what the kernel resolved, so the attacks that
 * beat a check on the path string (another spelling, a symbolic link, a
 * hard link, chroot, a bind mount, a rename of a directory above, and
 * races that change the working directory, a directory fd or a symbolic
 * link between a check and the call) all fail, each with EACCES and the
 * protected file unchanged. Races run for a bounded number of tries.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktest.h"

#define G		"/svtg"
#define CONTENT		"protected\n"
#define IA32_unlink	10
#define RACE_TRIES	3000

static void g_clean(void)
{
	umount2(G "/prot", MNT_DETACH);
	umount2("/tmp/svtg-bind", MNT_DETACH);
	CHECK_EQ(system("rm -rf " G " /tmp/svtg-bind"), 0);
}

static void g_write(const char *path, const char *what)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, what, strlen(what)), (long)strlen(what));
	close(fd);
}

/* Whether @path holds CONTENT, unchanged. */
static bool g_intact(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n == (int)strlen(CONTENT) && !strcmp(buf, CONTENT);
}

static void g_setup(void)
{
	g_clean();
	CHECK_EQ(mkdir(G, 0755), 0);
	CHECK_EQ(mkdir(G "/prot", 0755), 0);
	CHECK_EQ(mkdir(G "/prot/sub", 0755), 0);
	CHECK_EQ(mkdir(G "/other", 0755), 0);
	g_write(G "/file", CONTENT);
	g_write(G "/prot/f", CONTENT);
	g_write(G "/prot/sub/g", CONTENT);
	g_write(G "/other/f", CONTENT);
	/* made before confinement, by someone outside: a second name */
	CHECK_EQ(link(G "/file", G "/hardlink"), 0);
	CHECK_EQ(symlink(G "/file", G "/symlink"), 0);
}

/* What the files look like after a test: every protected one unchanged. */
static void g_check_intact(void)
{
	CHECK(g_intact(G "/file"));
	CHECK(g_intact(G "/prot/f"));
	CHECK(g_intact(G "/prot/sub/g"));
	CHECK_ERRNO(access(G "/later", F_OK), ENOENT);
}

/* Run @fn confined by svt_guard in a child, then check the files. */
static void g_run(const char *what, void (*fn)(void))
{
	g_setup();
	kt_in_child_with_module("svt_guard", what, fn, NULL);
	g_check_intact();
	g_clean();
}

/* Every operation on each protected object, named directly. */
static void direct_calls(void)
{
	struct stat st;
	struct statx stx;
	char buf[16];
	int fd;

	kt_confine("svt_guard");
	CHECK_ERRNO(unlink(G "/file"), EACCES);
	CHECK_ERRNO(unlink(G "/prot/f"), EACCES);
	CHECK_ERRNO(unlink(G "/prot/sub/g"), EACCES);
	CHECK_ERRNO(rmdir(G "/prot/sub"), EACCES);
	CHECK_ERRNO(rmdir(G "/prot"), EACCES);
	CHECK_ERRNO(rename(G "/file", G "/other/x"), EACCES);
	CHECK_ERRNO(rename(G "/other/f", G "/file"), EACCES);
	CHECK_ERRNO(rename(G "/other/f", G "/prot/new"), EACCES);
	CHECK_ERRNO(renameat2(AT_FDCWD, G "/other/f", AT_FDCWD, G "/file", RENAME_EXCHANGE),
		    EACCES);
	CHECK_ERRNO(link(G "/file", G "/other/l"), EACCES);
	CHECK_ERRNO(link(G "/other/f", G "/prot/l"), EACCES);
	CHECK_ERRNO(symlink("x", G "/prot/s"), EACCES);
	CHECK_ERRNO(mkdir(G "/prot/d", 0755), EACCES);
	CHECK_ERRNO(mknod(G "/prot/n", S_IFREG | 0644, 0), EACCES);
	CHECK_ERRNO(open(G "/prot/new", O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERRNO(open(G "/later", O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERRNO(mkdir(G "/later", 0755), EACCES);
	CHECK_ERRNO(truncate(G "/file", 0), EACCES);
	CHECK_ERRNO(open(G "/file", O_WRONLY), EACCES);
	CHECK_ERRNO(open(G "/file", O_RDWR), EACCES);
	CHECK_ERRNO(open(G "/file", O_RDONLY | O_TRUNC), EACCES);
	CHECK_ERRNO(open(G "/prot/f", O_WRONLY | O_APPEND), EACCES);
	CHECK_ERRNO(chmod(G "/file", 0600), EACCES);
	CHECK_ERRNO(chmod(G "/prot", 0700), EACCES);
	CHECK_ERRNO(chown(G "/prot/f", 1, 1), EACCES);
	CHECK_ERRNO(lchown(G "/file", 1, 1), EACCES);
	CHECK_ERRNO(stat(G "/file", &st), EACCES);
	CHECK_ERRNO(lstat(G "/prot/f", &st), EACCES);
	CHECK_ERRNO(statx(AT_FDCWD, G "/prot", 0, STATX_BASIC_STATS, &stx), EACCES);
	/* i386, with the high bits of the pointer set: the same object */
	{
		char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

		CHECK(m != MAP_FAILED);
		strcpy(m, G "/file");
		CHECK_EQ(int80(IA32_unlink, (long)m | (1L << 40), 0, 0), -EACCES);
		CHECK_EQ(int80(IA32_unlink, (long)m, 0, 0), -EACCES);
		munmap(m, 4096);
	}
	/* Reading is not changed, nor is fstat of a file already open. */
	fd = open(G "/file", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)strlen(CONTENT));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(fstatat(fd, "", &st, AT_EMPTY_PATH), 0);
	CHECK_EQ(statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx), 0);
	close(fd);
	/* Nothing else is: the unprotected files behave as ever. */
	CHECK_EQ(stat(G "/other/f", &st), 0);
	CHECK_EQ(chmod(G "/other/f", 0600), 0);
	CHECK_EQ(truncate(G "/other/f", 1), 0);
	CHECK_EQ(rename(G "/other/f", G "/other/g"), 0);
	CHECK_EQ(mkdir(G "/other/d", 0755), 0);
	CHECK_EQ(rmdir(G "/other/d"), 0);
	CHECK_EQ(unlink(G "/other/g"), 0);
}

static void t_guard_direct(void)
{
	g_run("direct", direct_calls);
}

/* Other spellings of the same objects. */
static void spelling_calls(void)
{
	int dfd;

	kt_confine("svt_guard");
	CHECK_EQ(chdir(G "/other"), 0);
	CHECK_ERRNO(unlink("../file"), EACCES);
	CHECK_ERRNO(unlink("../prot/../prot/f"), EACCES);
	CHECK_ERRNO(unlink(".//..//prot/sub/g"), EACCES);
	dfd = open(G "/prot", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	CHECK_ERRNO(unlinkat(dfd, "f", 0), EACCES);
	CHECK_ERRNO(openat(dfd, "sub/g", O_WRONLY), EACCES);
	CHECK_EQ(fchdir(dfd), 0);
	CHECK_ERRNO(unlink("f"), EACCES);
	close(dfd);
	/* through a symbolic link, and through a hard link made before */
	CHECK_ERRNO(open(G "/symlink", O_WRONLY), EACCES);
	CHECK_ERRNO(truncate(G "/symlink", 0), EACCES);
	CHECK_ERRNO(open(G "/hardlink", O_WRONLY), EACCES);
	CHECK_ERRNO(truncate(G "/hardlink", 0), EACCES);
	CHECK_ERRNO(unlink(G "/hardlink"), EACCES);
	/* /proc/self/fd/N of a file open for reading: a link to the object */
	{
		char p[64];
		int fd = open(G "/file", O_RDONLY);

		CHECK(fd >= 0);
		snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
		CHECK_ERRNO(open(p, O_WRONLY), EACCES);
		close(fd);
	}
	/* a directory above: renaming it would move the protected objects */
	CHECK_ERRNO(rename(G, "/svtg-moved"), EACCES);
	CHECK_ERRNO(rename(G "/prot/sub", G "/other/sub"), EACCES);
}

static void t_guard_spellings(void)
{
	g_run("spellings", spelling_calls);
}

/* chroot and mounts do not change which objects a call reaches. */
static void mount_calls(void)
{
	pid_t pid;

	kt_confine("svt_guard");
	/* a bind mount shows the same dentries under another name */
	CHECK_EQ(mkdir("/tmp/svtg-bind", 0755), 0);
	CHECK_EQ(mount(G "/prot", "/tmp/svtg-bind", NULL, MS_BIND, NULL), 0);
	CHECK_ERRNO(unlink("/tmp/svtg-bind/f"), EACCES);
	CHECK_ERRNO(open("/tmp/svtg-bind/sub/g", O_WRONLY), EACCES);
	CHECK_EQ(umount2("/tmp/svtg-bind", 0), 0);
	/* in a new mount namespace, over a tmpfs: new objects, not the real ones */
	pid = fork();
	if (!pid) {
		CHECK_EQ(unshare(CLONE_NEWNS), 0);
		CHECK_EQ(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
		CHECK_EQ(mount("tmpfs", G "/prot", "tmpfs", 0, NULL), 0);
		g_write(G "/prot/f", "new\n");	/* the tmpfs's own file */
		CHECK_EQ(unlink(G "/prot/f"), 0);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "in a new mount namespace");
	/* chroot: "/file" is the same object */
	pid = fork();
	if (!pid) {
		CHECK_EQ(chroot(G), 0);
		CHECK_EQ(chdir("/"), 0);
		CHECK_ERRNO(unlink("/file"), EACCES);
		CHECK_ERRNO(open("/prot/f", O_WRONLY), EACCES);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "in a chroot");
}

static void t_guard_mounts(void)
{
	g_run("mounts", mount_calls);
}

/*
 * A protected file replaced by someone outside (rename of a new file over
 * it) is still protected: its name is.
 */
static void replaced_calls(void)
{
	pid_t pid;
	int ready[2], go[2];
	char c;

	CHECK_EQ(pipe(ready), 0);
	CHECK_EQ(pipe(go), 0);
	pid = fork();
	if (!pid) {
		kt_confine("svt_guard");
		CHECK_EQ(write(ready[1], "r", 1), 1);
		CHECK_EQ(read(go[0], &c, 1), 1);
		CHECK_ERRNO(open(G "/file", O_WRONLY), EACCES);
		CHECK_ERRNO(unlink(G "/file"), EACCES);
		kt_child_exit();
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	g_write(G "/file.new", CONTENT);
	CHECK_EQ(rename(G "/file.new", G "/file"), 0);
	CHECK_EQ(write(go[1], "g", 1), 1);
	kt_check_child_ok(pid, "confined after the replacement");
}

static void t_guard_replaced(void)
{
	g_run("replaced", replaced_calls);
}

/* ---- races: decide on what the call uses, never on what it might ---- */

static atomic_int race_stop;
static int race_dfd[2];
static const char *race_link_to[2] = { G "/file", G "/other/f" };

/* Flip the working directory between /svtg/prot and /svtg/other. */
static void *race_cwd(void *arg __attribute__((unused)))
{
	unsigned long n = 0;

	while (!atomic_load(&race_stop))
		if (fchdir(race_dfd[n++ & 1]))
			break;
	return NULL;
}

/* Flip fd 100 between the two directories with dup2(). */
static void *race_dup2(void *arg __attribute__((unused)))
{
	unsigned long n = 0;

	while (!atomic_load(&race_stop))
		dup2(race_dfd[n++ & 1], 100);
	return NULL;
}

/* Flip /svtg/other/link between the protected and the other file. */
static void *race_symlink(void *arg __attribute__((unused)))
{
	unsigned long n = 0;

	while (!atomic_load(&race_stop)) {
		if (symlink(race_link_to[n++ & 1], G "/other/link.tmp")) {
			/* link.tmp is still there: the rename moves it */
		}
		rename(G "/other/link.tmp", G "/other/link");
	}
	return NULL;
}

static int race_sig_n;

/* A signal handler that changes the working directory between check and use. */
static void race_on_signal(int sig __attribute__((unused)))
{
	/* a failure only makes this round no race */
	if (fchdir(race_dfd[race_sig_n++ & 1]))
		return;
}

/*
 * Run the call @kind RACE_TRIES times while @flip changes what it names:
 * the call on the unprotected file may succeed (it is made again), the
 * one on the protected file must fail with EACCES every time.
 */
static void race_run(void *(*flip)(void *), int kind)
{
	long won = 0, refused = 0, other = 0;
	pthread_t th;
	int i, fd;

	race_dfd[0] = open(G "/prot", O_RDONLY | O_DIRECTORY);
	race_dfd[1] = open(G "/other", O_RDONLY | O_DIRECTORY);
	CHECK(race_dfd[0] >= 0 && race_dfd[1] >= 0);
	CHECK_EQ(dup2(race_dfd[1], 100), 100);
	kt_confine("svt_guard");
	atomic_store(&race_stop, 0);
	if (flip)
		CHECK_EQ(pthread_create(&th, NULL, flip, NULL), 0);
	for (i = 0; i < RACE_TRIES; i++) {
		long r;

		if (kind == 0) {
			r = unlink("f");
		} else if (kind == 1) {
			r = unlinkat(100, "f", 0);
		} else {
			fd = open(G "/other/link", O_WRONLY | O_TRUNC);
			r = fd < 0 ? -1 : 0;
			if (fd >= 0)
				close(fd);
		}
		if (!r) {
			won++;
			if (kind != 2)
				g_write(G "/other/f", CONTENT);
		} else if (errno == EACCES) {
			refused++;
		} else {
			other++;
		}
		if (kind == 2 && !g_intact(G "/file"))
			break;
		if (!g_intact(G "/prot/f"))
			break;
	}
	atomic_store(&race_stop, 1);
	if (flip)
		pthread_join(th, NULL);
	printf("#   race %d: %d tries, %ld on the other file, %ld refused, %ld other errors\n",
	       kind, i, won, refused, other);
	CHECK_EQ(i, RACE_TRIES);
	CHECK(refused > 0);	/* the race did reach the protected file */
}

static void race_cwd_calls(void)
{
	race_run(race_cwd, 0);
}

static void race_dup2_calls(void)
{
	race_run(race_dup2, 1);
}

static void race_symlink_calls(void)
{
	CHECK_EQ(symlink(G "/other/f", G "/other/link"), 0);
	race_run(race_symlink, 2);
}

static timer_t race_timer;

static void race_signal_calls(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { .it_interval = { 0, 200000 }, .it_value = { 0, 200000 } };
	struct sigaction sa = { .sa_handler = race_on_signal, .sa_flags = SA_RESTART };

	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(timer_create(CLOCK_MONOTONIC, &sev, &race_timer), 0);
	CHECK_EQ(timer_settime(race_timer, 0, &its, NULL), 0);
	race_run(NULL, 0);
	its.it_value.tv_nsec = its.it_interval.tv_nsec = 0;
	timer_settime(race_timer, 0, &its, NULL);
	signal(SIGUSR1, SIG_DFL);
}

static void t_guard_race_cwd(void)
{
	g_run("race cwd", race_cwd_calls);
}

static void t_guard_race_dup2(void)
{
	g_run("race dup2", race_dup2_calls);
}

static void t_guard_race_symlink(void)
{
	g_run("race symlink", race_symlink_calls);
}

static void t_guard_race_signal(void)
{
	g_run("race signal", race_signal_calls);
}

/* A refusal is audited with the operation, and counted. */
static void audit_calls(void)
{
	kt_confine("svt_guard");
	CHECK_ERRNO(open(G "/prot/f", O_WRONLY), EACCES);
	kt_child_exit();
}

static void t_guard_audit(void)
{
	long before = sv_stat("protect_denied");
	const char *needles[] = { "type=1316", "sysvec action=deny ", "vector=svt_guard ",
				  "protect=write ", "errno=13", NULL };

	g_setup();
	/* the races before logged thousands of refusals: let the rate limit's 1 s pass */
	usleep(1100 * 1000);
	kt_in_child_with_module("svt_guard", "audit", audit_calls, needles);
	CHECK_EQ(sv_stat("protect_denied"), before + 1);
	g_check_intact();
	g_clean();
}

/* Complain mode records the refusal and lets the call through. */
static void complain_calls(void)
{
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_COMPLAIN, 0, "svt_guard"), 0);
	CHECK_EQ(chmod(G "/other/f", 0600), 0);
	CHECK_EQ(chmod(G "/file", 0644), 0);
	kt_child_exit();
}

static void t_guard_complain(void)
{
	const char *needles[] = { "type=1316", "vector=svt_guard ", "protect=attr ",
				  "complain=1", NULL };

	g_setup();
	kt_in_child_with_module("svt_guard", "complain", complain_calls, needles);
	g_clean();
}

const struct ktest ktests_guard[] = {
	{ "guard_direct", t_guard_direct },
	{ "guard_spellings", t_guard_spellings },
	{ "guard_mounts", t_guard_mounts },
	{ "guard_replaced", t_guard_replaced },
	{ "guard_race_cwd", t_guard_race_cwd },
	{ "guard_race_dup2", t_guard_race_dup2 },
	{ "guard_race_symlink", t_guard_race_symlink },
	{ "guard_race_signal", t_guard_race_signal },
	{ "guard_audit", t_guard_audit },
	{ "guard_complain", t_guard_complain },
	{ NULL, NULL },
};
