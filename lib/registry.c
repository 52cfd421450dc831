// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libsysvec: the registry's ioctls, and running programs under a vector.
 *
 * /dev/sysvec is opened once, close-on-exec, and kept: an open descriptor
 * pins the registry module, which is what a tool using it wants.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "libsysvec.h"

static atomic_int sysvec_dev = -1;

static int sysvec_fd(void)
{
	int fd = atomic_load(&sysvec_dev);
	int expected = -1;

	if (fd >= 0)
		return fd;
	fd = open(SYSVEC_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!atomic_compare_exchange_strong(&sysvec_dev, &expected, fd)) {
		close(fd);	/* another thread was first */
		return expected;
	}
	return fd;
}

static int sysvec_ioctl(unsigned long cmd, void *arg)
{
	int fd = sysvec_fd();

	if (fd < 0)
		return fd;
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

bool sysvec_available(void)
{
	return access(SYSVEC_DEVICE, F_OK) == 0;
}

int sysvec_version(struct sysvec_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return sysvec_ioctl(SYSVEC_IOC_GET_VERSION, v);
}

int sysvec_list(struct sysvec_vector_info **vectors)
{
	struct sysvec_list l = { .size = sizeof(l), .entry_size = sizeof(**vectors) };
	struct sysvec_vector_info *v = NULL, *nv;
	unsigned int cap = 0;
	int ret;

	*vectors = NULL;
	for (;;) {
		l.count = cap;
		l.entries = (unsigned long)v;
		ret = sysvec_ioctl(SYSVEC_IOC_LIST, &l);
		if (ret) {
			free(v);
			return ret;
		}
		if (l.count <= cap)
			break;
		/* Vectors may register meanwhile: leave room for a few more. */
		cap = l.count + 4;
		nv = realloc(v, cap * sizeof(*v));
		if (!nv) {
			free(v);
			return -ENOMEM;
		}
		v = nv;
	}
	*vectors = v;
	return l.count;
}

int sysvec_find_vector(const char *name, struct sysvec_vector_info *info)
{
	struct sysvec_vector_info *v;
	int n, i, ret = -ENOENT;

	n = sysvec_list(&v);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		if (!strcmp(v[i].name, name)) {
			*info = v[i];
			ret = 0;
			break;
		}
	}
	free(v);
	return ret;
}

int sysvec_get(pid_t pid, struct sysvec_get *state)
{
	memset(state, 0, sizeof(*state));
	state->size = sizeof(*state);
	state->pid = pid;
	return sysvec_ioctl(SYSVEC_IOC_GET, state);
}

int sysvec_attach(pid_t pid, const char *name, unsigned int flags)
{
	struct sysvec_attach a = { .size = sizeof(a), .flags = flags, .pid = pid };

	if (name) {
		if (!*name || strlen(name) >= sizeof(a.vector_name))
			return -EINVAL;
		strcpy(a.vector_name, name);
	}
	return sysvec_ioctl(SYSVEC_IOC_ATTACH, &a);
}

int sysvec_detach(pid_t pid)
{
	struct sysvec_detach d = { .size = sizeof(d), .pid = pid };

	return sysvec_ioctl(SYSVEC_IOC_DETACH, &d);
}

int sysvec_set_children(const char *name, unsigned int flags)
{
	return sysvec_attach(0, name, flags | SYSVEC_ATTACH_CHILDREN);
}

pid_t sysvec_clone(const char *name, unsigned int flags)
{
	struct sysvec_get before;
	pid_t pid;
	int ret, err;

	if (!name)
		return -EINVAL;
	ret = sysvec_get(0, &before);
	if (ret)
		return ret;
	ret = sysvec_set_children(name, flags);
	if (ret)
		return ret;
	pid = fork();
	if (pid == 0)
		return 0;
	err = pid < 0 ? -errno : 0;
	/* Put back what new processes got before. */
	if (before.state & SYSVEC_STATE_CHILDREN) {
		struct sysvec_attach a = {
			.size = sizeof(a), .flags = SYSVEC_ATTACH_CHILDREN,
			.vector_id = before.child_vector_id,
		};

		ret = sysvec_ioctl(SYSVEC_IOC_ATTACH, &a);
	} else if (before.state) {
		ret = sysvec_set_children(NULL, 0);
	} else {
		ret = sysvec_detach(0);	/* the caller had no state at all */
	}
	if (err)
		return err;
	return ret ? ret : pid;
}

int sysvec_execve(const char *path, char *const argv[], char *const envp[],
		  const char *name, unsigned int flags)
{
	struct sysvec_get before;
	int ret, err;

	if (!name || (flags & ~(SYSVEC_ATTACH_LOCK | SYSVEC_ATTACH_COMPLAIN)))
		return -EINVAL;
	ret = sysvec_get(0, &before);
	if (ret)
		return ret;
	/* A confined caller gets EPERM here: the kernel lets it change nothing. */
	ret = sysvec_attach(0, name, flags | SYSVEC_ATTACH_ON_EXEC);
	if (ret)
		return ret;
	execve(path, argv, envp);
	err = -errno;
	/* The vector is still pending: take it back, the caller stays as it was. */
	if (!before.state)
		sysvec_detach(0);
	return err;
}
