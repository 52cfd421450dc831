// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsysvec: monitoring syscalls (MONITOR_START/STOP and the event stream),
 * and the x86_64 syscall names the monitors are given by.
 *
 * A monitoring descriptor is a /dev/sysvec of its own: stream monitors
 * belong to the open file they were started on, and end when it is closed.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "libsysvec.h"
#include "profile.h"

int sysvec_monitor_open(void)
{
	int fd = open(SYSVEC_DEVICE, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int sysvec_monitor_ioctl(int fd, unsigned long cmd, unsigned int nr,
				pid_t pid, uid_t uid, unsigned int flags)
{
	struct sysvec_monitor m = {
		.size = sizeof(m),
		.flags = flags,
		.nr = nr,
		.pid = pid,
		.uid = uid,
	};

	return ioctl(fd, cmd, &m) ? -errno : 0;
}

int sysvec_monitor_start(int fd, unsigned int nr, pid_t pid, uid_t uid,
			 unsigned int flags)
{
	return sysvec_monitor_ioctl(fd, SYSVEC_IOC_MONITOR_START, nr, pid, uid, flags);
}

int sysvec_monitor_stop(int fd, unsigned int nr, pid_t pid, uid_t uid,
			unsigned int flags)
{
	return sysvec_monitor_ioctl(fd, SYSVEC_IOC_MONITOR_STOP, nr, pid, uid, flags);
}

ssize_t sysvec_monitor_read(int fd, struct sysvec_event *events, size_t max)
{
	ssize_t n = read(fd, events, max * sizeof(*events));

	if (n < 0)
		return -errno;
	if (n % sizeof(*events))
		return -EPROTO;
	return n / sizeof(*events);
}

int sysvec_syscall_number(const char *name)
{
	int nr = svp_sys_nr(SVP_ABI_X86_64, name);

	return nr < 0 ? -ENOENT : nr;
}

const char *sysvec_syscall_name(unsigned int nr)
{
	return svp_sys_name(SVP_ABI_X86_64, (int)nr);
}
