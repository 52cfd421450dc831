/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What sysvec's own commands (svrun, svmon) share. Not installed: it is
 * not part of libsysvec's interface.
 */
#ifndef SYSVEC_CLI_H
#define SYSVEC_CLI_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "sysvec_config.h"

/* The command's name, defined by each command: messages start with it. */
extern const char cli_name[];

/* Print "NAME: message" on stderr and exit with @code. */
__attribute__((format(printf, 2, 3), noreturn))
static inline void die(int code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

/* --version: "NAME VERSION", the one version of every sysvec program. */
static inline void cli_print_version(void)
{
	printf("%s %s\n", cli_name, SYSVEC_VERSION);
}

#endif /* SYSVEC_CLI_H */
