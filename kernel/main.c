// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the syscall vector registry and dispatcher.
 *
 * Vector modules register syscall vectors here (registry.c); processes are
 * bound to them through /dev/sysvec (dev.c, attach.c); the bindings follow
 * tasks through fork, clone, threads and execve (task.c); and the sys_enter
 * probe enforces them (probe.c, registered while needed by
 * probe_register.c), writing audit records for logged decisions (audit.c).
 * Monitors record the calls of chosen processes (monitor.c, with their
 * record streams in monitor_stream.c and audit records in
 * monitor_audit.c). Modules add syscalls (dynsys.c) and replace existing
 * ones (hijack.c). /proc/sysvec shows the registry and counters (proc.c).
 *
 * What this file owns: the order of module init and exit, and the check
 * that the running kernel is of a supported line (supported-kernels),
 * which take no lock; internal.h has the lock order of the whole module.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/utsname.h>
#include "internal.h"

static bool allow_unsupported_kernel;
module_param(allow_unsupported_kernel, bool, 0444);
MODULE_PARM_DESC(allow_unsupported_kernel,
		 "load on a kernel line that sysvec is not tested on (default N)");

/*
 * Whether the running kernel's line (6.12 of 6.12.117+deb12-cloud-amd64)
 * is one of SYSVEC_KERNELS, the space-separated lines of supported-kernels
 * this module was built with. @line gets the line, or "?".
 */
static bool __init sysvec_kernel_supported(char *line, size_t len)
{
	unsigned int major, minor;
	char word[24];

	strscpy(line, "?", len);
	if (sscanf(init_utsname()->release, "%u.%u", &major, &minor) != 2)
		return false;
	snprintf(line, len, "%u.%u", major, minor);
	/* a whole word of " LIST " */
	snprintf(word, sizeof(word), " %u.%u ", major, minor);
	return strstr(" " SYSVEC_KERNELS " ", word);
}

static int __init sysvec_init(void)
{
	char line[24];
	int ret;

	if (!sysvec_kernel_supported(line, sizeof(line))) {
		if (!allow_unsupported_kernel) {
			pr_err("kernel line %s (%s) is not supported (supported: %s); load with allow_unsupported_kernel=1 to accept the risk\n",
			       line, init_utsname()->release, SYSVEC_KERNELS);
			return -EOPNOTSUPP;
		}
		pr_warn("kernel line %s (%s) is not supported (supported: %s); loading as allow_unsupported_kernel=1 asks\n",
			line, init_utsname()->release, SYSVEC_KERNELS);
	}
	sysvec_audit_init();
	ret = sysvec_probes_init();
	if (ret)
		return ret;
	ret = sysvec_compile_init();
	if (ret)
		return ret;
	ret = sysvec_guard_init();
	if (ret)
		goto out_compile;
	ret = sysvec_dyn_init();
	if (ret)
		goto out_guard;
	ret = sysvec_mon_init();
	if (ret)
		goto out_guard;
	ret = sysvec_registry_init();
	if (ret)
		goto out_mon;
	ret = sysvec_task_init();
	if (ret)
		goto out_registry;
	ret = sysvec_proc_init();
	if (ret)
		goto out_task;
	ret = sysvec_dev_init();
	if (ret)
		goto out_proc;
	pr_info("sysvec %d.%d.%d loaded\n", SYSVEC_API_MAJOR, SYSVEC_API_MINOR,
		SYSVEC_API_PATCH);
	return 0;

out_proc:
	sysvec_proc_exit();
out_task:
	sysvec_task_exit();
out_registry:
	sysvec_registry_exit();
out_mon:
	sysvec_mon_exit();
out_guard:
	sysvec_guard_exit();
out_compile:
	sysvec_compile_exit();
	return ret;
}

/*
 * The module can only be removed when nothing refers to it: every vector
 * module depends on it, an open /dev/sysvec and every task object in use
 * (in the map or with task_work queued) hold a reference. What may still
 * be in flight is code that dropped the last reference and has not
 * returned yet: RCU callbacks that free objects, and a task_work callback
 * between its last put and its return.
 */
static void __exit sysvec_exit(void)
{
	sysvec_dev_exit();
	sysvec_proc_exit();
	sysvec_mon_exit();
	sysvec_probes_exit();
	sysvec_dyn_exit();
	rcu_barrier();
	synchronize_rcu_tasks();
	sysvec_task_exit();
	sysvec_registry_exit();
	sysvec_guard_exit();
	sysvec_compile_exit();
}

module_init(sysvec_init);
module_exit(sysvec_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("sysvec developers");
MODULE_DESCRIPTION("sysvec: per-process syscall vectors");
MODULE_INFO(api_version, __stringify(SYSVEC_API_MAJOR) "." __stringify(SYSVEC_API_MINOR) "." __stringify(SYSVEC_API_PATCH));
