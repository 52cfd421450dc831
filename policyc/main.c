// SPDX-License-Identifier: GPL-2.0
/*
 * policyc: compile sysvec YAML profiles into vector modules.
 *
 * Exit codes (policyc(1)): 0 success, 1 the input is invalid (diagnostics
 * name the place and the fix) or names nothing installed, 2 usage error, 3
 * the build, dkms or a system call failed, 4 installed but not for every
 * kernel.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include "policyc.h"
#include "sysvec_config.h"	/* SYSVEC_VERSION and the paths: from the Makefile */

static const char usage_main[] =
	"usage: policyc COMMAND [OPTIONS] ...\n"
	"\n"
	"Compile sysvec YAML profiles (profile(5)) into vector modules.\n"
	"\n"
	"commands:\n"
	"  check FILE...        validate profiles; report every problem with its place\n"
	"  build PROFILE        write the vector module's source and build the .ko\n"
	"  install PROFILE      make the vector a DKMS module, built for every kernel\n"
	"  uninstall NAME       remove an installed profile's DKMS module and source\n"
	"  installed            list the installed profiles, their versions and kernels\n"
	"  explain FILE         show the effective action of every syscall, and what\n"
	"                       the seccomp fallback cannot enforce\n"
	"  groups [GROUP]       list the syscall groups, or the members of one\n"
	"  import-oci FILE      convert a Docker/OCI seccomp JSON profile to YAML\n"
	"\n"
	"Run \"policyc COMMAND --help\" for a command's options, \"policyc --version\"\n"
	"for the version of sysvec it belongs to.\n"
	"Exit status: 0 success, 1 invalid input, 2 usage error, 3 build or system failure,\n"
	"4 installed, but not for every kernel.\n";

static const char usage_check[] =
	"usage: policyc check FILE...\n"
	"\n"
	"Validate each profile and its includes. Errors and warnings name\n"
	"file:line:col, show the line, and say how to fix it.\n"
	"Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.\n";

static const char usage_build[] =
	"usage: policyc build PROFILE [-o DIR] [--kdir DIR] [--kernel RELEASE] [--sysvec DIR]\n"
	"                     [--source-only] [-q]\n"
	"\n"
	"Write DIR/vector.c (generated, deterministic), DIR/Kbuild and the profile's\n"
	"handler files, then build DIR/sysvec_NAME.ko with kbuild. PROFILE is a file\n"
	"(a path, or a name ending in .yaml) or the name of an installed profile.\n"
	"\n"
	"  -o, --output DIR   output directory (default: ./sysvec_NAME; when built against\n"
	"                     the installed registry, a temporary one, and the module goes\n"
	"                     to " SYSVEC_VECTOR_BASE "/RELEASE/)\n"
	"  --kdir DIR         kernel build directory (default: /lib/modules/RELEASE/build)\n"
	"  --kernel RELEASE   the kernel to build for (default: that of --kdir, else the\n"
	"                     running kernel)\n"
	"  --sysvec DIR       directory with sysvec_vector.h and, in a source tree, the\n"
	"                     registry's Module.symvers (default: $SYSVEC_DIR, else\n"
	"                     " SYSVEC_DATADIR "/kernel with the symbols DKMS keeps in\n"
	"                     " SYSVEC_STATE_DIR "/kernel/RELEASE/Module.symvers)\n"
	"  --source-only      write the sources, do not run kbuild\n"
	"  -q, --quiet        only report errors\n"
	"Exit status: 0 built, 1 invalid profile, 2 usage error, 3 build failed.\n";

static const char usage_explain[] =
	"usage: policyc explain FILE\n"
	"\n"
	"Print the effective action of every syscall of x86_64 and i386 with the\n"
	"rule that decided it (\"as setuid\" for an i386 call decided by the rule on\n"
	"its x86_64 call; socketcall and ipc list each sub-call), then the rules the\n"
	"seccomp fallback cannot enforce.\n"
	"Exit status: 0, 1 invalid profile, 2 usage error.\n";

static const char usage_groups[] =
	"usage: policyc groups [GROUP]\n"
	"\n"
	"List the syscall groups a rule may name (@file-write, ...) with what each\n"
	"is for, or the members of GROUP.\n"
	"Exit status: 0, 1 unknown group, 2 usage error.\n";

static const char usage_import[] =
	"usage: policyc import-oci FILE.json [-o OUT.yaml] [--name NAME] [--caps CAP,...]\n"
	"\n"
	"Convert a Docker/OCI seccomp profile to a sysvec profile. Entries are kept\n"
	"as Docker keeps them for an x86_64 container with the given capabilities.\n"
	"\n"
	"  -o, --output FILE  write here instead of standard output\n"
	"  --name NAME        profile name (default: the file name without .json)\n"
	"  --caps CAPS        capabilities the container has, e.g. CAP_SYS_ADMIN\n"
	"Exit status: 0, 1 invalid or inexpressible input, 2 usage error, 3 cannot write.\n";

static int cmd_check(int argc, char **argv)
{
	int i, rc = 0;

	if (wants_help(argc, argv)) {
		fputs(usage_check, stdout);
		return 0;
	}
	if (argc < 2)
		return usage_error(usage_check, "check needs a profile");
	for (i = 1; i < argc; i++) {
		struct svp_profile p;
		struct svp_resolved r;
		int ret;

		if (argv[i][0] == '-' && strcmp(argv[i], "-"))
			return usage_error(usage_check, "unknown option %s", argv[i]);
		ret = load_profile(argv[i], &p, &r);
		if (ret) {
			if (ret > rc)
				rc = ret;
			continue;
		}
		printf("%s: ok (vector %s, version %s+%.16s)\n", argv[i], p.name, p.version, p.hash);
		svp_resolved_free(&r);
		svp_profile_free(&p);
	}
	summary();
	return rc;
}

static int cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "kdir", required_argument, NULL, 'k' },
		{ "kernel", required_argument, NULL, 'K' },
		{ "sysvec", required_argument, NULL, 's' },
		{ "source-only", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts o = { 0 };
	struct svp_profile p;
	struct svp_resolved r;
	int c, ret;

	while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': o.outdir = optarg; break;
		case 'k': o.kdir = optarg; break;
		case 'K': o.kernel = optarg; break;
		case 's': o.sysvec_dir = optarg; break;
		case 'S': o.no_make = true; break;
		case 'q': o.quiet = true; break;
		case 'h': fputs(usage_build, stdout); return 0;
		default: fputs(usage_build, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage_error(usage_build, "build needs exactly one profile");
	if (o.kernel && (!*o.kernel || strchr(o.kernel, '/')))
		return usage_error(usage_build, "--kernel takes a kernel release (uname -r)");
	if (!o.sysvec_dir && getenv("SYSVEC_DIR") && *getenv("SYSVEC_DIR"))
		o.sysvec_dir = getenv("SYSVEC_DIR");
	ret = load_profile(argv[optind], &p, &r);
	if (ret) {
		summary();
		return ret;
	}
	ret = build_module(&r, &o);
	svp_resolved_free(&r);
	svp_profile_free(&p);
	summary();
	if (ret == -EINVAL)
		return EXIT_INVALID;
	return ret ? EXIT_BUILD : 0;
}

static int cmd_explain(int argc, char **argv)
{
	struct svp_profile p;
	struct svp_resolved r;
	int ret;

	if (wants_help(argc, argv)) {
		fputs(usage_explain, stdout);
		return 0;
	}
	if (argc != 2 || argv[1][0] == '-')
		return usage_error(usage_explain, "explain needs exactly one profile");
	ret = load_profile(argv[1], &p, &r);
	if (ret) {
		summary();
		return ret;
	}
	explain(&r, stdout);
	svp_resolved_free(&r);
	svp_profile_free(&p);
	summary();
	return 0;
}

static int cmd_groups(int argc, char **argv)
{
	const struct svp_group *g;
	size_t n, i, j;

	if (wants_help(argc, argv)) {
		fputs(usage_groups, stdout);
		return 0;
	}
	if (argc > 2)
		return usage_error(usage_groups, "groups takes at most one group");
	if (svp_groups_load(&g, &n))
		return EXIT_BUILD;
	if (argc == 2) {
		const struct svp_group *one = svp_group_find(argv[1]);

		if (!one) {
			char sugg[128];

			svp_groups_suggest(argv[1], sugg, sizeof(sugg));
			fprintf(stderr, "policyc: unknown group \"%s\"\n  fix: %s%s%s\n", argv[1],
				sugg[0] ? "did you mean " : "run \"policyc groups\" for the list",
				sugg, sugg[0] ? "?" : "");
			return EXIT_INVALID;
		}
		printf("%s: %s\n", one->name, one->help);
		for (j = 0; j < one->nr; j++) {
			int abi;

			printf("  %-24s", one->syscalls[j]);
			for (abi = 0; abi < SVP_ABI_NR; abi++)
				if (svp_sys_nr(abi, one->syscalls[j]) >= 0)
					printf(" %s=%d", svp_abi_names[abi], svp_sys_nr(abi, one->syscalls[j]));
			printf("\n");
		}
		return 0;
	}
	for (i = 0; i < n; i++)
		printf("%-16s %s\n", g[i].name, g[i].help);
	return 0;
}

static int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "caps", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outpath = NULL, *name = NULL, *caps = NULL;
	_cleanup_free_ char *text = NULL, *defname = NULL;
	size_t len = 0;
	FILE *mem;
	int c, ret;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 'n': name = optarg; break;
		case 'c': caps = optarg; break;
		case 'h': fputs(usage_import, stdout); return 0;
		default: fputs(usage_import, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage_error(usage_import, "import-oci needs exactly one JSON file");
	if (!name) {
		const char *b = svp_path_base(argv[optind]);
		char *dot;
		size_t i;

		defname = strdup(b);
		if (!defname)
			return EXIT_BUILD;
		dot = strrchr(defname, '.');
		if (dot && dot != defname)
			*dot = 0;
		for (i = 0; defname[i]; i++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
				    defname[i]))
				defname[i] = '-';
		name = defname;
	}
	mem = open_memstream(&text, &len);
	if (!mem)
		return EXIT_BUILD;
	ret = oci_import(argv[optind], mem, name, caps);
	fclose(mem);
	summary();
	if (ret)
		return ret == -EINVAL ? EXIT_INVALID : EXIT_BUILD;
	if (outpath) {
		FILE *f = fopen(outpath, "we");

		if (!f || fwrite(text, 1, len, f) != len || fclose(f)) {
			fprintf(stderr, "policyc: cannot write %s: %s\n", outpath, strerror(errno));
			return EXIT_BUILD;
		}
	} else {
		fwrite(text, 1, len, stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "check", cmd_check }, { "build", cmd_build }, { "explain", cmd_explain },
		{ "groups", cmd_groups }, { "import-oci", cmd_import }, { "install", cmd_install },
		{ "uninstall", cmd_uninstall }, { "installed", cmd_installed },
	};
	const char *words[ARRAY_LEN(cmds) + 1];
	char sugg[128];
	size_t i;

	if (argc < 2)
		return usage_error(usage_main, "no command given");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("policyc %s\n", SYSVEC_VERSION);
		return 0;
	}
	for (i = 0; i < ARRAY_LEN(cmds); i++) {
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
		words[i] = cmds[i].name;
	}
	words[i] = NULL;
	svp_words_suggest(argv[1], words, sugg, sizeof(sugg));
	fprintf(stderr, "policyc: unknown command \"%s\"%s%s%s\n%s", argv[1],
		sugg[0] ? " (did you mean " : "", sugg, sugg[0] ? "?)" : "", usage_main);
	return EXIT_USAGE;
}
