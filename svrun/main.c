// SPDX-License-Identifier: GPL-2.0
/*
 * svrun -p PROFILE [options] -- COMMAND [ARGS]
 *
 * Runs COMMAND confined by PROFILE; every process it starts inherits the
 * confinement. svrun does not stay around: it becomes COMMAND, so the exit
 * status is COMMAND's. Its own failures exit with the codes of svrun.h.
 *
 * Kernel backend: the profile's vector module (built by policyc, installed
 * in the vector directory) is loaded if it is not, checked against the
 * profile (a module built from another version of it is stale), and
 * attached with SYSVEC_ATTACH_ON_EXEC: svrun itself is never confined, the
 * vector binds when COMMAND starts.
 * Seccomp backend: the profile compiled with libseccomp and loaded just
 * before the execve. What seccomp cannot enforce is refused unless
 * --allow-degraded, and then listed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "libsysvec.h"
#include "svrun.h"

enum backend { BACKEND_AUTO, BACKEND_KMOD, BACKEND_SECCOMP };

struct opts {
	const char *profile;
	enum backend backend;
	bool complain;
	bool lock;
	bool nnp;
	bool degrade;
	bool quiet;
	struct privs privs;
	char **argv;		/* COMMAND [ARGS] */
};

/* The profile as found, and the vector a module of it must carry. */
struct target {
	char path[4096];
	char name[64];
	char version[128];
};

static const char usage_text[] =
	"usage: svrun -p PROFILE [options] -- COMMAND [ARGS...]\n"
	"Run COMMAND confined by the sysvec profile PROFILE (a name from the\n"
	"profile directories, or a path to a .yaml file); every process it\n"
	"starts is confined too. The exit status is COMMAND's.\n"
	"\n"
	"  -p, --profile PROFILE   the profile (required)\n"
	"  -b, --backend B         auto (default): the kernel module when it can\n"
	"                          be used, else seccomp, saying what that weakens;\n"
	"                          kmod: only the kernel module; seccomp: only seccomp\n"
	"      --complain          log what the profile would deny or kill, and let\n"
	"                          it run\n"
	"      --allow-degraded    seccomp backend: accept the rules it cannot enforce\n"
	"                          as written, downgraded as it lists them\n"
	"  -u, --user USER         run as USER (name or number), with its group\n"
	"  -g, --group GROUP       run with GROUP (name or number)\n"
	"      --caps LIST         keep only these capabilities (cap_net_bind_service\n"
	"                          or net_bind_service, comma-separated), in every set\n"
	"                          including ambient so they survive the execve\n"
	"      --drop-caps         keep no capabilities\n"
	"      --lock              nobody, root included, may change or remove the\n"
	"                          vector later (kernel backend; seccomp always is)\n"
	"      --no-new-privs      set no_new_privs (the default)\n"
	"      --allow-new-privs   root only: let COMMAND gain privileges by running\n"
	"                          setuid programs (kernel backend: the vector stays)\n"
	"  -q, --quiet             say nothing unless something fails\n"
	"  -h, --help              this text\n"
	"      --version           print svrun's version\n"
	"\n"
	"Exit status: COMMAND's; svrun's own failures: 120 profile not found or\n"
	"invalid, 121 vector module missing, stale or built for another kernel,\n"
	"122 no backend can enforce the profile here, 123 permission denied, 124\n"
	"user, group or capabilities could not be set, 125 usage error or other\n"
	"failure, 126 COMMAND cannot be executed, 127 COMMAND not found. Vector\n"
	"modules are looked for in the vector directory, then in modules.dep\n"
	"(sysvec-dkms, policyc install). See svrun(1).\n";

const char cli_name[] = "svrun";

static void list_profile(const char *name, const char *path, void *arg)
{
	int *n = arg;

	(void)path;
	fprintf(stderr, "%s%s", (*n)++ ? ", " : "  ", name);
}

static void parse(int argc, char **argv, struct opts *o)
{
	enum { OPT_COMPLAIN = 256, OPT_DEGRADE, OPT_CAPS, OPT_DROP_CAPS, OPT_LOCK,
	       OPT_NNP, OPT_NEW_PRIVS, OPT_VERSION };
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "backend", required_argument, NULL, 'b' },
		{ "complain", no_argument, NULL, OPT_COMPLAIN },
		{ "allow-degraded", no_argument, NULL, OPT_DEGRADE },
		{ "user", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "caps", required_argument, NULL, OPT_CAPS },
		{ "drop-caps", no_argument, NULL, OPT_DROP_CAPS },
		{ "lock", no_argument, NULL, OPT_LOCK },
		{ "no-new-privs", no_argument, NULL, OPT_NNP },
		{ "allow-new-privs", no_argument, NULL, OPT_NEW_PRIVS },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	char bad[64];
	int c;

	o->nnp = true;
	/* '+': options end at COMMAND, whose own options are its own */
	while ((c = getopt_long(argc, argv, "+p:b:u:g:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o->profile = optarg;
			break;
		case 'b':
			if (!strcmp(optarg, "auto"))
				o->backend = BACKEND_AUTO;
			else if (!strcmp(optarg, "kmod"))
				o->backend = BACKEND_KMOD;
			else if (!strcmp(optarg, "seccomp"))
				o->backend = BACKEND_SECCOMP;
			else
				die(SVRUN_EXIT_USAGE, "--backend %s: use auto, kmod or seccomp", optarg);
			break;
		case OPT_COMPLAIN:
			o->complain = true;
			break;
		case OPT_DEGRADE:
			o->degrade = true;
			break;
		case 'u':
			if (privs_set_user(&o->privs, optarg))
				die(SVRUN_EXIT_PRIVS, "--user %s: no such user; give a name from "
				    "/etc/passwd or a number", optarg);
			break;
		case 'g':
			if (privs_set_group(&o->privs, optarg))
				die(SVRUN_EXIT_PRIVS, "--group %s: no such group; give a name from "
				    "/etc/group or a number", optarg);
			break;
		case OPT_CAPS:
			if (privs_set_caps(&o->privs, optarg, bad, sizeof(bad)))
				die(SVRUN_EXIT_USAGE, "--caps: unknown capability \"%s\"; names are "
				    "as in capabilities(7), e.g. cap_net_bind_service", bad);
			break;
		case OPT_DROP_CAPS:
			o->privs.drop_caps = true;
			break;
		case OPT_LOCK:
			o->lock = true;
			break;
		case OPT_NNP:
			o->nnp = true;
			break;
		case OPT_NEW_PRIVS:
			o->nnp = false;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		case OPT_VERSION:
			cli_print_version();
			exit(0);
		default:
			fprintf(stderr, "Try 'svrun --help'.\n");
			exit(SVRUN_EXIT_USAGE);
		}
	}
	if (!o->profile)
		die(SVRUN_EXIT_USAGE, "no profile: give -p PROFILE (svrun --help)");
	if (optind >= argc)
		die(SVRUN_EXIT_USAGE, "no command: give it after --, e.g. "
		    "svrun -p %s -- /usr/sbin/apache2 -X", o->profile);
	if (o->privs.caps_given && o->privs.drop_caps)
		die(SVRUN_EXIT_USAGE, "--caps and --drop-caps exclude each other");
	if (!o->nnp && geteuid() != 0)
		die(SVRUN_EXIT_PERM, "--allow-new-privs is for root only: without root, "
		    "no_new_privs is what lets svrun confine the command");
	o->argv = argv + optind;
}

static void find_profile(const struct opts *o, struct target *t)
{
	int ret = sysvec_profile_find(o->profile, t->path, sizeof(t->path));
	int n = 0;

	if (ret == -EINVAL)
		die(SVRUN_EXIT_PROFILE, "\"%s\" is not a profile name (letters, digits, - "
		    "and _) nor a path to a .yaml file", o->profile);
	if (ret) {
		fprintf(stderr, "svrun: no profile \"%s\" in %s\n", o->profile,
			sysvec_profile_dirs());
		fprintf(stderr, "svrun: available profiles:\n");
		sysvec_profile_each(list_profile, &n);
		fprintf(stderr, n ? "\n" : "  (none)\n");
		fprintf(stderr, "svrun: fix: name one of them, or give the path of a "
			"profile file\n");
		exit(SVRUN_EXIT_PROFILE);
	}
	ret = sysvec_profile_vector(t->path, t->name, sizeof(t->name), t->version,
				    sizeof(t->version));
	if (ret == -EINVAL)
		die(SVRUN_EXIT_PROFILE, "%s has errors (listed above); fix them and check "
		    "with: policyc check %s", t->path, t->path);
	if (ret)
		die(SVRUN_EXIT_PROFILE, "%s: %s", t->path, strerror(-ret));
}

/* Why the kernel backend cannot be used, for a message. */
struct kmod_failure {
	int code;		/* exit code if it must not fall back */
	bool may_fall_back;	/* auto may use seccomp instead */
	char why[16384];
};

/*
 * The kernel kills a program that keeps an io_uring instance across the
 * execve that binds a vector which does not allow io_uring (its operations
 * would run without system calls). Refuse first, saying which descriptor.
 */
static void refuse_io_uring_fds(const char *vector)
{
	struct sysvec_vector_info info;
	struct dirent *e;
	char link[300], target[64];
	ssize_t n;
	DIR *d;
	int fd;

	if (sysvec_find_vector(vector, &info) || (info.flags & SYSVEC_VECTOR_F_IO_URING))
		return;
	d = opendir("/proc/self/fd");
	if (!d)
		return;	/* no /proc: the kernel still refuses */
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		fd = atoi(e->d_name);
		if (fd == dirfd(d) || (fcntl(fd, F_GETFD) & FD_CLOEXEC))
			continue;
		snprintf(link, sizeof(link), "/proc/self/fd/%s", e->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (!strcmp(target, "anon_inode:[io_uring]"))
			die(SVRUN_EXIT_UNSUPPORTED, "descriptor %d is an io_uring instance that would "
			    "survive the execve; vector %s does not allow io_uring, so the kernel "
			    "would kill the command: close it or set FD_CLOEXEC on it", fd, vector);
	}
	closedir(d);
}

/*
 * Make the profile's vector available in the kernel: the registry and the
 * vector module loaded, and the loaded vector built from this very profile.
 */
static int kmod_prepare(const struct opts *o, const struct target *t, struct kmod_failure *f)
{
	struct sysvec_vector_info info;
	struct sysvec_version v;
	struct module_env env;
	char mod[4200], modver[128], module[96];
	struct module_want want = { .module = module, .file = mod,
				    .profile_name = t->name, .profile_path = t->path };
	int ret;

	snprintf(module, sizeof(module), "sysvec_%s", t->name);
	for (char *c = module; *c; c++)
		if (*c == '-')
			*c = '_';	/* as policyc build names it */

	f->may_fall_back = true;
	f->code = SVRUN_EXIT_UNSUPPORTED;
	ret = sysvec_registry_load();
	if (ret) {
		struct module_want reg = { .module = "sysvec" };

		module_env_read(&env);
		f->code = module_failure(&env, &reg, ret, f->why, sizeof(f->why));
		return ret;
	}
	ret = sysvec_version(&v);
	if (ret) {
		snprintf(f->why, sizeof(f->why), "%s: %s", SYSVEC_DEVICE, strerror(-ret));
		if (ret == -EACCES || ret == -EPERM)
			f->code = SVRUN_EXIT_PERM;
		return ret;
	}
	if (v.major != SYSVEC_API_MAJOR) {
		snprintf(f->why, sizeof(f->why), "the loaded sysvec module speaks API %u, "
			 "svrun needs %u", v.major, SYSVEC_API_MAJOR);
		return -EPROTO;
	}
	if (o->complain && !(v.features & SYSVEC_FEAT_COMPLAIN)) {
		snprintf(f->why, sizeof(f->why), "the loaded sysvec module has no complain "
			 "mode (API 1.2 or later needed)");
		return -EOPNOTSUPP;
	}

	ret = sysvec_find_vector(t->name, &info);
	if (ret == -ENOENT) {
		ret = sysvec_module_find(t->name, mod, sizeof(mod));
		if (ret) {
			if (ret == -ENOENT)
				want.file = NULL;	/* else the file found but unusable */
			module_env_read(&env);
			f->code = module_failure(&env, &want, ret, f->why, sizeof(f->why));
			return ret;
		}
		ret = sysvec_module_version(mod, modver, sizeof(modver));
		if (!ret && strcmp(modver, t->version)) {
			snprintf(f->why, sizeof(f->why), "vector module %s is stale: built "
				 "from version %s of the profile, %s is %s; rebuild it with: "
				 "policyc build %s", mod, modver, t->path, t->version, t->path);
			f->code = SVRUN_EXIT_MODULE;
			f->may_fall_back = false;
			return -ESTALE;
		}
		ret = sysvec_module_load(mod);
		if (ret && ret != -EEXIST) {
			module_env_read(&env);
			f->code = module_failure(&env, &want, ret, f->why, sizeof(f->why));
			return ret;
		}
		ret = sysvec_find_vector(t->name, &info);
		if (ret) {
			snprintf(f->why, sizeof(f->why), "%s loaded but registered no vector "
				 "\"%s\"", mod, t->name);
			f->code = SVRUN_EXIT_MODULE;
			f->may_fall_back = false;
			return ret;
		}
	} else if (ret) {
		snprintf(f->why, sizeof(f->why), "cannot list vectors: %s", strerror(-ret));
		return ret;
	}
	if (strcmp(info.version, t->version)) {
		snprintf(f->why, sizeof(f->why), "the loaded vector %s is stale: version %s "
			 "(module %s), but %s is %s; when no task uses it, remove it with: "
			 "rmmod %s, and install a module built from the profile",
			 t->name, info.version, info.module, t->path, t->version, info.module);
		f->code = SVRUN_EXIT_MODULE;
		f->may_fall_back = false;
		return -ESTALE;
	}
	return 0;
}

/* What the seccomp backend weakens, on stderr; the number of issues. */
static int seccomp_report(const struct opts *o, const struct target *t, bool chosen_by_auto)
{
	unsigned int flags = (o->complain ? SYSVEC_SECCOMP_COMPLAIN : 0) |
			     (o->degrade ? SYSVEC_SECCOMP_DEGRADE : 0);
	_cleanup_free_ char *list = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&list, &len);
	int n;

	if (!f)
		die(SVRUN_EXIT_USAGE, "out of memory");
	n = sysvec_seccomp_check(t->path, flags, f);
	fclose(f);
	if (n < 0)
		die(n == -EINVAL ? SVRUN_EXIT_PROFILE : SVRUN_EXIT_USAGE,
		    "%s: cannot compile it for seccomp: %s", t->path, strerror(-n));
	if (n && !o->degrade) {
		fprintf(stderr, "svrun: seccomp cannot enforce %d rule%s of profile %s as "
			"written:\n%s", n, n == 1 ? "" : "s", t->name, list);
		die(SVRUN_EXIT_UNSUPPORTED, "fix: %suse --allow-degraded to accept these "
		    "downgrades", chosen_by_auto ? "load sysvec's kernel module, or " :
		    "use --backend kmod, or ");
	}
	if (n) {
		fprintf(stderr, "svrun: --allow-degraded: seccomp enforces profile %s with "
			"%d downgrade%s:\n%s", t->name, n, n == 1 ? "" : "s", list);
	} else if (chosen_by_auto && !o->quiet) {
		fprintf(stderr, "svrun: seccomp enforces every rule of profile %s; it differs "
			"in its audit records (type SECCOMP, not sysvec's) and cannot be "
			"locked or removed\n", t->name);
	}
	return n;
}

/* COMMAND's path: as given if it has a '/', else searched in $PATH. */
static int find_command(const char *cmd, char *out, size_t len)
{
	const char *path = getenv("PATH");
	_cleanup_free_ char *dirs = NULL;
	char *dir, *save = NULL;
	int err = -ENOENT;
	struct stat st;

	if (strchr(cmd, '/')) {
		snprintf(out, len, "%s", cmd);
		return 0;
	}
	dirs = strdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	if (!dirs)
		return -ENOMEM;
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", dir, cmd);
		if (!stat(out, &st) && S_ISREG(st.st_mode)) {
			if (!access(out, X_OK))
				return 0;
			err = -EACCES;
		}
	}
	return err;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct target t;
	struct kmod_failure f = { 0 };
	enum backend use;
	char cmd[4096];
	const char *step = "";
	int ret;

	parse(argc, argv, &o);
	find_profile(&o, &t);
	ret = find_command(o.argv[0], cmd, sizeof(cmd));
	if (ret)
		die(ret == -ENOENT ? SVRUN_EXIT_NOTFOUND : SVRUN_EXIT_NOEXEC,
		    "%s: %s", o.argv[0], strerror(-ret));

	use = o.backend;
	if (use != BACKEND_SECCOMP) {
		ret = kmod_prepare(&o, &t, &f);
		if (!ret) {
			use = BACKEND_KMOD;
		} else if (use == BACKEND_KMOD || !f.may_fall_back) {
			die(f.code, "kernel backend: %s", f.why);
		} else {
			fprintf(stderr, "svrun: kernel backend unavailable: %s\n", f.why);
			fprintf(stderr, "svrun: using the seccomp backend instead\n");
			use = BACKEND_SECCOMP;
		}
	}
	if (use == BACKEND_SECCOMP)
		seccomp_report(&o, &t, o.backend == BACKEND_AUTO);
	if (use == BACKEND_SECCOMP && o.lock && !o.quiet)
		fprintf(stderr, "svrun: --lock: seccomp filters can never be removed anyway\n");

	if (o.nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die(SVRUN_EXIT_USAGE, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));

	if (use == BACKEND_KMOD) {
		unsigned int flags = SYSVEC_ATTACH_ON_EXEC;

		if (o.lock)
			flags |= SYSVEC_ATTACH_LOCK;
		if (o.complain)
			flags |= SYSVEC_ATTACH_COMPLAIN;
		else
			refuse_io_uring_fds(t.name);
		ret = sysvec_attach(0, t.name, flags);
		if (ret == -EPERM)
			die(SVRUN_EXIT_PERM, "cannot attach vector %s: permission denied (is "
			    "svrun itself confined?)", t.name);
		if (ret)
			die(SVRUN_EXIT_UNSUPPORTED, "cannot attach vector %s: %s", t.name,
			    strerror(-ret));
		if (!o.quiet && o.complain)
			fprintf(stderr, "svrun: complain mode: denials of %s are logged, "
				"not enforced\n", t.name);
	}

	unsigned int scflags = (o.complain ? SYSVEC_SECCOMP_COMPLAIN : 0) |
			       (o.degrade ? SYSVEC_SECCOMP_DEGRADE : 0);

	/* Without no_new_privs, only CAP_SYS_ADMIN can load a filter: now. */
	if (use == BACKEND_SECCOMP && !o.nnp) {
		ret = sysvec_seccomp_load(t.path, scflags, NULL);
		if (ret)
			die(SVRUN_EXIT_UNSUPPORTED, "cannot load the seccomp filter: %s",
			    strerror(-ret));
	}
	ret = privs_apply(&o.privs, &step);
	if (ret)
		die(ret == -EPERM ? SVRUN_EXIT_PERM : SVRUN_EXIT_PRIVS,
		    "cannot set the %s: %s", step, strerror(-ret));
	if (use == BACKEND_SECCOMP && o.nnp) {
		ret = sysvec_seccomp_load(t.path, scflags, NULL);
		if (ret)
			die(SVRUN_EXIT_UNSUPPORTED, "cannot load the seccomp filter: %s",
			    strerror(-ret));
	}

	execv(cmd, o.argv);
	ret = errno;
	fprintf(stderr, "svrun: cannot execute %s: %s\n", cmd, strerror(ret));
	if (use == BACKEND_SECCOMP && ret == EPERM)
		fprintf(stderr, "svrun: (the profile may deny execve, which the seccomp "
			"backend applies to svrun's own execve too)\n");
	return ret == ENOENT ? SVRUN_EXIT_NOTFOUND : SVRUN_EXIT_NOEXEC;
}
