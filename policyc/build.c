// SPDX-License-Identifier: GPL-2.0
/*
 * policyc build: write the module source, its Kbuild and the handler files
 * into the output directory, then run kbuild against the kernel headers.
 *
 * Files are written to a temporary name and renamed, so an interrupted
 * build never leaves a half-written source behind.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "policyc.h"

static int write_file(const char *dir, const char *name, const char *text, size_t len)
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

/* kbuild needs absolute paths: it runs from the kernel directory. */
static int run_make(const struct build_opts *o)
{
	char mflag[4200], sflag[4200], eflag[4200];
	_cleanup_free_ char *out = realpath(o->outdir, NULL), *sv = realpath(o->sysvec_dir, NULL);
	pid_t pid;
	int st;

	if (!out || !sv)
		return -errno;
	snprintf(mflag, sizeof(mflag), "M=%s", out);
	snprintf(sflag, sizeof(sflag), "SYSVEC_DIR=%s", sv);
	snprintf(eflag, sizeof(eflag), "KBUILD_EXTRA_SYMBOLS=%s/Module.symvers", sv);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		char *argv[] = { "make", "-C", (char *)o->kdir, mflag, sflag, eflag,
				 o->quiet ? "-s" : "V=0", "modules", NULL };

		/* kbuild's output is the progress the user sees */
		if (o->quiet && !freopen("/dev/null", "w", stdout))
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

/* mkdir -p */
static int make_dir(const char *dir)
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

int build_module(const struct svp_resolved *r, const struct build_opts *o)
{
	const struct svp_profile *p = r->p;
	_cleanup_free_ char *csrc = NULL, *kbsrc = NULL, *hdr = NULL, *symvers = NULL;
	size_t clen = 0, kblen = 0, i;
	char mod[80], ko[4200];
	FILE *cf, *kf;
	int ret;

	svp_module_name(p->name, mod, sizeof(mod));
	if (!o->no_make) {
		struct stat st;

		if (asprintf(&hdr, "%s/sysvec_vector.h", o->sysvec_dir) < 0 ||
		    asprintf(&symvers, "%s/Module.symvers", o->sysvec_dir) < 0)
			return -ENOMEM;
		if (stat(o->kdir, &st) || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "policyc: no kernel build directory at %s\n"
				"  fix: install the headers of the target kernel "
				"(apt-get install linux-headers-$(uname -r)) or pass --kdir DIR\n",
				o->kdir);
			return -ENOENT;
		}
		if (access(hdr, R_OK) || access(symvers, R_OK)) {
			fprintf(stderr, "policyc: %s does not hold sysvec_vector.h and Module.symvers\n"
				"  fix: build the sysvec module first (make modules) and pass "
				"--sysvec DIR (or set SYSVEC_DIR) to its kernel/ directory\n",
				o->sysvec_dir);
			return -ENOENT;
		}
	}
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

	if (!o->quiet)
		printf("policyc: [1/3] writing %s/vector.c and Kbuild (vector %s, version %s+%.16s)\n",
		       o->outdir, p->name, p->version, p->hash);
	ret = make_dir(o->outdir);
	if (ret) {
		fprintf(stderr, "policyc: cannot create %s: %s\n", o->outdir, strerror(-ret));
		return ret;
	}
	ret = write_file(o->outdir, "vector.c", csrc, clen);
	if (!ret)
		ret = write_file(o->outdir, "Kbuild", kbsrc, kblen);
	/* Handler files go beside the source under their own names. */
	for (i = 0; !ret && i < p->nr_sources; i++)
		ret = copy_file(p->sources[i], o->outdir, svp_path_base(p->sources[i]));
	if (ret) {
		fprintf(stderr, "policyc: cannot write into %s: %s\n", o->outdir, strerror(-ret));
		return ret;
	}
	if (o->no_make)
		return 0;
	if (!o->quiet)
		printf("policyc: [2/3] building with kbuild against %s\n", o->kdir);
	ret = run_make(o);
	if (ret) {
		fprintf(stderr, "policyc: kbuild failed for %s/vector.c\n"
			"  fix: read the compiler's messages above; for errors in a handler "
			"file, fix that file beside the profile\n", o->outdir);
		return ret;
	}
	snprintf(ko, sizeof(ko), "%s/%s.ko", o->outdir, mod);
	if (access(ko, R_OK)) {
		fprintf(stderr, "policyc: kbuild did not produce %s\n", ko);
		return -ENOENT;
	}
	if (!o->quiet)
		printf("policyc: [3/3] built %s\n", ko);
	return 0;
}
