// SPDX-License-Identifier: GPL-2.0
/*
 * sv-probe CASE: make the system call(s) of one case of the svrun behaviour
 * matrix (tests/svrun/matrix.sh) and print what came back: "ok", a value,
 * or the errno's name. A call the profile kills never prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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
	fprintf(stderr, "sv-probe: unknown case %s\n", c);
	return 2;
}
