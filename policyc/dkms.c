// SPDX-License-Identifier: GPL-2.0
/*
 * Running dkms: by posix_spawnp() with an argument vector, never through a
 * shell, so no name or version is ever parsed as shell words; and reading
 * what "dkms status" says about one module.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include "policyc.h"

extern char **environ;

static int wait_child(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* Read all of @fd into *@out. */
static int read_all(int fd, char **out)
{
	_cleanup_free_ char *text = NULL;
	size_t len = 0, cap = 0;
	ssize_t n;

	for (;;) {
		if (cap - len < 4096) {
			char *more = realloc(text, cap + 65536);

			if (!more)
				return -ENOMEM;
			text = more;
			cap += 65536;
		}
		n = read(fd, text + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (!n)
			break;
		len += n;
	}
	text[len] = 0;
	*out = TAKE_PTR(text);
	return 0;
}

int dkms_run(const char *const *args, bool quiet, char **out)
{
	_cleanup_close_ int rd = -1;
	posix_spawn_file_actions_t fa;
	const char *argv[16];
	int pipefd[2] = { -1, -1 };
	size_t n;
	pid_t pid;
	int ret, status;

	argv[0] = "dkms";
	for (n = 0; args[n]; n++) {
		if (n + 2 >= ARRAY_LEN(argv))
			return -E2BIG;
		argv[n + 1] = args[n];
	}
	argv[n + 1] = NULL;
	if (out && pipe2(pipefd, O_CLOEXEC))
		return -errno;
	rd = pipefd[0];
	ret = posix_spawn_file_actions_init(&fa);
	if (ret) {
		if (pipefd[1] >= 0)
			close(pipefd[1]);
		return -ret;
	}
	if (out)
		ret = posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	else if (quiet)
		ret = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	fflush(stdout);
	fflush(stderr);
	if (!ret)
		ret = posix_spawnp(&pid, "dkms", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (ret) {
		fprintf(stderr, "policyc: cannot run dkms: %s\n", strerror(ret));
		if (ret == ENOENT)
			fprintf(stderr, "  fix: install DKMS (apt install dkms)\n");
		return -ret;
	}
	if (out) {
		ret = read_all(rd, out);
		if (ret) {
			wait_child(pid);
			return ret;
		}
	}
	status = wait_child(pid);
	if (status < 0 && out) {
		free(*out);
		*out = NULL;
	}
	return status;
}

/*
 * DKMS 3 writes "MODULE/VERSION: added" and
 * "MODULE/VERSION, KERNEL, ARCH: STATE[ (remark)]".
 */
static int parse_line(const char *module, const char *line, struct dkms_entry *e)
{
	const char *slash = strchr(line, '/'), *v, *colon;
	size_t ml = slash ? (size_t)(slash - line) : 0;
	char rest[512];
	char *k, *a, *save = NULL;

	if (!ml || ml >= sizeof(e->module) || memchr(line, ' ', ml) || memchr(line, ',', ml))
		return -EINVAL;
	if (module && (strlen(module) != ml || strncmp(line, module, ml)))
		return -ENOENT;
	v = slash + 1;
	colon = strstr(v, ": ");
	if (!colon || (size_t)(colon - v) >= sizeof(rest))
		return -EINVAL;
	memset(e, 0, sizeof(*e));
	memcpy(e->module, line, ml);
	memcpy(rest, v, colon - v);
	rest[colon - v] = 0;
	sscanf(colon + 2, "%31[a-z-]", e->state);
	if (!e->state[0])
		return -EINVAL;
	v = strtok_r(rest, ",", &save);
	k = strtok_r(NULL, ",", &save);
	a = strtok_r(NULL, ",", &save);
	if (!v || (k && !a) || strtok_r(NULL, ",", &save))
		return -EINVAL;
	snprintf(e->version, sizeof(e->version), "%s", v);
	if (k) {
		snprintf(e->kernel, sizeof(e->kernel), "%s", k + strspn(k, " "));
		snprintf(e->arch, sizeof(e->arch), "%s", a + strspn(a, " "));
	}
	return 0;
}

int dkms_status_parse(const char *module, const char *text, struct dkms_entry **e, size_t *n)
{
	_cleanup_free_ struct dkms_entry *list = NULL;
	size_t nr = 0;
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char buf[1024];
		struct dkms_entry one;

		if (len < sizeof(buf)) {
			memcpy(buf, line, len);
			buf[len] = 0;
			if (!parse_line(module, buf, &one)) {
				struct dkms_entry *more = reallocarray(list, nr + 1, sizeof(*list));

				if (!more)
					return -ENOMEM;
				list = more;
				list[nr++] = one;
			}
		}
		line = end ? end + 1 : NULL;
	}
	*e = TAKE_PTR(list);
	*n = nr;
	return 0;
}

int dkms_status(const char *module, struct dkms_entry **e, size_t *n)
{
	const char *args[] = { "status", module, NULL };
	_cleanup_free_ char *out = NULL;
	int ret = dkms_run(args, false, &out);

	if (ret < 0)
		return ret;
	if (ret) {
		fprintf(stderr, "policyc: \"dkms status%s%s\" failed (exit %d)\n",
			module ? " " : "", module ? module : "", ret);
		return -ECHILD;
	}
	return dkms_status_parse(module, out, e, n);
}
