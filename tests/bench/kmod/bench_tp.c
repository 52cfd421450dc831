// SPDX-License-Identifier: GPL-2.0
/*
 * bench_tp: an empty sys_enter probe, registered while the module is
 * loaded. The benchmark measures with it what the tracepoint's slow
 * syscall path costs by itself, the floor of every tracepoint-based
 * dispatcher, sysvec included.
 */
#include <linux/module.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

static struct tracepoint *bench_tp_sys_enter;

static void bench_tp_probe(void *data, struct pt_regs *regs, long id)
{
}

static void bench_tp_find(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sys_enter"))
		bench_tp_sys_enter = tp;
}

static int __init bench_tp_init(void)
{
	for_each_kernel_tracepoint(bench_tp_find, NULL);
	if (!bench_tp_sys_enter)
		return -ENOENT;
	return tracepoint_probe_register(bench_tp_sys_enter, bench_tp_probe, NULL);
}

static void __exit bench_tp_exit(void)
{
	tracepoint_probe_unregister(bench_tp_sys_enter, bench_tp_probe, NULL);
	tracepoint_synchronize_unregister();
}

module_init(bench_tp_init);
module_exit(bench_tp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sysvec benchmark: an empty sys_enter probe");
