// SPDX-License-Identifier: GPL-2.0
/*
 * svmon [options] SYSCALL...
 *
 * Monitors the calls of SYSCALL made by chosen processes and prints each
 * one as it happens. By default the monitors belong to svmon's own
 * descriptor of /dev/sysvec: they end when svmon ends, however it ends,
 * and svmon ends when they do (the processes exited). --start and --stop
 * manage monitors that write only audit records and stay until stopped;
 * --list shows what is monitored.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "libsysvec.h"
#include "svmon.h"

#define MAX_ITEMS	256

enum mode { MODE_STREAM, MODE_START, MODE_STOP, MODE_LIST };

/* A selector: a process, a user, or every process. */
struct target {
	pid_t pid;
	uid_t uid;
	unsigned int flags;	/* SYSVEC_MONITOR_UID */
	const char *text;	/* as given, for messages */
};

struct opts {
	enum mode mode;
	struct target targets[MAX_ITEMS];
	int nr_targets;
	bool all;
	unsigned int nrs[MAX_ITEMS];
	const char *names[MAX_ITEMS];
	int nr_syscalls;
	unsigned long count;	/* 0: no limit */
	bool quiet;
};

static const char usage_text[] =
	"usage: svmon [options] -p PID|-u USER|-a SYSCALL...\n"
	"       svmon --list\n"
	"Monitor the calls of each SYSCALL (an x86_64 name such as openat, or its\n"
	"number; calls through the i386 and x32 entries are included) and print\n"
	"each one as it happens, until interrupted, until the monitored processes\n"
	"have all exited, or until -n calls were printed.\n"
	"\n"
	"  -p, --pid PID     the process PID (any of its thread ids; all its threads);\n"
	"                    may be given more than once\n"
	"  -u, --user USER   every process whose real uid is USER (name or number)\n"
	"  -a, --all         every process (needs CAP_SYS_ADMIN)\n"
	"  -n, --count N     exit after printing N calls\n"
	"      --start       start monitors that only write audit records and stay\n"
	"                    after svmon exits (needs CAP_SYS_ADMIN); print nothing\n"
	"      --stop        stop monitors that --start started\n"
	"  -l, --list        list every monitor (/proc/sysvec/monitor)\n"
	"  -q, --quiet       say nothing on stderr unless something fails\n"
	"  -h, --help        this text\n"
	"      --version     print svmon's version\n"
	"\n"
	"Without CAP_SYS_ADMIN only your own processes can be monitored: their user\n"
	"and group ids must all be yours, and they must not run a setuid program.\n"
	"\n"
	"Exit status: 0 done, 1 a monitor could not be started or read, 2 usage\n"
	"error, 3 sysvec is not loaded or cannot monitor, 4 permission denied,\n"
	"5 no such process or (--stop) no such monitor. See svmon(1).\n";

const char cli_name[] = "svmon";

static bool parse_number(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return !errno && !*end && *out <= max;
}

static void add_target(struct opts *o, pid_t pid, uid_t uid, unsigned int flags,
		       const char *text)
{
	if (o->nr_targets == MAX_ITEMS)
		die(SVMON_EXIT_USAGE, "more than %d processes and users", MAX_ITEMS);
	o->targets[o->nr_targets++] = (struct target){ pid, uid, flags, text };
}

static void parse_user(struct opts *o, const char *user)
{
	struct passwd *pw = getpwnam(user);
	unsigned long n;

	if (pw)
		add_target(o, 0, pw->pw_uid, SYSVEC_MONITOR_UID, user);
	else if (parse_number(user, UINT_MAX - 1, &n))
		add_target(o, 0, (uid_t)n, SYSVEC_MONITOR_UID, user);
	else
		die(SVMON_EXIT_USAGE, "--user %s: no such user; give a name from /etc/passwd "
		    "or a number", user);
}

static void parse_syscall(struct opts *o, const char *name)
{
	unsigned long n;
	int nr;

	if (o->nr_syscalls == MAX_ITEMS)
		die(SVMON_EXIT_USAGE, "more than %d syscalls", MAX_ITEMS);
	if (parse_number(name, INT_MAX, &n)) {
		if (!sysvec_syscall_name(n))
			die(SVMON_EXIT_USAGE, "%lu is not an x86_64 syscall number", n);
		nr = (int)n;
	} else {
		nr = sysvec_syscall_number(name);
		if (nr < 0)
			die(SVMON_EXIT_USAGE, "unknown syscall \"%s\": give an x86_64 name "
			    "(syscalls(2)), e.g. openat", name);
	}
	o->nrs[o->nr_syscalls] = nr;
	o->names[o->nr_syscalls++] = sysvec_syscall_name(nr);
}

static void parse(int argc, char **argv, struct opts *o)
{
	enum { OPT_START = 256, OPT_STOP, OPT_VERSION };
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "user", required_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'a' },
		{ "count", required_argument, NULL, 'n' },
		{ "start", no_argument, NULL, OPT_START },
		{ "stop", no_argument, NULL, OPT_STOP },
		{ "list", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long n;
	int c, modes = 0;

	while ((c = getopt_long(argc, argv, "p:u:an:lqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (!parse_number(optarg, INT_MAX, &n) || !n)
				die(SVMON_EXIT_USAGE, "--pid %s: give a process id (a number "
				    "above 0)", optarg);
			add_target(o, (pid_t)n, 0, 0, optarg);
			break;
		case 'u':
			parse_user(o, optarg);
			break;
		case 'a':
			o->all = true;
			break;
		case 'n':
			if (!parse_number(optarg, ULONG_MAX, &o->count) || !o->count)
				die(SVMON_EXIT_USAGE, "--count %s: give a number above 0", optarg);
			break;
		case OPT_START:
			o->mode = MODE_START;
			modes++;
			break;
		case OPT_STOP:
			o->mode = MODE_STOP;
			modes++;
			break;
		case 'l':
			o->mode = MODE_LIST;
			modes++;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(SVMON_EXIT_OK);
		case OPT_VERSION:
			cli_print_version();
			exit(SVMON_EXIT_OK);
		default:
			fprintf(stderr, "Try 'svmon --help'.\n");
			exit(SVMON_EXIT_USAGE);
		}
	}
	if (modes > 1)
		die(SVMON_EXIT_USAGE, "--start, --stop and --list exclude each other");
	if (o->mode == MODE_LIST) {
		if (optind < argc || o->nr_targets || o->all)
			die(SVMON_EXIT_USAGE, "--list takes nothing else");
		return;
	}
	if (o->all && o->nr_targets)
		die(SVMON_EXIT_USAGE, "--all includes every process: give it without "
		    "--pid or --user");
	if (o->all)
		add_target(o, 0, 0, 0, "every process");
	if (!o->nr_targets)
		die(SVMON_EXIT_USAGE, "whose calls? give -p PID, -u USER or -a (svmon --help)");
	if (optind >= argc)
		die(SVMON_EXIT_USAGE, "which calls? name at least one syscall, e.g. "
		    "svmon -p %s openat", o->targets[0].text);
	while (optind < argc)
		parse_syscall(o, argv[optind++]);
	if (o->count && o->mode != MODE_STREAM)
		die(SVMON_EXIT_USAGE, "--count is for printing calls, not with --start or --stop");
}

static void list_monitors(void)
{
	FILE *f = fopen(SYSVEC_PROC_DIR "/monitor", "re");
	char buf[4096];
	size_t n;

	if (!f)
		die(SVMON_EXIT_NOSYSVEC, "%s/monitor: %s (is the sysvec module loaded, "
		    "version 1.5 or later?)", SYSVEC_PROC_DIR, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stdout);
	fclose(f);
}

/* The registry, loaded if root can load it, with monitoring. */
static int open_sysvec(void)
{
	struct sysvec_version v;
	int ret, fd;

	ret = sysvec_registry_load();
	if (ret == -ENOENT || ret == -EPERM)
		die(SVMON_EXIT_NOSYSVEC, "the sysvec kernel module is not loaded%s",
		    ret == -EPERM ? " and only root may load it" :
		    " and was not found: install it (apt install sysvec-dkms), or build it"
		    " from source (make modules)");
	if (ret)
		die(SVMON_EXIT_NOSYSVEC, "the sysvec kernel module cannot be loaded: %s",
		    strerror(-ret));
	ret = sysvec_version(&v);
	if (ret)
		die(ret == -EACCES ? SVMON_EXIT_PERM : SVMON_EXIT_NOSYSVEC, "%s: %s",
		    SYSVEC_DEVICE, strerror(-ret));
	if (!(v.features & SYSVEC_FEAT_MONITOR))
		die(SVMON_EXIT_NOSYSVEC, "the loaded sysvec module (API %u.%u) cannot "
		    "monitor; it needs 1.5 or later: rmmod sysvec and load the installed one",
		    v.major, v.minor);
	fd = sysvec_monitor_open();
	if (fd < 0)
		die(SVMON_EXIT_NOSYSVEC, "%s: %s", SYSVEC_DEVICE, strerror(-fd));
	return fd;
}

/* Exit for a failed MONITOR_START or _STOP of @t and @name. */
__attribute__((noreturn))
static void die_monitor(const struct opts *o, const struct target *t,
			const char *name, int err)
{
	const char *what = o->mode == MODE_STOP ? "cannot stop monitoring" :
			   "cannot monitor";
	char who[96];

	if (t->flags & SYSVEC_MONITOR_UID)
		snprintf(who, sizeof(who), "user %s", t->text);
	else if (t->pid)
		snprintf(who, sizeof(who), "process %s", t->text);
	else
		snprintf(who, sizeof(who), "every process");
	switch (err) {
	case -EPERM:
		if (o->mode == MODE_START || (!t->pid && !(t->flags & SYSVEC_MONITOR_UID)))
			die(SVMON_EXIT_PERM, "%s %s of %s: this needs CAP_SYS_ADMIN", what,
			    name, who);
		die(SVMON_EXIT_PERM, "%s %s of %s: not yours (every user and group id must "
		    "be yours, and no setuid program), and you lack CAP_SYS_ADMIN", what,
		    name, who);
	case -ESRCH:
		die(SVMON_EXIT_NOTFOUND, "%s %s of %s: no such process", what, name, who);
	case -ENOENT:
		die(SVMON_EXIT_NOTFOUND, "%s %s of %s: no such monitor (svmon --list shows "
		    "them)", what, name, who);
	case -EEXIST:
		die(SVMON_EXIT_FAIL, "%s %s of %s: it is monitored already (svmon --list)",
		    what, name, who);
	case -ENOSPC:
		die(SVMON_EXIT_FAIL, "%s %s of %s: you have as many monitors as the sysvec "
		    "module allows (its parameter monitor_user_max)", what, name, who);
	default:
		die(SVMON_EXIT_FAIL, "%s %s of %s: %s", what, name, who, strerror(-err));
	}
}

/* Stop the --start monitors before target @fi's syscall @fj. */
static void undo(const struct opts *o, int fd, int fi, int fj)
{
	int i, j;

	for (i = 0; i <= fi; i++) {
		const struct target *t = &o->targets[i];

		for (j = 0; j < (i == fi ? fj : o->nr_syscalls); j++)
			sysvec_monitor_stop(fd, o->nrs[j], t->pid, t->uid, t->flags);
	}
}

/*
 * Start (or stop) every monitor. When one fails, --start stops what it
 * started, so that nothing is half applied; stream monitors end with @fd.
 */
static void apply(const struct opts *o, int fd)
{
	unsigned int flags = o->mode == MODE_STREAM ? SYSVEC_MONITOR_STREAM : 0;
	int i, j, ret;

	for (i = 0; i < o->nr_targets; i++) {
		const struct target *t = &o->targets[i];

		for (j = 0; j < o->nr_syscalls; j++) {
			if (o->mode == MODE_STOP)
				ret = sysvec_monitor_stop(fd, o->nrs[j], t->pid, t->uid,
							  flags | t->flags);
			else
				ret = sysvec_monitor_start(fd, o->nrs[j], t->pid, t->uid,
							   flags | t->flags);
			if (!ret)
				continue;
			if (o->mode == MODE_START)
				undo(o, fd, i, j);
			die_monitor(o, t, o->names[j], ret);
		}
	}
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Print records until interrupted, the monitors end, or -n. */
static int stream(const struct opts *o, int fd)
{
	struct sigaction sa = { .sa_handler = on_signal };	/* no SA_RESTART */
	struct sysvec_event ev[32];
	unsigned long printed = 0, lost = 0;
	ssize_t n, i;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!o->quiet)
		fprintf(stderr, "svmon: monitoring %d syscall%s of %d selection%s; "
			"Ctrl-C stops\n", o->nr_syscalls, o->nr_syscalls > 1 ? "s" : "",
			o->nr_targets, o->nr_targets > 1 ? "s" : "");
	while (!interrupted) {
		n = sysvec_monitor_read(fd, ev, sizeof(ev) / sizeof(ev[0]));
		if (n == -EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "svmon: reading %s: %s\n", SYSVEC_DEVICE, strerror(-n));
			return SVMON_EXIT_FAIL;
		}
		if (!n)
			break;	/* every monitored process has exited */
		for (i = 0; i < n; i++) {
			if (ev[i].lost) {
				printf("# %u calls lost: svmon read too slowly\n", ev[i].lost);
				lost += ev[i].lost;
			}
			print_event(stdout, &ev[i]);
			if (o->count && ++printed == o->count)
				goto out;
		}
	}
out:
	if (!o->quiet && lost)
		fprintf(stderr, "svmon: %lu calls were lost\n", lost);
	return SVMON_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	int fd;

	parse(argc, argv, &o);
	if (o.mode == MODE_LIST) {
		list_monitors();
		return SVMON_EXIT_OK;
	}
	fd = open_sysvec();
	apply(&o, fd);
	if (o.mode != MODE_STREAM)
		return SVMON_EXIT_OK;
	return stream(&o, fd);
}
