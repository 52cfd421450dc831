// SPDX-License-Identifier: GPL-2.0
/*
 * sysvec: the vector registry.
 *
 * Vector modules register a description; the registry keeps its own copy
 * (struct sysvec_vec) with a unique name and an id that is never reused
 * while the registry is loaded. Tasks hold references through
 * sysvec_vec_get(), each of which pins the vector's module, so a vector can
 * only be unregistered (from its module's exit) once no task uses it.
 *
 * What this file owns, and what protects it:
 *  - sysvec_vectors and sysvec_next_id: sysvec_registry_lock, a mutex
 *    taken with no other sysvec lock held;
 *  - a registered struct sysvec_vec: its fields are set before it enters
 *    the list and never change after, except @nr_tasks and @nr_pending
 *    (atomic) and @prot (guard.c: an RCU pointer replaced under
 *    sysvec_attach_mutex). The probes read vectors under RCU without a
 *    reference, so a vector out of the list is freed with call_rcu();
 *  - sysvec_vec_none: compiled at module init, read-only after.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "internal.h"

static DEFINE_MUTEX(sysvec_registry_lock);
static LIST_HEAD(sysvec_vectors);	/* under sysvec_registry_lock */
static u32 sysvec_next_id = 1;		/* under sysvec_registry_lock */

/* What tasks with only pending state point at: runs every call. */
struct sysvec_vec sysvec_vec_none = {
	.name = "none",
	.version = "",
};

static bool sysvec_valid_string(const char *s, bool allow_punct)
{
	size_t n;

	if (!s)
		return false;
	n = strnlen(s, SYSVEC_NAME_LEN);
	if (n >= SYSVEC_NAME_LEN)
		return false;
	for (; *s; s++) {
		if (isalnum(*s) || *s == '_' || *s == '-' || *s == '.')
			continue;
		if (allow_punct && isgraph(*s) && *s != '"' && *s != '\\')
			continue;
		return false;
	}
	return true;
}

/* Caller holds sysvec_registry_lock. */
static struct sysvec_vec *__sysvec_vec_find(u32 id, const char *name,
					    const struct sysvec_vector *desc)
{
	struct sysvec_vec *vec;

	lockdep_assert_held(&sysvec_registry_lock);
	list_for_each_entry(vec, &sysvec_vectors, node) {
		if (id && vec->id == id)
			return vec;
		if (name && !strcmp(vec->name, name))
			return vec;
		if (desc && vec->desc == desc)
			return vec;
	}
	return NULL;
}

/**
 * sysvec_register_vector() - add a vector to the registry
 * @desc: the vector's description; read only during this call
 *
 * Context: process context (module init), may sleep.
 * Return: the vector's id (> 0), -EINVAL for a malformed description,
 * -EEXIST if a vector of that name is registered, -ENOMEM, -EOVERFLOW when
 * ids are exhausted.
 */
int sysvec_register_vector(const struct sysvec_vector *desc)
{
	struct sysvec_vec *vec;
	int ret;

	if (!desc || !desc->owner || !desc->name || !desc->name[0] ||
	    !sysvec_valid_string(desc->name, false) ||
	    !sysvec_valid_string(desc->version, true) ||
	    (desc->flags & ~SYSVEC_VECTOR_F_MASK))
		return -EINVAL;

	vec = kzalloc(sizeof(*vec), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	vec->desc = desc;
	vec->owner = desc->owner;
	vec->flags = desc->flags;
	strscpy(vec->name, desc->name, sizeof(vec->name));
	strscpy(vec->version, desc->version, sizeof(vec->version));
	ret = sysvec_compile(vec, desc);
	if (ret)
		goto out_free;

	mutex_lock(&sysvec_registry_lock);
	if (__sysvec_vec_find(0, vec->name, desc)) {
		ret = -EEXIST;
		goto out_unlock;
	}
	if (sysvec_next_id == U32_MAX) {
		ret = -EOVERFLOW;
		goto out_unlock;
	}
	vec->id = sysvec_next_id++;
	list_add_tail(&vec->node, &sysvec_vectors);
	ret = vec->id;
	mutex_unlock(&sysvec_registry_lock);
	pr_info("registered vector %s (id %u, version %s, module %s)\n",
		vec->name, vec->id, vec->version, module_name(vec->owner));
	return ret;

out_unlock:
	mutex_unlock(&sysvec_registry_lock);
	sysvec_compile_free(vec);
out_free:
	kfree(vec);
	return ret;
}
EXPORT_SYMBOL_GPL(sysvec_register_vector);

static void sysvec_vec_free_rcu(struct rcu_head *rcu)
{
	struct sysvec_vec *vec = container_of(rcu, struct sysvec_vec, rcu);

	sysvec_compile_free(vec);
	kfree(vec);
}

/* Caller holds sysvec_registry_lock. */
static void __sysvec_unregister(struct sysvec_vec *vec)
{
	lockdep_assert_held(&sysvec_registry_lock);
	/*
	 * Every task reference pins the owner, so a module can only get
	 * here once no task uses its vector.
	 */
	WARN_ON(atomic_read(&vec->nr_tasks) || atomic_read(&vec->nr_pending));
	list_del(&vec->node);
	pr_info("unregistered vector %s (id %u)\n", vec->name, vec->id);
	/* Its protected paths are put from process context. */
	sysvec_guard_release(vec);
	/* Probes may still be reading the tables under RCU. */
	call_rcu(&vec->rcu, sysvec_vec_free_rcu);
}

/**
 * sysvec_unregister_vector() - remove a vector from the registry
 * @desc: the description it was registered with
 *
 * Context: process context (module exit), may sleep. Does nothing for a
 * description that is not registered.
 */
void sysvec_unregister_vector(const struct sysvec_vector *desc)
{
	struct sysvec_vec *vec;

	mutex_lock(&sysvec_registry_lock);
	vec = __sysvec_vec_find(0, NULL, desc);
	if (vec)
		__sysvec_unregister(vec);
	mutex_unlock(&sysvec_registry_lock);
}
EXPORT_SYMBOL_GPL(sysvec_unregister_vector);

/**
 * sysvec_vec_find() - look a vector up and take a pending reference on it
 * @id: id to look for, or 0
 * @name: name to look for when @id is 0
 *
 * The reference counts as pending; sysvec_vec_put(vec, SYSVEC_REF_PENDING)
 * drops it.
 * Context: process context.
 * Return: the vector, or NULL if there is none or its module is going away.
 */
struct sysvec_vec *sysvec_vec_find(u32 id, const char *name)
{
	struct sysvec_vec *vec;

	mutex_lock(&sysvec_registry_lock);
	vec = __sysvec_vec_find(id, id ? NULL : name, NULL);
	if (vec && !try_module_get(vec->owner))
		vec = NULL;
	if (vec)
		atomic_inc(&vec->nr_pending);
	mutex_unlock(&sysvec_registry_lock);
	return vec;
}

/**
 * sysvec_vec_get() - take another task reference on a vector
 * @vec: a vector the caller already holds a reference on, or the built-in
 *	 "none" vector (which counts nothing)
 * @ref: which count it goes to
 *
 * Context: any, including probes (no locks, no allocation).
 */
void sysvec_vec_get(struct sysvec_vec *vec, enum sysvec_ref ref)
{
	if (!vec || vec == &sysvec_vec_none)
		return;
	__module_get(vec->owner);
	atomic_inc(ref == SYSVEC_REF_TASK ? &vec->nr_tasks : &vec->nr_pending);
}

/**
 * sysvec_vec_put() - drop a task reference
 * @vec: the vector, the built-in "none" vector or NULL
 * @ref: which count it was taken for
 *
 * Context: any, including probes.
 */
void sysvec_vec_put(struct sysvec_vec *vec, enum sysvec_ref ref)
{
	if (!vec || vec == &sysvec_vec_none)
		return;
	atomic_dec(ref == SYSVEC_REF_TASK ? &vec->nr_tasks : &vec->nr_pending);
	module_put(vec->owner);
}

static void sysvec_vec_info(const struct sysvec_vec *vec,
			    struct sysvec_vector_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = vec->id;
	info->nr_tasks = atomic_read(&vec->nr_tasks);
	info->nr_pending = atomic_read(&vec->nr_pending);
	info->flags = vec->flags;
	strscpy(info->name, vec->name, sizeof(info->name));
	strscpy(info->version, vec->version, sizeof(info->version));
	strscpy(info->module, module_name(vec->owner), sizeof(info->module));
}

/**
 * sysvec_registry_list() - copy the registered vectors to user space
 * @uentries: user buffer of @capacity entries
 * @capacity: number of entries @uentries holds
 * @total: set to the number of registered vectors
 *
 * Context: process context. Return: 0 or -EFAULT.
 */
int sysvec_registry_list(struct sysvec_vector_info __user *uentries,
			 u32 capacity, u32 *total)
{
	struct sysvec_vector_info info;
	struct sysvec_vec *vec;
	u32 n = 0;
	int ret = 0;

	mutex_lock(&sysvec_registry_lock);
	list_for_each_entry(vec, &sysvec_vectors, node) {
		if (n < capacity) {
			sysvec_vec_info(vec, &info);
			if (copy_to_user(&uentries[n], &info, sizeof(info))) {
				ret = -EFAULT;
				break;
			}
		}
		n++;
	}
	mutex_unlock(&sysvec_registry_lock);
	*total = n;
	return ret;
}

/* /proc/sysvec/vectors: one line per vector. */
void sysvec_registry_show(struct seq_file *m)
{
	struct sysvec_vec *vec;

	seq_puts(m, "id\tname\tversion\tmodule\ttasks\tpending\n");
	mutex_lock(&sysvec_registry_lock);
	list_for_each_entry(vec, &sysvec_vectors, node)
		seq_printf(m, "%u\t%s\t%s\t%s\t%d\t%d\n", vec->id, vec->name,
			   vec->version[0] ? vec->version : "-",
			   module_name(vec->owner), atomic_read(&vec->nr_tasks),
			   atomic_read(&vec->nr_pending));
	mutex_unlock(&sysvec_registry_lock);
}

/*
 * A vector module that forgets to unregister, or whose init fails after
 * registering, must not leave a vector behind that points at freed code.
 */
static int sysvec_module_notify(struct notifier_block *nb, unsigned long action,
				void *data)
{
	struct module *mod = data;
	struct sysvec_vec *vec, *tmp;

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	mutex_lock(&sysvec_registry_lock);
	list_for_each_entry_safe(vec, tmp, &sysvec_vectors, node) {
		if (vec->owner != mod)
			continue;
		pr_warn("module %s left vector %s registered; removing it\n",
			module_name(mod), vec->name);
		__sysvec_unregister(vec);
	}
	mutex_unlock(&sysvec_registry_lock);
	return NOTIFY_DONE;
}

static struct notifier_block sysvec_module_nb = {
	.notifier_call = sysvec_module_notify,
};

int sysvec_registry_init(void)
{
	int ret;

	ret = sysvec_compile_none(&sysvec_vec_none);
	if (ret)
		return ret;
	ret = register_module_notifier(&sysvec_module_nb);
	if (ret)
		sysvec_compile_free(&sysvec_vec_none);
	return ret;
}

void sysvec_registry_exit(void)
{
	unregister_module_notifier(&sysvec_module_nb);
	/* Vector modules depend on this one, so none can be left. */
	WARN_ON(!list_empty(&sysvec_vectors));
	rcu_barrier();	/* sysvec_vec_free_rcu() */
	sysvec_compile_free(&sysvec_vec_none);
}
