// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring: a process never holds a ring under a vector that does not
 * allow io_uring. Operations on a ring run without syscalls (an SQPOLL
 * thread picks up whatever is written to the shared ring memory), so a
 * ring made before the process got its vector would escape it.
 *  - ATTACH of a process that owns a ring (a descriptor, a mapping, a ring
 *    its io_uring context still uses, an SQPOLL thread) fails with EBUSY
 *    and changes nothing; one made while ATTACH runs gets it killed;
 *  - a vector that binds at execve or at fork kills the process before it
 *    runs if a ring came along (a descriptor without O_CLOEXEC, or the
 *    mapping and descriptor a child inherits);
 *  - a vector with SYSVEC_VECTOR_F_IO_URING (svt_uring) takes rings along.
 * No liburing: raw io_uring_setup(2), mmap of the rings, SQEs written by
 * hand, as an attacker would.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ktest.h"

/* ---- a ring, by hand ---- */

struct ring {
	int fd;
	struct io_uring_params p;
	void *sq;		/* SQ and CQ rings (IORING_FEAT_SINGLE_MMAP) */
	size_t sq_len;
	struct io_uring_sqe *sqes;
	size_t sqes_len;
};

#define RING_OFF(r, off)	((unsigned int *)((char *)(r)->sq + (off)))

static int uring_setup(unsigned int entries, struct io_uring_params *p)
{
	return syscall(__NR_io_uring_setup, entries, p);
}

static int uring_enter(int fd, unsigned int submit, unsigned int wait, unsigned int flags)
{
	return syscall(__NR_io_uring_enter, fd, submit, wait, flags, NULL, 0);
}

static int uring_register(int fd, unsigned int op, void *arg, unsigned int n)
{
	return syscall(__NR_io_uring_register, fd, op, arg, n);
}

/* Map the rings of @r->fd, described by @r->p. 0 or -errno. */
static int ring_map(struct ring *r)
{
	size_t cq_len = r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe);

	r->sq_len = r->p.sq_off.array + r->p.sq_entries * sizeof(unsigned int);
	if (cq_len > r->sq_len)
		r->sq_len = cq_len;
	r->sq = mmap(NULL, r->sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		     r->fd, IORING_OFF_SQ_RING);
	if (r->sq == MAP_FAILED)
		return -errno;
	r->sqes_len = r->p.sq_entries * sizeof(struct io_uring_sqe);
	r->sqes = mmap(NULL, r->sqes_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       r->fd, IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED) {
		munmap(r->sq, r->sq_len);
		return -errno;
	}
	return 0;
}

static void ring_unmap(struct ring *r)
{
	munmap(r->sq, r->sq_len);
	munmap(r->sqes, r->sqes_len);
}

/*
 * A mapped ring; with SQPOLL its kernel thread polls for 5 s after the
 * last submission before it needs a wake-up. 0 or -errno.
 */
static int ring_new(struct ring *r, unsigned int flags)
{
	int ret;

	memset(r, 0, sizeof(*r));
	r->p.flags = flags;
	if (flags & IORING_SETUP_SQPOLL)
		r->p.sq_thread_idle = 5000;
	r->fd = uring_setup(8, &r->p);
	if (r->fd < 0)
		return -errno;
	ret = ring_map(r);
	if (ret)
		close(r->fd);
	return ret;
}

/*
 * Put @sqe on the ring. With SQPOLL that is all it takes (plus a wake-up
 * if the thread went idle); without, io_uring_enter submits it.
 */
static int ring_push(struct ring *r, const struct io_uring_sqe *sqe, bool submit)
{
	unsigned int tail = *RING_OFF(r, r->p.sq_off.tail);
	unsigned int idx = tail & *RING_OFF(r, r->p.sq_off.ring_mask);

	r->sqes[idx] = *sqe;
	RING_OFF(r, r->p.sq_off.array)[idx] = idx;
	__atomic_store_n(RING_OFF(r, r->p.sq_off.tail), tail + 1, __ATOMIC_RELEASE);
	if (r->p.flags & IORING_SETUP_SQPOLL) {
		if (__atomic_load_n(RING_OFF(r, r->p.sq_off.flags), __ATOMIC_ACQUIRE) &
		    IORING_SQ_NEED_WAKEUP)
			return uring_enter(r->fd, 0, 0, IORING_ENTER_SQ_WAKEUP) < 0 ? -errno : 0;
		return 0;
	}
	if (!submit)
		return 0;
	return uring_enter(r->fd, 1, 0, 0) < 0 ? -errno : 0;
}

/* The result of the next completion, or -ETIME after @ms. */
static int ring_reap(struct ring *r, int ms)
{
	unsigned int *head = RING_OFF(r, r->p.cq_off.head);
	unsigned int *tail = RING_OFF(r, r->p.cq_off.tail);
	unsigned int mask = *RING_OFF(r, r->p.cq_off.ring_mask);
	struct io_uring_cqe *cqes = (struct io_uring_cqe *)((char *)r->sq + r->p.cq_off.cqes);
	int res;

	for (;;) {
		unsigned int h = *head;

		if (h != __atomic_load_n(tail, __ATOMIC_ACQUIRE)) {
			res = cqes[h & mask].res;
			__atomic_store_n(head, h + 1, __ATOMIC_RELEASE);
			return res;
		}
		if (ms-- <= 0)
			return -ETIME;
		usleep(1000);
	}
}

static void sqe_mkdirat(struct io_uring_sqe *sqe, const char *path)
{
	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_MKDIRAT;
	sqe->fd = AT_FDCWD;
	sqe->addr = (unsigned long)path;
	sqe->len = 0755;
}

/* mkdir @path through @r, unconfined or allowed: the CQE's result. */
static int ring_mkdir(struct ring *r, const char *path)
{
	struct io_uring_sqe sqe;
	int ret;

	sqe_mkdirat(&sqe, path);
	ret = ring_push(r, &sqe, true);
	return ret ? ret : ring_reap(r, 5000);
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

static void check_unbound(pid_t pid)
{
	struct sysvec_get g;

	CHECK_RET(sv_get(pid, &g), 0);
	CHECK_EQ(g.state, 0);
}

/* A refusal of ATTACH in the kernel log, naming the pid and @what. */
static bool kmsg_refused(int kfd, pid_t pid, const char *what)
{
	char p[48];
	const char *needles[] = { p, "refused with EBUSY", what, NULL };

	snprintf(p, sizeof(p), "ATTACH of pid %d ", pid);
	return kmsg_find(kfd, needles, 5000, NULL, 0);
}

/* The audit record of a process killed for the ring it brought along. */
static bool kmsg_killed(int kfd, pid_t pid, const char *kind)
{
	char p[32], k[32];
	const char *needles[] = { "type=1316", "sysvec action=kill ", "reason=io_uring",
				  k, p, NULL };

	snprintf(p, sizeof(p), " pid=%d ", pid);
	snprintf(k, sizeof(k), "uring=%s", kind);
	return kmsg_find(kfd, needles, 5000, NULL, 0);
}

/* ---- the program an exec test runs (sysvec-ktest, by environment) ---- */

#define EXEC_ENV	"SVT_URING_EXEC"

static void hex_put(char *out, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t i;

	for (i = 0; i < len; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static bool hex_get(const char *in, void *data, size_t len)
{
	unsigned char *d = data;
	unsigned int v;
	size_t i;

	for (i = 0; i < len; i++) {
		if (sscanf(in + 2 * i, "%2x", &v) != 1)
			return false;
		d[i] = v;
	}
	return true;
}

/*
 * "submit FD ADDR PARAMS": write a mkdirat of the path at ADDR (an address
 * in the ring creator's memory, where the SQPOLL thread reads it) to the
 * ring FD this program inherited, wait for it: exit 0 if it ran, 10 + errno
 * otherwise. "probe FD": exit 0 if FD is closed and io_uring_setup and
 * getppid fail with EPERM (confined by svt_b).
 */
static int exec_mode(const char *spec)
{
	char mode[16], params[2 * sizeof(struct io_uring_params) + 1];
	struct io_uring_sqe sqe;
	struct io_uring_params p;
	unsigned long addr = 0;
	struct ring r;
	int fd, ret;

	if (sscanf(spec, "%15s %d %lx %240s", mode, &fd, &addr, params) < 2)
		return 2;
	if (!strcmp(mode, "probe")) {
		memset(&p, 0, sizeof(p));
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			return 3;
		if (uring_setup(8, &p) != -1 || errno != EPERM)
			return 4;
		return probe_getppid() == EPERM ? 0 : 5;
	}
	memset(&r, 0, sizeof(r));
	r.fd = fd;
	if (!hex_get(params, &r.p, sizeof(r.p)))
		return 6;
	ret = ring_map(&r);
	if (ret)
		return 10 + -ret;
	memset(&sqe, 0, sizeof(sqe));
	sqe_mkdirat(&sqe, (const char *)addr);
	ret = ring_push(&r, &sqe, true);
	if (!ret)
		ret = ring_reap(&r, 5000);
	return ret ? 10 + -ret : 0;
}

__attribute__((constructor)) static void uring_exec_entry(void)
{
	const char *spec = getenv(EXEC_ENV);

	if (spec)
		_exit(exec_mode(spec));
}

/* execve sysvec-ktest as the program above, with @spec. */
static void __attribute__((noreturn)) exec_self(const char *spec)
{
	char env[512];
	char *argv[] = { "sysvec-ktest", NULL };
	char *envp[] = { env, NULL };

	snprintf(env, sizeof(env), "%s=%s", EXEC_ENV, spec);
	execve("/bin/sysvec-ktest", argv, envp);
	_exit(91);
}

/* The "submit" spec for ring @r and a path in this process's memory. */
static void submit_spec(char *out, size_t len, const struct ring *r, const char *path)
{
	char params[2 * sizeof(struct io_uring_params) + 1];

	hex_put(params, &r->p, sizeof(r->p));
	snprintf(out, len, "submit %d %lx %s", r->fd, (unsigned long)path, params);
}

/* ---- ATTACH ---- */

/* The case: an SQPOLL ring made before ATTACH. */
static void t_attach_sqpoll(void)
{
	static const char dir[] = "/tmp/uring-sqpoll";
	long refused = sv_stat("uring_refused");
	int kfd = kmsg_open();
	struct ring r;

	CHECK(refused >= 0);
	CHECK_RET(ring_new(&r, IORING_SETUP_SQPOLL), 0);
	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
	check_unbound(0);
	CHECK_EQ(sv_stat("uring_refused"), refused + 1);
	CHECK(kmsg_refused(kfd, getpid(), "does not allow io_uring"));
	/* Still free: getppid works, and so does the ring. */
	CHECK_EQ(probe_getppid(), 0);
	rmdir(dir);
	CHECK_EQ(ring_mkdir(&r, dir), 0);
	CHECK(exists(dir));
	rmdir(dir);
	/* Locked and complain-mode attaches are refused the same way... */
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_LOCK, 0, "svt_b"), EBUSY);
	check_unbound(0);
	/* ... but complain mode enforces nothing, io_uring included. */
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_COMPLAIN, 0, "svt_b"), 0);
	close(kfd);
}

/* The descriptor closed, the rings still mapped: still a ring. */
static void t_attach_mapped(void)
{
	int kfd = kmsg_open();
	struct ring r;
	pid_t pid;

	CHECK_RET(ring_new(&r, IORING_SETUP_SQPOLL), 0);
	close(r.fd);
	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
	check_unbound(0);

	/*
	 * A child inherits only the mappings (and has no io_uring context of
	 * its own): the mapping alone is refused, and once it is gone the
	 * child attaches.
	 */
	pid = fork();
	if (!pid) {
		CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
		CHECK(kmsg_refused(kfd, getpid(), "its memory maps an io_uring instance"));
		check_unbound(0);
		ring_unmap(&r);
		CHECK_RET(sv_attach(0, 0, 0, "svt_b"), 0);
		CHECK_EQ(probe_getppid(), EPERM);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "child with the mapping only");
	close(kfd);
}

/* Only a descriptor (a child that unmapped what it inherited). */
static void t_attach_fd_only(void)
{
	int kfd = kmsg_open();
	struct ring r;
	pid_t pid;

	CHECK_RET(ring_new(&r, 0), 0);
	pid = fork();
	if (!pid) {
		char what[48];

		ring_unmap(&r);
		CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
		snprintf(what, sizeof(what), "fd %d of thread %d ", r.fd, getpid());
		CHECK(kmsg_refused(kfd, getpid(), what));
		close(r.fd);
		CHECK_RET(sv_attach(0, 0, 0, "svt_b"), 0);
		kt_child_exit();
	}
	kt_check_child_ok(pid, "child with the descriptor only");
	close(kfd);
}

/*
 * No descriptor, no mapping: the ring lives on as a registered ring fd of
 * the io_uring context, and a request submitted earlier still runs when
 * its poll fires: a poll on a pipe linked with a mkdirat.
 */
static void t_attach_registered(void)
{
	static const char dir[] = "/tmp/uring-registered";
	struct io_uring_rsrc_update upd;
	struct io_uring_sqe sqe;
	struct ring r;
	int pfd[2];

	rmdir(dir);
	CHECK(!pipe(pfd));
	CHECK_RET(ring_new(&r, 0), 0);
	memset(&upd, 0, sizeof(upd));
	upd.offset = 0;
	upd.data = r.fd;
	CHECK_EQ(uring_register(r.fd, IORING_REGISTER_RING_FDS, &upd, 1), 1);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_POLL_ADD;
	sqe.fd = pfd[0];
	sqe.poll32_events = POLLIN;
	sqe.flags = IOSQE_IO_LINK;
	CHECK_RET(ring_push(&r, &sqe, false), 0);
	sqe_mkdirat(&sqe, dir);
	CHECK_RET(ring_push(&r, &sqe, false), 0);
	CHECK_EQ(uring_enter(r.fd, 2, 0, 0), 2);
	ring_unmap(&r);
	close(r.fd);
	CHECK(!exists(dir));

	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
	check_unbound(0);
	/* Why: the linked mkdirat is still waiting to run in this process. */
	CHECK_EQ(write(pfd[1], "x", 1), 1);
	for (int ms = 0; ms < 5000 && !exists(dir); ms += 10)
		usleep(10000);
	CHECK(exists(dir));
	rmdir(dir);
}

/* A process that never had a ring attaches; after that, no ring for it. */
static void t_attach_clean(void)
{
	struct io_uring_params p;

	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), 0);
	memset(&p, 0, sizeof(p));
	CHECK_ERRNO(uring_setup(8, &p), EPERM);
	p.flags = IORING_SETUP_SQPOLL;
	CHECK_ERRNO(uring_setup(8, &p), EPERM);
	CHECK_ERRNO(uring_enter(0, 1, 0, 0), EPERM);
	CHECK_ERRNO(uring_register(0, IORING_REGISTER_PROBE, NULL, 0), EPERM);
}

/*
 * A ring that is gone (closed, unmapped) is no reason to refuse, even
 * before its io_uring context let go of it. An SQPOLL thread ends a
 * little after its ring: a few EBUSY may come first.
 */
static void attach_after_close(unsigned int flags)
{
	struct io_uring_sqe sqe;
	struct io_uring_params p;
	struct ring r;
	int ret, ms;

	CHECK_RET(ring_new(&r, flags), 0);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_NOP;
	CHECK_RET(ring_push(&r, &sqe, true), 0);
	CHECK_EQ(ring_reap(&r, 5000), 0);
	ring_unmap(&r);
	close(r.fd);
	for (ms = 0;; ms += 20) {
		ret = sv_attach(0, 0, 0, "svt_b");
		if (ret != -EBUSY || !(flags & IORING_SETUP_SQPOLL) || ms >= 3000)
			break;
		usleep(20000);
	}
	CHECK_RET(ret, 0);
	if (ms)
		printf("#   uring_attach_after_close: SQPOLL thread gone after %d ms\n", ms);
	memset(&p, 0, sizeof(p));
	CHECK_ERRNO(uring_setup(8, &p), EPERM);
}

static void attach_after_close_sqpoll(void)
{
	attach_after_close(IORING_SETUP_SQPOLL);
}

static void attach_after_close_plain(void)
{
	attach_after_close(0);
}

static void t_attach_after_close(void)
{
	kt_in_child("ring closed", attach_after_close_plain);
	kt_in_child("SQPOLL ring closed", attach_after_close_sqpoll);
}

/* A helper with a ring, for ATTACH by pid. */
struct uhelper {
	pid_t pid;
	int go;		/* write end: any byte ends it */
};

static void *ring_thread(void *arg)
{
	struct ring *r = arg;

	if (ring_new(r, IORING_SETUP_SQPOLL))
		r->fd = -1;
	return NULL;
}

/*
 * @how: 'm' a ring of the main thread; 't' a ring another thread made
 * before it exited; 's' only an SQPOLL thread: the thread that made the
 * ring exited, and the process gave the descriptor to a child and unmapped
 * the rings.
 */
static void uhelper_start(struct uhelper *h, char how)
{
	int ready[2], go[2];
	char c = 1;

	CHECK(!pipe2(ready, O_CLOEXEC) && !pipe2(go, O_CLOEXEC));
	h->pid = fork();
	if (!h->pid) {
		struct ring r;
		pthread_t t;

		close(go[1]);
		if (how == 'm') {
			c = !ring_new(&r, IORING_SETUP_SQPOLL);
		} else {
			pthread_create(&t, NULL, ring_thread, &r);
			pthread_join(t, NULL);
			c = r.fd >= 0;
			if (how == 's' && c) {
				pid_t keeper = fork();

				if (!keeper) {
					/* holds the ring open; dies with its parent */
					prctl(PR_SET_PDEATHSIG, SIGKILL);
					pause();
					_exit(0);
				}
				ring_unmap(&r);
				close(r.fd);
				/* the io_uring context of the thread went with it */
			}
		}
		if (write(ready[1], &c, 1) != 1)
			_exit(2);
		if (read(go[0], &c, 1) < 0)
			_exit(3);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	h->go = go[1];
	CHECK(read(ready[0], &c, 1) == 1 && c == 1);
	close(ready[0]);
}

static void uhelper_stop(struct uhelper *h)
{
	close(h->go);
	kt_check_child_ok(h->pid, "helper with a ring");
}

/* A vector that allows io_uring takes the rings along. */
static void attach_allowed_child(void)
{
	static const char dir[] = "/tmp/uring-allowed";
	struct io_uring_params p;
	struct sysvec_get g;
	struct uhelper h;
	struct ring r;
	int fd;

	/*
	 * A process with a ring, bound to svt_uring: an administrator may not
	 * swap in a vector without io_uring while it has one.
	 */
	uhelper_start(&h, 'm');
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_uring"), 0);
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), EBUSY);
	CHECK_RET(sv_get(h.pid, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_BOUND);
	CHECK(!strcmp(g.vector_name, "svt_uring"));
	uhelper_stop(&h);

	rmdir(dir);
	CHECK_RET(ring_new(&r, IORING_SETUP_SQPOLL), 0);
	CHECK_RET(sv_attach(0, 0, 0, "svt_uring"), 0);
	CHECK_RET(sv_get(0, &g), 0);
	CHECK_EQ(g.state, SYSVEC_STATE_BOUND);
	CHECK(!strcmp(g.vector_name, "svt_uring"));
	CHECK_EQ(probe_getppid(), EPERM);	/* confined */
	CHECK_EQ(ring_mkdir(&r, dir), 0);
	CHECK(exists(dir));
	rmdir(dir);
	memset(&p, 0, sizeof(p));
	fd = uring_setup(8, &p);
	CHECK(fd >= 0);
	close(fd);
}

static void t_attach_allowed(void)
{
	kt_in_child_with_module("svt_uring", "attach with rings allowed",
				attach_allowed_child, NULL);
}

static void t_attach_other_pid(void)
{
	int kfd = kmsg_open();
	struct uhelper h;

	uhelper_start(&h, 'm');
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), EBUSY);
	check_unbound(h.pid);
	CHECK(kmsg_refused(kfd, h.pid, "does not allow io_uring"));
	/* ON_EXEC and CHILDREN are checked when they take effect. */
	CHECK_RET(sv_attach(h.pid, SYSVEC_ATTACH_CHILDREN, 0, "svt_b"), 0);
	uhelper_stop(&h);

	uhelper_start(&h, 't');
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), EBUSY);
	check_unbound(h.pid);
	uhelper_stop(&h);

	uhelper_start(&h, 's');
	CHECK_RET(sv_attach(h.pid, 0, 0, "svt_b"), EBUSY);
	CHECK(kmsg_refused(kfd, h.pid, "is the SQPOLL thread of an io_uring instance"));
	check_unbound(h.pid);
	uhelper_stop(&h);
	close(kfd);
}

/*
 * A thread inside io_uring_setup, its ring not made yet: the call is held
 * in copy_from_user() of its parameters by a userfaultfd page.
 */
static void *setup_thread(void *arg)
{
	long fd = uring_setup(8, arg);

	return (void *)(fd >= 0 ? fd : -(long)errno);
}

static void t_attach_in_call(void)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_zeropage zero;
	struct uffd_msg msg;
	struct pollfd pfd;
	int kfd = kmsg_open(), uffd;
	pthread_t t;
	void *page, *res;

	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 && errno == ENOSYS) {
		printf("#   uring_attach_in_call: skipped: no userfaultfd in this kernel\n");
		close(kfd);
		return;
	}
	CHECK(uffd >= 0);
	CHECK(!ioctl(uffd, UFFDIO_API, &api));
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	memset(&reg, 0, sizeof(reg));
	reg.range.start = (unsigned long)page;
	reg.range.len = 4096;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	CHECK(!ioctl(uffd, UFFDIO_REGISTER, &reg));
	if (kt_failed)
		return;
	pthread_create(&t, NULL, setup_thread, page);
	pfd.fd = uffd;
	pfd.events = POLLIN;
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	CHECK_EQ(msg.event, UFFD_EVENT_PAGEFAULT);

	CHECK_RET(sv_attach(0, 0, 0, "svt_b"), EBUSY);
	check_unbound(0);
	CHECK(kmsg_refused(kfd, getpid(), "is inside io_uring_setup"));

	/* Let it go on: it makes its ring, unconfined. */
	memset(&zero, 0, sizeof(zero));
	zero.range.start = (unsigned long)page;
	zero.range.len = 4096;
	CHECK(!ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	pthread_join(t, &res);
	CHECK((long)res >= 0);
	close(kfd);
}

/*
 * ATTACH while the target is making a ring: whatever the timing, either
 * ATTACH succeeds and the target got no ring, or it fails with EBUSY and
 * the target is unbound or killed. The target has a thread that calls
 * io_uring_setup once, a set time after a start signal, and many idle
 * threads after it, so that ATTACH takes a while between its first look
 * at that thread and binding it: the call lands before, inside or after
 * that window as the delay grows.
 */
#define RACE_IDLE	128

struct race {
	volatile int ready;
	volatile int go;
	volatile int delay_us;
	volatile int res;	/* io_uring_setup: fd or -errno; 1: not yet */
};

static struct race *race;

static void *race_thread(void *arg)
{
	struct io_uring_params p;
	struct timespec t0, t;
	int fd;

	(void)arg;
	while (!race->go)
		;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000000 + (t.tv_nsec - t0.tv_nsec) / 1000 <
	       race->delay_us);
	memset(&p, 0, sizeof(p));
	fd = uring_setup(8, &p);
	race->res = fd >= 0 ? fd : -errno;
	return NULL;
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void __attribute__((noreturn)) race_target(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int i;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 65536);
	pthread_create(&t, &attr, race_thread, NULL);	/* first on the list */
	for (i = 0; i < RACE_IDLE; i++)
		pthread_create(&t, &attr, idle_thread, NULL);
	race->ready = 1;
	for (;;)
		pause();
}

static void t_attach_race(void)
{
	int n_ok = 0, n_refused = 0, n_killed = 0, i;

	race = mmap(NULL, sizeof(*race), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		    -1, 0);
	CHECK(race != MAP_FAILED);
	for (i = 0; i < 40 && !kt_failed; i++) {
		struct sysvec_get g;
		int ret, st, ms;
		pid_t pid;

		race->ready = race->go = 0;
		race->res = 1;
		race->delay_us = (i % 10) * 400;
		pid = fork();
		if (!pid)
			race_target();
		for (ms = 0; ms < 10000 && !race->ready; ms++)
			usleep(1000);
		if (i % 10) {
			race->go = 1;
			ret = sv_attach(pid, 0, 0, "svt_b");
		} else {
			/* ATTACH first: that one must pass */
			ret = sv_attach(pid, 0, 0, "svt_b");
			CHECK_RET(ret, 0);
			race->go = 1;
		}
		if (!ret) {
			/* Bound, and no ring: its call was refused. */
			for (ms = 0; ms < 5000 && race->res == 1; ms++)
				usleep(1000);
			CHECK_EQ(race->res, -EPERM);
			n_ok++;
		} else {
			CHECK_RET(ret, EBUSY);
			/* Bound while the ring was being made: killed already. */
			for (ms = 0; ms < 1000; ms += 10) {
				if (waitpid(pid, &st, WNOHANG) == pid)
					break;
				usleep(10000);
			}
			if (ms < 1000) {
				CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
				n_killed++;
				pid = 0;
			} else {
				/* Refused before anything changed. */
				CHECK_RET(sv_get(pid, &g), 0);
				CHECK_EQ(g.state, 0);
				n_refused++;
			}
		}
		if (pid) {
			kill(pid, SIGKILL);
			kt_wait(pid);
		}
	}
	printf("#   uring_attach_race: %d attached, %d refused, %d killed\n",
	       n_ok, n_refused, n_killed);
}

/* ---- ON_EXEC and CHILDREN ---- */

/*
 * A ring made by the parent, its descriptor kept across execve (O_CLOEXEC
 * cleared): the new program could write SQEs that the parent's SQPOLL
 * thread runs. With svt_b it is killed before its first instruction.
 */
/*
 * Fork a child that keeps the SQPOLL ring @r (O_CLOEXEC cleared) across
 * an execve that binds @vector, and has the new program submit an SQE
 * that creates @dir. Returns the child's wait status, its pid in @pidp.
 */
static int exec_kept_fd_run(const char *vector, const char *dir, pid_t *pidp)
{
	char spec[400];
	struct ring r;
	pid_t pid;

	rmdir(dir);
	CHECK_RET(ring_new(&r, IORING_SETUP_SQPOLL), 0);
	submit_spec(spec, sizeof(spec), &r, dir);
	pid = fork();
	if (!pid) {
		if (fcntl(r.fd, F_SETFD, 0) ||
		    sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, vector))
			_exit(90);
		exec_self(spec);
	}
	*pidp = pid;
	return kt_wait(pid);
}

static void t_exec_kept_fd(void)
{
	static const char dir[] = "/tmp/uring-exec";
	long refused = sv_stat("uring_refused");
	int kfd = kmsg_open(), st;
	pid_t pid;

	st = exec_kept_fd_run("svt_b", dir, &pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGKILL);
	usleep(200000);		/* what the SQPOLL thread would have run */
	CHECK(!exists(dir));
	CHECK_EQ(sv_stat("uring_refused"), refused + 1);
	CHECK(kmsg_killed(kfd, pid, "fd"));
	rmdir(dir);
	close(kfd);
}

/* The same with a vector that allows io_uring: the SQE runs. */
static void exec_kept_fd_allowed_child(void)
{
	static const char dir[] = "/tmp/uring-exec-allowed";
	pid_t pid;
	int st = exec_kept_fd_run("svt_uring", dir, &pid);

	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	CHECK(exists(dir));
	rmdir(dir);
}

static void t_exec_kept_fd_allowed(void)
{
	kt_in_child_with_module("svt_uring", "exec with a ring, io_uring allowed",
				exec_kept_fd_allowed_child, NULL);
}

/*
 * A ring of its own, with its default O_CLOEXEC and an SQPOLL thread: the
 * execve closes it and ends the thread, and the new program runs confined.
 */
static void t_exec_cloexec(void)
{
	long refused = sv_stat("uring_refused");
	struct ring r;
	pid_t pid;
	int st;

	pid = fork();
	if (!pid) {
		char spec[32];

		if (ring_new(&r, IORING_SETUP_SQPOLL) ||
		    sv_attach(0, SYSVEC_ATTACH_ON_EXEC, 0, "svt_b"))
			_exit(90);
		snprintf(spec, sizeof(spec), "probe %d", r.fd);
		exec_self(spec);
	}
	st = kt_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), 0);
	CHECK_EQ(sv_stat("uring_refused"), refused);
}

/*
 * CHILDREN: a new process starts with its parent's descriptors and
 * mappings, the ring included, and writing an SQE needs no syscall. It is
 * killed before it runs; a child of a parent without rings runs.
 */
static void t_children(void)
{
	static const char dir[] = "/tmp/uring-child";
	int kfd = kmsg_open(), st;
	struct io_uring_sqe sqe;
	struct ring r;
	pid_t pid;

	rmdir(dir);
	CHECK_RET(ring_new(&r, IORING_SETUP_SQPOLL), 0);
	CHECK_RET(sv_attach(0, SYSVEC_ATTACH_CHILDREN, 0, "svt_b"), 0);
	pid = fork();
	if (!pid) {
		sqe_mkdirat(&sqe, dir);
		ring_push(&r, &sqe, false);
		_exit(ring_reap(&r, 5000) ? 1 : 0);
	}
	st = kt_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGKILL);
	usleep(200000);
	CHECK(!exists(dir));
	CHECK(kmsg_killed(kfd, pid, "fd"));
	/* The parent itself is free and keeps its ring. */
	CHECK_EQ(ring_mkdir(&r, dir), 0);
	CHECK(exists(dir));
	rmdir(dir);

	ring_unmap(&r);
	close(r.fd);
	pid = fork();
	if (!pid)
		_exit(probe_getppid());
	st = kt_wait(pid);
	CHECK(WIFEXITED(st));
	CHECK_EQ(WEXITSTATUS(st), EPERM);	/* ran, confined by svt_b */
	close(kfd);
}

const struct ktest ktests_uring[] = {
	{ "uring_attach_sqpoll", t_attach_sqpoll },
	{ "uring_attach_mapped", t_attach_mapped },
	{ "uring_attach_fd_only", t_attach_fd_only },
	{ "uring_attach_registered", t_attach_registered },
	{ "uring_attach_clean", t_attach_clean },
	{ "uring_attach_after_close", t_attach_after_close },
	{ "uring_attach_allowed", t_attach_allowed },
	{ "uring_attach_other_pid", t_attach_other_pid },
	{ "uring_attach_in_call", t_attach_in_call },
	{ "uring_attach_race", t_attach_race },
	{ "uring_exec_kept_fd", t_exec_kept_fd },
	{ "uring_exec_kept_fd_allowed", t_exec_kept_fd_allowed },
	{ "uring_exec_cloexec", t_exec_cloexec },
	{ "uring_children", t_children },
	{ NULL, NULL },
};
