// SPDX-License-Identifier: GPL-2.0
/*
 * Path wraps (svt_paths): the handler decides on the kernel's copy of each
 * path, for every supported call and both ABIs, with the calls' own errors
 * for bad paths; relative paths copied as absolute ones; object checks
 * however the path is spelt; the classic wrapper race, which svt_naive (a
 * wrap reading user memory) loses; and races on what a relative path
 * refers to (working directory, directory fd).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "ktest.h"

#define TP	"/svtp"
#define IA32_unlink	10
#define IA32_rename	38
#define IA32_mkdir	39
#define IA32_stat64	195

static void tp_clean(void)
{
	CHECK_EQ(system("rm -rf " TP), 0);
}

static void tp_setup(void)
{
	tp_clean();
	CHECK_EQ(mkdir(TP, 0755), 0);
	CHECK_EQ(mkdir(TP "/prot", 0755), 0);
	CHECK_EQ(mkdir(TP "/other", 0755), 0);
	kt_touch(TP "/prot/f", 0644);
	kt_touch(TP "/ok", 0644);
	kt_touch(TP "/forbidden", 0644);
}

static long checks(void)
{
	return kt_module_value("svt_paths", "parameters/checks");
}

static void last_path(char *buf, size_t len)
{
	FILE *f = fopen("/sys/module/svt_paths/parameters/last_path", "re");

	buf[0] = '\0';
	CHECK(f != NULL);
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

#define CHECK_LAST(want) do {						\
	char _p[256];							\
	last_path(_p, sizeof(_p));					\
	if (strcmp(_p, (want)))						\
		kt_fail(__FILE__, __LINE__, "last path %s, want %s", _p, (want)); \
} while (0)

/* Each call with a forbidden path fails with the handler's EACCES. */
static void denied_calls(void)
{
	struct open_how how = { .flags = O_RDONLY };
	struct stat st;
	struct statx stx;
	long before = checks();

	CHECK_ERRNO(unlink(TP "/forbidden"), EACCES);
	CHECK_LAST(TP "/forbidden");
	CHECK_ERRNO(unlinkat(AT_FDCWD, TP "/forbidden", 0), EACCES);
	CHECK_ERRNO(rmdir(TP "/forbidden"), EACCES);
	CHECK_ERRNO(mkdir(TP "/forbidden-d", 0755), EACCES);
	CHECK_ERRNO(mkdirat(AT_FDCWD, TP "/forbidden-d", 0755), EACCES);
	CHECK_ERRNO(open(TP "/forbidden", O_RDONLY), EACCES);
	CHECK_ERRNO(openat(AT_FDCWD, TP "/forbidden", O_RDONLY), EACCES);
	CHECK_ERRNO(syscall(SYS_openat2, AT_FDCWD, TP "/forbidden", &how, sizeof(how)), EACCES);
	CHECK_ERRNO(creat(TP "/forbidden-c", 0644), EACCES);
	CHECK_ERRNO(syscall(SYS_stat, TP "/forbidden", &st), EACCES);
	CHECK_ERRNO(syscall(SYS_lstat, TP "/forbidden", &st), EACCES);
	CHECK_ERRNO(fstatat(AT_FDCWD, TP "/forbidden", &st, 0), EACCES);
	CHECK_ERRNO(statx(AT_FDCWD, TP "/forbidden", 0, STATX_BASIC_STATS, &stx), EACCES);
	CHECK_ERRNO(truncate(TP "/forbidden", 0), EACCES);
	CHECK_ERRNO(chmod(TP "/forbidden", 0600), EACCES);
	CHECK_ERRNO(fchmodat(AT_FDCWD, TP "/forbidden", 0600, 0), EACCES);
	CHECK_ERRNO(chown(TP "/forbidden", 0, 0), EACCES);
	CHECK_ERRNO(lchown(TP "/forbidden", 0, 0), EACCES);
	CHECK_ERRNO(fchownat(AT_FDCWD, TP "/forbidden", 0, 0, 0), EACCES);
	/* both paths of a rename are checked */
	CHECK_ERRNO(rename(TP "/forbidden", TP "/x"), EACCES);
	CHECK_ERRNO(rename(TP "/ok", TP "/forbidden-r"), EACCES);
	CHECK_LAST(TP "/forbidden-r");
	CHECK_ERRNO(renameat(AT_FDCWD, TP "/ok", AT_FDCWD, TP "/forbidden-r"), EACCES);
	CHECK_ERRNO(renameat2(AT_FDCWD, TP "/ok", AT_FDCWD, TP "/forbidden-r", 0), EACCES);
	/* 19 one-path calls, then the renames: 1 check, and 3 of 2 */
	CHECK_EQ(checks() - before, 19 + 1 + 3 * 2);
}

/* Allowed calls run, on the path checked, with their real results. */
static void allowed_calls(void)
{
	static char longpath[5000];
	struct stat st;
	struct statx stx;
	int fd;

	CHECK_EQ(syscall(SYS_stat, TP "/ok", &st), 0);
	CHECK_EQ(statx(AT_FDCWD, TP "/ok", 0, STATX_BASIC_STATS, &stx), 0);
	CHECK_EQ(mkdir(TP "/d", 0755), 0);
	CHECK_LAST(TP "/d");
	CHECK_EQ(rename(TP "/d", TP "/d2"), 0);
	CHECK_EQ(rmdir(TP "/d2"), 0);
	fd = creat(TP "/c", 0644);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abc", 3), 3);
	close(fd);
	CHECK_EQ(truncate(TP "/c", 1), 0);
	CHECK_EQ(chmod(TP "/c", 0600), 0);
	CHECK_EQ(chown(TP "/c", 1, 2), 0);
	CHECK_EQ(syscall(SYS_stat, TP "/c", &st), 0);
	CHECK_EQ(st.st_size, 1);
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_EQ(st.st_uid, 1);
	CHECK_EQ(st.st_gid, 2);
	CHECK_EQ(unlink(TP "/c"), 0);
	/* the calls' own errors */
	CHECK_ERRNO(unlink(TP "/c"), ENOENT);
	CHECK_ERRNO(unlink((const char *)1), EFAULT);
	CHECK_ERRNO(rename(TP "/ok", (const char *)1), EFAULT);
	memset(longpath, 'a', sizeof(longpath) - 1);
	CHECK_ERRNO(unlink(longpath), ENAMETOOLONG);
	CHECK_ERRNO(syscall(SYS_stat, "", &st), ENOENT);
	fd = open(TP, O_RDONLY | O_CLOEXEC);
	CHECK_EQ(fstatat(fd, "", &st, AT_EMPTY_PATH), 0);
	CHECK(S_ISDIR(st.st_mode));
	close(fd);
}

/* Directory fds opened before confinement (opening prot is refused). */
static int other_fd, prot_fd;

/* The object check, however the path names /svtp/prot/f. */
static void object_calls(void)
{
	struct stat st;

	CHECK_ERRNO(unlink(TP "/prot/f"), EPERM);
	CHECK_ERRNO(syscall(SYS_stat, TP "/prot", &st), EPERM);
	CHECK_ERRNO(unlink(TP "/other/../prot//f"), EPERM);
	CHECK_EQ(chdir(TP "/prot"), 0);
	CHECK_ERRNO(unlink("f"), EPERM);
	CHECK_LAST(TP "/prot/f");	/* relative paths arrive absolute */
	CHECK_ERRNO(syscall(SYS_stat, "./f", &st), EPERM);
	CHECK_LAST(TP "/prot/./f");
	CHECK_EQ(chdir("/"), 0);
	CHECK_ERRNO(open(TP "/prot", O_RDONLY | O_DIRECTORY), EPERM);
	CHECK_ERRNO(unlinkat(other_fd, "../prot/f", 0), EPERM);
	CHECK_LAST(TP "/other/../prot/f");
	CHECK_ERRNO(fstatat(other_fd, "../prot/f", &st, 0), EPERM);
	CHECK_EQ(fstatat(other_fd, "../ok", &st, 0), 0);
	CHECK_ERRNO(fstatat(prot_fd, "", &st, AT_EMPTY_PATH), EPERM);
	CHECK_ERRNO(fstatat(prot_fd, "f", &st, 0), EPERM);
	CHECK_ERRNO(fstatat(-1, "f", &st, 0), EBADF);	/* the call's own error */
}

/*
 * A relative path is copied as "<base>/<path>", its base directory named
 * when the copy is taken: what the handler sees and what the call uses.
 * A base without such a name fails the call as the call would, before the
 * handler runs; an empty path stays empty.
 */
static void relative_calls(void)
{
	static char dots[4096];
	struct open_how how = { .flags = O_RDONLY };
	char name[] = "n", name2[] = "n";
	int fd, tp_fd, file_fd, gone_fd;
	struct stat st;
	long before;
	pid_t pid;
	size_t i;

	CHECK_EQ(chdir(TP "/other"), 0);
	CHECK_EQ(syscall(SYS_stat, "../ok", &st), 0);
	CHECK_LAST(TP "/other/../ok");
	CHECK_EQ(chdir("/"), 0);
	CHECK_EQ(syscall(SYS_stat, "svtp/ok", &st), 0);
	CHECK_LAST(TP "/ok");		/* not "//svtp/ok" */
	/* an O_PATH directory fd is a base, as for the call */
	fd = open(TP, O_PATH | O_DIRECTORY | O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_EQ(fstatat(fd, "ok", &st, 0), 0);
	CHECK_LAST(TP "/ok");
	/* an empty path keeps its meaning, the directory fd's own file */
	CHECK_EQ(fstatat(fd, "", &st, AT_EMPTY_PATH), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_LAST(TP "/ok");		/* empty paths are not recorded */
	close(fd);

	tp_fd = open(TP, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	file_fd = open(TP "/ok", O_RDONLY | O_CLOEXEC);
	CHECK_EQ(mkdir(TP "/gone", 0755), 0);
	gone_fd = open(TP "/gone", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(tp_fd >= 0 && file_fd >= 0 && gone_fd >= 0);
	CHECK_EQ(chdir(TP "/gone"), 0);
	CHECK_EQ(rmdir(TP "/gone"), 0);
	kt_touch(TP "/other/n", 0644);
	for (i = 0; i < sizeof(dots) - 1; i++)
		dots[i] = i & 1 ? '/' : '.';
	before = checks();
	/* bases that cannot be named: the handler never runs */
	CHECK_ERRNO(unlink("x"), ENOENT);		/* removed working directory */
	CHECK_ERRNO(mkdir("x", 0755), ENOENT);
	CHECK_ERRNO(unlinkat(gone_fd, "x", 0), ENOENT);	/* removed directory fd */
	CHECK_ERRNO(unlinkat(file_fd, "x", 0), ENOTDIR);
	CHECK_ERRNO(unlinkat(12345, "x", 0), EBADF);
	pid = fork();
	if (!pid) {
		/* a working directory outside the root has no name from it */
		CHECK_EQ(chdir(TP), 0);
		CHECK_EQ(chroot(TP "/other"), 0);
		CHECK_ERRNO(syscall(SYS_stat, "ok", &st), ENOENT);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "a relative path from outside the root");
	CHECK_EQ(chdir(TP "/other"), 0);
	/* "./././...." of 4091 bytes from /svtp/other: too long once absolute */
	dots[4091] = '\0';
	CHECK_ERRNO(syscall(SYS_stat, dots, &st), ENAMETOOLONG);
	/* openat2 resolving below its directory fd: no absolute name stands for it */
	how.resolve = RESOLVE_BENEATH;
	CHECK_ERRNO(syscall(SYS_openat2, tp_fd, "ok", &how, sizeof(how)), EXDEV);
	how.resolve = RESOLVE_IN_ROOT;
	CHECK_ERRNO(syscall(SYS_openat2, tp_fd, "/ok", &how, sizeof(how)), EXDEV);
	/* one user string for both names of a rename, in two directories */
	CHECK_ERRNO(renameat(other_fd, name, tp_fd, name), EXDEV);
	CHECK_EQ(checks() - before, 0);
	CHECK_EQ(access(TP "/other/n", F_OK), 0);
	/* the same in one directory, or two strings, run */
	CHECK_EQ(renameat(other_fd, name, other_fd, name), 0);
	CHECK_EQ(renameat(other_fd, name, tp_fd, name2), 0);
	CHECK_LAST(TP "/n");
	CHECK_EQ(access(TP "/n", F_OK), 0);
	CHECK_EQ(unlink("../n"), 0);
	CHECK_LAST(TP "/other/../n");
	how.resolve = RESOLVE_NO_SYMLINKS;
	fd = syscall(SYS_openat2, tp_fd, "ok", &how, sizeof(how));
	CHECK(fd >= 0);
	CHECK_LAST(TP "/ok");
	close(fd);
	dots[3999] = '\0';				/* 4011 bytes once absolute */
	CHECK_EQ(syscall(SYS_stat, dots, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(checks() - before, 7);	/* two for each rename */
	CHECK_EQ(chdir("/"), 0);
	close(gone_fd);
	close(file_fd);
	close(tp_fd);
}

/* i386 calls: the paths must lie below 4 GiB. */
static void ia32_calls(void)
{
	char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	char *forbidden = m, *ok = m + 64, *dir = m + 128, *to = m + 192, *hi;
	long before = checks();

	CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	strcpy(forbidden, TP "/forbidden");
	strcpy(ok, TP "/ok");
	strcpy(dir, TP "/d32");
	strcpy(to, TP "/forbidden-32");
	CHECK_EQ(int80(IA32_unlink, (long)forbidden, 0, 0), -EACCES);
	CHECK_EQ(int80(IA32_stat64, (long)forbidden, (long)(m + 1024), 0), -EACCES);
	CHECK_EQ(int80(IA32_stat64, (long)ok, (long)(m + 1024), 0), 0);
	CHECK_EQ(int80(IA32_mkdir, (long)dir, 0755, 0), 0);
	CHECK_EQ(int80(IA32_rename, (long)dir, (long)to, 0), -EACCES);
	CHECK_EQ(int80(IA32_unlink, 1, 0, 0), -EFAULT);
	/* a path that cannot be copied fails before the handler */
	CHECK_EQ(checks() - before, 6);
	/*
	 * A pointer with high bits set, to an allowed name, whose low 32 bits
	 * point at the forbidden one: the i386 call uses the low 32 bits, and
	 * so must the check.
	 */
	hi = mmap((void *)((unsigned long)forbidden | (1UL << 40)), 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(hi == (char *)((unsigned long)forbidden | (1UL << 40)));
	if (hi != MAP_FAILED) {
		strcpy(hi, TP "/allowedxx");
		CHECK_EQ(int80(IA32_unlink, (long)hi, 0, 0), -EACCES);
		CHECK_LAST(TP "/forbidden");
		CHECK_EQ(int80(IA32_rename, (long)hi, (long)to, 0), -EACCES);
		munmap(hi, 4096);
	}
	CHECK_EQ(checks() - before, 8);
	/* a relative path, from the working directory */
	strcpy(ok, "ok");
	CHECK_EQ(chdir(TP), 0);
	CHECK_EQ(int80(IA32_stat64, (long)ok, (long)(m + 1024), 0), 0);
	CHECK_LAST(TP "/ok");
	CHECK_EQ(chdir("/"), 0);
	munmap(m, 4096);
}

static void paths_calls(void)
{
	other_fd = open(TP "/other", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	prot_fd = open(TP "/prot", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(other_fd >= 0 && prot_fd >= 0);
	kt_confine("svt_paths");
	denied_calls();
	allowed_calls();
	object_calls();
	relative_calls();
	ia32_calls();
}

static void t_paths(void)
{
	struct stat st;

	tp_setup();
	kt_in_child_with_module("svt_paths", "paths", paths_calls, NULL);
	CHECK_EQ(stat(TP "/forbidden", &st), 0);
	CHECK_EQ(stat(TP "/prot/f", &st), 0);
	CHECK_EQ(stat(TP "/d32", &st), 0);	/* the allowed i386 mkdir ran */
	tp_clean();
}

/*
 * The classic wrapper race: a second thread flips the path buffer between
 * "forbidden" and "allowedxx" (an existing file) while this one opens and
 * unlinks it. A check followed by a second read of user memory would
 * sooner or later open or remove the forbidden file; a check on the copy
 * the call uses never does.
 */
static char race_path[] = TP "/forbidden";
static atomic_int race_stop;
static atomic_long race_flips;
static long race_allowed, race_denied;	/* calls of the last race() */

static void *race_flipper(void *arg __attribute__((unused)))
{
	static const char names[2][10] = { "forbidden", "allowedxx" };
	char *name = race_path + sizeof(TP);
	long n = 0;

	while (!atomic_load_explicit(&race_stop, memory_order_relaxed)) {
		memcpy(name, names[n & 1], 9);
		if (!(++n & 4095))
			atomic_store_explicit(&race_flips, n, memory_order_relaxed);
	}
	atomic_store(&race_flips, n);
	return NULL;
}

static bool forbidden_exists(void)
{
	struct stat st;

	return syscall(SYS_stat, TP "/forbidden", &st) == 0 || errno != ENOENT;
}

#define RACE_FLIPS	2000000

/*
 * A failed call of the race: EACCES (the check saw "forbidden") or ENOENT
 * (it saw a name half rewritten, such as "allowdden", which does not exist).
 */
static void race_error(long *denied, long *torn)
{
	if (errno == EACCES)
		(*denied)++;
	else if (errno == ENOENT)
		(*torn)++;
	else
		CHECK_EQ(errno, EACCES);
}

/*
 * Race @vector's unlink (and open, @with_open) check. Stops at the first
 * call that reached the forbidden file; returns the number of calls made.
 */
static long race(const char *vector, bool with_open, int max_s, bool *bypassed)
{
	long calls = 0, denied = 0, allowed = 0, torn = 0;
	struct timespec start, now;
	struct stat st, ok;
	pthread_t t;
	int fd;

	kt_confine(vector);
	atomic_store(&race_stop, 0);
	atomic_store(&race_flips, 0);
	*bypassed = false;
	CHECK_EQ(stat(TP "/allowedxx", &ok), 0);
	CHECK_EQ(pthread_create(&t, NULL, race_flipper, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (with_open) {
			fd = open(race_path, O_RDONLY | O_CLOEXEC);
			if (fd >= 0) {
				allowed++;
				CHECK_EQ(fstat(fd, &st), 0);
				if (st.st_ino != ok.st_ino)
					*bypassed = true;
				close(fd);
			} else {
				race_error(&denied, &torn);
			}
		}
		if (unlink(race_path) == 0) {
			allowed++;
			kt_touch(TP "/allowedxx", 0644);	/* removed the allowed one */
			CHECK_EQ(stat(TP "/allowedxx", &ok), 0);
		} else {
			race_error(&denied, &torn);
		}
		if (!forbidden_exists())
			*bypassed = true;
		calls++;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (!*bypassed &&
		 (calls < 20000 || atomic_load(&race_flips) < RACE_FLIPS) &&
		 now.tv_sec - start.tv_sec < max_s);
	atomic_store(&race_stop, 1);
	pthread_join(t, NULL);
	race_allowed = allowed;
	race_denied = denied;
	printf("#   %s: %ld rounds while the path flipped %ld times: "
	       "%ld allowed, %ld denied, %ld torn names%s\n",
	       vector, calls, atomic_load(&race_flips), allowed, denied, torn,
	       *bypassed ? ", reached the forbidden file" : "");
	return calls;
}

static void race_copy(void)
{
	bool bypassed;

	race("svt_paths", true, 120, &bypassed);
	CHECK(!bypassed);
	CHECK(race_allowed > 0 && race_denied > 0);	/* both names were seen */
	CHECK(atomic_load(&race_flips) >= RACE_FLIPS);
}

static void race_naive(void)
{
	bool bypassed;

	race("svt_naive", false, 120, &bypassed);
	/* the test can fail: the same race defeats a wrapper reading twice */
	CHECK(bypassed);
}

static void t_path_race(void)
{
	tp_setup();
	kt_touch(TP "/allowedxx", 0644);
	kt_in_child_with_module("svt_paths", "path race", race_copy, NULL);
	CHECK(forbidden_exists());
	kt_in_child_with_module("svt_naive", "racy wrapper", race_naive, NULL);
	tp_clean();
}

/*
 * Races on what a relative path refers to. The same name, "victim", is
 * protected in /svtp/prot (svt_paths refuses anything that resolves below
 * it, EPERM) and allowed in /svtp/other. While the call's base directory
 * (the working directory, or the directory fd of unlinkat()) flips
 * between the two, each unlink must either remove other/victim or fail
 * with EPERM, and prot/victim must survive every try: the handler and
 * the call must resolve the name from the same directory. With the name
 * made absolute when it is copied, they do; before, the handler resolved
 * it from the directory at its time and the re-issued call from the one
 * at the call's time: a signal handler that runs in between (it is
 * delivered before the re-issued call), another thread changing the
 * shared working directory, or a dup2() over the directory fd.
 */
#define RC_NAME		"victim"
#define RC_TRIES	10000	/* tries per race, unless RC_SECONDS pass first */
#define RC_SECONDS	50
#define RC_MIN_TRIES	2000	/* at least, on the slowest kernel */

static atomic_int rc_stop;
static atomic_long rc_flips;
static volatile sig_atomic_t rc_which;	/* 1: prot is the base now */

struct rc_result {
	long tries;
	long removed;		/* other/victim removed (and created again) */
	long denied;		/* EPERM: the handler saw prot/victim */
	bool bypassed;		/* prot/victim was removed */
};

static void rc_setup(void)
{
	tp_setup();
	kt_touch(TP "/prot/" RC_NAME, 0644);
	kt_touch(TP "/other/" RC_NAME, 0644);
}

static bool rc_prot_exists(void)
{
	/* access() is not wrapped by svt_paths, which would refuse stat here */
	return access(TP "/prot/" RC_NAME, F_OK) == 0;
}

/* Unlink "victim" from @dirfd RC_TRIES times or until prot/victim is gone. */
static void rc_loop(int dirfd, struct rc_result *r)
{
	struct timespec start, now;
	int ret, err;

	memset(r, 0, sizeof(*r));
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		ret = dirfd == AT_FDCWD ? unlink(RC_NAME) : unlinkat(dirfd, RC_NAME, 0);
		err = errno;
		r->tries++;
		if (!rc_prot_exists()) {
			r->bypassed = true;
			break;
		}
		if (ret == 0) {
			r->removed++;
			kt_touch(TP "/other/" RC_NAME, 0644);
		} else if (err == EPERM) {
			r->denied++;
		} else {
			kt_fail(__FILE__, __LINE__, "unlink of %s: %s", RC_NAME, kt_errname(err));
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (r->tries < RC_TRIES && now.tv_sec - start.tv_sec < RC_SECONDS);
}

/*
 * What every race must show: no bypass, both directories seen, and enough
 * tries (unpatched, each race removed prot/victim within a few hundred).
 */
static void rc_check(const char *what, const struct rc_result *r)
{
	printf("#   %s: %ld tries while the base flipped %ld times: %ld removed "
	       "other/%s, %ld denied%s\n", what, r->tries, atomic_load(&rc_flips),
	       r->removed, RC_NAME, r->denied,
	       r->bypassed ? ", REMOVED prot/" RC_NAME : "");
	CHECK(!r->bypassed);
	CHECK(rc_prot_exists());
	CHECK(r->tries >= RC_MIN_TRIES);
	CHECK(r->removed > 0 && r->denied > 0);
	CHECK(atomic_load(&rc_flips) > 0);
}

static void rc_open_dirs(void)
{
	other_fd = open(TP "/other", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	prot_fd = open(TP "/prot", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(other_fd >= 0 && prot_fd >= 0);
	CHECK_EQ(fchdir(other_fd), 0);
	rc_which = 0;
	atomic_store(&rc_stop, 0);
	atomic_store(&rc_flips, 0);
}

static void rc_on_signal(int sig __attribute__((unused)))
{
	int err = errno;

	rc_which = !rc_which;
	if (fchdir(rc_which ? prot_fd : other_fd))
		abort();
	atomic_fetch_add_explicit(&rc_flips, 1, memory_order_relaxed);
	errno = err;
}

/* A timer's SIGUSR1 every 200 us: its handler changes the working directory. */
static void race_signal_cwd(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { .it_interval = { 0, 200000 }, .it_value = { 0, 200000 } };
	struct sigaction sa = { .sa_handler = rc_on_signal };
	struct rc_result r;
	sigset_t set;
	timer_t tid;

	rc_open_dirs();
	kt_confine("svt_paths");
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_EQ(timer_create(CLOCK_MONOTONIC, &sev, &tid), 0);
	CHECK_EQ(timer_settime(tid, 0, &its, NULL), 0);
	rc_loop(AT_FDCWD, &r);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	timer_delete(tid);
	rc_check("signal handler chdir", &r);
}

static void *rc_cwd_flipper(void *arg __attribute__((unused)))
{
	long n = 0;

	while (!atomic_load_explicit(&rc_stop, memory_order_relaxed)) {
		if (fchdir(++n & 1 ? prot_fd : other_fd))
			abort();
		atomic_store_explicit(&rc_flips, n, memory_order_relaxed);
	}
	return NULL;
}

/* A second thread (sharing the working directory) flips it with fchdir(). */
static void race_thread_cwd(void)
{
	struct rc_result r;
	pthread_t t;

	rc_open_dirs();
	kt_confine("svt_paths");
	CHECK_EQ(pthread_create(&t, NULL, rc_cwd_flipper, NULL), 0);
	rc_loop(AT_FDCWD, &r);
	atomic_store(&rc_stop, 1);
	pthread_join(t, NULL);
	rc_check("thread fchdir", &r);
}

static int rc_dirfd;

static void *rc_dup2_flipper(void *arg __attribute__((unused)))
{
	long n = 0;

	while (!atomic_load_explicit(&rc_stop, memory_order_relaxed)) {
		if (dup2(++n & 1 ? prot_fd : other_fd, rc_dirfd) != rc_dirfd)
			abort();
		atomic_store_explicit(&rc_flips, n, memory_order_relaxed);
	}
	return NULL;
}

/* unlinkat(dirfd, ...) while a second thread dup2()s the directories over dirfd. */
static void race_dup2(void)
{
	struct rc_result r;
	pthread_t t;

	rc_open_dirs();
	rc_dirfd = fcntl(other_fd, F_DUPFD_CLOEXEC, 0);
	CHECK(rc_dirfd >= 0);
	CHECK_EQ(chdir("/"), 0);
	kt_confine("svt_paths");
	CHECK_EQ(pthread_create(&t, NULL, rc_dup2_flipper, NULL), 0);
	rc_loop(rc_dirfd, &r);
	atomic_store(&rc_stop, 1);
	pthread_join(t, NULL);
	rc_check("thread dup2 over the directory fd", &r);
}

static void rc_run(const char *what, void (*fn)(void))
{
	rc_setup();
	kt_in_child_with_module("svt_paths", what, fn, NULL);
	CHECK(rc_prot_exists());
	tp_clean();
}

static void t_race_signal_cwd(void)
{
	rc_run("working directory changed by a signal handler", race_signal_cwd);
}

static void t_race_thread_cwd(void)
{
	rc_run("working directory changed by another thread", race_thread_cwd);
}

static void t_race_dup2(void)
{
	rc_run("directory fd replaced by another thread", race_dup2);
}

const struct ktest ktests_paths[] = {
	{ "paths_calls", t_paths },
	{ "paths_race", t_path_race },
	{ "paths_race_signal_cwd", t_race_signal_cwd },
	{ "paths_race_thread_cwd", t_race_thread_cwd },
	{ "paths_race_dup2", t_race_dup2 },
	{ NULL, NULL },
};
