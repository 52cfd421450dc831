// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Diagnostics in the form compilers use:
 *
 *   profiles/web.yaml:12:17: error: unknown syscall "opne"
 *      12 |   - syscalls: [opne, read]
 *         |                 ^~~~
 *     fix: did you mean "open"?
 *
 * diag.c keeps the text of every file it is given, so that any position
 * can be echoed; a position without a file or line prints just the text.
 */
#include <stdarg.h>
#include <string.h>
#include "profile.h"

struct dfile {
	char *name;
	char *text;
	size_t len;
};

static struct dfile *files;
static size_t nr_files;
static int nr_errors, nr_warnings;
static FILE *stream;

const char *svp_diag_add_file(const char *name, const char *text, size_t len)
{
	struct dfile *f;
	size_t i;

	for (i = 0; i < nr_files; i++)
		if (!strcmp(files[i].name, name))
			return files[i].name;
	f = realloc(files, (nr_files + 1) * sizeof(*files));
	if (!f)
		return "?";
	files = f;
	f = &files[nr_files];
	f->name = strdup(name);
	f->text = malloc(len + 1);
	if (!f->name || !f->text) {
		free(f->name);
		free(f->text);
		return "?";
	}
	memcpy(f->text, text, len);
	f->text[len] = 0;
	f->len = len;
	nr_files++;
	return f->name;
}

void svp_diag_reset(void)
{
	size_t i;

	for (i = 0; i < nr_files; i++) {
		free(files[i].name);
		free(files[i].text);
	}
	free(files);
	files = NULL;
	nr_files = 0;
	nr_errors = nr_warnings = 0;
}

void svp_diag_set_stream(FILE *f)
{
	stream = f;
}

static FILE *out(void)
{
	return stream ? stream : stderr;
}

static const struct dfile *find(const char *name)
{
	size_t i;

	for (i = 0; name && i < nr_files; i++)
		if (files[i].name == name || !strcmp(files[i].name, name))
			return &files[i];
	return NULL;
}

/* Echo line @at->line with a caret under @at->col. */
static void echo(const struct svp_loc *at)
{
	const struct dfile *f = find(at->file);
	const char *p, *end;
	int line = 1, i, len;

	if (!f || at->line < 1)
		return;
	for (p = f->text; line < at->line && p < f->text + f->len; p++)
		if (*p == '\n')
			line++;
	if (line != at->line)
		return;
	end = memchr(p, '\n', f->text + f->len - p);
	if (!end)
		end = f->text + f->len;
	len = end - p;
	if (len > 200)
		len = 200;
	fprintf(out(), "%6d | ", at->line);
	for (i = 0; i < len; i++)	/* tabs and control characters as spaces */
		fputc((unsigned char)p[i] < ' ' ? ' ' : p[i], out());
	fprintf(out(), "\n       | ");
	for (i = 1; i < at->col && i <= len; i++)
		fputc(' ', out());
	fputc('^', out());
	for (i = 1; i < at->len && at->col + i <= len + 1; i++)
		fputc('~', out());
	fputc('\n', out());
}

static void vreport(const char *kind, const struct svp_loc *at, const char *fix,
		    const char *fmt, va_list ap)
{
	if (at && at->file && at->line > 0)
		fprintf(out(), "%s:%d:%d: ", at->file, at->line, at->col);
	else if (at && at->file)
		fprintf(out(), "%s: ", at->file);
	fprintf(out(), "%s: ", kind);
	vfprintf(out(), fmt, ap);
	fputc('\n', out());
	if (at)
		echo(at);
	if (fix)
		fprintf(out(), "  fix: %s\n", fix);
}

void svp_diag_verror(const struct svp_loc *at, const char *fix, const char *fmt, va_list ap)
{
	nr_errors++;
	vreport("error", at, fix, fmt, ap);
}

void svp_diag_error(const struct svp_loc *at, const char *fix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	svp_diag_verror(at, fix, fmt, ap);
	va_end(ap);
}

void svp_diag_warning(const struct svp_loc *at, const char *fix, const char *fmt, ...)
{
	va_list ap;

	nr_warnings++;
	va_start(ap, fmt);
	vreport("warning", at, fix, fmt, ap);
	va_end(ap);
}

void svp_diag_note(const struct svp_loc *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("note", at, NULL, fmt, ap);
	va_end(ap);
}

int svp_diag_errors(void)
{
	return nr_errors;
}

int svp_diag_warnings(void)
{
	return nr_warnings;
}
