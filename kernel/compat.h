/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysvec: what differs between the kernels the module is built for.
 *
 * Supported: the kernel lines of supported-kernels, Debian's 6.1 and 6.12.
 * Every difference in a kernel interface the module uses is bridged here,
 * and only here, so that the other files use one spelling, the newer
 * kernel's. Each block says what changed in which version and where
 * linux-source-6.12 shows it (file:line), and tests for the interface
 * itself rather than for LINUX_VERSION_CODE, which is what changes when a
 * distribution backports one.
 */
#ifndef _SYSVEC_COMPAT_H
#define _SYSVEC_COMPAT_H

#include <linux/ftrace.h>
#include <linux/sysctl.h>

/*
 * 6.2 renamed ftrace_instruction_pointer_set() to
 * ftrace_regs_set_instruction_pointer(): arch/x86/include/asm/ftrace.h:62,
 * used as livepatch does in kernel/livepatch/patch.c:121. Both are macros
 * on x86.
 */
#ifndef ftrace_regs_set_instruction_pointer
#define ftrace_regs_set_instruction_pointer(fregs, ip) \
	ftrace_instruction_pointer_set(fregs, ip)
#endif

/*
 * Register a sysctl table of one entry and its empty sentinel. 6.1 walks
 * a table up to the sentinel. 6.6 added register_sysctl_sz(), and
 * register_sysctl() became a macro passing ARRAY_SIZE(table)
 * (include/linux/sysctl.h:212); 6.11 stopped ending a table at an empty
 * entry (fs/proc/proc_sysctl.c:22-24), so the sentinel would be an entry
 * without a name, and the whole registration would fail ("procname is
 * null", fs/proc/proc_sysctl.c:1143). Register the one entry alone.
 */
#ifdef register_sysctl
#define sysvec_register_sysctl(path, table) register_sysctl_sz(path, table, 1)
#else
#define sysvec_register_sysctl(path, table) register_sysctl(path, table)
#endif

#endif /* _SYSVEC_COMPAT_H */
