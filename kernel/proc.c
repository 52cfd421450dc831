// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: /proc/sysvec/vectors (the registry), /proc/sysvec/stats
 * (bound tasks, probe state, decision and audit counters) and
 * /proc/sysvec/syscalls (new and hijacked syscalls) and
 * /proc/sysvec/monitor (the monitors).
 *
 * What this file owns: only the /proc/sysvec directory, made at module
 * init and removed at exit. Each file reads what it shows under its
 * owner's lock (sysvec_registry_lock, sysvec_dyn_mutex, sysvec_mon_mutex)
 * or from atomic counters.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "internal.h"

static struct proc_dir_entry *sysvec_proc_dir;

static int sysvec_vectors_show(struct seq_file *m, void *v)
{
	sysvec_registry_show(m);
	return 0;
}

static int sysvec_syscalls_show(struct seq_file *m, void *v)
{
	sysvec_dyn_show(m);
	return 0;
}

static int sysvec_monitor_show(struct seq_file *m, void *v)
{
	sysvec_mon_show(m);
	return 0;
}

static int sysvec_stats_show(struct seq_file *m, void *v)
{
	int objects = sysvec_task_nr_objects(), bound = sysvec_task_nr_bound();

	seq_printf(m, "bound_tasks\t%d\n", bound);
	seq_printf(m, "pending_tasks\t%d\n", objects - bound);
	seq_printf(m, "probes_registered\t%d\n", sysvec_probes_registered());
	seq_printf(m, "denied\t%ld\n", atomic_long_read(&sysvec_stats.denied));
	seq_printf(m, "killed\t%ld\n", atomic_long_read(&sysvec_stats.killed));
	seq_printf(m, "logged\t%ld\n", atomic_long_read(&sysvec_stats.logged));
	seq_printf(m, "complained\t%ld\n", atomic_long_read(&sysvec_stats.complained));
	seq_printf(m, "clone_nomem\t%ld\n", atomic_long_read(&sysvec_stats.clone_nomem));
	seq_printf(m, "hooked\t%ld\n", atomic_long_read(&sysvec_stats.hooked));
	seq_printf(m, "hook_denied\t%ld\n", atomic_long_read(&sysvec_stats.hook_denied));
	seq_printf(m, "scope_denied\t%ld\n", atomic_long_read(&sysvec_stats.scope_denied));
	seq_printf(m, "protect_denied\t%ld\n", atomic_long_read(&sysvec_stats.protect_denied));
	seq_printf(m, "uring_refused\t%ld\n", atomic_long_read(&sysvec_stats.uring_refused));
	sysvec_audit_show(m);
	sysvec_mon_stats(m);
	return 0;
}

int sysvec_proc_init(void)
{
	sysvec_proc_dir = proc_mkdir("sysvec", NULL);
	if (!sysvec_proc_dir)
		return -ENOMEM;
	if (!proc_create_single("vectors", 0444, sysvec_proc_dir, sysvec_vectors_show) ||
	    !proc_create_single("stats", 0444, sysvec_proc_dir, sysvec_stats_show) ||
	    !proc_create_single("syscalls", 0444, sysvec_proc_dir, sysvec_syscalls_show) ||
	    !proc_create_single("monitor", 0444, sysvec_proc_dir, sysvec_monitor_show)) {
		proc_remove(sysvec_proc_dir);
		return -ENOMEM;
	}
	return 0;
}

void sysvec_proc_exit(void)
{
	proc_remove(sysvec_proc_dir);
}
