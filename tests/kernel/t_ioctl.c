// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/sysvec input validation: sizes, flags, reserved fields, pointers,
 * pids, unknown commands, and random input that must never hurt the kernel.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"

static void t_version(void)
{
	struct sysvec_version v = { .size = sizeof(v) };

	CHECK_RET(sv_ioctl(SYSVEC_IOC_GET_VERSION, &v), 0);
	CHECK_EQ(v.major, SYSVEC_API_MAJOR);
	CHECK_EQ(v.minor, SYSVEC_API_MINOR);
	CHECK(v.features & SYSVEC_FEAT_IA32);
}

/* Every command refuses a size below version 0 and above a page. */
static void t_sizes(void)
{
	static const unsigned long cmds[] = {
		SYSVEC_IOC_GET_VERSION, SYSVEC_IOC_LIST, SYSVEC_IOC_GET,
		SYSVEC_IOC_ATTACH, SYSVEC_IOC_DETACH, SYSVEC_IOC_MONITOR_START,
		SYSVEC_IOC_MONITOR_STOP,
	};
	static const unsigned int ver0[] = {
		SYSVEC_VERSION_SIZE_VER0, SYSVEC_LIST_SIZE_VER0, SYSVEC_GET_SIZE_VER0,
		SYSVEC_ATTACH_SIZE_VER0, SYSVEC_DETACH_SIZE_VER0, SYSVEC_MONITOR_SIZE_VER0,
		SYSVEC_MONITOR_SIZE_VER0,
	};
	unsigned char *buf = calloc(1, 8192);
	unsigned int i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		*(unsigned int *)buf = 0;
		CHECK_RET(sv_ioctl(cmds[i], buf), EINVAL);
		*(unsigned int *)buf = ver0[i] - 1;
		CHECK_RET(sv_ioctl(cmds[i], buf), EINVAL);
		*(unsigned int *)buf = 4097;
		CHECK_RET(sv_ioctl(cmds[i], buf), E2BIG);
		/* Longer than the kernel knows, with a non-zero byte there. */
		memset(buf, 0, 8192);
		*(unsigned int *)buf = ver0[i] + 8;
		buf[ver0[i] + 3] = 1;
		CHECK_RET(sv_ioctl(cmds[i], buf), E2BIG);
	}
	/* Longer with zeros is fine. */
	memset(buf, 0, 8192);
	*(unsigned int *)buf = SYSVEC_GET_SIZE_VER0 + 64;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_GET, buf), 0);
	CHECK_EQ(*(unsigned int *)buf, SYSVEC_GET_SIZE_VER0 + 64);
	free(buf);
}

static void t_flags_reserved(void)
{
	struct sysvec_get g = { .size = sizeof(g) };
	struct sysvec_detach d = { .size = sizeof(d) };
	struct sysvec_list l = { .size = sizeof(l), .entry_size = sizeof(struct sysvec_vector_info) };
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		if ((1U << bit) & SYSVEC_ATTACH_F_MASK)
			continue;
		CHECK_RET(sv_attach(0, 1U << bit, 0, "svt_a"), EINVAL);
	}
	g.flags = 1;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_GET, &g), EINVAL);
	g.flags = 0;
	g.reserved = 1;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_GET, &g), EINVAL);
	d.flags = 1;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_DETACH, &d), EINVAL);
	d.flags = 0;
	d.reserved = 1;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_DETACH, &d), EINVAL);
	l.flags = 2;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), EINVAL);
	l.flags = 0;
	l.entry_size = 8;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), EINVAL);
}

static void t_pointers(void)
{
	static const unsigned long cmds[] = {
		SYSVEC_IOC_GET_VERSION, SYSVEC_IOC_LIST, SYSVEC_IOC_GET,
		SYSVEC_IOC_ATTACH, SYSVEC_IOC_DETACH,
	};
	struct sysvec_list l = {
		.size = sizeof(l), .count = 4, .entry_size = sizeof(struct sysvec_vector_info),
	};
	void *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned int i;

	for (i = 0; i < 5; i++) {
		CHECK_RET(sv_ioctl(cmds[i], NULL), EFAULT);
		CHECK_RET(sv_ioctl(cmds[i], (void *)1), EFAULT);
		CHECK_RET(sv_ioctl(cmds[i], (void *)0xffffffffff600000ul), EFAULT);
	}
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), EFAULT);	/* entries = 0 */
	l.entries = 16;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), EFAULT);
	l.entries = (unsigned long)ro;				/* read-only */
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), EFAULT);
	/* A struct that ends in an unmapped page. */
	{
		char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct sysvec_get *g;

		munmap(two + 4096, 4096);
		g = (struct sysvec_get *)(two + 4096 - 16);
		memset(g, 0, 16);
		g->size = sizeof(*g);
		CHECK_RET(sv_ioctl(SYSVEC_IOC_GET, g), EFAULT);
	}
}

static void t_list(void)
{
	struct sysvec_vector_info info[8];
	struct sysvec_list l = {
		.size = sizeof(l), .count = 0, .entry_size = sizeof(info[0]),
	};
	unsigned int i, seen = 0;

	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), 0);
	CHECK(l.count >= 2);
	l.count = 8;
	l.entries = (unsigned long)info;
	CHECK_RET(sv_ioctl(SYSVEC_IOC_LIST, &l), 0);
	for (i = 0; i < l.count && i < 8; i++) {
		if (!strcmp(info[i].name, "svt_a")) {
			CHECK(!strcmp(info[i].version, "1.0-test"));
			CHECK(!strcmp(info[i].module, "svt_a"));
			seen++;
		}
		if (!strcmp(info[i].name, "svt_b")) {
			CHECK(!strcmp(info[i].version, "2.0-test"));
			seen++;
		}
	}
	CHECK_EQ(seen, 2);
	CHECK(sv_vector_id("svt_a") != sv_vector_id("svt_b"));
}

static void t_proc_vectors(void)
{
	char buf[4096] = "";
	FILE *f = fopen("/proc/sysvec/vectors", "re");
	char want[128];
	size_t n;

	CHECK(f != NULL);
	if (!f)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	CHECK(strstr(buf, "id\tname\tversion\tmodule\ttasks") == buf);
	snprintf(want, sizeof(want), "\n%u\tsvt_a\t1.0-test\tsvt_a\t0\t0\n",
		 sv_vector_id("svt_a"));
	CHECK(strstr(buf, want) != NULL);
}

static void t_bad_targets(void)
{
	struct sysvec_get g;

	CHECK_RET(sv_attach(999999, 0, 0, "svt_a"), ESRCH);
	CHECK_RET(sv_attach(-5, 0, 0, "svt_a"), EINVAL);
	CHECK_RET(sv_detach(999999), ESRCH);
	CHECK_RET(sv_get(999999, &g), ESRCH);
	CHECK_RET(sv_get(-1, &g), EINVAL);
	CHECK_RET(sv_attach(2, 0, 0, "svt_a"), EPERM);	/* kthreadd */
	CHECK_RET(sv_detach(0), ENOENT);		/* nothing attached */
	/* A zombie: it exists, but there is nothing left to bind. */
	{
		pid_t z = fork();
		siginfo_t si;

		if (!z)
			_exit(0);
		CHECK(waitid(P_PID, z, &si, WEXITED | WNOWAIT) == 0);
		CHECK_RET(sv_attach(z, 0, 0, "svt_a"), ESRCH);
		CHECK_RET(sv_get(z, &g), 0);
		CHECK_EQ(g.state, 0);
		kt_wait(z);
	}
	CHECK_EQ(sv_stat("bound_tasks"), 0);
}

static void t_bad_vectors(void)
{
	struct sysvec_attach a = { .size = sizeof(a) };

	CHECK_RET(sv_attach(0, 0, 0xfffffff0, NULL), ENOENT);
	CHECK_RET(sv_attach(0, 0, 0, "no_such_vector"), ENOENT);
	CHECK_RET(sv_attach(0, 0, sv_vector_id("svt_a"), "svt_a"), EINVAL);
	CHECK_RET(sv_attach(0, 0, 0, NULL), EINVAL);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_LOCK, 0, NULL), EINVAL);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN | SYSVEC_ATTACH_LOCK, 0, NULL), EINVAL);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_ON_EXEC | SYSVEC_ATTACH_CHILDREN, 0, "svt_a"), EINVAL);
	memset(a.vector_name, 'x', sizeof(a.vector_name));	/* no NUL */
	CHECK_RET(sv_ioctl(SYSVEC_IOC_ATTACH, &a), EINVAL);
}

static void t_unknown_cmd(void)
{
	char buf[256] = { 0 };

	*(unsigned int *)buf = 80;
	CHECK_ERRNO(ioctl(sv_fd(), _IOW(SYSVEC_IOC_MAGIC, 99, struct sysvec_attach), buf), ENOTTY);
	CHECK_ERRNO(ioctl(sv_fd(), _IOW('x', 3, struct sysvec_attach), buf), ENOTTY);
	/* The right number with the wrong size or direction is another command. */
	CHECK_ERRNO(ioctl(sv_fd(), _IOW(SYSVEC_IOC_MAGIC, 3, int), buf), ENOTTY);
	CHECK_ERRNO(ioctl(sv_fd(), _IOR(SYSVEC_IOC_MAGIC, 3, struct sysvec_attach), buf), ENOTTY);
	CHECK_ERRNO(ioctl(sv_fd(), 0, buf), ENOTTY);
}

/*
 * Random commands and bytes. As root only against a pid that does not
 * exist (so nothing real is confined); unprivileged without restriction.
 */
static void fuzz(unsigned int seed, int iterations, bool root)
{
	unsigned char buf[512];
	int i, j;

	srandom(seed);
	for (i = 0; i < iterations; i++) {
		unsigned long cmd;
		unsigned int nr = random() % 8, size = random() % 300;

		switch (random() % 5) {
		case 0: cmd = _IOWR(SYSVEC_IOC_MAGIC, nr, char[1]) & ~(0x3fffUL << 16);
			cmd |= (unsigned long)(size & 0x3fff) << 16; break;
		case 1: cmd = _IOW(SYSVEC_IOC_MAGIC, nr, struct sysvec_attach); break;
		case 2: cmd = _IOWR(SYSVEC_IOC_MAGIC, nr, struct sysvec_get); break;
		case 3: cmd = _IOW(SYSVEC_IOC_MAGIC, nr, struct sysvec_monitor); break;
		default: cmd = random(); break;
		}
		for (j = 0; j < (int)sizeof(buf); j++)
			buf[j] = random();
		if (random() % 2)
			*(unsigned int *)buf = random() % 2 ? size : random() % 128;
		if (root) {
			/*
			 * pid field of ATTACH/DETACH/GET and of MONITOR_*: a
			 * pid that does not exist
			 */
			*(int *)(buf + 8) = 999999;
			*(int *)(buf + 12) = 999999;
		}
		ioctl(sv_fd(), cmd, random() % 16 ? (void *)buf : (void *)(long)random());
	}
}

static void t_fuzz(void)
{
	pid_t pid = fork();

	if (!pid) {
		kt_become_nobody(false);
		fuzz(1, 20000, false);
		_exit(0);
	}
	kt_check_child_ok(pid, "unprivileged fuzz");
	pid = fork();
	if (!pid) {
		kt_become_nobody(true);
		fuzz(2, 20000, false);
		_exit(0);
	}
	/* It may have confined itself with a killing vector: only survive. */
	CHECK(kt_wait(pid) != -1);
	pid = fork();
	if (!pid) {
		fuzz(3, 20000, true);
		_exit(0);
	}
	kt_check_child_ok(pid, "root fuzz");
	CHECK_EQ(sv_stat("bound_tasks"), 0);
	CHECK_EQ(sv_stat("monitors"), 0);
}

const struct ktest ktests_ioctl[] = {
	{ "ioctl_version", t_version },
	{ "ioctl_sizes", t_sizes },
	{ "ioctl_flags_reserved", t_flags_reserved },
	{ "ioctl_pointers", t_pointers },
	{ "ioctl_list", t_list },
	{ "proc_vectors", t_proc_vectors },
	{ "ioctl_bad_targets", t_bad_targets },
	{ "ioctl_bad_vectors", t_bad_vectors },
	{ "ioctl_unknown_cmd", t_unknown_cmd },
	{ "ioctl_fuzz", t_fuzz },
	{ NULL, NULL },
};
