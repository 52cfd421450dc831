// SPDX-License-Identifier: GPL-2.0
/*
 * Monitoring: the errnos of MONITOR_START and _STOP, the records of the
 * event stream (fields, i386 and x32 entries, one record per call, lost
 * records, end of stream, poll), audit records, monitors that end with
 * their process (also one whose first thread exits early), unprivileged
 * users limited to their own processes, and the svmon command.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktest.h"

#define X32_BIT		0x40000000L
#define IA32_getppid	64
#define OTHER_UID	1234
#define NOBODY		65534
#define WORKER_COMM	"mon-worker"
#define SVMON		"/usr/sbin/svmon"

/* A process that makes calls on request, so that the test knows them all. */
struct worker {
	pid_t pid;
	int cmd;
	int res;
};

/*
 * Commands: 'g' getppid(1, 2, 3, 4, 5, 6); 'i' the same through int $0x80
 * (11, 12, 13); 'x' through the x32 entry; 'p' getpid; 'm' 1000 getppid;
 * 'w' getpgid(0); 'h' attach svt_hooks; 'd' PR_SET_DUMPABLE 0; 'q' exit.
 */
static void worker_main(int cmd, int res)
{
	long r;
	char op;
	int i;

	prctl(PR_SET_NAME, WORKER_COMM);
	for (;;) {
		if (read(cmd, &op, 1) != 1)
			_exit(0);
		r = 0;
		switch (op) {
		case 'g':
			r = syscall(SYS_getppid, 1, 2, 3, 4, 5, 6);
			break;
		case 'i':
			r = int80(IA32_getppid, 11, 12, 13);
			break;
		case 'x':
			r = syscall(X32_BIT | SYS_getppid);
			break;
		case 'p':
			r = getpid();
			break;
		case 'm':
			for (i = 0; i < 1000; i++)
				syscall(SYS_getppid);
			break;
		case 'w':
			r = syscall(SYS_getpgid, 0);
			break;
		case 'h':
			r = sv_attach(0, 0, 0, "svt_hooks");
			break;
		case 'd':
			r = prctl(PR_SET_DUMPABLE, 0);
			break;
		case 'q':
			_exit(0);
		}
		if (write(res, &r, sizeof(r)) != sizeof(r))
			_exit(1);
	}
}

/* Start a worker running as @uid (-1: as the caller). */
static void worker_start(struct worker *w, int uid)
{
	int cmd[2], res[2];

	if (pipe2(cmd, O_CLOEXEC) || pipe2(res, O_CLOEXEC)) {
		kt_fail(__FILE__, __LINE__, "pipe: %s", kt_errname(errno));
		return;
	}
	w->pid = fork();
	if (!w->pid) {
		int fd;

		if (uid >= 0 && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(2);
		/*
		 * Hold nothing of the test's: not the pipes of other workers
		 * (they would never see the end of their commands), and not
		 * a monitoring file (its monitors would outlive its close).
		 */
		sv_close();
		for (fd = 3; fd < 1024; fd++)
			if (fd != cmd[0] && fd != res[1])
				close(fd);
		worker_main(cmd[0], res[1]);
	}
	close(cmd[0]);
	close(res[1]);
	w->cmd = cmd[1];
	w->res = res[0];
	/* It has set its name (and uid) once it answers. */
	{
		long r = -1;
		char op = 'p';

		if (write(w->cmd, &op, 1) != 1 || read(w->res, &r, sizeof(r)) != sizeof(r))
			kt_fail(__FILE__, __LINE__, "worker did not start");
	}
}

/* Make the worker run @op; its result. */
static long worker_do(struct worker *w, char op)
{
	long r = -1;

	if (write(w->cmd, &op, 1) != 1 || read(w->res, &r, sizeof(r)) != sizeof(r))
		kt_fail(__FILE__, __LINE__, "worker %d did not do '%c'", w->pid, op);
	return r;
}

/* End the worker and reap it. */
static void worker_stop(struct worker *w)
{
	close(w->cmd);
	close(w->res);
	kt_wait(w->pid);
}

static int mon_open(void)
{
	int fd = open(SYSVEC_DEVICE, O_RDWR | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		kt_fail(__FILE__, __LINE__, "open: %s", kt_errname(errno));
	return fd;
}

/* MONITOR_START (@start) or _STOP on @fd: 0 or -errno. */
static int mon_ioctl(int fd, bool start, unsigned int flags, unsigned int nr,
		     int pid, unsigned int uid)
{
	struct sysvec_monitor m = {
		.size = sizeof(m), .flags = flags, .nr = nr, .pid = pid, .uid = uid,
	};

	return ioctl(fd, start ? SYSVEC_IOC_MONITOR_START : SYSVEC_IOC_MONITOR_STOP,
		     &m) ? -errno : 0;
}

#define STREAM	SYSVEC_MONITOR_STREAM
#define BYUID	SYSVEC_MONITOR_UID

/* Read what @fd has now (non-blocking): the number of records, or -errno. */
static int mon_read(int fd, struct sysvec_event *ev, int max)
{
	ssize_t n = read(fd, ev, max * sizeof(*ev));

	if (n < 0)
		return -errno;
	if (n % sizeof(*ev))
		kt_fail(__FILE__, __LINE__, "read %zd bytes: not whole records", n);
	return n / sizeof(*ev);
}

/* The lines of /proc/sysvec/monitor holding @needle. */
static int proc_lines(const char *needle, char *line, size_t len)
{
	FILE *f = fopen("/proc/sysvec/monitor", "re");
	char buf[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		if (strstr(buf, needle)) {
			if (line)
				snprintf(line, len, "%s", buf);
			n++;
		}
	fclose(f);
	return n;
}

/* Wait up to @ms until no line holds @needle. */
static bool proc_gone(const char *needle, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (proc_lines(needle, NULL, 0) == 0)
			return true;
		usleep(10000);
	}
	return false;
}

static void check_event(const struct sysvec_event *ev, pid_t pid, pid_t tid, uid_t uid,
			unsigned int abi, unsigned int nr, unsigned int monitored)
{
	CHECK_EQ(ev->size, sizeof(*ev));
	CHECK_EQ(ev->type, SYSVEC_EVENT_MONITOR);
	CHECK_EQ(ev->pid, pid);
	CHECK_EQ(ev->tid, tid);
	CHECK_EQ(ev->uid, uid);
	CHECK_EQ(ev->abi, abi);
	CHECK_EQ(ev->nr, nr);
	CHECK_EQ(ev->monitored_nr, monitored);
	CHECK_EQ(ev->lost, 0);
	CHECK_EQ(ev->reserved, 0);
}

static void t_errors(void)
{
	struct sysvec_monitor m = { .size = sizeof(m), .nr = SYS_getppid };
	struct sysvec_monitor big[600] = { { 0 } };
	struct worker w;
	int fd = mon_open();
	pid_t zombie;

	worker_start(&w, -1);
	CHECK_RET(mon_ioctl(fd, true, 1U << 5, SYS_getppid, w.pid, 0), EINVAL);
	m.pid = w.pid;
	m.reserved = 1;
	CHECK_ERRNO(ioctl(fd, SYSVEC_IOC_MONITOR_START, &m), EINVAL);
	m.reserved = 0;
	m.size = 8;
	CHECK_ERRNO(ioctl(fd, SYSVEC_IOC_MONITOR_START, &m), EINVAL);
	big[0] = (struct sysvec_monitor){ .size = sizeof(big), .nr = SYS_getppid, .pid = w.pid };
	CHECK_ERRNO(ioctl(fd, SYSVEC_IOC_MONITOR_START, big), E2BIG);
	big[0].size = sizeof(m) + 8;
	((char *)big)[sizeof(m) + 2] = 1;
	CHECK_ERRNO(ioctl(fd, SYSVEC_IOC_MONITOR_START, big), E2BIG);
	CHECK_ERRNO(ioctl(fd, SYSVEC_IOC_MONITOR_START, (void *)8), EFAULT);
	CHECK_RET(mon_ioctl(fd, true, 0, 5000, w.pid, 0), EINVAL);
	CHECK_RET(mon_ioctl(fd, true, 0, 400, w.pid, 0), EINVAL);	/* no syscall */
	CHECK_RET(mon_ioctl(fd, true, BYUID, SYS_getppid, w.pid, 0), EINVAL);
	CHECK_RET(mon_ioctl(fd, true, BYUID, SYS_getppid, 0, -1), EINVAL);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, w.pid, 5), EINVAL);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, -1, 0), EINVAL);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, 999999, 0), ESRCH);
	zombie = fork();
	if (!zombie)
		_exit(0);
	usleep(100000);		/* it has exited; not reaped */
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, zombie, 0), ESRCH);
	kt_wait(zombie);

	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, w.pid, 0), EEXIST);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, w.pid, 0), EEXIST);
	CHECK_EQ(sv_stat("monitors"), 2);
	CHECK_RET(mon_ioctl(fd, false, 0, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, false, 0, SYS_getppid, w.pid, 0), ENOENT);
	CHECK_RET(mon_ioctl(fd, false, STREAM, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, false, STREAM, SYS_getppid, w.pid, 0), ENOENT);
	CHECK_RET(mon_ioctl(fd, false, BYUID, SYS_getppid, 0, 0), ENOENT);
	CHECK_EQ(sv_stat("monitors"), 0);
	/* A file that never streamed has no records: the stream has ended. */
	{
		int fd2 = mon_open();
		struct sysvec_event ev;
		char small[8];

		CHECK_RET(mon_ioctl(fd2, false, STREAM, SYS_getppid, w.pid, 0), ENOENT);
		CHECK_EQ(read(fd2, &ev, sizeof(ev)), 0);
		CHECK_ERRNO(read(fd2, small, sizeof(small)), EINVAL);
		close(fd2);
	}
	close(fd);
	worker_stop(&w);
}

/* Records of the x86_64, i386 and x32 entries, with their exact fields. */
static void t_stream(void)
{
	struct sysvec_event ev[8];
	struct worker w;
	struct timespec now;
	char line[256], needle[64];
	int fd = mon_open(), n, x32;
	uint64_t seq;

	worker_start(&w, -1);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, w.pid, 0), 0);
	CHECK_EQ(mon_read(fd, ev, 8), -EAGAIN);
	CHECK_EQ(worker_do(&w, 'g'), getpid());
	CHECK_EQ(worker_do(&w, 'p'), w.pid);		/* another syscall */
	CHECK_EQ(syscall(SYS_getppid), getppid());	/* another process */
	CHECK_EQ(worker_do(&w, 'i'), getpid());
	/* Recorded at entry, also where the kernel then refuses x32 calls. */
	x32 = worker_do(&w, 'x') == getpid();
	printf("#   x32 %s on this kernel\n", x32 ? "enabled" : "disabled");
	CHECK_EQ(worker_do(&w, 'g'), getpid());
	n = mon_read(fd, ev, 8);
	CHECK_EQ(n, 4);
	if (n != 4)
		goto out;
	clock_gettime(CLOCK_REALTIME, &now);
	check_event(&ev[0], w.pid, w.pid, 0, SYSVEC_EVENT_ABI_X86_64, SYS_getppid, SYS_getppid);
	for (n = 0; n < 6; n++)
		CHECK_EQ(ev[0].args[n], n + 1);
	CHECK(!strcmp(ev[0].comm, WORKER_COMM));
	CHECK(ev[0].time_ns <= (uint64_t)now.tv_sec * 1000000000 + now.tv_nsec);
	CHECK(ev[0].time_ns + 10000000000ULL > (uint64_t)now.tv_sec * 1000000000);
	check_event(&ev[1], w.pid, w.pid, 0, SYSVEC_EVENT_ABI_I386, IA32_getppid, SYS_getppid);
	CHECK_EQ(ev[1].args[0], 11);
	CHECK_EQ(ev[1].args[1], 12);
	CHECK_EQ(ev[1].args[2], 13);
	check_event(&ev[2], w.pid, w.pid, 0, SYSVEC_EVENT_ABI_X32, SYS_getppid, SYS_getppid);
	check_event(&ev[3], w.pid, w.pid, 0, SYSVEC_EVENT_ABI_X86_64, SYS_getppid,
		    SYS_getppid);
	for (seq = ev[0].seq, n = 1; n < 4; n++) {
		CHECK(ev[n].seq > seq);
		seq = ev[n].seq;
	}
	snprintf(needle, sizeof(needle), "\tpid:%d\t", w.pid);
	CHECK_EQ(proc_lines(needle, line, sizeof(line)), 1);
	snprintf(needle, sizeof(needle), "110\tgetppid\tpid:%d\t0\taudit+stream\t4\t0\n",
		 w.pid);
	if (strcmp(line, needle))
		kt_fail(__FILE__, __LINE__, "/proc/sysvec/monitor: \"%s\", want \"%s\"", line,
			needle);
out:
	close(fd);	/* ends the monitor */
	snprintf(needle, sizeof(needle), "\tpid:%d\t", w.pid);
	CHECK(proc_gone(needle, 2000));
	CHECK_EQ(sv_stat("monitors"), 0);
	worker_stop(&w);
}

/* Audit records: only while monitored, with the task's fields. */
static void t_audit(void)
{
	struct worker w;
	char rec[8192], p[32], line[256];
	const char *needles[] = { "type=1316", "sysvec action=monitor arch=c000003e syscall=110 sysname=getppid abi=x86_64 a0=1 a1=2 a2=3 a3=4 a4=5 a5=6 ",
				  p, " uid=0 ", "comm=\"" WORKER_COMM "\"", NULL };
	int fd = mon_open(), kfd = kmsg_open();
	struct sysvec_event ev;
	long written;

	worker_start(&w, -1);
	snprintf(p, sizeof(p), " pid=%d tid=%d ", w.pid, w.pid);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, w.pid, 0), 0);
	snprintf(line, sizeof(line), "\tpid:%d\t0\taudit\t", w.pid);
	CHECK_EQ(proc_lines(line, NULL, 0), 1);
	written = sv_stat("monitor_audit_records");
	worker_do(&w, 'g');
	CHECK(kmsg_find(kfd, needles, 5000, rec, sizeof(rec)));
	CHECK_EQ(sv_stat("monitor_audit_records"), written + 1);
	/* The file has no stream: nothing to read. */
	CHECK_EQ(mon_read(fd, &ev, 1), 0);
	CHECK_RET(mon_ioctl(fd, false, 0, SYS_getppid, w.pid, 0), 0);
	worker_do(&w, 'g');
	usleep(200000);
	CHECK_EQ(sv_stat("monitor_audit_records"), written + 1);
	/* An audit monitor stays after its file is closed, until stopped. */
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getppid, w.pid, 0), 0);
	close(fd);
	CHECK_EQ(proc_lines(line, NULL, 0), 1);
	fd = mon_open();
	CHECK_RET(mon_ioctl(fd, false, 0, SYS_getppid, w.pid, 0), 0);
	close(fd);
	worker_stop(&w);
	CHECK_EQ(sv_stat("monitors"), 0);
}

/* Monitors of a process end when it exits, before it is reaped. */
static void t_exit(void)
{
	struct sysvec_event ev[4];
	struct pollfd pfd;
	struct worker w;
	char needle[64];
	int fd = mon_open(), fd2;

	worker_start(&w, -1);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getpid, w.pid, 0), 0);
	fd2 = mon_open();	/* another file monitors something else */
	CHECK_RET(mon_ioctl(fd2, true, STREAM, SYS_getppid, getpid(), 0), 0);
	worker_do(&w, 'g');
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLIN);
	snprintf(needle, sizeof(needle), "\tpid:%d\t", w.pid);
	CHECK_EQ(proc_lines(needle, NULL, 0), 2);
	close(w.cmd);		/* it exits; not reaped yet */
	CHECK(proc_gone(needle, 2000));
	CHECK_EQ(sv_stat("monitors"), 1);
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLIN | POLLHUP);
	CHECK_EQ(mon_read(fd, ev, 4), 1);	/* what is left, then the end */
	CHECK_EQ(mon_read(fd, ev, 4), 0);
	CHECK_EQ(poll(&pfd, 1, 0), 1);
	CHECK_EQ(pfd.revents, POLLHUP);
	CHECK_EQ(kt_wait(w.pid), 0);
	close(w.res);
	close(fd);
	close(fd2);
	CHECK_EQ(sv_stat("monitors"), 0);
}

static int thread_cmd[2], thread_res[2];

static void *thread_main(void *arg)
{
	char op;
	long r;

	(void)arg;
	while (read(thread_cmd[0], &op, 1) == 1 && op == 'g') {
		syscall(SYS_getppid);
		r = syscall(SYS_gettid);
		if (write(thread_res[1], &r, sizeof(r)) != sizeof(r))
			break;
	}
	return NULL;
}

/*
 * A process whose first thread exits stays monitored while another runs;
 * its records carry the process id and the thread's id.
 */
static void t_exit_threads(void)
{
	struct sysvec_event ev[4];
	char needle[64], op = 'g';
	long tid = 0;
	pid_t pid;
	int fd = mon_open();

	if (pipe(thread_cmd) || pipe(thread_res)) {
		kt_fail(__FILE__, __LINE__, "pipe");
		return;
	}
	pid = fork();
	if (!pid) {
		pthread_t th;

		pthread_create(&th, NULL, thread_main, NULL);
		syscall(SYS_exit, 0);	/* this thread only */
	}
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, pid, 0), 0);
	usleep(200000);		/* the first thread has exited */
	snprintf(needle, sizeof(needle), "\tpid:%d\t", pid);
	CHECK_EQ(proc_lines(needle, NULL, 0), 1);
	CHECK(write(thread_cmd[1], &op, 1) == 1 &&
	      read(thread_res[0], &tid, sizeof(tid)) == sizeof(tid));
	CHECK_EQ(mon_read(fd, ev, 4), 1);
	check_event(&ev[0], pid, tid, 0, SYSVEC_EVENT_ABI_X86_64, SYS_getppid, SYS_getppid);
	CHECK(tid != pid);
	op = 'q';
	CHECK(write(thread_cmd[1], &op, 1) == 1);
	CHECK(proc_gone(needle, 2000));
	CHECK_EQ(mon_read(fd, ev, 4), 0);
	kt_wait(pid);
	close(fd);
}

/* A call matched by two monitors of one file is one record; lost records. */
static void t_lost(void)
{
	struct sysvec_event ev[64];
	long ring = kt_module_value("sysvec", "parameters/monitor_ring");
	struct worker w;
	char needle[64], line[256];
	int fd = mon_open(), n, total = 0;

	worker_start(&w, OTHER_UID);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getppid, w.pid, 0), 0);
	CHECK_RET(mon_ioctl(fd, true, STREAM | BYUID, SYS_getppid, 0, OTHER_UID), 0);
	worker_do(&w, 'g');
	CHECK_EQ(mon_read(fd, ev, 64), 1);
	CHECK_RET(mon_ioctl(fd, false, STREAM | BYUID, SYS_getppid, 0, OTHER_UID), 0);
	CHECK_EQ(ring, 256);
	worker_do(&w, 'm');	/* 1000 calls */
	while ((n = mon_read(fd, ev, 64)) > 0) {
		CHECK_EQ(ev[0].lost, 0);
		total += n;
	}
	CHECK_EQ(total, ring);
	worker_do(&w, 'g');
	CHECK_EQ(mon_read(fd, ev, 64), 1);
	CHECK_EQ(ev[0].lost, 1000 - ring);
	snprintf(needle, sizeof(needle), "\tpid:%d\t", w.pid);
	CHECK_EQ(proc_lines(needle, line, sizeof(line)), 1);
	snprintf(needle, sizeof(needle), "\t%ld\n", 1000 - ring);
	CHECK(strstr(line, needle) != NULL);
	close(fd);
	worker_stop(&w);
}

/* Every process of a user; every process; a blocking read woken by a call. */
static void t_uid_all(void)
{
	struct sysvec_event ev[8];
	struct worker other, mine;
	int fd = mon_open(), n, i, own = 0;
	pid_t waker, self = getpid();

	worker_start(&other, OTHER_UID);
	worker_start(&mine, -1);
	CHECK_RET(mon_ioctl(fd, true, STREAM | BYUID, SYS_getppid, 0, OTHER_UID), 0);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getpid, 0, 0), 0);
	worker_do(&mine, 'g');
	worker_do(&other, 'g');
	CHECK_EQ(mon_read(fd, ev, 8), 1);
	check_event(&ev[0], other.pid, other.pid, OTHER_UID, SYSVEC_EVENT_ABI_X86_64,
		    SYS_getppid, SYS_getppid);
	CHECK_EQ(syscall(SYS_getpid), self);
	CHECK_RET(mon_ioctl(fd, false, STREAM, SYS_getpid, 0, 0), 0);
	/* Every process's getpid until the stop: this one's once. */
	while ((n = mon_read(fd, ev, 8)) > 0)
		for (i = 0; i < n; i++)
			own += ev[i].pid == self && ev[i].monitored_nr == SYS_getpid;
	CHECK_EQ(own, 1);
	/* A blocking read sleeps until the call. */
	fcntl(fd, F_SETFL, 0);
	waker = fork();
	if (!waker) {
		usleep(200000);
		worker_do(&other, 'g');
		_exit(0);
	}
	CHECK_EQ(mon_read(fd, ev, 8), 1);
	CHECK_EQ(ev[0].pid, other.pid);
	kt_wait(waker);
	close(fd);
	worker_stop(&other);
	worker_stop(&mine);
}

/* A wrapped call is one record, though the wrap issues it again. */
static void t_hooked(void)
{
	struct sysvec_event ev[4];
	struct worker w;
	int fd = mon_open();

	CHECK_RET(kt_load_module("svt_hooks", NULL), 0);
	worker_start(&w, -1);
	CHECK_EQ(worker_do(&w, 'h'), 0);
	CHECK_RET(mon_ioctl(fd, true, STREAM, SYS_getpgid, w.pid, 0), 0);
	CHECK_EQ(worker_do(&w, 'w'), getpgid(0));
	CHECK_EQ(mon_read(fd, ev, 4), 1);
	close(fd);
	worker_stop(&w);
	CHECK_RET(kt_unload_module_wait("svt_hooks", 5000), 0);
}

/* Without CAP_SYS_ADMIN: only one's own, dumpable processes, by stream. */
static void t_unpriv(void)
{
	struct worker root_w, other;
	int fd = mon_open();
	pid_t pid;

	worker_start(&root_w, -1);
	worker_start(&other, OTHER_UID);
	CHECK_RET(mon_ioctl(fd, true, 0, SYS_getpid, root_w.pid, 0), 0);
	pid = fork();
	if (!pid) {
		struct sysvec_event ev[4];
		struct worker mine;
		int ufd;

		kt_become_nobody(false);
		/* Changing ids made it non-dumpable; a login's processes are. */
		CHECK_EQ(prctl(PR_SET_DUMPABLE, 1), 0);
		ufd = mon_open();
		CHECK_RET(mon_ioctl(ufd, true, STREAM, SYS_getppid, 0, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, STREAM, SYS_getppid, root_w.pid, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, STREAM, SYS_getppid, other.pid, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, STREAM | BYUID, SYS_getppid, 0, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, STREAM | BYUID, SYS_getppid, 0, OTHER_UID),
			  EPERM);
		CHECK_RET(mon_ioctl(ufd, false, 0, SYS_getpid, root_w.pid, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, 0, SYS_getppid, 999999, 0), ESRCH);
		worker_start(&mine, -1);
		CHECK_RET(mon_ioctl(ufd, true, 0, SYS_getppid, mine.pid, 0), EPERM);
		CHECK_RET(mon_ioctl(ufd, true, STREAM, SYS_getppid, mine.pid, 0), 0);
		CHECK_RET(mon_ioctl(ufd, true, STREAM | BYUID, SYS_getppid, 0, NOBODY), 0);
		worker_do(&mine, 'g');
		worker_do(&other, 'g');
		CHECK_EQ(mon_read(ufd, ev, 4), 1);	/* one record for two monitors */
		check_event(&ev[0], mine.pid, mine.pid, NOBODY, SYSVEC_EVENT_ABI_X86_64,
			    SYS_getppid, SYS_getppid);
		/* Not dumpable (as after a setuid execve): no longer recorded. */
		CHECK_EQ(worker_do(&mine, 'd'), 0);
		worker_do(&mine, 'g');
		CHECK_EQ(mon_read(ufd, ev, 4), -EAGAIN);
		worker_stop(&mine);
		close(ufd);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "unprivileged monitor");
	CHECK_RET(mon_ioctl(fd, false, 0, SYS_getpid, root_w.pid, 0), 0);
	close(fd);
	worker_stop(&root_w);
	worker_stop(&other);
	CHECK_EQ(sv_stat("monitors"), 0);
}

/*
 * Run svmon with @args (a shell command line) as @uid, its output in @out
 * (created by root, so that any uid can write it); its exit status.
 */
static int svmon(int uid, const char *args, const char *out)
{
	char cmd[512];
	pid_t pid;
	int st;

	snprintf(cmd, sizeof(cmd), "exec " SVMON " %s", args);
	pid = fork();
	if (!pid) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(97);
		if (uid >= 0 && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(99);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(98);
	}
	st = kt_wait(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Wait up to 10 s until @n monitors of process @pid exist. */
static bool wait_monitors(pid_t pid, int n)
{
	char needle[32];
	int ms;

	snprintf(needle, sizeof(needle), "\tpid:%d\t", pid);
	for (ms = 0; ms < 10000; ms += 10) {
		if (proc_lines(needle, NULL, 0) == n)
			return true;
		usleep(10000);
	}
	return false;
}

/* How many lines of @path hold @needle. */
static int file_lines(const char *path, const char *needle)
{
	FILE *f = fopen(path, "re");
	char buf[512];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		n += strstr(buf, needle) != NULL;
	fclose(f);
	return n;
}

static void t_svmon(void)
{
	const char *out = "/tmp/svmon.out";
	struct worker w;
	char args[128], needle[64];
	pid_t pid;
	int st;

	CHECK_EQ(svmon(-1, "--help", out), 0);
	CHECK_EQ(file_lines(out, "usage: svmon"), 1);
	CHECK_EQ(svmon(-1, "-p 1 nosuchcall", out), 2);
	CHECK_EQ(file_lines(out, "unknown syscall \"nosuchcall\""), 1);
	CHECK_EQ(svmon(-1, "getppid", out), 2);
	CHECK_EQ(svmon(-1, "-p 999999 getppid", out), 5);
	CHECK_EQ(svmon(NOBODY, "-a getppid", out), 4);
	CHECK_EQ(file_lines(out, "CAP_SYS_ADMIN"), 1);
	CHECK_EQ(svmon(NOBODY, "-p 1 getppid", out), 4);

	/* Live: three calls printed, then -n ends it. */
	worker_start(&w, -1);
	snprintf(args, sizeof(args), "-q -n 3 -p %d getppid getpid", w.pid);
	pid = fork();
	if (!pid)
		_exit(svmon(-1, args, out));
	CHECK(wait_monitors(w.pid, 2));
	worker_do(&w, 'g');
	worker_do(&w, 'p');
	worker_do(&w, 'i');
	st = kt_wait(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	snprintf(needle, sizeof(needle), " pid=%d tid=%d uid=0 comm=\"%s\"", w.pid, w.pid,
		 WORKER_COMM);
	CHECK_EQ(file_lines(out, needle), 3);
	CHECK_EQ(file_lines(out, " getppid(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)"), 1);
	CHECK_EQ(file_lines(out, " getpid("), 1);
	CHECK_EQ(file_lines(out, " abi=i386 getppid(0xb, 0xc, 0xd"), 1);
	CHECK_EQ(sv_stat("monitors"), 0);

	/* It ends by itself when the process does. */
	snprintf(args, sizeof(args), "-q -p %d getppid", w.pid);
	pid = fork();
	if (!pid) {
		close(w.cmd);	/* the worker must see the end of its commands */
		_exit(svmon(-1, args, out));
	}
	CHECK(wait_monitors(w.pid, 1));
	worker_do(&w, 'g');
	worker_stop(&w);
	st = kt_wait(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ(file_lines(out, " getppid("), 1);

	/* --start, --list, --stop. */
	CHECK_EQ(svmon(-1, "--start -u 4321 openat", out), 0);
	CHECK_EQ(svmon(-1, "--start -u 4321 openat", out), 1);
	CHECK_EQ(file_lines(out, "monitored already"), 1);
	CHECK_EQ(svmon(-1, "--list", out), 0);
	CHECK_EQ(file_lines(out, "257\topenat\tuid:4321\t0\taudit\t0\t-"), 1);
	CHECK_EQ(svmon(NOBODY, "--stop -u 4321 openat", out), 4);
	CHECK_EQ(svmon(-1, "--stop -u 4321 openat", out), 0);
	CHECK_EQ(svmon(-1, "--stop -u 4321 openat", out), 5);
	CHECK_EQ(sv_stat("monitors"), 0);
}

const struct ktest ktests_monitor[] = {
	{ "monitor_errors", t_errors },
	{ "monitor_stream", t_stream },
	{ "monitor_audit", t_audit },
	{ "monitor_exit", t_exit },
	{ "monitor_exit_threads", t_exit_threads },
	{ "monitor_lost", t_lost },
	{ "monitor_uid_all", t_uid_all },
	{ "monitor_hooked", t_hooked },
	{ "monitor_unpriv", t_unpriv },
	{ "monitor_svmon", t_svmon },
	{ NULL, NULL },
};
