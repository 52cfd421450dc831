// SPDX-License-Identifier: GPL-2.0
/*
 * svmon: one line per monitored call:
 *   HH:MM:SS.uuuuuu pid=P tid=T uid=U comm="NAME" [abi=i386|x32] CALL(a0, ..., a5)
 * with the arguments in hexadecimal, as the call received them.
 */
#include <time.h>
#include "libsysvec.h"
#include "svmon.h"

static void print_comm(FILE *out, const char *comm)
{
	const unsigned char *p;

	fputs("comm=\"", out);
	for (p = (const unsigned char *)comm; *p; p++) {
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
			fprintf(out, "\\x%02x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

void print_event(FILE *out, const struct sysvec_event *ev)
{
	static const char *const abi[] = { "", " abi=i386", " abi=x32" };
	time_t secs = ev->time_ns / 1000000000;
	const char *name = sysvec_syscall_name(ev->monitored_nr);
	struct tm tm;
	int i;

	localtime_r(&secs, &tm);
	fprintf(out, "%02d:%02d:%02d.%06u pid=%d tid=%d uid=%u ", tm.tm_hour, tm.tm_min,
		tm.tm_sec, (unsigned int)(ev->time_ns % 1000000000 / 1000), ev->pid,
		ev->tid, ev->uid);
	print_comm(out, ev->comm);
	fputs(ev->abi < 3 ? abi[ev->abi] : " abi=?", out);
	if (name)
		fprintf(out, " %s(", name);
	else
		fprintf(out, " syscall_%u(", ev->monitored_nr);
	for (i = 0; i < 6; i++)
		fprintf(out, "%s%#llx", i ? ", " : "", (unsigned long long)ev->args[i]);
	fputs(")\n", out);
}
