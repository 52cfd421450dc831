// SPDX-License-Identifier: GPL-2.0
/*
 * policyc build: write the module source, its Kbuild and the handler files
 * into the output directory, then run kbuild against the headers of the
 * target kernel and the registry's symbols for that kernel.
 *
 * Files are written to a temporary name and renamed, so an interrupted
 * build never leaves a half-written source behind.
 */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "policyc.h"
#include "sysvec_config.h"	/* SYSVEC_DATADIR, SYSVEC_VECTOR_BASE */

int write_file(const char *dir, const char *name, const char *text, size_t len)
{
	_cleanup_free_ char *path = NULL, *tmp = NULL;
	FILE *f;

	if (asprintf(&path, "%s/%s", dir, name) < 0 || asprintf(&tmp, "%s.tmp", path) < 0)
		return -ENOMEM;
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	if (fwrite(text, 1, len, f) != len || fclose(f)) {
		unlink(tmp);
		return -EIO;
	}
	if (rename(tmp, path)) {
		int e = -errno;

		unlink(tmp);
		return e;
	}
	return 0;
}

static int copy_file(const char *src, const char *dir, const char *name)
{
	_cleanup_free_ char *text = NULL;
	size_t len;
	int ret = svp_read_file(src, &text, &len);

	return ret ? ret : write_file(dir, name, text, len);
}

/* What build_module() found to build with. */
struct target {
	char release[128];	/* the kernel's, or empty if unknown */
	char *kdir;
	char *sysvec_dir;
	char *symvers;
	bool installed;		/* the symbols are the installed registry's */
};

static void target_free(struct target *t)
{
	free(t->kdir);
	free(t->sysvec_dir);
	free(t->symvers);
}

/* kbuild needs absolute paths: it runs from the kernel directory. */
static int run_make(const char *outdir, const struct target *t, bool quiet)
{
	char mflag[4200], sflag[4200], eflag[4200];
	_cleanup_free_ char *out = realpath(outdir, NULL), *sv = realpath(t->sysvec_dir, NULL);
	_cleanup_free_ char *sym = realpath(t->symvers, NULL);
	pid_t pid;
	int st;

	if (!out || !sv || !sym)
		return -errno;
	snprintf(mflag, sizeof(mflag), "M=%s", out);
	snprintf(sflag, sizeof(sflag), "SYSVEC_DIR=%s", sv);
	snprintf(eflag, sizeof(eflag), "KBUILD_EXTRA_SYMBOLS=%s", sym);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		char *argv[] = { "make", "-C", t->kdir, mflag, sflag, eflag,
				 quiet ? "-s" : "V=0", "modules", NULL };

		/* kbuild's output is the progress the user sees */
		if (quiet && !freopen("/dev/null", "w", stdout))
			_exit(127);
		execvp("make", argv);
		fprintf(stderr, "policyc: cannot run make: %s\n", strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -ECHILD;
}

int make_dir(const char *dir)
{
	_cleanup_free_ char *copy = strdup(dir);
	struct stat st;
	char *p;

	if (!copy)
		return -ENOMEM;
	for (p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(copy, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (!mkdir(copy, 0755))
		return 0;
	if (errno == EEXIST && !stat(copy, &st) && S_ISDIR(st.st_mode))
		return 0;
	return -errno;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP ? rmdir(path) : unlink(path))
		return errno == ENOENT ? 0 : -errno;
	return 0;
}

int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -errno;
	return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) ? -errno : 0;
}

/*
 * The kernel to build for, its headers, sysvec_vector.h and the registry's
 * Module.symvers; each missing one is reported with its fix.
 */
static int find_target(const struct build_opts *o, struct target *t)
{
	_cleanup_free_ char *hdr = NULL, *state = NULL;
	struct utsname u;
	struct stat st;

	if (o->kernel) {
		snprintf(t->release, sizeof(t->release), "%s", o->kernel);
	} else if (o->kdir) {
		if (kdir_release(o->kdir, t->release, sizeof(t->release)))
			t->release[0] = 0;
	} else if (!uname(&u)) {
		snprintf(t->release, sizeof(t->release), "%s", u.release);
	}
	if (o->kdir) {
		t->kdir = strdup(o->kdir);
	} else if (t->release[0]) {
		t->kdir = sys_path(SYSVEC_MODULES_DIR "/%s/build", t->release);
	} else {
		fprintf(stderr, "policyc: cannot tell which kernel runs: %s\n"
			"  fix: pass --kernel RELEASE or --kdir DIR\n", strerror(errno));
		return -ENOENT;
	}
	if (!t->kdir)
		return -ENOMEM;
	if (stat(t->kdir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "policyc: no kernel build directory at %s\n"
			"  fix: install the headers of the target kernel "
			"(apt install linux-headers-%s) or pass --kdir DIR\n",
			t->kdir, t->release[0] ? t->release : "$(uname -r)");
		return -ENOENT;
	}

	t->sysvec_dir = o->sysvec_dir ? strdup(o->sysvec_dir) : sys_path(SYSVEC_DATADIR "/kernel");
	if (!t->sysvec_dir || asprintf(&hdr, "%s/sysvec_vector.h", t->sysvec_dir) < 0)
		return -ENOMEM;
	if (access(hdr, R_OK)) {
		if (o->sysvec_dir)
			fprintf(stderr, "policyc: %s is missing\n"
				"  fix: pass --sysvec DIR (or set SYSVEC_DIR) to the kernel/ directory "
				"of a sysvec source tree, or leave it out to use the installed headers\n",
				hdr);
		else
			fprintf(stderr, "policyc: %s is missing\n"
				"  fix: apt install libsysvec-dev (or pass --sysvec DIR: the kernel/ "
				"directory of a sysvec source tree)\n", hdr);
		return -ENOENT;
	}

	/* A source tree's registry, built there; else the installed one's, kept by DKMS. */
	if (asprintf(&t->symvers, "%s/Module.symvers", t->sysvec_dir) < 0)
		return -ENOMEM;
	if (!access(t->symvers, R_OK))
		return 0;
	if (!t->release[0]) {
		fprintf(stderr, "policyc: %s is missing, and the kernel release of %s is unknown "
			"(no include/generated/utsrelease.h)\n"
			"  fix: pass --kernel RELEASE, whose registry symbols are in "
			SYSVEC_STATE_DIR "/kernel/RELEASE/Module.symvers\n", t->symvers, t->kdir);
		return -ENOENT;
	}
	state = registry_symvers(t->release);
	if (!state)
		return -ENOMEM;
	if (access(state, R_OK)) {
		fprintf(stderr, "policyc: no Module.symvers of the sysvec registry for kernel %s: "
			"neither %s nor %s exists\n"
			"  fix: apt install sysvec-dkms linux-headers-%s (DKMS builds the registry "
			"for the kernel and keeps its symbols there), or run \"make modules\" in a "
			"sysvec source tree and pass --sysvec DIR/kernel\n",
			t->release, t->symvers, state, t->release);
		return -ENOENT;
	}
	free(t->symvers);
	t->symvers = TAKE_PTR(state);
	t->installed = true;
	return 0;
}

/* Copy the built @ko into the vector directory of the target kernel. */
static int install_ko(const char *ko, const char *mod, const struct target *t, bool quiet)
{
	_cleanup_free_ char *dir = sys_path(SYSVEC_VECTOR_BASE "/%s", t->release);
	_cleanup_free_ char *text = NULL, *name = NULL;
	size_t len;
	int ret;

	if (!dir || asprintf(&name, "%s.ko", mod) < 0)
		return -ENOMEM;
	ret = svp_read_file_max(ko, 1 << 30, &text, &len);
	if (!ret)
		ret = make_dir(dir);
	if (!ret)
		ret = write_file(dir, name, text, len);
	if (ret) {
		fprintf(stderr, "policyc: cannot install %s into %s: %s\n"
			"  fix: run as root, or pass -o DIR to build into a directory of yours\n",
			ko, dir, strerror(-ret));
		return ret;
	}
	if (!quiet)
		printf("policyc: [3/3] installed %s/%s\n", dir, name);
	return 0;
}

static int write_sources(const struct svp_resolved *r, const char *outdir, bool quiet)
{
	const struct svp_profile *p = r->p;
	_cleanup_free_ char *csrc = NULL, *kbsrc = NULL;
	size_t clen = 0, kblen = 0, i;
	FILE *cf, *kf;
	int ret;

	cf = open_memstream(&csrc, &clen);
	kf = open_memstream(&kbsrc, &kblen);
	if (!cf || !kf) {
		if (cf)
			fclose(cf);
		if (kf)
			fclose(kf);
		return -ENOMEM;
	}
	ret = emit_module(r, cf, kf);
	fclose(cf);
	fclose(kf);
	if (ret)
		return ret;

	if (!quiet)
		printf("policyc: [1/3] writing %s/vector.c and Kbuild (vector %s, version %s+%.16s)\n",
		       outdir, p->name, p->version, p->hash);
	ret = make_dir(outdir);
	if (ret) {
		fprintf(stderr, "policyc: cannot create %s: %s\n", outdir, strerror(-ret));
		return ret;
	}
	ret = write_file(outdir, "vector.c", csrc, clen);
	if (!ret)
		ret = write_file(outdir, "Kbuild", kbsrc, kblen);
	/* Handler files go beside the source under their own names. */
	for (i = 0; !ret && i < p->nr_sources; i++)
		ret = copy_file(p->sources[i], outdir, svp_path_base(p->sources[i]));
	if (ret)
		fprintf(stderr, "policyc: cannot write into %s: %s\n", outdir, strerror(-ret));
	return ret;
}

int build_module(const struct svp_resolved *r, const struct build_opts *o)
{
	_cleanup_free_ char *defdir = NULL, *tmpdir = NULL;
	_cleanup_(target_free) struct target t = { 0 };
	const char *outdir = o->outdir;
	char mod[80], ko[4200];
	int ret;

	svp_module_name(r->p->name, mod, sizeof(mod));
	if (!o->no_make) {
		ret = find_target(o, &t);
		if (ret)
			return ret;
	}
	if (!outdir && !o->no_make && t.installed) {
		/* built against the installed registry: the module goes where svrun looks */
		const char *tmp = getenv("TMPDIR");

		if (asprintf(&tmpdir, "%s/policyc-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", mod) < 0)
			return -ENOMEM;
		if (!mkdtemp(tmpdir)) {
			ret = -errno;
			fprintf(stderr, "policyc: cannot create %s: %s\n", tmpdir, strerror(-ret));
			free(TAKE_PTR(tmpdir));
			return ret;
		}
		outdir = tmpdir;
	} else if (!outdir) {
		defdir = strdup(mod);
		if (!defdir)
			return -ENOMEM;
		outdir = defdir;
	}

	ret = write_sources(r, outdir, o->quiet);
	if (ret || o->no_make)
		goto out;
	if (!o->quiet)
		printf("policyc: [2/3] building with kbuild against %s (%s)\n", t.kdir, t.symvers);
	ret = run_make(outdir, &t, o->quiet);
	if (ret) {
		fprintf(stderr, "policyc: kbuild failed for %s/vector.c\n"
			"  fix: read the compiler's messages above; for errors in a handler "
			"file, fix that file beside the profile\n", outdir);
		goto out;
	}
	snprintf(ko, sizeof(ko), "%s/%s.ko", outdir, mod);
	if (access(ko, R_OK)) {
		fprintf(stderr, "policyc: kbuild did not produce %s\n", ko);
		ret = -ENOENT;
		goto out;
	}
	if (tmpdir)
		ret = install_ko(ko, mod, &t, o->quiet);
	else if (!o->quiet)
		printf("policyc: [3/3] built %s\n", ko);
out:
	if (tmpdir)
		remove_tree(tmpdir);
	return ret;
}
