// SPDX-License-Identifier: GPL-2.0
/*
 * policyc install, uninstall, installed: a profile's vector as a DKMS
 * module of its own, "sysvec-profile-NAME", whose source policyc writes to
 * /usr/src/sysvec-profile-NAME-VERSION/ and which DKMS builds against the
 * registry's symbols for each kernel (docs/design/packaging.md).
 *
 * Nothing is left half-applied: a source tree DKMS did not take is removed
 * again, and an old version is removed only once the new one is added. A
 * kernel the module fails to build for is reported and does not undo the
 * others.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>
#include "policyc.h"
#include "sysvec_config.h"	/* SYSVEC_DATADIR, SYSVEC_VERSION, SYSVEC_SUPPORTED_KERNELS */

static const char usage_install[] =
	"usage: policyc install PROFILE [--sysvec DIR] [-q]\n"
	"\n"
	"Make the profile's vector the DKMS module sysvec-profile-NAME: write its source\n"
	"and dkms.conf to " SYSVEC_SOURCE_TREE "/sysvec-profile-NAME-VERSION/, \"dkms add\" it, and\n"
	"\"dkms install\" it for every kernel with headers (/lib/modules/*/build). An\n"
	"installed older version of the profile is removed. Run as root.\n"
	"\n"
	"  --sysvec DIR       the headers (sysvec_vector.h) DKMS builds it with, now and\n"
	"                     later (default: " SYSVEC_DATADIR "/kernel)\n"
	"  -q, --quiet        only report errors\n"
	"Exit status: 0 installed for every kernel, 1 invalid profile, 2 usage error,\n"
	"3 not installed (dkms or a file failed), 4 installed, but not for every kernel.\n";

static const char usage_uninstall[] =
	"usage: policyc uninstall NAME [-q]\n"
	"\n"
	"Remove profile NAME's DKMS module (dkms remove sysvec-profile-NAME/VERSION --all)\n"
	"and its source in " SYSVEC_SOURCE_TREE ". A loaded vector module is not unloaded.\n"
	"Exit status: 0 removed, 1 no profile NAME is installed, 2 usage error, 3 dkms or\n"
	"a file failed.\n";

static const char usage_installed[] =
	"usage: policyc installed [--json]\n"
	"\n"
	"List the profiles \"policyc install\" installed: name, version, and each kernel\n"
	"with what DKMS did for it (added, built, installed).\n"
	"Exit status: 0, 2 usage error, 3 dkms failed.\n";

/* A source tree in /usr/src that policyc install wrote. */
struct tree {
	char module[96];
	char version[128];
};

static bool is_prefix(const char *prefix, const char *s)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* @key="value" from the dkms.conf text @conf. */
static bool conf_value(const char *conf, const char *key, char *out, size_t len)
{
	const char *line;

	for (line = conf; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		size_t kl = strlen(key);
		const char *end;

		if (strncmp(line, key, kl) || strncmp(line + kl, "=\"", 2))
			continue;
		line += kl + 2;
		end = strchr(line, '"');
		if (!end || (size_t)(end - line) >= len)
			return false;
		memcpy(out, line, end - line);
		out[end - line] = 0;
		return true;
	}
	return false;
}

/*
 * The source trees of @module (NULL: of every profile) in /usr/src: a
 * directory MODULE-VERSION whose dkms.conf names that module and version.
 */
static int scan_trees(const char *module, struct tree **trees, size_t *n)
{
	_cleanup_free_ char *src = sys_path(SYSVEC_SOURCE_TREE);
	_cleanup_free_ struct tree *list = NULL;
	struct dirent *de;
	size_t nr = 0;
	DIR *d;

	*trees = NULL;
	*n = 0;
	if (!src)
		return -ENOMEM;
	d = opendir(src);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d))) {
		_cleanup_free_ char *conf = NULL, *text = NULL;
		struct tree t, *more;
		char dir[256];
		size_t len;

		if (!is_prefix(module ? module : DKMS_PROFILE_PREFIX, de->d_name))
			continue;
		if (asprintf(&conf, "%s/%s/dkms.conf", src, de->d_name) < 0) {
			closedir(d);
			return -ENOMEM;
		}
		if (svp_read_file_max(conf, 65536, &text, &len))
			continue;
		if (!conf_value(text, "PACKAGE_NAME", t.module, sizeof(t.module)) ||
		    !conf_value(text, "PACKAGE_VERSION", t.version, sizeof(t.version)) ||
		    !is_prefix(DKMS_PROFILE_PREFIX, t.module) ||
		    (module && strcmp(module, t.module)))
			continue;
		snprintf(dir, sizeof(dir), "%s-%s", t.module, t.version);
		if (strcmp(dir, de->d_name))
			continue;
		more = reallocarray(list, nr + 1, sizeof(*list));
		if (!more) {
			closedir(d);
			return -ENOMEM;
		}
		list = more;
		list[nr++] = t;
	}
	closedir(d);
	*trees = TAKE_PTR(list);
	*n = nr;
	return 0;
}

static int cmp_version(const void *a, const void *b)
{
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

static void free_strv(char ***v)
{
	char **p;

	for (p = *v; p && *p; p++)
		free(*p);
	free(*v);
}

/* The kernels with headers: /lib/modules/KERNEL/build is a directory; sorted. */
static int scan_kernels(char ***kernels, size_t *n)
{
	_cleanup_free_ char *base = sys_path(SYSVEC_MODULES_DIR);
	_cleanup_(free_strv) char **list = NULL;
	struct dirent *de;
	size_t nr = 0;
	DIR *d;

	if (!base)
		return -ENOMEM;
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	d = opendir(base);
	if (d) {
		while ((de = readdir(d))) {
			_cleanup_free_ char *build = NULL;
			struct stat st;
			char **more;

			if (de->d_name[0] == '.')
				continue;
			if (asprintf(&build, "%s/%s/build", base, de->d_name) < 0)
				break;
			if (stat(build, &st) || !S_ISDIR(st.st_mode))
				continue;
			more = reallocarray(list, nr + 2, sizeof(*list));
			if (!more)
				break;
			list = more;
			list[nr] = strdup(de->d_name);
			list[nr + 1] = NULL;
			if (!list[nr])
				break;
			nr++;
		}
		closedir(d);
		if (de)
			return -ENOMEM;
	} else if (errno != ENOENT) {
		return -errno;
	}
	qsort(list, nr, sizeof(*list), cmp_version);
	*kernels = TAKE_PTR(list);
	*n = nr;
	return 0;
}

static int write_dkms_conf(const char *tree, const char *module, const char *version,
			   const struct svp_profile *p)
{
	_cleanup_free_ char *text = NULL;
	char mod[80], vv[128];
	const char *line;
	size_t len = 0;
	FILE *f;

	svp_module_name(p->name, mod, sizeof(mod));
	vector_version(p, vv, sizeof(vv));
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# dkms.conf of vector %s, version %s: written by \"policyc install\", "
		"do not edit.\n", p->name, vv);
	fprintf(f, "# Built against the registry's symbols for each kernel, which the sysvec\n"
		"# DKMS module (BUILD_DEPENDS) keeps in " SYSVEC_STATE_DIR "/kernel/KERNEL/.\n");
	fprintf(f, "PACKAGE_NAME=\"%s\"\n", module);
	fprintf(f, "PACKAGE_VERSION=\"%s\"\n", version);
	fprintf(f, "BUILT_MODULE_NAME[0]=\"%s\"\n", mod);
	fprintf(f, "DEST_MODULE_LOCATION[0]=\"/updates/dkms\"\n");
	/* the headers are copies in the tree itself: nothing outside it is trusted later */
	fprintf(f, "MAKE[0]=\"make -C ${kernel_source_dir} M=${dkms_tree}/${PACKAGE_NAME}/"
		"${PACKAGE_VERSION}/build SYSVEC_DIR=${dkms_tree}/${PACKAGE_NAME}/"
		"${PACKAGE_VERSION}/build KBUILD_EXTRA_SYMBOLS=" SYSVEC_STATE_DIR
		"/kernel/${kernelver}/Module.symvers modules\"\n");
	fprintf(f, "AUTOINSTALL=\"yes\"\n");
	fprintf(f, "BUILD_DEPENDS=\"sysvec\"\n");
	/* the kernel lines the registry builds for, as its own dkms.conf says */
	fprintf(f, "BUILD_EXCLUSIVE_KERNEL=\"^(");
	for (line = SYSVEC_SUPPORTED_KERNELS; *line; line++) {
		if (*line == ' ')
			fputc('|', f);
		else if (*line == '.')
			fputs("\\.", f);
		else
			fputc(*line, f);
	}
	fprintf(f, ")\\.\"\n");
	fprintf(f, "BUILD_EXCLUSIVE_ARCH=\"^x86_64$\"\n");
	if (fclose(f))
		return -ENOMEM;
	return write_file(tree, "dkms.conf", text, strlen(text));
}

/* Report dkms's failure of "dkms @what": exit status @ret (< 0: not run, reported). */
static void dkms_failed(const char *what, int ret)
{
	if (ret > 0)
		fprintf(stderr, "policyc: \"dkms %s\" failed (exit %d)\n", what, ret);
}

struct install_opts {
	const char *sysvec_dir;
	bool quiet;
};

/*
 * The directory of the vector-module headers (sysvec_vector.h, and
 * sysvec.h beside it or in ../include/uapi as in a source tree): copied
 * into the DKMS source tree now, so that what DKMS builds for kernels
 * installed later depends on nothing outside /usr/src.
 */
static int headers_dir(const struct install_opts *o, char **conf_dir)
{
	_cleanup_free_ char *dir = o->sysvec_dir ? realpath(o->sysvec_dir, NULL)
						 : sys_path(SYSVEC_DATADIR "/kernel");
	_cleanup_free_ char *hdr = NULL;

	if (!dir || asprintf(&hdr, "%s/sysvec_vector.h", dir) < 0 || access(hdr, R_OK)) {
		fprintf(stderr, "policyc: %s/sysvec_vector.h is missing\n"
			"  fix: %s\n", o->sysvec_dir ? o->sysvec_dir : dir ? dir : "?",
			o->sysvec_dir ? "pass --sysvec DIR: the kernel/ directory of a sysvec "
					"source tree" : "apt install libsysvec-dev");
		return -ENOENT;
	}
	*conf_dir = TAKE_PTR(dir);
	return 0;
}

/* Copy one header of @dir (or of @alt below it) into @tree. */
static int copy_header(const char *dir, const char *alt, const char *name, const char *tree)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	size_t len;
	int ret;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	ret = svp_read_file_max(path, 1 << 20, &text, &len);
	if (ret == -ENOENT && alt) {
		free(path);
		path = NULL;
		if (asprintf(&path, "%s/%s/%s", dir, alt, name) < 0)
			return -ENOMEM;
		ret = svp_read_file_max(path, 1 << 20, &text, &len);
	}
	if (ret) {
		fprintf(stderr, "policyc: cannot read %s: %s\n", path, strerror(-ret));
		return ret;
	}
	return write_file(tree, name, text, len);
}

static int copy_headers(const char *dir, const char *tree)
{
	int ret = copy_header(dir, NULL, "sysvec_vector.h", tree);

	return ret ? ret : copy_header(dir, "../include/uapi", "sysvec.h", tree);
}

/* Write the source tree and "dkms add" it; the tree is removed again on failure. */
static int add_version(const struct svp_resolved *r, const char *module, const char *version,
		       const char *tree, const char *conf_dir, bool quiet)
{
	const struct build_opts bo = { .outdir = tree, .no_make = true, .quiet = true };
	_cleanup_free_ char *mv = NULL;
	int ret;

	if (asprintf(&mv, "%s/%s", module, version) < 0)
		return -ENOMEM;
	if (!quiet)
		printf("policyc: [1/3] writing %s\n", tree);
	/* not DKMS's (it does not list this version): what a failed run left */
	ret = remove_tree(tree);
	if (!ret)
		ret = build_module(r, &bo);
	if (!ret)
		ret = copy_headers(conf_dir, tree);
	if (!ret)
		ret = write_dkms_conf(tree, module, version, r->p);
	if (ret) {
		fprintf(stderr, "policyc: cannot write %s: %s\n  fix: run as root\n", tree,
			strerror(-ret));
		remove_tree(tree);
		return ret;
	}
	if (!quiet)
		printf("policyc: [2/3] dkms add %s\n", mv);
	ret = dkms_run((const char *const[]){ "add", mv, NULL }, quiet, NULL);
	if (ret) {
		_cleanup_free_ char *what = NULL;

		if (asprintf(&what, "add %s", mv) >= 0)
			dkms_failed(what, ret);
		fprintf(stderr, "policyc: %s is not installed; its source %s is removed again\n",
			mv, tree);
		remove_tree(tree);
		return -ECHILD;
	}
	return 0;
}

/* "dkms remove MODULE/VERSION --all", then its source tree. */
static int remove_version(const char *module, const char *version, bool quiet)
{
	_cleanup_free_ char *mv = NULL, *tree = NULL, *what = NULL;
	int ret;

	tree = sys_path(SYSVEC_SOURCE_TREE "/%s-%s", module, version);
	if (!tree || asprintf(&mv, "%s/%s", module, version) < 0 ||
	    asprintf(&what, "remove %s --all", mv) < 0)
		return -ENOMEM;
	ret = dkms_run((const char *const[]){ "remove", mv, "--all", NULL }, quiet, NULL);
	if (ret) {
		dkms_failed(what, ret);
		return -ECHILD;
	}
	ret = remove_tree(tree);
	if (ret) {
		fprintf(stderr, "policyc: cannot remove %s: %s\n", tree, strerror(-ret));
		return ret;
	}
	if (!quiet)
		printf("policyc: removed %s and " SYSVEC_SOURCE_TREE "/%s-%s\n", mv, module,
		       version);
	return 0;
}

static bool installed_for(const struct dkms_entry *e, size_t n, const char *version,
			  const char *kernel)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(e[i].version, version) && !strcmp(e[i].kernel, kernel) &&
		    !strcmp(e[i].state, "installed"))
			return true;
	return false;
}

/* "dkms install" for each kernel with headers; returns how many failed. */
static int install_kernels(const char *module, const char *version, const struct dkms_entry *e,
			   size_t n, bool quiet)
{
	_cleanup_(free_strv) char **kernels = NULL;
	_cleanup_free_ char *mv = NULL;
	size_t nk = 0, i;
	int failed = 0, ret;

	if (asprintf(&mv, "%s/%s", module, version) < 0)
		return -ENOMEM;
	ret = scan_kernels(&kernels, &nk);
	if (ret) {
		fprintf(stderr, "policyc: cannot read " SYSVEC_MODULES_DIR ": %s\n", strerror(-ret));
		return ret;
	}
	if (!nk) {
		fprintf(stderr, "policyc: no kernel has headers (" SYSVEC_MODULES_DIR "/*/build): "
			"%s is added to DKMS, which builds it when a kernel's headers are installed\n"
			"  fix: apt install linux-headers-$(uname -r)\n", mv);
		return 1;
	}
	if (!quiet)
		printf("policyc: [3/3] dkms install for %zu kernel%s\n", nk, nk == 1 ? "" : "s");
	for (i = 0; i < nk; i++) {
		const char *k = kernels[i];
		_cleanup_free_ char *symvers = NULL;

		if (installed_for(e, n, version, k)) {
			if (!quiet)
				printf("policyc: %s: installed already\n", k);
			continue;
		}
		symvers = registry_symvers(k);
		if (!symvers)
			return -ENOMEM;
		if (access(symvers, R_OK)) {
			fprintf(stderr, "policyc: %s: not built: the sysvec registry's symbols for it, "
				SYSVEC_STATE_DIR "/kernel/%s/Module.symvers, are missing\n"
				"  fix: build the registry for it (dkms autoinstall -k %s, "
				"with sysvec-dkms installed), then run policyc install again\n",
				k, k, k);
			failed++;
			continue;
		}
		ret = dkms_run((const char *const[]){ "install", mv, "-k", k, NULL }, quiet, NULL);
		if (ret < 0)
			return ret;
		if (ret) {
			fprintf(stderr, "policyc: %s: \"dkms install %s -k %s\" failed (exit %d); "
				"DKMS's build log: " SYSVEC_DKMS_TREE "/%s/%s/build/make.log\n"
				"  fix: read the log, then run that command again\n",
				k, mv, k, ret, module, version);
			failed++;
			continue;
		}
		if (!quiet)
			printf("policyc: %s: installed\n", k);
	}
	if (!quiet || failed)
		printf("policyc: %s is installed for %zu of %zu kernel%s\n", mv, nk - failed, nk,
		       nk == 1 ? "" : "s");
	return failed;
}

/*
 * Which other DKMS source tree in /usr/src builds the module @mod (its
 * dkms.conf has BUILT_MODULE_NAME[N]="@mod" and a PACKAGE_NAME other than
 * @own): the sysvec DKMS module, which builds the shipped profiles'
 * vectors, or another profile whose name differs only in '-' and '_'. Two
 * DKMS modules must not install the same .ko. Returns its package name in
 * @other, or false.
 */
static bool module_taken(const char *mod, const char *own, char *other, size_t olen)
{
	_cleanup_free_ char *src = sys_path(SYSVEC_SOURCE_TREE);
	size_t ml = strlen(mod);
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (!src || !(d = opendir(src)))
		return false;
	while (!found && (de = readdir(d))) {
		_cleanup_free_ char *conf = NULL, *text = NULL;
		char pkg[128];
		const char *line;
		size_t len;

		if (de->d_name[0] == '.' || asprintf(&conf, "%s/%s/dkms.conf", src, de->d_name) < 0 ||
		    svp_read_file_max(conf, 1 << 20, &text, &len) ||
		    !conf_value(text, "PACKAGE_NAME", pkg, sizeof(pkg)) || !strcmp(pkg, own))
			continue;
		for (line = text; line && !found; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
			const char *q;

			if (!is_prefix("BUILT_MODULE_NAME[", line))
				continue;
			q = strstr(line, "]=\"");
			if (q && !strncmp(q + 3, mod, ml) && q[3 + ml] == '"') {
				snprintf(other, olen, "%s", pkg);
				found = true;
			}
		}
	}
	closedir(d);
	return found;
}

/*
 * Replacing another version: build the new one first, for every kernel
 * that has the registry's symbols, so that a new version that builds
 * nowhere leaves the old one installed. Returns how many kernels it built
 * for (0: none, or no kernel to build for).
 */
static int build_first(const char *module, const char *version, bool quiet)
{
	_cleanup_(free_strv) char **kernels = NULL;
	_cleanup_free_ char *mv = NULL;
	size_t nk = 0, i;
	int built = 0, ret;

	if (asprintf(&mv, "%s/%s", module, version) < 0)
		return -ENOMEM;
	ret = scan_kernels(&kernels, &nk);
	if (ret)
		return ret;
	for (i = 0; i < nk; i++) {
		_cleanup_free_ char *symvers = registry_symvers(kernels[i]);

		if (!symvers)
			return -ENOMEM;
		if (access(symvers, R_OK))
			continue;
		ret = dkms_run((const char *const[]){ "build", mv, "-k", kernels[i], NULL }, quiet,
			       NULL);
		if (ret < 0)
			return ret;
		if (ret)
			fprintf(stderr, "policyc: %s: \"dkms build %s -k %s\" failed (exit %d); "
				"DKMS's build log: " SYSVEC_DKMS_TREE "/%s/%s/build/make.log\n",
				kernels[i], mv, kernels[i], ret, module, version);
		else
			built++;
	}
	return built;
}

static int install(const struct svp_resolved *r, const struct install_opts *o)
{
	_cleanup_free_ struct dkms_entry *e = NULL;
	_cleanup_free_ char *conf_dir = NULL, *tree = NULL;
	char module[96], vv[128], version[128], other[128];
	bool added = false, others = false;
	size_t n, i, j;
	int ret;

	snprintf(module, sizeof(module), DKMS_PROFILE_PREFIX "%s", r->p->name);
	svp_module_name(r->p->name, vv, sizeof(vv));
	if (module_taken(vv, module, other, sizeof(other))) {
		fprintf(stderr, "policyc: %s: the module of vector %s, %s, is built by DKMS "
			"module %s already\n"
			"  fix: give your profile another name (\"name:\" in the profile)\n",
			r->p->nr_files ? r->p->files[0] : r->p->name, r->p->name, vv, other);
		return -EEXIST;
	}
	vector_version(r->p, vv, sizeof(vv));
	dkms_version(vv, version, sizeof(version));
	ret = headers_dir(o, &conf_dir);
	if (ret)
		return ret;
	ret = dkms_status(module, &e, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		added |= !strcmp(e[i].version, version);
	tree = sys_path(SYSVEC_SOURCE_TREE "/%s-%s", module, version);
	if (!tree)
		return -ENOMEM;
	if (added) {
		if (!o->quiet)
			printf("policyc: %s/%s is in DKMS already\n", module, version);
	} else {
		ret = add_version(r, module, version, tree, conf_dir, o->quiet);
		if (ret)
			return ret;
	}
	/*
	 * Every other version goes once this one is in, and once it built for
	 * at least one kernel: a new version that builds nowhere leaves the
	 * old one as it was.
	 */
	for (i = 0; i < n; i++)
		others |= strcmp(e[i].version, version) != 0;
	if (others) {
		ret = build_first(module, version, o->quiet);
		if (ret <= 0) {
			fprintf(stderr, "policyc: %s/%s built for no kernel: the installed version "
				"stays%s\n", module, version,
				added ? "" : "; the new one is removed again");
			if (!added)
				remove_version(module, version, true);
			return ret ? ret : -ECHILD;
		}
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(e[j].version, e[i].version); j++)
			;
		if (j < i || !strcmp(e[i].version, version))
			continue;
		ret = remove_version(module, e[i].version, o->quiet);
		if (ret) {
			fprintf(stderr, "policyc: cannot replace %s/%s by version %s%s\n"
				"  fix: see dkms's message above; \"policyc uninstall %s\" "
				"removes every version\n", module, e[i].version, version,
				added ? "" : ", which is removed again", r->p->name);
			if (!added)
				remove_version(module, version, o->quiet);
			return ret;
		}
	}
	return install_kernels(module, version, e, n, o->quiet);
}

int cmd_install(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "sysvec", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct install_opts o = { 0 };
	struct svp_profile p;
	struct svp_resolved r;
	int c, ret;

	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 's': o.sysvec_dir = optarg; break;
		case 'q': o.quiet = true; break;
		case 'h': fputs(usage_install, stdout); return 0;
		default: fputs(usage_install, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage_error(usage_install, "install needs exactly one profile");
	ret = load_profile(argv[optind], &p, &r);
	if (ret) {
		summary();
		return ret;
	}
	ret = install(&r, &o);
	svp_resolved_free(&r);
	svp_profile_free(&p);
	summary();
	if (ret > 0)
		return EXIT_PARTIAL;
	if (ret == -EEXIST)
		return EXIT_INVALID;	/* a shipped profile's name, reported */
	if (ret == -ENOMEM)
		fprintf(stderr, "policyc: out of memory\n");
	return ret ? EXIT_BUILD : 0;
}

int cmd_uninstall(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_free_ struct dkms_entry *e = NULL;
	_cleanup_free_ struct tree *trees = NULL;
	const char *name;
	char module[96], mod[80];
	bool quiet = false;
	size_t n, nt, i, j;
	int c, ret, rc = 0;

	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'h': fputs(usage_uninstall, stdout); return 0;
		default: fputs(usage_uninstall, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage_error(usage_uninstall, "uninstall needs exactly one profile name");
	name = argv[optind];
	if (!svp_profile_name_valid(name))
		return usage_error(usage_uninstall, "\"%s\" is not a profile name (letters, "
				   "digits, - and _, a letter first)", name);
	snprintf(module, sizeof(module), DKMS_PROFILE_PREFIX "%s", name);
	svp_module_name(name, mod, sizeof(mod));
	ret = dkms_status(module, &e, &n);
	if (!ret)
		ret = scan_trees(module, &trees, &nt);
	if (ret)
		return EXIT_BUILD;
	if (!n && !nt) {
		fprintf(stderr, "policyc: no profile %s is installed: \"dkms status %s\" lists "
			"nothing and " SYSVEC_SOURCE_TREE " has no %s-VERSION\n"
			"  fix: \"policyc installed\" lists the installed profiles\n",
			name, module, module);
		return EXIT_INVALID;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(e[j].version, e[i].version); j++)
			;
		if (j < i)
			continue;
		if (remove_version(module, e[i].version, quiet))
			rc = EXIT_BUILD;
	}
	/* Source trees DKMS does not know: what an interrupted run left. */
	for (i = 0; i < nt; i++) {
		_cleanup_free_ char *tree = NULL;

		for (j = 0; j < n && strcmp(e[j].version, trees[i].version); j++)
			;
		if (j < n)
			continue;
		tree = sys_path(SYSVEC_SOURCE_TREE "/%s-%s", module, trees[i].version);
		if (!tree || remove_tree(tree)) {
			fprintf(stderr, "policyc: cannot remove %s\n", tree ? tree : module);
			rc = EXIT_BUILD;
		} else if (!quiet) {
			printf("policyc: removed " SYSVEC_SOURCE_TREE "/%s-%s (not in DKMS)\n",
			       module, trees[i].version);
		}
	}
	if (!quiet)
		printf("policyc: nothing was unloaded: a loaded %s stays until no process uses "
		       "it; then \"rmmod %s\" removes it\n", mod, mod);
	return rc;
}

/* A JSON string; the names here are plain, but a kernel's could be anything. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* One installed version: its DKMS entries and whether its source is there. */
struct listed {
	char module[96];
	char version[128];
	bool in_dkms;
	bool source;
};

static int cmp_listed(const void *a, const void *b)
{
	const struct listed *x = a, *y = b;
	int c = strcmp(x->module, y->module);

	return c ? c : strverscmp(x->version, y->version);
}

static int add_listed(struct listed **l, size_t *n, const char *module, const char *version,
		      bool in_dkms, bool source)
{
	struct listed *more;
	size_t i;

	for (i = 0; i < *n; i++) {
		if (!strcmp((*l)[i].module, module) && !strcmp((*l)[i].version, version)) {
			(*l)[i].in_dkms |= in_dkms;
			(*l)[i].source |= source;
			return 0;
		}
	}
	more = reallocarray(*l, *n + 1, sizeof(**l));
	if (!more)
		return -ENOMEM;
	*l = more;
	memset(&more[*n], 0, sizeof(*more));
	snprintf(more[*n].module, sizeof(more->module), "%s", module);
	snprintf(more[*n].version, sizeof(more->version), "%s", version);
	more[*n].in_dkms = in_dkms;
	more[*n].source = source;
	(*n)++;
	return 0;
}

static void print_listed(FILE *f, const struct listed *l, size_t n, const struct dkms_entry *e,
			 size_t ne, bool json)
{
	size_t i, j, wn = 4, wv = 7;

	if (json) {
		fputs(n ? "[\n" : "[]\n", f);
		for (i = 0; i < n; i++) {
			bool first = true;

			fputs("{\"name\": ", f);
			json_string(f, l[i].module + strlen(DKMS_PROFILE_PREFIX));
			fputs(", \"module\": ", f);
			json_string(f, l[i].module);
			fputs(", \"version\": ", f);
			json_string(f, l[i].version);
			fprintf(f, ", \"in_dkms\": %s, \"source\": ", l[i].in_dkms ? "true" : "false");
			if (l[i].source) {
				fputs("\"" SYSVEC_SOURCE_TREE "/", f);
				fprintf(f, "%s-%s\"", l[i].module, l[i].version);
			} else {
				fputs("null", f);
			}
			fputs(", \"kernels\": [", f);
			for (j = 0; j < ne; j++) {
				if (strcmp(e[j].version, l[i].version) || !e[j].kernel[0] ||
				    strcmp(e[j].module, l[i].module))
					continue;
				fputs(first ? "{\"kernel\": " : ", {\"kernel\": ", f);
				json_string(f, e[j].kernel);
				fputs(", \"arch\": ", f);
				json_string(f, e[j].arch);
				fputs(", \"state\": ", f);
				json_string(f, e[j].state);
				fputs("}", f);
				first = false;
			}
			fprintf(f, "]}%s\n", i + 1 < n ? "," : "");
		}
		if (n)
			fputs("]\n", f);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strlen(l[i].module) - strlen(DKMS_PROFILE_PREFIX) > wn)
			wn = strlen(l[i].module) - strlen(DKMS_PROFILE_PREFIX);
		if (strlen(l[i].version) > wv)
			wv = strlen(l[i].version);
	}
	fprintf(f, "%-*s  %-*s  %s\n", (int)wn, "NAME", (int)wv, "VERSION", "KERNELS");
	for (i = 0; i < n; i++) {
		bool any = false;

		fprintf(f, "%-*s  %-*s  ", (int)wn, l[i].module + strlen(DKMS_PROFILE_PREFIX),
			(int)wv, l[i].version);
		for (j = 0; j < ne; j++) {
			if (strcmp(e[j].version, l[i].version) || !e[j].kernel[0] ||
			    strcmp(e[j].module, l[i].module))
				continue;
			fprintf(f, "%s%s (%s)", any ? ", " : "", e[j].kernel, e[j].state);
			any = true;
		}
		if (!any)
			fputs(l[i].in_dkms ? "none (added to DKMS, built for no kernel)"
					   : "none (not in DKMS: only its source)", f);
		fputc('\n', f);
	}
}

int cmd_installed(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_free_ struct dkms_entry *e = NULL;
	_cleanup_free_ struct tree *trees = NULL;
	_cleanup_free_ struct listed *l = NULL;
	size_t ne, nt, nl = 0, i;
	bool json = false;
	int c, ret = 0;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'h': fputs(usage_installed, stdout); return 0;
		default: fputs(usage_installed, stderr); return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return usage_error(usage_installed, "installed takes no arguments");
	if (dkms_status(NULL, &e, &ne) || scan_trees(NULL, &trees, &nt))
		return EXIT_BUILD;
	for (i = 0; !ret && i < ne; i++)
		if (is_prefix(DKMS_PROFILE_PREFIX, e[i].module))
			ret = add_listed(&l, &nl, e[i].module, e[i].version, true, false);
	for (i = 0; !ret && i < nt; i++)
		ret = add_listed(&l, &nl, trees[i].module, trees[i].version, false, true);
	if (ret)
		return EXIT_BUILD;
	qsort(l, nl, sizeof(*l), cmp_listed);
	print_listed(stdout, l, nl, e, ne, json);
	return fflush(stdout) ? EXIT_BUILD : 0;
}
