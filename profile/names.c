// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Syscall and errno names. No number is named here by hand: the syscall
 * tables (syscall_names.h, syscall_twins.h) are generated from the newest
 * supported kernel line's headers by gen-syscall-tables.sh and kept in
 * the repository, so that policyc knows every call of every supported
 * line; the errno table is generated at build time from the uapi
 * asm-generic/errno*.h.
 */
#include <string.h>
#include "profile.h"
#include "syscall_names.h"
#include "errno_names.h"
#include "syscall_twins.h"
#include "sysvec.h"

const char *const svp_abi_names[SVP_ABI_NR] = { "x86_64", "i386" };

static const struct {
	const char *const *names;
	int nr;
} tables[SVP_ABI_NR] = {
	{ sysvec_names_native, ARRAY_LEN(sysvec_names_native) },
	{ sysvec_names_ia32, ARRAY_LEN(sysvec_names_ia32) },
};

/* x32 is not a profile ABI: its table stays absent, so every x32 call is
 * denied; the generated x32 names are not needed here. */
static const char *const *const unused_x32 __attribute__((unused)) = sysvec_names_x32;

int svp_sys_nr(enum svp_abi abi, const char *name)
{
	int i;

	for (i = 0; i < tables[abi].nr; i++)
		if (tables[abi].names[i] && !strcmp(tables[abi].names[i], name))
			return i;
	return -1;
}

const char *svp_sys_name(enum svp_abi abi, int nr)
{
	if (nr < 0 || nr >= tables[abi].nr)
		return NULL;
	return tables[abi].names[nr];
}

int svp_sys_count(enum svp_abi abi)
{
	return tables[abi].nr;
}

bool svp_sys_known(const char *name)
{
	int a;

	for (a = 0; a < SVP_ABI_NR; a++)
		if (svp_sys_nr(a, name) >= 0)
			return true;
	return false;
}

size_t svp_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[65], prev, tmp;

	if (la > 64 || lb > 64)
		return 1000;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* Collects the closest candidates: every one at the smallest distance. */
struct suggest {
	const char *best[3];
	size_t dist;
	size_t n;
	size_t limit;
};

static void consider(struct suggest *s, const char *word, const char *cand)
{
	size_t d = svp_edit_distance(word, cand), i;

	/* A candidate that contains the word (or the reverse) is close too. */
	if (d > 2 && strlen(word) >= 3 && (strstr(cand, word) || strstr(word, cand)))
		d = 2;
	if (d > s->limit || d > s->dist)
		return;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->best[i], cand))
			return;
	if (d < s->dist) {
		s->dist = d;
		s->n = 0;
	}
	if (s->n < ARRAY_LEN(s->best))
		s->best[s->n++] = cand;
}

static void suggest_init(struct suggest *s, const char *word)
{
	size_t len = strlen(word);

	s->n = 0;
	s->dist = (size_t)-1;
	s->limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
}

static void suggest_format(const struct suggest *s, char *out, size_t outlen)
{
	size_t i, used = 0;

	out[0] = 0;
	for (i = 0; i < s->n && used < outlen; i++)
		used += snprintf(out + used, outlen - used, "%s\"%s\"",
				 i == 0 ? "" : i + 1 == s->n ? " or " : ", ", s->best[i]);
}

void svp_sys_suggest(const char *name, char *out, size_t outlen)
{
	struct suggest s;
	int a, i;

	suggest_init(&s, name);
	for (a = 0; a < SVP_ABI_NR; a++)
		for (i = 0; i < tables[a].nr; i++)
			if (tables[a].names[i])
				consider(&s, name, tables[a].names[i]);
	suggest_format(&s, out, outlen);
}

void svp_words_suggest(const char *word, const char *const *words, char *out, size_t outlen)
{
	struct suggest s;

	suggest_init(&s, word);
	for (; *words; words++)
		consider(&s, word, *words);
	suggest_format(&s, out, outlen);
}

const struct svp_twin *svp_sys_twin(int nr)
{
	static const struct svp_twin none = { SVP_TWIN_NONE, 0, NULL, NULL };

	if (nr < 0 || nr >= (int)ARRAY_LEN(i386_twins) || !i386_twins[nr].entry)
		return &none;
	return &i386_twins[nr];
}

int svp_sys_twin_entries(void)
{
	return I386_TWINS_KERNEL_ENTRIES;
}

size_t svp_sys_subcalls(const char *mux, const struct svp_subcall **first)
{
	size_t i, n = 0;

	*first = NULL;
	for (i = 0; i < ARRAY_LEN(i386_subcalls); i++) {
		if (strcmp(i386_subcalls[i].mux, mux))
			continue;
		if (!n)
			*first = &i386_subcalls[i];
		n++;
	}
	return n;
}

int svp_errno_nr(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(errno_names); i++)
		if (!strcmp(errno_names[i].name, name))
			return errno_names[i].nr;
	return -1;
}

const char *svp_errno_name(int nr)
{
	size_t i;

	/* The first name of a value is its own; later ones are aliases. */
	for (i = 0; i < ARRAY_LEN(errno_names); i++)
		if (errno_names[i].nr == nr)
			return errno_names[i].name;
	return NULL;
}

void svp_errno_suggest(const char *name, char *out, size_t outlen)
{
	struct suggest s;
	size_t i;

	suggest_init(&s, name);
	for (i = 0; i < ARRAY_LEN(errno_names); i++)
		consider(&s, name, errno_names[i].name);
	suggest_format(&s, out, outlen);
}

/* The kernel's list (include/uapi/sysvec.h). */
#define PATH_CALL_NAME(name, args) #name,
static const char *const path_calls[] = { SYSVEC_PATH_CALLS(PATH_CALL_NAME) };
#undef PATH_CALL_NAME

bool svp_sys_path_call(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(path_calls); i++)
		if (!strcmp(name, path_calls[i]))
			return true;
	return false;
}
