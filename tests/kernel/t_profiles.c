// SPDX-License-Identifier: GPL-2.0
/*
 * The shipped profiles (the YAML files in profiles/), compiled by policyc into vector
 * modules: each loads, and behaves as its rules say. The httpd profile is
 * also run under Debian's real apache2 and nginx, which must start, serve a
 * page (and CGI, for apache2) and stop cleanly while confined.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

/* ---- protect-files: unlink, rename and stat of protected files ---- */

#define PF_TMP	"/tmp/pf"

static void protect_files_calls(void)
{
	struct statx stx;
	struct stat st;
	int fd;

	kt_confine("protect-files");
	/* the protected files, however they are named; the caller is root */
	CHECK_ERRNO(stat("/etc/shadow", &st), EACCES);
	CHECK_ERRNO(lstat("/etc/passwd", &st), EACCES);
	CHECK_ERRNO(statx(AT_FDCWD, "/etc/shadow", 0, STATX_BASIC_STATS, &stx), EACCES);
	CHECK_ERRNO(unlink("/etc/shadow"), EACCES);
	CHECK_ERRNO(unlinkat(AT_FDCWD, "/etc/passwd", 0), EACCES);
	CHECK_ERRNO(rename("/etc/passwd", PF_TMP "/passwd"), EACCES);
	CHECK_ERRNO(stat("/etc/sysvec/profiles", &st), EACCES);	/* below one */
	CHECK_ERRNO(rename(PF_TMP "/file", "/etc/sysvec/new"), EACCES);
	CHECK_ERRNO(stat("/tmp/../etc/./shadow", &st), EACCES);
	CHECK_ERRNO(stat(PF_TMP "/link", &st), EACCES);		/* followed */
	CHECK_ERRNO(stat("/etc/shadow-hard", &st), EACCES);	/* another name */
	CHECK_ERRNO(unlink("/etc/shadow-hard"), EACCES);
	CHECK_EQ(chdir("/etc"), 0);
	CHECK_ERRNO(stat("shadow", &st), EACCES);
	CHECK_ERRNO(unlink("sysvec/profiles/default.yaml"), EACCES);
	fd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK_ERRNO(fstatat(fd, "../etc/passwd", &st, 0), EACCES);
	CHECK_ERRNO(renameat(fd, "pf/file", fd, "../etc/shadow"), EACCES);
	close(fd);
	CHECK_EQ(chdir("/"), 0);

	/* nothing else changes */
	fd = open("/etc/shadow", O_RDONLY | O_CLOEXEC);	/* not a rule of it */
	CHECK(fd >= 0);
	close(fd);
	CHECK_EQ(lstat(PF_TMP "/link", &st), 0);		/* the link itself */
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(unlink(PF_TMP "/link"), 0);
	CHECK_EQ(stat("/etc", &st), 0);
	CHECK_EQ(stat(PF_TMP "/file", &st), 0);
	CHECK_EQ(rename(PF_TMP "/file", PF_TMP "/file2"), 0);
	CHECK_EQ(unlink(PF_TMP "/file2"), 0);
	CHECK_ERRNO(stat(PF_TMP "/nothing", &st), ENOENT);
}

static void t_protect_files(void)
{
	struct sysvec_vector_info info[16];
	struct sysvec_list l = {
		.size = sizeof(l), .count = 16, .entry_size = sizeof(info[0]),
		.entries = (unsigned long)info,
	};
	unsigned int i;
	bool found = false;
	struct stat st;

	CHECK_RET(kt_load_module("sysvec_protect_files", NULL), 0);
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), 0);
	for (i = 0; i < l.count && i < 16; i++) {
		if (strcmp(info[i].name, "protect-files"))
			continue;
		found = true;
		CHECK_EQ(info[i].flags & SYSVEC_VECTOR_F_HOOKS, SYSVEC_VECTOR_F_HOOKS);
		CHECK(!strncmp(info[i].version, "1+", 2));
	}
	CHECK(found);

	CHECK_EQ(system("rm -rf " PF_TMP), 0);
	CHECK_EQ(mkdir(PF_TMP, 0755), 0);
	kt_touch("/etc/shadow", 0640);
	kt_touch(PF_TMP "/file", 0644);
	CHECK_EQ(symlink("/etc/shadow", PF_TMP "/link"), 0);
	unlink("/etc/shadow-hard");
	CHECK_EQ(link("/etc/shadow", "/etc/shadow-hard"), 0);
	kt_in_child("protect-files", protect_files_calls);
	CHECK_EQ(stat("/etc/shadow", &st), 0);
	CHECK_EQ(stat("/etc/passwd", &st), 0);
	CHECK_EQ(stat("/etc/sysvec/profiles/default.yaml", &st), 0);
	CHECK_EQ(unlink("/etc/shadow-hard"), 0);
	CHECK_EQ(system("rm -rf " PF_TMP), 0);
	CHECK_RET(kt_unload_module("sysvec_protect_files"), 0);
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
