// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the control device /dev/sysvec.
 *
 * Every ioctl argument is a struct that starts with its own size. The size
 * must be at least the first version's and at most a page; bytes beyond
 * what this module knows must be zero (copy_struct_from_user() gives
 * E2BIG otherwise). Unknown flags and non-zero reserved fields get EINVAL,
 * unknown commands ENOTTY, bad pointers EFAULT. Permission checks are made
 * per operation (attach.c), not on open: the device is world-accessible
 * like seccomp(2).
 *
 * A file that started monitors with SYSVEC_MONITOR_STREAM is read for
 * their records (monitor_stream.c); closing it ends them (monitor.c).
 *
 * What this file owns, and what protects it: only the misc device,
 * registered at module init and removed at exit; an open file pins the
 * module (.owner). A file's private_data is its record stream or NULL: set
 * once, under sysvec_mon_mutex, by its first stream monitor
 * (monitor_stream.c). Each operation takes the locks it needs itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include "internal.h"

/*
 * Read a versioned struct: its size field first, then the struct.
 * @ksize is sizeof the kernel's struct, @ver0 the size of version 0.
 */
static int sysvec_copy_in(void *dst, size_t ksize, size_t ver0,
			  const void __user *uarg)
{
	u32 usize;
	int ret;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < ver0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	ret = copy_struct_from_user(dst, ksize, uarg, usize);
	if (ret)
		return ret;
	*(u32 *)dst = usize;
	return 0;
}

/* Copy a struct back, no more than the caller's size. */
static int sysvec_copy_out(void __user *uarg, const void *src, size_t ksize)
{
	u32 usize = *(const u32 *)src;

	return copy_to_user(uarg, src, min_t(size_t, usize, ksize)) ? -EFAULT : 0;
}

static long sysvec_ioc_version(void __user *uarg)
{
	struct sysvec_version v;
	int ret;

	BUILD_BUG_ON(sizeof(v) != SYSVEC_VERSION_SIZE_VER0);
	ret = sysvec_copy_in(&v, sizeof(v), SYSVEC_VERSION_SIZE_VER0, uarg);
	if (ret)
		return ret;
	v.major = SYSVEC_API_MAJOR;
	v.minor = SYSVEC_API_MINOR;
	v.patch = SYSVEC_API_PATCH;
	v.features = SYSVEC_FEAT_IA32 | SYSVEC_FEAT_X32 | SYSVEC_FEAT_AUDIT |
		     SYSVEC_FEAT_RETURN | SYSVEC_FEAT_ARG_COND |
		     SYSVEC_FEAT_COMPLAIN | SYSVEC_FEAT_HOOKS |
		     SYSVEC_FEAT_PATH_HOOKS | SYSVEC_FEAT_MONITOR |
		     SYSVEC_FEAT_SCOPE | SYSVEC_FEAT_PROTECT | SYSVEC_FEAT_URING;
	return sysvec_copy_out(uarg, &v, sizeof(v));
}

static long sysvec_ioc_list(void __user *uarg)
{
	struct sysvec_list l;
	u32 total;
	int ret;

	BUILD_BUG_ON(sizeof(l) != SYSVEC_LIST_SIZE_VER0);
	ret = sysvec_copy_in(&l, sizeof(l), SYSVEC_LIST_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if (l.flags)
		return -EINVAL;
	if (l.entry_size != sizeof(struct sysvec_vector_info))
		return -EINVAL;
	if (l.count && !l.entries)
		return -EFAULT;
	ret = sysvec_registry_list(u64_to_user_ptr(l.entries), l.count, &total);
	if (ret)
		return ret;
	l.count = total;
	return sysvec_copy_out(uarg, &l, sizeof(l));
}

static long sysvec_ioc_get(void __user *uarg)
{
	struct sysvec_get g;
	int ret;

	BUILD_BUG_ON(sizeof(g) != SYSVEC_GET_SIZE_VER0);
	ret = sysvec_copy_in(&g, sizeof(g), SYSVEC_GET_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if (g.flags || g.reserved)
		return -EINVAL;
	ret = sysvec_get(&g);
	if (ret)
		return ret;
	return sysvec_copy_out(uarg, &g, sizeof(g));
}

static long sysvec_ioc_attach(const void __user *uarg)
{
	struct sysvec_attach a;
	int ret;

	BUILD_BUG_ON(sizeof(a) != SYSVEC_ATTACH_SIZE_VER0);
	ret = sysvec_copy_in(&a, sizeof(a), SYSVEC_ATTACH_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if (a.flags & ~SYSVEC_ATTACH_F_MASK)
		return -EINVAL;
	if (strnlen(a.vector_name, sizeof(a.vector_name)) == sizeof(a.vector_name))
		return -EINVAL;
	return sysvec_attach(&a);
}

static long sysvec_ioc_detach(const void __user *uarg)
{
	struct sysvec_detach d;
	int ret;

	BUILD_BUG_ON(sizeof(d) != SYSVEC_DETACH_SIZE_VER0);
	ret = sysvec_copy_in(&d, sizeof(d), SYSVEC_DETACH_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if (d.flags || d.reserved)
		return -EINVAL;
	return sysvec_detach(&d);
}

static long sysvec_ioc_monitor(struct file *file, const void __user *uarg, bool start)
{
	struct sysvec_monitor mon;
	int ret;

	BUILD_BUG_ON(sizeof(mon) != SYSVEC_MONITOR_SIZE_VER0);
	ret = sysvec_copy_in(&mon, sizeof(mon), SYSVEC_MONITOR_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if ((mon.flags & ~SYSVEC_MONITOR_F_MASK) || mon.reserved)
		return -EINVAL;
	return start ? sysvec_mon_start(file, &mon) : sysvec_mon_stop(file, &mon);
}

static long sysvec_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case SYSVEC_IOC_GET_VERSION:
		return sysvec_ioc_version(uarg);
	case SYSVEC_IOC_LIST:
		return sysvec_ioc_list(uarg);
	case SYSVEC_IOC_GET:
		return sysvec_ioc_get(uarg);
	case SYSVEC_IOC_ATTACH:
		return sysvec_ioc_attach(uarg);
	case SYSVEC_IOC_DETACH:
		return sysvec_ioc_detach(uarg);
	case SYSVEC_IOC_MONITOR_START:
		return sysvec_ioc_monitor(file, uarg, true);
	case SYSVEC_IOC_MONITOR_STOP:
		return sysvec_ioc_monitor(file, uarg, false);
	default:
		return -ENOTTY;
	}
}

/* A file's stream (monitor_stream.c) is created at its first stream monitor. */
static int sysvec_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

static int sysvec_release(struct inode *inode, struct file *file)
{
	sysvec_mon_release(file);
	return 0;
}

static ssize_t sysvec_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	return sysvec_stream_read(file, buf, count);
}

static const struct file_operations sysvec_fops = {
	.owner = THIS_MODULE,
	.open = sysvec_open,
	.release = sysvec_release,
	.read = sysvec_read,
	.poll = sysvec_stream_poll,
	.unlocked_ioctl = sysvec_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice sysvec_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "sysvec",
	.fops = &sysvec_fops,
	.mode = 0666,
};

int sysvec_dev_init(void)
{
	return misc_register(&sysvec_misc);
}

void sysvec_dev_exit(void)
{
	misc_deregister(&sysvec_misc);
}
