// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec kernel tests: the runner and the helpers of ktest.h.
 *
 * usage: sysvec-ktest MODULE_DIR [TEST-NAME-SUBSTRING]
 * Prints one "ok N - name" / "not ok N - name" line per test and, last,
 * "N passed, N failed"; exits 1 if any test failed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktest.h"

int kt_failed;
const char *kt_moddir;
static const char *kt_current;
/* What the running test is doing, and files to show if it times out. */
static const char *volatile kt_phase_now;
#define KT_MAX_SHOW	8
static const char *volatile kt_show_files[KT_MAX_SHOW];

void kt_phase(const char *what)
{
	kt_phase_now = what;
}

void kt_show_on_timeout(const char *path)
{
	int i;

	for (i = 0; i < KT_MAX_SHOW; i++)
		if (!kt_show_files[i]) {
			kt_show_files[i] = path;
			return;
		}
}

static void kt_write_str(const char *s)
{
	if (write(1, s, strlen(s)) < 0)
		return;
}

/*
 * SIGALRM in a test: say where it was and what its programs wrote, with
 * async-signal-safe calls only, then die of SIGALRM as before.
 */
static void kt_on_timeout(int sig)
{
	char buf[2048];
	ssize_t n;
	int i, fd;

	kt_write_str("#   ");
	kt_write_str(kt_current);
	kt_write_str(": timed out while ");
	kt_write_str(kt_phase_now ? kt_phase_now : "running");
	kt_write_str("\n");
	for (i = 0; i < KT_MAX_SHOW && kt_show_files[i]; i++) {
		fd = open(kt_show_files[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		kt_write_str("#   ");
		kt_write_str(kt_show_files[i]);
		kt_write_str(":\n");
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (write(1, buf, n) < 0)
				break;
		close(fd);
		kt_write_str("\n");
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

const char *kt_errname(int err)
{
	static char buf[16];

	if (!err)
		return "0";
	const char *n = strerrorname_np(err);

	if (n)
		return n;
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

void kt_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("#   %s: %s:%d: ", kt_current, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	kt_failed++;
}

void kt_child_exit(void)
{
	fflush(stdout);
	_exit(kt_failed ? 1 : 0);
}

int kt_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

void kt_check_child_ok(pid_t pid, const char *what)
{
	int st = kt_wait(pid);

	if (!WIFEXITED(st) || WEXITSTATUS(st))
		kt_fail(__FILE__, __LINE__, "%s: child status 0x%x", what, st);
}

void kt_in_child(const char *what, void (*fn)(void))
{
	pid_t pid = fork();

	if (!pid) {
		fn();
		kt_child_exit();
	}
	kt_check_child_ok(pid, what);
}

void kt_in_child_with_module(const char *module, const char *what, void (*fn)(void),
			     const char *const *needles)
{
	char rec[1024];
	int kfd;

	CHECK_RET(kt_load_module(module, NULL), 0);
	kfd = kmsg_open();
	kt_in_child(what, fn);
	if (needles)
		CHECK(kmsg_find(kfd, needles, 5000, rec, sizeof(rec)));
	close(kfd);
	CHECK_RET(kt_unload_module(module), 0);
}

void kt_touch(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, mode);

	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
}

void kt_confine(const char *vector)
{
	CHECK_RET(sv_attach(0, 0, 0, vector), 0);
}

/* ---- /dev/sysvec ---- */

static int sv_dev = -1;

int sv_fd(void)
{
	if (sv_dev < 0)
		sv_dev = open(SYSVEC_DEVICE, O_RDWR | O_CLOEXEC);
	return sv_dev;
}

void sv_close(void)
{
	if (sv_dev >= 0)
		close(sv_dev);
	sv_dev = -1;
}

int sv_ioctl(unsigned long cmd, void *arg)
{
	return ioctl(sv_fd(), cmd, arg) < 0 ? -errno : 0;
}

int sv_attach(pid_t pid, unsigned int flags, unsigned int id, const char *name)
{
	struct sysvec_attach a = {
		.size = sizeof(a), .flags = flags, .pid = pid, .vector_id = id,
	};

	if (name)
		snprintf(a.vector_name, sizeof(a.vector_name), "%s", name);
	return sv_ioctl(SYSVEC_IOC_ATTACH, &a);
}

int sv_detach(pid_t pid)
{
	struct sysvec_detach d = { .size = sizeof(d), .pid = pid };

	return sv_ioctl(SYSVEC_IOC_DETACH, &d);
}

int sv_get(pid_t pid, struct sysvec_get *g)
{
	memset(g, 0, sizeof(*g));
	g->size = sizeof(*g);
	g->pid = pid;
	return sv_ioctl(SYSVEC_IOC_GET, g);
}

static int sv_find(const char *name, struct sysvec_vector_info *out)
{
	struct sysvec_vector_info info[32];
	struct sysvec_list l = {
		.size = sizeof(l), .count = 32, .entry_size = sizeof(info[0]),
		.entries = (unsigned long)info,
	};
	unsigned int i;

	if (sv_ioctl(SYSVEC_IOC_LIST, &l))
		return -1;
	for (i = 0; i < l.count && i < 32; i++) {
		if (!strcmp(info[i].name, name)) {
			*out = info[i];
			return 0;
		}
	}
	return -1;
}

unsigned int sv_vector_id(const char *name)
{
	struct sysvec_vector_info info;

	return sv_find(name, &info) ? 0 : info.id;
}

int sv_vector_tasks(const char *name, bool pending)
{
	struct sysvec_vector_info info;

	if (sv_find(name, &info))
		return -1;
	return pending ? (int)info.nr_pending : (int)info.nr_tasks;
}

long sv_stat(const char *key)
{
	char line[128], k[64];
	long v, ret = -1;
	FILE *f = fopen("/proc/sysvec/stats", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", k, &v) == 2 && !strcmp(k, key))
			ret = v;
	fclose(f);
	return ret;
}

bool sv_wait_probes(int want, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (sv_stat("probes_registered") == want)
			return true;
		usleep(10000);
	}
	return sv_stat("probes_registered") == want;
}

/* ---- probes ---- */

int probe_getppid(void)
{
	errno = 0;
	return syscall(SYS_getppid) < 0 ? errno : 0;
}

long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

/* ---- helper process ---- */

struct helper_thread {
	int cmd[2];
	int res;
};

static void *helper_thread_main(void *arg)
{
	struct helper_thread *ht = arg;
	char c;
	int r;

	while (read(ht->cmd[0], &c, 1) == 1) {
		r = probe_getppid();
		if (write(ht->res, &r, sizeof(r)) != sizeof(r))
			break;
	}
	return NULL;
}

static void *helper_new_thread(void *arg)
{
	*(int *)arg = probe_getppid();
	return NULL;
}

static void helper_main(int cmdfd, int resfd)
{
	struct helper_thread ht[HELPER_THREADS];
	pthread_t tid[HELPER_THREADS];
	int tres[2], i, r, n;
	char c;

	if (pipe(tres))
		_exit(2);
	for (i = 0; i < HELPER_THREADS; i++) {
		if (pipe(ht[i].cmd))
			_exit(2);
		ht[i].res = tres[1];
		pthread_create(&tid[i], NULL, helper_thread_main, &ht[i]);
	}
	r = 0;	/* ready: uid set, threads started */
	if (write(resfd, &r, sizeof(r)) != sizeof(r))
		_exit(2);
	while (read(cmdfd, &c, 1) == 1) {
		switch (c) {
		case 'p':
			r = probe_getppid();
			break;
		case 't':
			n = 0;
			for (i = 0; i < HELPER_THREADS; i++)
				if (write(ht[i].cmd[1], "x", 1) != 1)
					_exit(2);
			for (i = 0; i < HELPER_THREADS; i++) {
				if (read(tres[0], &r, sizeof(r)) != sizeof(r))
					_exit(2);
				n += r == EACCES;
			}
			r = n;
			break;
		case 'f': {
			pid_t pid = fork();

			if (!pid)
				_exit(probe_getppid());
			r = kt_wait(pid);
			r = WIFEXITED(r) ? WEXITSTATUS(r) : 1000 + r;
			break;
		}
		case 'n': {
			pthread_t t;

			pthread_create(&t, NULL, helper_new_thread, &r);
			pthread_join(t, NULL);
			break;
		}
		default:
			_exit(0);
		}
		if (write(resfd, &r, sizeof(r)) != sizeof(r))
			_exit(2);
	}
	_exit(0);
}

void helper_start(struct helper *h, int uid)
{
	int cmd[2], res[2], ready;

	if (pipe2(cmd, O_CLOEXEC) || pipe2(res, O_CLOEXEC)) {
		kt_fail(__FILE__, __LINE__, "pipe: %s", kt_errname(errno));
		return;
	}
	h->pid = fork();
	if (!h->pid) {
		if (uid >= 0 && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(2);
		close(cmd[1]);
		close(res[0]);
		helper_main(cmd[0], res[1]);
	}
	close(cmd[0]);
	close(res[1]);
	h->cmd = cmd[1];
	h->res = res[0];
	if (read(h->res, &ready, sizeof(ready)) != sizeof(ready))
		kt_fail(__FILE__, __LINE__, "helper did not start");
}

int helper_cmd(struct helper *h, char cmd)
{
	int r = -1;
	struct pollfd p = { .fd = h->res, .events = POLLIN };

	if (write(h->cmd, &cmd, 1) != 1)
		return -1;
	if (poll(&p, 1, 60000) != 1 || read(h->res, &r, sizeof(r)) != sizeof(r))
		return -1;
	return r;
}

void helper_stop(struct helper *h)
{
	close(h->cmd);
	close(h->res);
	kt_wait(h->pid);
}

/* ---- modules ---- */

int kt_load_module(const char *name, const char *params)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s.ko", kt_moddir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

int kt_unload_module(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK) ? -errno : 0;
}

int kt_unload_module_wait(const char *name, int ms)
{
	int ret;

	for (;;) {
		ret = kt_unload_module(name);
		if ((ret != -EBUSY && ret != -EAGAIN) || ms <= 0)
			return ret;
		usleep(50000);
		ms -= 50;
	}
}

long kt_module_value(const char *name, const char *file)
{
	char path[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/%s/%s", name, file);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int kt_module_refcnt(const char *name)
{
	return (int)kt_module_value(name, "refcnt");
}

/* ---- kernel log ---- */

int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

bool kmsg_find(int fd, const char *const *needles, int ms, char *out, size_t outlen)
{
	char rec[8192];
	ssize_t n;
	int i;

	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n < 0) {
			if (errno != EAGAIN || ms <= 0)
				return false;
			usleep(10000);
			ms -= 10;
			continue;
		}
		rec[n] = 0;
		for (i = 0; needles[i]; i++)
			if (!strstr(rec, needles[i]))
				break;
		if (!needles[i]) {
			if (out)
				snprintf(out, outlen, "%s", rec);
			return true;
		}
	}
}

void kt_become_nobody(bool nnp)
{
	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		kt_fail(__FILE__, __LINE__, "PR_SET_NO_NEW_PRIVS: %s", kt_errname(errno));
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
		kt_fail(__FILE__, __LINE__, "setresuid: %s", kt_errname(errno));
}

/* ---- runner ---- */

static const struct ktest *const kt_suites[] = {
	ktests_ioctl, ktests_actions, ktests_inherit, ktests_attach,
	ktests_perm, ktests_modules, ktests_cond, ktests_hooks, ktests_paths, ktests_dynsys,
	ktests_monitor, ktests_profiles, ktests_svrun, ktests_scope, ktests_abi, ktests_uring,
	ktests_guard,
};

/*
 * After a test: kill what is left of its process group, and wait (up to
 * 10 s) until every process it left behind has been reaped here, the
 * subreaper, so that none still holds a module or a port.
 */
static void kt_reap_all(pid_t pgrp)
{
	int ms;

	kill(-pgrp, SIGKILL);
	for (ms = 0; ms < 10000; ms += 10) {
		pid_t r = waitpid(-1, NULL, WNOHANG | __WALL);

		if (r < 0 && errno == ECHILD)
			return;
		if (r <= 0)
			usleep(10000);
	}
	printf("#   %s: processes it started did not exit within 10 s\n", kt_current);
}

/* The names of the loaded modules, one per line, newest first. */
static char *kt_modules_loaded(void)
{
	static char buf[16384];
	char line[512], name[128];
	size_t len = 0;
	FILE *f = fopen("/proc/modules", "re");

	buf[0] = 0;
	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s", name) == 1 && len + strlen(name) + 2 < sizeof(buf))
			len += sprintf(buf + len, "%s\n", name);
	fclose(f);
	return buf;
}

static bool kt_name_in(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == '\n') && p[n] == '\n')
			return true;
	return false;
}

/*
 * Unload the modules a test loaded and left behind (@before: the list when
 * it started), so one failure does not fail the tests after it. Returns
 * how many there were.
 */
static int kt_unload_leftovers(const char *before)
{
	char *now = strdup(kt_modules_loaded());
	char *line, *save = NULL;
	int n = 0;

	for (line = strtok_r(now, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (kt_name_in(before, line))
			continue;
		n++;
		printf("#   %s: left module %s loaded\n", kt_current, line);
		kt_unload_module_wait(line, 5000);
	}
	free(now);
	return n;
}

/* Whether test @name is selected by @filter: substrings, comma-separated. */
static bool kt_selected(const char *name, const char *filter)
{
	const char *p = filter, *end;
	char part[64];

	if (!filter)
		return true;
	for (; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ',');
		if ((size_t)(end - p) < sizeof(part) && end > p) {
			memcpy(part, p, end - p);
			part[end - p] = 0;
			if (strstr(name, part))
				return true;
		}
	}
	return false;
}

int main(int argc, char **argv)
{
	const char *filter = argc > 2 ? argv[2] : NULL;
	unsigned int s, passed = 0, failed = 0, n = 0;
	int timeout = getenv("KTEST_TIMEOUT") ? atoi(getenv("KTEST_TIMEOUT")) : 120;
	int repeat = getenv("KTEST_REPEAT") ? atoi(getenv("KTEST_REPEAT")) : 1;
	int r;

	/* Used by exec tests: report what getppid() gets in the new program. */
	if (argc == 2 && !strcmp(argv[1], "--probe-getppid"))
		return probe_getppid();
	if (argc == 2 && !strcmp(argv[1], "--probe-getppid-as-root"))
		return geteuid() ? 200 : probe_getppid();
	if (argc == 3 && !strcmp(argv[1], "--scope-attack"))
		return scope_attack(atoi(argv[2]));
	if (argc < 2) {
		fprintf(stderr, "usage: %s MODULE_DIR [FILTER]\n", argv[0]);
		return 2;
	}
	kt_moddir = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Orphans of a test are reparented here and reaped between tests. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

	for (r = 0; r < repeat; r++) {
		for (s = 0; s < sizeof(kt_suites) / sizeof(kt_suites[0]); s++) {
			const struct ktest *t;

			for (t = kt_suites[s]; t->name; t++) {
				char *before;
				struct timespec t0, t1;
				pid_t pid;
				int st;

				if (!kt_selected(t->name, filter))
					continue;
				n++;
				kt_current = t->name;
				before = strdup(kt_modules_loaded());
				clock_gettime(CLOCK_MONOTONIC, &t0);
				pid = fork();
				if (!pid) {
					setpgid(0, 0);
					signal(SIGALRM, kt_on_timeout);
					alarm(timeout);
					t->fn();
					kt_child_exit();
				}
				st = kt_wait(pid);
				clock_gettime(CLOCK_MONOTONIC, &t1);
				kt_reap_all(pid);
				if (kt_unload_leftovers(before) && WIFEXITED(st))
					st = 1 << 8;	/* a test must clean up after itself */
				free(before);
				if (WIFEXITED(st) && !WEXITSTATUS(st)) {
					passed++;
					printf("ok %u - %s\n", n, t->name);
				} else {
					failed++;
					printf("not ok %u - %s (status 0x%x%s, after %.1f s)\n",
					       n, t->name, st,
					       WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM ?
					       ", timed out" : "",
					       (t1.tv_sec - t0.tv_sec) +
					       (t1.tv_nsec - t0.tv_nsec) / 1e9);
				}
			}
		}
	}
	printf("ktest: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
