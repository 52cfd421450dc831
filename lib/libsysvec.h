/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libsysvec: the user-space interface to sysvec.
 *
 * Every sysvec tool uses these functions instead of raw ioctls on
 * /dev/sysvec. They return 0 (or a count, or a pid) on success and a
 * negative errno on failure; errno itself is left as the failing call set
 * it. The ioctl structs and constants come from <sysvec.h>, the kernel's
 * own uapi header.
 *
 * Kernel backend: a profile compiled by policyc is a vector module,
 * sysvec_<name>.ko, registered under the profile's name once loaded.
 * Seccomp backend: where the module cannot be used, the same profile is
 * compiled with libseccomp at run time (sysvec_seccomp_*), and what seccomp
 * cannot express is reported, never silently left out.
 *
 * See libsysvec(3).
 */
#ifndef LIBSYSVEC_H
#define LIBSYSVEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <sysvec.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the registry (/dev/sysvec) ---- */

/* Whether /dev/sysvec exists (the registry module is loaded). */
bool sysvec_available(void);
/* The running registry's API version and features. */
int sysvec_version(struct sysvec_version *v);
/*
 * Every registered vector, in a malloc'ed array the caller frees; returns
 * how many there are.
 */
int sysvec_list(struct sysvec_vector_info **vectors);
/* The registered vector @name: 0, or -ENOENT. */
int sysvec_find_vector(const char *name, struct sysvec_vector_info *info);
/* The sysvec state of thread @pid (0: the caller). */
int sysvec_get(pid_t pid, struct sysvec_get *state);

/*
 * Attach vector @name to process @pid (0: the caller's) with
 * SYSVEC_ATTACH_* @flags. With SYSVEC_ATTACH_CHILDREN and @name NULL, new
 * processes start with no vector.
 */
int sysvec_attach(pid_t pid, const char *name, unsigned int flags);
/* Remove the vector and any pending state of process @pid. */
int sysvec_detach(pid_t pid);
/*
 * Children get this vector: processes the caller creates from now on start
 * confined by @name (NULL: with none); the caller itself is not.
 */
int sysvec_set_children(const char *name, unsigned int flags);
/*
 * Like fork(), but the child starts confined by @name before it first
 * runs; the caller stays as it is. Returns the child's pid in the parent,
 * 0 in the child, -errno on failure. Another thread of the caller that
 * forks at the same moment gives its child the vector too.
 */
pid_t sysvec_clone(const char *name, unsigned int flags);
/*
 * execve() @path confined by @name: the vector binds when the execve
 * succeeds (SYSVEC_ATTACH_ON_EXEC), so the caller is never confined. If
 * the execve fails the pending vector is removed and -errno returned.
 * @flags: SYSVEC_ATTACH_LOCK, SYSVEC_ATTACH_COMPLAIN.
 */
int sysvec_execve(const char *path, char *const argv[], char *const envp[],
		  const char *name, unsigned int flags);

/* ---- monitoring ---- */

/*
 * A new descriptor of /dev/sysvec for monitoring (close-on-exec): stream
 * monitors started on it deliver their records to it and end when it is
 * closed.
 */
int sysvec_monitor_open(void);
/*
 * Start monitoring the x86_64 syscall @nr on @fd: of process @pid (0: every
 * process), or with SYSVEC_MONITOR_UID of every process of @uid; with
 * SYSVEC_MONITOR_STREAM the records are read from @fd. 0 or -errno, as
 * sysvec(4) lists them.
 */
int sysvec_monitor_start(int fd, unsigned int nr, pid_t pid, uid_t uid,
			 unsigned int flags);
/* Stop the monitor the same arguments started. */
int sysvec_monitor_stop(int fd, unsigned int nr, pid_t pid, uid_t uid,
			unsigned int flags);
/*
 * Read up to @max records, blocking until there is one (unless @fd is
 * O_NONBLOCK: -EAGAIN). Returns how many, 0 once @fd monitors nothing and
 * every record was read, or -errno.
 */
ssize_t sysvec_monitor_read(int fd, struct sysvec_event *events, size_t max);
/* The x86_64 number of syscall @name, or -ENOENT. */
int sysvec_syscall_number(const char *name);
/* The name of x86_64 syscall @nr, or NULL. */
const char *sysvec_syscall_name(unsigned int nr);

/* ---- profiles and vector modules ---- */

/*
 * The profile directories, searched in order: $SYSVEC_PROFILE_PATH (a
 * colon-separated list) if set and not empty, else the directories this
 * libsysvec was built for (SYSCONFDIR/sysvec/profiles, then
 * DATADIR/sysvec/profiles; /etc/sysvec/profiles:/usr/share/sysvec/profiles
 * in Debian's packages).
 */
const char *sysvec_profile_dirs(void);
/* The version of sysvec this libsysvec belongs to ("0.4.0"). */
const char *sysvec_library_version(void);
/* The registry module's file name in the vector directory. */
#define SYSVEC_REGISTRY_MODULE	"sysvec.ko"

/*
 * Find profile @name (a name, or a path when it holds a '/' or ends in
 * .yaml) and write its path into @path. -ENOENT if no directory has it.
 */
int sysvec_profile_find(const char *name, char *path, size_t len);
/*
 * Call @fn for each profile name found in the profile directories (each
 * name once, the first directory wins).
 */
int sysvec_profile_each(void (*fn)(const char *name, const char *path, void *arg),
			void *arg);
/*
 * The vector directory for the running kernel: $SYSVEC_VECTOR_DIR if set
 * and not empty, else VECTORDIR/RELEASE (/usr/lib/sysvec/vectors/RELEASE
 * in Debian's packages), where policyc build puts what it builds.
 */
int sysvec_vector_dir(char *dir, size_t len);
/*
 * The path of vector @name's module, sysvec_<name> (dashes as
 * underscores): the file sysvec_<name>.ko in the vector directory if it
 * is there, else the module of that name in the running kernel's
 * modules.dep, as libkmod finds it (DKMS-built, possibly .ko.xz or
 * .ko.zst; $SYSVEC_KMOD_DIR replaces /lib/modules/RELEASE). -ENOENT if
 * neither has it; @path then holds the vector directory's file name.
 */
int sysvec_module_find(const char *name, char *path, size_t len);
/*
 * The "version" a module file declares (modinfo's version field), read
 * with libkmod, compressed modules included. -ENODATA if it declares
 * none, -ENOEXEC if @path is not a module.
 */
int sysvec_module_version(const char *path, char *version, size_t len);
/*
 * Load the module file @path through libkmod, after the modules that
 * modules.dep says it needs: 0, -EEXIST if a module of its name is loaded
 * already, or the kernel's -errno (-EKEYREJECTED, -ENOKEY: its signature;
 * -EPERM: no CAP_SYS_MODULE, or a locked-down kernel refusing an unsigned
 * module; -ENOEXEC, -EINVAL, -ENOENT: built for another kernel or
 * registry).
 */
int sysvec_module_load(const char *path);
/*
 * Make sure the registry is there: if /dev/sysvec is missing, load the
 * module "sysvec", found as sysvec_module_find() finds vectors (sysvec.ko
 * in the vector directory, else modules.dep). -ENOENT if neither has it;
 * otherwise as sysvec_module_load().
 */
int sysvec_registry_load(void);

/*
 * The version a vector built from the profile at @path carries:
 * "<version>+<first 16 hex digits of its content hash>" (policyc build).
 * A loaded vector or module file with another version is stale.
 */
int sysvec_profile_vector(const char *path, char *name, size_t name_len,
			  char *version, size_t version_len);

/* ---- the seccomp backend ---- */

/* sysvec_seccomp_*() flags */
#define SYSVEC_SECCOMP_COMPLAIN	(1U << 0)	/* log would-be denials */
#define SYSVEC_SECCOMP_DEGRADE	(1U << 1)	/* accept what seccomp weakens */
/* Look syscalls up in a binary tree (libseccomp's optimize level 2). */
#define SYSVEC_SECCOMP_BINTREE	(1U << 2)

/*
 * Compile the profile at @path for seccomp and report on @report (may be
 * NULL) every rule seccomp cannot enforce as written. Returns 0 when it
 * can enforce everything, the number of such rules (> 0) otherwise, or
 * -errno (-EINVAL: the profile has errors, reported on stderr). With
 * SYSVEC_SECCOMP_DEGRADE the report also says what each becomes.
 */
int sysvec_seccomp_check(const char *path, unsigned int flags, FILE *report);
/*
 * Load the profile's filters into the calling thread (and every thread of
 * it, SECCOMP_FILTER_FLAG_TSYNC). Needs no_new_privs or CAP_SYS_ADMIN.
 * Refuses with -EOPNOTSUPP, loading nothing, if a rule cannot be enforced
 * as written unless @flags has SYSVEC_SECCOMP_DEGRADE; then each change is
 * written to @report.
 */
int sysvec_seccomp_load(const char *path, unsigned int flags, FILE *report);

#ifdef __cplusplus
}
#endif

#endif /* LIBSYSVEC_H */
