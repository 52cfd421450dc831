// SPDX-License-Identifier: GPL-2.0
/*
 * Path wraps (svt_paths): the handler decides on the kernel's copy of each
 * path, for every supported call and both ABIs, with the calls' own errors
 * for bad paths; object checks however the path is spelt; and the classic
 * wrapper race, which svt_naive (a wrap reading user memory) loses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
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
	CHECK_ERRNO(syscall(SYS_stat, "./f", &st), EPERM);
	CHECK_EQ(chdir("/"), 0);
	CHECK_ERRNO(open(TP "/prot", O_RDONLY | O_DIRECTORY), EPERM);
	CHECK_ERRNO(unlinkat(other_fd, "../prot/f", 0), EPERM);
	CHECK_ERRNO(fstatat(other_fd, "../prot/f", &st, 0), EPERM);
	CHECK_EQ(fstatat(other_fd, "../ok", &st, 0), 0);
	CHECK_ERRNO(fstatat(prot_fd, "", &st, AT_EMPTY_PATH), EPERM);
	CHECK_ERRNO(fstatat(prot_fd, "f", &st, 0), EPERM);
	CHECK_ERRNO(fstatat(-1, "f", &st, 0), EBADF);	/* the call's own error */
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

const struct ktest ktests_paths[] = {
	{ "paths_calls", t_paths },
	{ "paths_race", t_path_race },
	{ NULL, NULL },
};
