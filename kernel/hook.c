// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: what wrap and override handlers may ask about the call they are
 * given. Handlers see a struct sysvec_call only through these functions,
 * so that its layout can change without breaking vector modules.
 *
 * This version registers vectors with hooks but does not run them yet
 * (ATTACH refuses such vectors with EOPNOTSUPP); the accessors exist so
 * that handler code builds and links against the interface it will run
 * with.
 */
#include <linux/export.h>
#include "internal.h"

/**
 * sysvec_call_path() - a path argument of the call, as copied into the kernel
 * @call: the call
 * @n: 0 for the first path argument, 1 for the second (rename and link)
 *
 * The path was copied from user memory once, before the handler runs, and
 * the call uses that same copy, so the caller cannot change it in between.
 *
 * Context: the hook, in the caller's syscall context.
 * Return: the path, or NULL if the call has no such argument.
 */
const char *sysvec_call_path(const struct sysvec_call *call, unsigned int n)
{
	if (n >= ARRAY_SIZE(call->paths))
		return NULL;
	return call->paths[n];
}
EXPORT_SYMBOL_GPL(sysvec_call_path);
