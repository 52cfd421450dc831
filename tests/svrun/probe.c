// SPDX-License-Identifier: GPL-2.0
/*
 * sv-probe CASE: make the system call(s) of one case of the svrun behaviour
 * matrix (tests/svrun/matrix.sh) and print what came back: "ok", a value,
 * or the errno's name. A call the profile kills never prints.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sysvec.h"

#define X32_BIT		0x40000000L
#define IA32_GETPPID	64
#define IA32_GETPID	20

static long int80(long nr)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory", "cc", "r8", "r9",
			 "r10", "r11");
	return ret;
}

/* "ok" for a non-negative result, else errno's name. */
static int show(long r)
{
	if (r >= 0)
		printf("ok\n");
	else
		printf("%s\n", strerrorname_np(errno) ?: "?");
	return 0;
}

static int show_raw(long r)
{
	if (r >= 0 || r < -4095)
		printf("ok\n");
	else
		printf("%s\n", strerrorname_np(-r) ?: "?");
	return 0;
}

/*
 * http-get PORT PATH: print the body of GET PATH from 127.0.0.1:PORT,
 * retrying for 60 s while the server starts (for make demo).
 */
static int http_get(int port, const char *path)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	char req[512], resp[8192];
	size_t have = 0;
	ssize_t n;
	int fd, tries;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n", path);
	for (tries = 0; tries < 60; tries++) {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return 1;
		if (!connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		close(fd);
		sleep(1);
	}
	if (tries == 60 || write(fd, req, strlen(req)) != (ssize_t)strlen(req))
		return 1;
	while (have < sizeof(resp) - 1 && (n = read(fd, resp + have, sizeof(resp) - 1 - have)) > 0)
		have += n;
	resp[have] = 0;
	close(fd);
	printf("%s", strstr(resp, "\r\n\r\n") ? strstr(resp, "\r\n\r\n") + 4 : resp);
	return strstr(resp, " 200 ") ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";

	if (!strcmp(c, "getpid"))
		return show(syscall(SYS_getpid));
	if (!strcmp(c, "getppid"))
		return show(syscall(SYS_getppid));
	if (!strcmp(c, "getpgrp"))
		return show(syscall(SYS_getpgrp));
	if (!strcmp(c, "getuid"))
		return show(syscall(SYS_getuid));
	if (!strcmp(c, "mkdir")) {
		show(syscall(SYS_mkdir, argc > 2 ? argv[2] : "/tmp/sv-probe-dir", 0700));
		return 0;
	}
	if (!strcmp(c, "umask")) {
		syscall(SYS_umask, 077);
		printf("%ld\n", syscall(SYS_umask, 022));	/* 63 when it ran */
		return 0;
	}
	if (!strcmp(c, "getpriority-pgrp"))
		return show(syscall(SYS_getpriority, PRIO_PGRP, 0));
	if (!strcmp(c, "getpriority-process"))
		return show(syscall(SYS_getpriority, PRIO_PROCESS, 0));
	if (!strcmp(c, "int80-getppid"))
		return show_raw(int80(IA32_GETPPID));
	if (!strcmp(c, "int80-getpid"))
		return show_raw(int80(IA32_GETPID));
	if (!strcmp(c, "x32-getpid"))
		return show(syscall(X32_BIT | SYS_getpid));
	if (!strcmp(c, "io_uring")) {
		struct io_uring_params p = { 0 };
		long fd = syscall(SYS_io_uring_setup, 4, &p);

		return show(fd);
	}
	if (!strcmp(c, "fork-getppid")) {
		pid_t pid = fork();
		int st;

		if (!pid)
		{
			show(syscall(SYS_getppid));
			fflush(stdout);
			_exit(0);
		}
		waitpid(pid, &st, 0);
		return 0;
	}
	if (!strcmp(c, "exec-getppid")) {
		execl("/proc/self/exe", argv[0], "getppid", NULL);
		return show(-1);
	}
	if (!strcmp(c, "ids")) {
		char line[256];
		FILE *f = fopen("/proc/self/status", "re");
		const char *keys[] = { "Uid:", "Gid:", "CapEff:", "CapBnd:", "CapAmb:", "NoNewPrivs:" };

		while (f && fgets(line, sizeof(line), f))
			for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				if (!strncmp(line, keys[i], strlen(keys[i]))) {
					char *v = line + strlen(keys[i]);

					v[strcspn(v, "\n")] = 0;
					while (*v == '\t' || *v == ' ')
						v++;
					printf("%s%s", i ? " " : "", keys[i]);
					printf("%.*s", (int)strcspn(v, "\t"), v);
				}
		printf("\n");
		return 0;
	}
	if (!strcmp(c, "sysvec-state")) {
		/* the caller's binding as GET reports it: bound,locked,complain */
		struct sysvec_get g = { .size = sizeof(g) };
		int fd = open(SYSVEC_DEVICE, O_RDONLY | O_CLOEXEC);

		if (fd < 0 || ioctl(fd, SYSVEC_IOC_GET, &g)) {
			printf("none\n");
			return 0;
		}
		printf("%s%s%s\n", g.state & SYSVEC_STATE_BOUND ? "bound" : "unbound",
		       g.state & SYSVEC_STATE_LOCKED ? ",locked" : "",
		       g.state & SYSVEC_STATE_COMPLAIN ? ",complain" : "");
		return 0;
	}
	if (!strcmp(c, "http-get") && argc == 4)
		return http_get(atoi(argv[2]), argv[3]);
	fprintf(stderr, "sv-probe: unknown case %s\n", c);
	return 2;
}
