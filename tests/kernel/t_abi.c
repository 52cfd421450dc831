// SPDX-License-Identifier: GPL-2.0
/*
 * Every ABI entry point of a named call: the profile abi-twins
 * (tests/kernel/profiles/abi-twins.yaml, built by policyc) names its calls by
 * their x86_64 names only, and each test attacks it through int $0x80: the
 * i386 twins (setuid32, the 16-bit setuid), the multiplexers socketcall and
 * ipc (argument 0 picks the sub-call, whose rule decides), the old forms
 * (umount, waitpid) and x32. Each result is exact: the rule's errno, the
 * fail-closed EPERM where a rule's conditions cannot hold, or the call's own
 * result where nothing denies it.
 *
 * Numbers come from policyc's tables (generated from the kernel's headers)
 * and the uapi headers, never typed here. The test program is 64-bit, so
 * whatever an i386 call reads from memory lies below 4 GiB (MAP_32BIT).
 */
#define _GNU_SOURCE
#include <linux/ipc.h>
#include <linux/net.h>
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ktest.h"
#include "profile.h"	/* svp_sys_nr(): the generated name tables */

#define MODULE		"sysvec_abi_twins"
#define VECTOR		"abi-twins"
#define X32_BIT		0x40000000L
#define SOCKADDR_UN_LEN	110	/* the profile's connect condition */

static long nr_of(enum svp_abi abi, const char *name)
{
	int nr = svp_sys_nr(abi, name);

	if (nr < 0)
		kt_fail(__FILE__, __LINE__, "%s has no %s call", svp_abi_names[abi], name);
	return nr;
}

/* An i386 call (int $0x80) with up to five arguments: its result or -errno. */
static long i386_call(const char *name, long a, long b, long c, long d, long e)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr_of(SVP_ABI_I386, name)), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

/* A page below 4 GiB, for what an i386 call reads or writes. */
static uint32_t *low_page(void)
{
	void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (m == MAP_FAILED) {
		kt_fail(__FILE__, __LINE__, "no memory below 4 GiB");
		kt_child_exit();
	}
	return m;
}

static long low(const void *p)
{
	return (long)(uintptr_t)p;
}

static void in_vector(const char *what, void (*fn)(void))
{
	kt_in_child_with_module(MODULE, what, fn, NULL);
}

/* ---- i386 setuid32 and the 16-bit setuid: a rule on setuid ---- */

static void setuid32_calls(void)
{
	uid_t uid = getuid();

	CHECK_EQ(i386_call("getuid32", 0, 0, 0, 0, 0), uid);	/* unconfined */
	kt_confine(VECTOR);
	CHECK_EQ(i386_call("setuid32", 65534, 0, 0, 0, 0), -EACCES);
	CHECK_EQ(getuid(), uid);
	CHECK_EQ(geteuid(), uid);
	CHECK_ERRNO(setuid(65534), EACCES);		/* x86_64, the rule's own */
	CHECK_EQ(i386_call("getuid32", 0, 0, 0, 0, 0), uid);	/* no rule */
}

static void t_setuid32(void)
{
	in_vector("setuid32", setuid32_calls);
}

static void setuid16_calls(void)
{
	uid_t uid = getuid();

	kt_confine(VECTOR);
	CHECK_EQ(i386_call("setuid", 65534, 0, 0, 0, 0), -EACCES);	/* sys_setuid16 */
	/* the kernel keeps the low 16 bits: 0x10000 would be uid 0 */
	CHECK_EQ(i386_call("setuid", 0x10000, 0, 0, 0, 0), -EACCES);
	CHECK_EQ(getuid(), uid);
	CHECK_EQ(geteuid(), uid);
}

static void t_setuid16(void)
{
	in_vector("setuid16", setuid16_calls);
}

/* ---- socketcall: SYS_SOCKET by socket's rule, the rest allowed ---- */

static void socketcall_socket_calls(void)
{
	uint32_t *args = low_page();
	long fd;

	args[0] = AF_UNIX;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	/* unconfined, both make a socket */
	fd = i386_call("socketcall", SYS_SOCKET, low(args), 0, 0, 0);
	CHECK(fd >= 0);
	close(fd);
	fd = i386_call("socket", AF_UNIX, SOCK_STREAM, 0, 0, 0);
	CHECK(fd >= 0);
	close(fd);
	kt_confine(VECTOR);
	CHECK_EQ(i386_call("socketcall", SYS_SOCKET, low(args), 0, 0, 0), -EACCES);
	CHECK_EQ(i386_call("socket", AF_UNIX, SOCK_STREAM, 0, 0, 0), -EACCES);
	CHECK_ERRNO(socket(AF_UNIX, SOCK_STREAM, 0), EACCES);
}

static void t_socketcall_socket(void)
{
	in_vector("socketcall(SYS_SOCKET)", socketcall_socket_calls);
}

static void socketcall_other_calls(void)
{
	uint32_t *args = low_page(), *sv = args + 64;
	char c = 0;

	kt_confine(VECTOR);
	/* socketpair: no rule, runs */
	args[0] = AF_UNIX;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	args[3] = (uint32_t)low(sv);
	CHECK_EQ(i386_call("socketcall", SYS_SOCKETPAIR, low(args), 0, 0, 0), 0);
	CHECK_EQ(write((int)sv[0], "x", 1), 1);
	CHECK_EQ(read((int)sv[1], &c, 1), 1);
	CHECK_EQ(c, 'x');
	/* getsockname, shutdown: run, and fail as the kernel says */
	args[0] = (uint32_t)-1;
	CHECK_EQ(i386_call("socketcall", SYS_GETSOCKNAME, low(args), 0, 0, 0), -EBADF);
	args[0] = sv[0];
	args[1] = SHUT_WR;
	CHECK_EQ(i386_call("socketcall", SYS_SHUTDOWN, low(args), 0, 0, 0), 0);
	/* no sub-call: the kernel's own EINVAL */
	CHECK_EQ(i386_call("socketcall", 0, low(args), 0, 0, 0), -EINVAL);
	CHECK_EQ(i386_call("socketcall", SYS_SENDMMSG + 1, low(args), 0, 0, 0), -EINVAL);
	close((int)sv[0]);
	close((int)sv[1]);
}

static void t_socketcall_others(void)
{
	in_vector("socketcall, other sub-calls", socketcall_other_calls);
}

/*
 * connect's rule has a condition (addrlen == 110): the direct i386 call is
 * checked, socketcall(SYS_CONNECT) hides the arguments and is denied.
 */
static void socketcall_cond_calls(void)
{
	uint32_t *args = low_page();
	char *addr = (char *)(args + 256);

	memset(addr, 0, 128);
	addr[0] = AF_UNIX;	/* sun_family, little-endian */
	kt_confine(VECTOR);
	args[0] = (uint32_t)-1;
	args[1] = (uint32_t)low(addr);
	args[2] = 16;
	CHECK_EQ(i386_call("socketcall", SYS_CONNECT, low(args), 0, 0, 0), -EPERM);
	args[2] = SOCKADDR_UN_LEN;
	CHECK_EQ(i386_call("socketcall", SYS_CONNECT, low(args), 0, 0, 0), -EPERM);
	CHECK_EQ(i386_call("connect", -1, low(addr), SOCKADDR_UN_LEN, 0, 0), -EACCES);
	CHECK_EQ(i386_call("connect", -1, low(addr), 16, 0, 0), -EBADF);
	CHECK_ERRNO(connect(-1, (void *)addr, SOCKADDR_UN_LEN), EACCES);
	CHECK_ERRNO(connect(-1, (void *)addr, 16), EBADF);
}

static void t_socketcall_conditions(void)
{
	in_vector("socketcall(SYS_CONNECT)", socketcall_cond_calls);
}

/* ---- ipc: the sub-calls of shmget and msgget, whatever the version ---- */

static void ipc_calls(void)
{
	long id;

	kt_confine(VECTOR);
	CHECK_EQ(i386_call("ipc", SHMGET, IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0), -EACCES);
	CHECK_EQ(i386_call("ipc", IPCCALL(1, SHMGET), IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0),
		 -EACCES);
	CHECK_EQ(i386_call("ipc", MSGGET, IPC_PRIVATE, IPC_CREAT | 0600, 0, 0), -EACCES);
	CHECK_EQ(i386_call("shmget", IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0, 0), -EACCES);
	CHECK_EQ(i386_call("msgget", IPC_PRIVATE, IPC_CREAT | 0600, 0, 0, 0), -EACCES);
	CHECK_ERRNO(syscall(nr_of(SVP_ABI_X86_64, "shmget"), IPC_PRIVATE, 4096, IPC_CREAT | 0600),
		    EACCES);
	/* semget: no rule, a real semaphore set */
	id = i386_call("ipc", SEMGET, IPC_PRIVATE, 1, IPC_CREAT | 0600, 0);
	CHECK(id >= 0);
	if (id >= 0)
		CHECK_EQ(syscall(nr_of(SVP_ABI_X86_64, "semctl"), id, 0, IPC_RMID, 0), 0);
	/* no such sub-call: the kernel's own ENOSYS */
	CHECK_EQ(i386_call("ipc", 99, 0, 0, 0, 0), -ENOSYS);
}

static void t_ipc(void)
{
	in_vector("ipc", ipc_calls);
}

/* ---- mkdir: the same name on both ABIs ---- */

static void mkdir_calls(void)
{
	char *path = (char *)low_page();
	struct stat st;

	strcpy(path, "/tmp/abi-twins-dir");
	rmdir(path);
	kt_confine(VECTOR);
	CHECK_EQ(i386_call("mkdir", low(path), 0700, 0, 0, 0), -EACCES);
	CHECK_ERRNO(mkdir(path, 0700), EACCES);
	CHECK_ERRNO(stat(path, &st), ENOENT);
}

static void t_mkdir(void)
{
	in_vector("mkdir", mkdir_calls);
}

/* ---- the old forms: umount (oldumount) and waitpid ---- */

static void umount_calls(void)
{
	char *path = (char *)low_page();

	strcpy(path, "/abi-twins-nothing-here");
	CHECK_EQ(i386_call("umount", low(path), 0, 0, 0, 0), -ENOENT);	/* unconfined */
	kt_confine(VECTOR);
	CHECK_EQ(i386_call("umount", low(path), 0, 0, 0, 0), -EACCES);
	CHECK_EQ(i386_call("umount2", low(path), 0, 0, 0, 0), -EACCES);
	CHECK_ERRNO(umount2(path, 0), EACCES);
}

static void t_old_umount(void)
{
	in_vector("umount", umount_calls);
}

static void waitpid_calls(void)
{
	kt_confine(VECTOR);
	/* options == 3 (WNOHANG | WUNTRACED): the rule's condition */
	CHECK_EQ(i386_call("waitpid", -1, 0, WNOHANG | WUNTRACED, 0, 0), -EACCES);
	CHECK_ERRNO(wait4(-1, NULL, WNOHANG | WUNTRACED, NULL), EACCES);
	/* other options: the call runs; this process has no children */
	CHECK_EQ(i386_call("waitpid", -1, 0, WNOHANG, 0, 0), -ECHILD);
	CHECK_ERRNO(wait4(-1, NULL, WNOHANG, NULL), ECHILD);
}

static void t_old_waitpid(void)
{
	in_vector("waitpid", waitpid_calls);
}

/* ---- a condition on setgid: setgid32 keeps it, the 16-bit setgid cannot ---- */

static void setgid_calls(void)
{
	kt_confine(VECTOR);
	CHECK_EQ(i386_call("setgid32", 0, 0, 0, 0, 0), -EACCES);
	CHECK_EQ(getgid(), 0);
	/* 16 bits: 0x10000 would be gid 0; every value is denied (fail closed) */
	CHECK_EQ(i386_call("setgid", 0x10000, 0, 0, 0, 0), -EPERM);
	CHECK_EQ(i386_call("setgid", 12345, 0, 0, 0, 0), -EPERM);
	CHECK_EQ(getgid(), 0);
	/* another gid: the condition does not hold, the call runs */
	CHECK_EQ(i386_call("setgid32", 12345, 0, 0, 0, 0), 0);
	CHECK_EQ(getgid(), 12345);
}

static void t_conditions(void)
{
	if (getgid() != 0) {
		printf("# SKIP not running as gid 0\n");
		return;
	}
	in_vector("setgid conditions", setgid_calls);
}

/* ---- x32: no table, every call denied ---- */

static void x32_calls(void)
{
	uid_t uid = getuid();
	long unconfined;

	errno = 0;
	unconfined = syscall(X32_BIT | nr_of(SVP_ABI_X86_64, "getppid"));
	printf("#   x32 %s on this kernel\n", unconfined == getppid() ? "enabled" : "disabled");
	CHECK(unconfined == getppid() || (unconfined == -1 && errno == ENOSYS));
	kt_confine(VECTOR);
	CHECK_ERRNO(syscall(X32_BIT | nr_of(SVP_ABI_X86_64, "getppid")), ENOSYS);
	CHECK_ERRNO(syscall(X32_BIT | nr_of(SVP_ABI_X86_64, "setuid"), 65534), ENOSYS);
	CHECK_ERRNO(syscall(X32_BIT | nr_of(SVP_ABI_X86_64, "socket"), AF_UNIX, SOCK_STREAM, 0),
		    ENOSYS);
	CHECK_EQ(getuid(), uid);
}

static void t_x32(void)
{
	in_vector("x32", x32_calls);
}

/*
 * Calls newer than 6.1, known to policyc on every supported line (its
 * tables come from the newest line, 6.12): the profile newer-calls denies
 * @file-write, which has fchmodat2 (6.6). On 6.12 unconfined fchmodat2
 * works; on 6.1 the kernel answers ENOSYS. Confined, the vector denies it
 * on both lines and both ABIs before the kernel is asked. cachestat (6.5),
 * in no rule, gets the default (allow): EBADF for fd -1 on 6.12, ENOSYS
 * on 6.1.
 */
static bool kernel_has_newer_calls(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		kt_fail(__FILE__, __LINE__, "cannot read the kernel release");
	return major > 6 || (major == 6 && minor >= 6);
}

static void newer_calls(void)
{
	bool newer = kernel_has_newer_calls();
	long fchmodat2 = nr_of(SVP_ABI_X86_64, "fchmodat2");
	long cachestat = nr_of(SVP_ABI_X86_64, "cachestat");
	char *path = (char *)low_page();
	struct stat st;

	printf("#   kernel with calls after 6.1: %s\n", newer ? "yes" : "no");
	strcpy(path, "/tmp");
	CHECK_EQ(stat(path, &st), 0);
	if (newer)
		CHECK_EQ(syscall(fchmodat2, AT_FDCWD, path, st.st_mode & 07777, 0), 0);
	else
		CHECK_ERRNO(syscall(fchmodat2, AT_FDCWD, path, st.st_mode & 07777, 0), ENOSYS);
	kt_confine("newer-calls");
	CHECK_ERRNO(syscall(fchmodat2, AT_FDCWD, path, st.st_mode & 07777, 0), EACCES);
	CHECK_EQ(i386_call("fchmodat2", AT_FDCWD, low(path), st.st_mode & 07777, 0, 0),
		 -EACCES);
	CHECK_ERRNO(syscall(cachestat, -1, NULL, NULL, 0), newer ? EBADF : ENOSYS);
}

static void t_newer_calls(void)
{
	kt_in_child_with_module("sysvec_newer_calls", "newer-calls", newer_calls, NULL);
}

/*
 * ia32_emulation=0 on the boot line (6.7+): the kernel makes no i386 call
 * at all, so none reaches a vector. int $0x80 raises SIGSEGV, confined or
 * not, and the vector still decides every x86_64 call. With emulation on,
 * the same i386 getppid runs, and the vector's i386 rule denies it.
 * run-all.sh boots 6.12 once with ia32_emulation=0 for this test alone.
 */
static bool boot_has(const char *word)
{
	char line[4096] = "";
	FILE *f = fopen("/proc/cmdline", "r");

	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = 0;
		fclose(f);
	}
	return strstr(line, word) != NULL;
}

static void ia32_getppid_child(void)
{
	_exit(i386_call("getppid", 0, 0, 0, 0, 0) == getppid() ? 0 : 1);
}

static void ia32_getppid_confined(void)
{
	if (sv_attach(0, 0, 0, "svt_a"))
		_exit(3);
	if (probe_getppid() != EACCES)
		_exit(4);
	_exit(i386_call("getppid", 0, 0, 0, 0, 0) == -EACCES ? 0 : 1);
}

static void t_ia32_switch(void)
{
	bool off = boot_has("ia32_emulation=0");
	void (*const fns[])(void) = { ia32_getppid_child, ia32_getppid_confined };
	size_t i;

	printf("#   ia32 emulation %s on this boot\n", off ? "off" : "on");
	for (i = 0; i < 2; i++) {
		pid_t pid = fork();
		int st;

		if (!pid)
			fns[i]();
		st = kt_wait(pid);
		if (off) {
			CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
		} else {
			CHECK(WIFEXITED(st));
			CHECK_EQ(WEXITSTATUS(st), 0);
		}
	}
}

const struct ktest ktests_abi[] = {
	{ "abi_twin_setuid32", t_setuid32 },
	{ "abi_twin_setuid16", t_setuid16 },
	{ "abi_socketcall_socket", t_socketcall_socket },
	{ "abi_socketcall_others", t_socketcall_others },
	{ "abi_socketcall_conditions", t_socketcall_conditions },
	{ "abi_ipc", t_ipc },
	{ "abi_twin_mkdir", t_mkdir },
	{ "abi_old_umount", t_old_umount },
	{ "abi_old_waitpid", t_old_waitpid },
	{ "abi_twin_conditions", t_conditions },
	{ "abi_twin_x32", t_x32 },
	{ "abi_newer_calls", t_newer_calls },
	{ "abi_ia32_switch", t_ia32_switch },
	{ NULL, NULL },
};
