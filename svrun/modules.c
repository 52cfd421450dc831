// SPDX-License-Identifier: GPL-2.0
/*
 * svrun: what to tell the user when a kernel module cannot be loaded. The
 * library says what failed (a negative errno); this file says why, in the
 * terms of the installed system (sysvec-dkms, policyc, the DKMS signing
 * key), and which exit code that is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include "libsysvec.h"
#include "svrun.h"

/* DKMS 3.0's signing certificate (mok_certificate in /etc/dkms/framework.conf). */
#define DKMS_MOK_CERT	"/var/lib/dkms/mok.pub"
#define CAP_SYS_MODULE_BIT	16	/* capability.h's CAP_SYS_MODULE */

/* Whether CAP_SYS_MODULE is in this process's effective set (/proc). */
static bool may_load_modules(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f = fopen("/proc/self/status", "re");
	bool found = false;

	if (!f)
		return true;	/* cannot tell: do not blame the caller */
	while (!found && fgets(line, sizeof(line), f))
		found = sscanf(line, "CapEff: %llx", &eff) == 1;
	fclose(f);
	return !found || (eff >> CAP_SYS_MODULE_BIT) & 1;
}

/* Whether kernel.modules_disabled is set: no module loads until a reboot. */
static bool modules_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/modules_disabled", "re");
	int v = 0;

	if (!f)
		return false;
	if (fscanf(f, "%d", &v) != 1)
		v = 0;
	fclose(f);
	return v == 1;
}

void module_env_read(struct module_env *env)
{
	const char *kmod_dir = secure_getenv("SYSVEC_KMOD_DIR");	/* as libsysvec */
	struct utsname u;

	memset(env, 0, sizeof(*env));
	if (uname(&u))
		snprintf(u.release, sizeof(u.release), "(unknown)");
	snprintf(env->release, sizeof(env->release), "%s", u.release);
	if (sysvec_vector_dir(env->vector_dir, sizeof(env->vector_dir)))
		snprintf(env->vector_dir, sizeof(env->vector_dir), "(none)");
	if (kmod_dir && *kmod_dir)
		snprintf(env->kmod_dir, sizeof(env->kmod_dir), "%s", kmod_dir);
	else
		snprintf(env->kmod_dir, sizeof(env->kmod_dir), "/lib/modules/%s", u.release);
	env->may_load = may_load_modules();
	env->modules_disabled = modules_disabled();
}

/* What the kernel's signature errors mean, for the message. */
static const char *signature_problem(int err)
{
	switch (err) {
	case -EKEYREJECTED:
		return "it enforces module signatures and this one is unsigned or its "
		       "signature was rejected (EKEYREJECTED)";
	case -ENOKEY:
		return "it is signed with a key the kernel does not trust (ENOKEY)";
	default:
		return "the kernel is locked down, as under Secure Boot, and loads only "
		       "modules signed with a key it trusts (EPERM)";
	}
}

int module_failure(const struct module_env *env, const struct module_want *m, int err,
		   char *why, size_t len)
{
	bool vector = m->profile_path != NULL;
	const char *file = m->file ? m->file : m->module;

	if (err == -ENOENT && !m->file) {
		if (!vector) {
			snprintf(why, len, "the sysvec kernel module is not loaded and was not "
				 "found: neither in %s/ nor in the modules.dep of %s; install it "
				 "with: apt install sysvec-dkms", env->vector_dir, env->kmod_dir);
			return SVRUN_EXIT_UNSUPPORTED;
		}
		snprintf(why, len, "vector module %s for profile %s is missing: neither in "
			 "%s/ nor in the modules.dep of %s; build it for this kernel with: "
			 "policyc build %s, or for every kernel (DKMS) with: policyc install %s "
			 "(a shipped profile's comes with: apt install sysvec-dkms)", m->module,
			 m->profile_name, env->vector_dir, env->kmod_dir, m->profile_path,
			 m->profile_path);
		return SVRUN_EXIT_MODULE;
	}
	if (err == -EPERM && !env->may_load) {
		snprintf(why, len, "%s is not loaded and only root (CAP_SYS_MODULE) may load "
			 "it", m->module);
		return SVRUN_EXIT_PERM;
	}
	if (err == -EPERM && env->modules_disabled) {
		snprintf(why, len, "cannot load %s: module loading is disabled "
			 "(kernel.modules_disabled=1) until the next boot; have it loaded at "
			 "boot instead (modules-load.d(5))", file);
		return SVRUN_EXIT_UNSUPPORTED;
	}
	if (err == -EPERM || err == -EKEYREJECTED || err == -ENOKEY) {
		snprintf(why, len, "the kernel refused %s for its signature: %s; DKMS signs "
			 "the modules it builds (sysvec-dkms, policyc install) with its MOK key: "
			 "enrol that key with: mokutil --import " DKMS_MOK_CERT ", then reboot "
			 "and confirm it in the MOK manager", file, signature_problem(err));
		return SVRUN_EXIT_UNSUPPORTED;
	}
	if (err == -ENOEXEC || err == -EINVAL || err == -ENOENT) {
		/* ENOENT once the file was found: symbols the kernel does not have */
		snprintf(why, len, "the kernel refused %s: it was built for another kernel or "
			 "another sysvec (%s; dmesg says more), not for %s; rebuild it: %s%s",
			 file, err == -ENOENT ? "unknown symbols" : strerror(-err), env->release,
			 vector ? "policyc build " : "dkms autoinstall (sysvec-dkms)",
			 vector ? m->profile_path : "");
		return vector ? SVRUN_EXIT_MODULE : SVRUN_EXIT_UNSUPPORTED;
	}
	snprintf(why, len, "cannot load %s: %s", file, strerror(-err));
	return SVRUN_EXIT_UNSUPPORTED;
}
