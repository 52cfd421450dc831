// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec-bench: what a syscall costs under sysvec and under seccomp, run
 * as /init's program in the benchmark VM (tests/bench/run.sh).
 *
 *   sysvec-bench MODULE_DIR PROFILE_DIR REPS
 *
 * with SYSVEC_VECTOR_DIR set to MODULE_DIR, where the vector modules of
 * the benchmark profiles (tests/bench/gen-profiles.sh) are.
 * Loads the modules itself, because the first configuration is the kernel
 * without them. Every configuration is measured in a fresh child (a
 * confined process cannot undo its vector or filter), which writes its
 * results to memory it shares with the parent. Output, one line each:
 *
 *   BENCH,<config>,<call>,<rep>,<ns per call>
 *
 * timed with CLOCK_MONOTONIC; under qemu -icount shift=0 a guest
 * nanosecond is one guest instruction. Repetitions are interleaved: every
 * configuration once, then all of them again.
 *
 * Then the launch cost of /bin/true, and Debian's nginx and apache2
 * (configured as in tests/vm/httpd/) serving REQUESTS sequential GETs of a
 * small page from a client in this program, unconfined and under
 * svrun -p httpd with either backend: "BENCH,<server>-<how>,request,...".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "libsysvec.h"

enum call { C_GETPPID, C_READ, C_OPENAT, C_STAT, C_NR };
static const char *const call_names[C_NR] = { "getppid", "read", "openat+close", "stat" };
static const long iterations[C_NR] = { 100000, 100000, 20000, 20000 };

#define LAUNCHES	20

static const char *moddir, *profdir;
static double *shared;		/* results of the child, C_NR of them */
static int zero_fd;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ns per call of @c, or -1 if a call failed (unless @denied: it must). */
static double measure(enum call c, bool denied)
{
	long i, n = iterations[c];
	struct stat st;
	char b;
	double t0;

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		long r = 0;

		switch (c) {
		case C_GETPPID:
			r = syscall(SYS_getppid);
			break;
		case C_READ:
			r = syscall(SYS_read, zero_fd, &b, 1) == 1 ? 0 : -1;
			break;
		case C_OPENAT:
			r = syscall(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
			if (r >= 0)
				r = syscall(SYS_close, r);
			break;
		case C_STAT:
			r = syscall(SYS_stat, "/dev/zero", &st);
			break;
		default:
			break;
		}
		if ((r < 0) != denied || (denied && errno != EPERM))
			return -1;
	}
	return (now_ns() - t0) / n;
}

/* How the measured child is set up. */
enum setup { S_NONE, S_SYSVEC, S_SECCOMP, S_SECCOMP_TREE };

struct config {
	const char *name;
	enum setup setup;
	const char *profile;	/* vector / profile name */
	bool getppid_only;	/* deny and log: only the call they act on */
	bool denied;		/* ... which fails with EPERM */
	bool other_confined;	/* another process is confined meanwhile */
	bool load_modules;	/* load the modules before this one */
	bool empty_probe;	/* bench_tp.ko: an empty sys_enter probe */
};

static const struct config configs[] = {
	{ .name = "none" },
	{ .name = "loaded", .load_modules = true },
	{ .name = "empty-probe", .empty_probe = true },
	{ .name = "other-confined", .profile = "bench-exec", .other_confined = true },
	{ .name = "sysvec-1", .setup = S_SYSVEC, .profile = "bench-1" },
	{ .name = "sysvec-300-first", .setup = S_SYSVEC, .profile = "bench-300-first" },
	{ .name = "sysvec-300-middle", .setup = S_SYSVEC, .profile = "bench-300-middle" },
	{ .name = "sysvec-300-last", .setup = S_SYSVEC, .profile = "bench-300-last" },
	{ .name = "sysvec-deny", .setup = S_SYSVEC, .profile = "bench-deny", .getppid_only = true,
	  .denied = true },
	{ .name = "sysvec-log", .setup = S_SYSVEC, .profile = "bench-log", .getppid_only = true },
	{ .name = "seccomp-1", .setup = S_SECCOMP, .profile = "bench-1" },
	{ .name = "seccomp-300-first", .setup = S_SECCOMP, .profile = "bench-300-first" },
	{ .name = "seccomp-300-middle", .setup = S_SECCOMP, .profile = "bench-300-middle" },
	{ .name = "seccomp-300-last", .setup = S_SECCOMP, .profile = "bench-300-last" },
	{ .name = "seccomp-tree-300-first", .setup = S_SECCOMP_TREE, .profile = "bench-300-first" },
	{ .name = "seccomp-tree-300-middle", .setup = S_SECCOMP_TREE,
	  .profile = "bench-300-middle" },
	{ .name = "seccomp-tree-300-last", .setup = S_SECCOMP_TREE, .profile = "bench-300-last" },
	{ .name = "seccomp-deny", .setup = S_SECCOMP, .profile = "bench-deny", .getppid_only = true,
	  .denied = true },
	{ .name = "seccomp-log", .setup = S_SECCOMP, .profile = "bench-log", .getppid_only = true },
};

static void profile_path(const char *name, char *path, size_t len)
{
	snprintf(path, len, "%s/%s.yaml", profdir, name);
}

/* Confine the calling process as @cfg says; 0 or -errno. */
static int confine(const struct config *cfg)
{
	char path[512];
	unsigned int flags = 0;

	switch (cfg->setup) {
	case S_SYSVEC:
		return sysvec_attach(0, cfg->profile, 0);
	case S_SECCOMP_TREE:
		flags = SYSVEC_SECCOMP_BINTREE;
		/* fall through */
	case S_SECCOMP:
		profile_path(cfg->profile, path, sizeof(path));
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			return -errno;
		return sysvec_seccomp_load(path, flags, stderr);
	default:
		return 0;
	}
}

/* A process confined by @vector that waits to be killed. */
static pid_t start_other(const char *vector)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		close(p[0]);
		if (sysvec_attach(0, vector, 0))
			_exit(1);
		c = 'r';
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		fprintf(stderr, "sysvec-bench: the confined process did not start\n");
		pid = -1;
	}
	close(p[0]);
	return pid;
}

/* Whether sysvec's probes are registered now. */
static bool probes_registered(void)
{
	FILE *f = fopen(SYSVEC_PROC_DIR "/stats", "re");
	char line[128];
	int v = 0;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "probes_registered %d", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void run_config(const struct config *cfg, int rep)
{
	char path[512];
	pid_t other = 0, pid;
	int c, st, ret;

	if (cfg->load_modules && probes_registered()) {
		printf("BENCH-ERROR,%s,probes,registered with nothing confined\n", cfg->name);
		return;
	}
	if (cfg->empty_probe) {
		snprintf(path, sizeof(path), "%s/bench_tp.ko", moddir);
		ret = sysvec_module_load(path);
		if (ret) {
			printf("BENCH-ERROR,%s,bench_tp.ko,%s\n", cfg->name, strerror(-ret));
			return;
		}
	}
	if (cfg->other_confined && (other = start_other(cfg->profile)) < 0)
		return;
	memset(shared, 0, C_NR * sizeof(*shared));
	pid = fork();
	if (!pid) {
		int ret = confine(cfg);

		if (ret) {
			fprintf(stderr, "sysvec-bench: %s: cannot confine: %s\n", cfg->name,
				strerror(-ret));
			_exit(1);
		}
		for (c = 0; c < C_NR; c++) {
			if (cfg->getppid_only && c != C_GETPPID)
				continue;
			shared[c] = measure(c, cfg->denied);
		}
		syscall(SYS_exit_group, 0);
	}
	waitpid(pid, &st, 0);
	if (other > 0) {
		kill(other, SIGKILL);
		waitpid(other, NULL, 0);
	}
	if (cfg->empty_probe && syscall(SYS_delete_module, "bench_tp", O_NONBLOCK))
		printf("BENCH-ERROR,%s,bench_tp.ko,cannot unload: %s\n", cfg->name,
		       strerror(errno));
	for (c = 0; c < C_NR; c++) {
		if (cfg->getppid_only && c != C_GETPPID)
			continue;
		if (shared[c] < 0)
			printf("BENCH-ERROR,%s,%s,a call %s\n", cfg->name, call_names[c],
			       cfg->denied ? "was not denied with EPERM" : "failed");
		else if (shared[c] == 0)
			printf("BENCH-ERROR,%s,%s,not measured (status %#x)\n", cfg->name,
			       call_names[c], st);
		else
			printf("BENCH,%s,%s,%d,%.1f\n", cfg->name, call_names[c], rep, shared[c]);
	}
	fflush(stdout);
}

/* ns per launch of @argv, each waited for, in a process set up by @vector. */
static void run_launch(const char *name, char *const argv[], const char *vector, int rep)
{
	double t0;
	pid_t pid, outer = 0;
	int i, st, failed = 0;

	if (vector) {
		/* fork+exec from inside a confined process */
		outer = fork();
		if (!outer) {
			if (sysvec_attach(0, vector, 0))
				_exit(1);
			run_launch(name, argv, NULL, rep);
			_exit(0);
		}
		waitpid(outer, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			printf("BENCH-ERROR,%s,launch,cannot confine\n", name);
		return;
	}
	t0 = now_ns();
	for (i = 0; i < LAUNCHES; i++) {
		pid = fork();
		if (!pid) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 1);
			dup2(fd, 2);
			execv(argv[0], argv);
			_exit(127);
		}
		waitpid(pid, &st, 0);
		failed += !WIFEXITED(st) || WEXITSTATUS(st);
	}
	if (failed)
		printf("BENCH-ERROR,%s,launch,%d of %d launches failed\n", name, failed, LAUNCHES);
	else
		printf("BENCH,%s,launch,%d,%.1f\n", name, rep, (now_ns() - t0) / LAUNCHES);
	fflush(stdout);
}

#define REQUESTS	300

/* GET / from 127.0.0.1:@port and read the whole answer: 0, or -1. */
static int http_get(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	char buf[4096];
	ssize_t n, total = 0;
	int fd;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    write(fd, req, sizeof(req) - 1) != sizeof(req) - 1) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	close(fd);
	return n == 0 && total > 0 && !strncmp(buf, "HTTP/1.", 7) ? 0 : -1;
}

/* ns per request of the server @argv listening on @port. */
static void run_server(const char *name, char *const argv[], int port, int rep)
{
	pid_t pid = fork();
	double t0;
	int i, tries;

	if (!pid) {
		int fd = open("/dev/null", O_WRONLY);

		setpgid(0, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	for (tries = 0; tries < 600 && http_get(port); tries++)
		usleep(100000);
	if (tries == 600) {
		printf("BENCH-ERROR,%s,request,the server did not answer\n", name);
	} else {
		t0 = now_ns();
		for (i = 0; i < REQUESTS && !http_get(port); i++)
			;
		if (i < REQUESTS)
			printf("BENCH-ERROR,%s,request,request %d failed\n", name, i);
		else
			printf("BENCH,%s,request,%d,%.1f\n", name, rep, (now_ns() - t0) / REQUESTS);
	}
	fflush(stdout);
	kill(-pid, SIGKILL);
	while (waitpid(-pid, NULL, 0) > 0)
		;
}

static void run_servers(int rep)
{
	static char *const nginx[] = { "/usr/sbin/nginx", "-c", "/etc/nginx/nginx.conf", NULL };
	static char *const nginx_kmod[] = { "/usr/sbin/svrun", "-q", "-b", "kmod", "-p", "httpd",
		"--", "/usr/sbin/nginx", "-c", "/etc/nginx/nginx.conf", NULL };
	static char *const nginx_seccomp[] = { "/usr/sbin/svrun", "-q", "-b", "seccomp",
		"--allow-degraded", "-p", "httpd", "--", "/usr/sbin/nginx", "-c",
		"/etc/nginx/nginx.conf", NULL };
	static char *const apache2[] = { "/usr/sbin/apache2", "-X", "-d", "/etc/apache2", "-f",
		"/etc/apache2/apache2.conf", NULL };
	static char *const apache2_kmod[] = { "/usr/sbin/svrun", "-q", "-b", "kmod", "-p",
		"httpd", "--", "/usr/sbin/apache2", "-X", "-d", "/etc/apache2", "-f",
		"/etc/apache2/apache2.conf", NULL };
	static char *const apache2_seccomp[] = { "/usr/sbin/svrun", "-q", "-b", "seccomp",
		"--allow-degraded", "-p", "httpd", "--", "/usr/sbin/apache2", "-X", "-d",
		"/etc/apache2", "-f", "/etc/apache2/apache2.conf", NULL };

	run_server("nginx", nginx, 8081, rep);
	run_server("nginx-svrun-kmod", nginx_kmod, 8081, rep);
	run_server("nginx-svrun-seccomp", nginx_seccomp, 8081, rep);
	run_server("apache2", apache2, 8080, rep);
	run_server("apache2-svrun-kmod", apache2_kmod, 8080, rep);
	run_server("apache2-svrun-seccomp", apache2_seccomp, 8080, rep);
}

static int load_modules(void)
{
	static const char *const vectors[] = {
		"bench-1", "bench-300-first", "bench-300-middle", "bench-300-last",
		"bench-deny", "bench-log", "bench-exec",
	};
	char path[512];
	size_t i;
	int ret;

	snprintf(path, sizeof(path), "%s/sysvec.ko", moddir);
	ret = sysvec_module_load(path);
	if (ret && ret != -EEXIST)
		return ret;
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		ret = sysvec_module_find(vectors[i], path, sizeof(path));
		if (!ret)
			ret = sysvec_module_load(path);
		if (ret && ret != -EEXIST) {
			fprintf(stderr, "sysvec-bench: vector %s: %s\n", vectors[i],
				strerror(-ret));
			return ret;
		}
	}
	for (i = 0; i < 100 && !sysvec_available(); i++)
		usleep(10000);
	return sysvec_available() ? 0 : -ENODEV;
}

int main(int argc, char **argv)
{
	char *true_argv[] = { "/bin/true", NULL };
	char *svrun_kmod[] = { "/usr/sbin/svrun", "-q", "-b", "kmod", "-p", "bench-exec",
			       "--", "/bin/true", NULL };
	char *svrun_seccomp[] = { "/usr/sbin/svrun", "-q", "-b", "seccomp", "-p", "bench-exec",
				  "--", "/bin/true", NULL };
	int reps, rep, ret;
	size_t i;

	if (argc != 4 || (reps = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: sysvec-bench MODULE_DIR PROFILE_DIR REPS\n");
		return 2;
	}
	moddir = argv[1];
	profdir = argv[2];
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	zero_fd = open("/dev/zero", O_RDONLY);
	if (shared == MAP_FAILED || zero_fd < 0) {
		perror("sysvec-bench");
		return 1;
	}
	for (rep = 0; rep < reps; rep++) {
		for (i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
			if (configs[i].load_modules && !sysvec_available()) {
				ret = load_modules();
				if (ret) {
					printf("BENCH-ERROR,loaded,modules,%s\n", strerror(-ret));
					return 1;
				}
			}
			/* "none" only before the modules are loaded */
			if (i == 0 && sysvec_available())
				continue;
			/*
			 * "none": after the kernel's own work after boot has
			 * settled (6.12 runs some in the first second, which
			 * icount would charge to the calls); "loaded": the
			 * probes must not be registered yet, also not lingering
			 * after the last confined process.
			 */
			if (i == 0 || configs[i].load_modules)
				sleep(2);
			run_config(&configs[i], rep);
		}
		run_launch("exec", true_argv, NULL, rep);
		run_launch("exec-confined", true_argv, "bench-exec", rep);
		run_launch("svrun-kmod", svrun_kmod, NULL, rep);
		run_launch("svrun-seccomp", svrun_seccomp, NULL, rep);
		run_servers(rep);
	}
	printf("BENCH-END\n");
	return 0;
}
