// SPDX-License-Identifier: GPL-2.0
/*
 * What `make demo` shows inside the VM: the registry, a real program
 * (busybox mkdir) started under the "demo" vector the way a launcher does
 * it (bind at execve, the launcher itself stays free), its denial, the
 * audit record the kernel wrote, and the counters.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sysvec.h"

static void cat(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	printf("$ cat %s\n", path);
	fflush(stdout);
	while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	if (fd >= 0)
		close(fd);
	printf("\n");
}

static void run(char *const argv[], bool confined)
{
	pid_t pid;
	int st;

	printf("$ %s%s %s\n", confined ? "[vector demo] " : "", argv[0], argv[1] ? argv[1] : "");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		struct sysvec_attach a = {
			.size = sizeof(a), .flags = SYSVEC_ATTACH_ON_EXEC,
			.vector_name = "demo",
		};
		int fd = open(SYSVEC_DEVICE, O_RDWR);

		/* Like seccomp: unprivileged callers set no_new_privs first. */
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		if (confined && (fd < 0 || ioctl(fd, SYSVEC_IOC_ATTACH, &a))) {
			perror("attach");
			_exit(1);
		}
		execv("/bin/busybox", argv);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	printf("(exit status %d)\n\n", WEXITSTATUS(st));
}

int main(void)
{
	char *mk1[] = { "mkdir", "/tmp/free", NULL };
	char *mk2[] = { "mkdir", "/tmp/confined", NULL };
	char rec[8192];
	int kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	ssize_t n;

	lseek(kfd, 0, SEEK_END);
	printf("SVT-DEMO-BEGIN\n");
	cat("/proc/sysvec/vectors");
	run(mk1, false);
	run(mk2, true);
	usleep(200000);
	printf("$ the audit record (type 1316) the kernel wrote:\n");
	while ((n = read(kfd, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = 0;
		if (strstr(rec, "type=1316"))
			printf("%s", strchr(rec, ';') ? strchr(rec, ';') + 1 : rec);
	}
	printf("\n");
	/* The probes go once nothing has been bound for a second. */
	sleep(2);
	cat("/proc/sysvec/stats");
	printf("SVT-DEMO-END\n");
	return 0;
}
