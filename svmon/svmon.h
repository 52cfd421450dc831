/* SPDX-License-Identifier: GPL-2.0 */
/*
 * svmon: monitor the syscalls of processes through sysvec.
 *   main.c   options, starting and stopping monitors, the read loop
 *   print.c  one line per record
 */
#ifndef SVMON_H
#define SVMON_H

#include <stdio.h>
#include <sysvec.h>

/* Exit codes (svmon(1)). */
enum {
	SVMON_EXIT_OK = 0,		/* done: interrupted, processes ended, -n reached */
	SVMON_EXIT_FAIL = 1,		/* a monitor could not be started or read */
	SVMON_EXIT_USAGE = 2,		/* bad command line */
	SVMON_EXIT_NOSYSVEC = 3,	/* sysvec not loaded, or without monitoring */
	SVMON_EXIT_PERM = 4,		/* permission denied */
	SVMON_EXIT_NOTFOUND = 5,	/* no such process, or (--stop) no such monitor */
};

/* Print @ev as one line on @out. */
void print_event(FILE *out, const struct sysvec_event *ev);

#endif /* SVMON_H */
