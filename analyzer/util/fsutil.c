/* fsutil.c — files and paths */
#include "fsutil.h"
#include "xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read_file(const char *path, struct strbuf *out, struct strbuf *err)
{
	return fs_read_file_max(path, (size_t)-1, out, err);
}

int fs_read_file_max(const char *path, size_t max, struct strbuf *out, struct strbuf *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		strbuf_addf(err, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		strbuf_addf(err, "cannot read '%s': Is a directory", path);
		close(fd);
		return -1;
	}
	char buf[65536];
	size_t got = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			strbuf_addf(err, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		if ((size_t)n > max - got) {
			strbuf_addf(err, "cannot read '%s': larger than %zu bytes", path, max);
			close(fd);
			return -1;
		}
		strbuf_add(out, buf, (size_t)n);
		got += (size_t)n;
	}
	close(fd);
	strbuf_grow(out, 0);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int write_atomic(const char *path, const char *data, size_t len, bool durable, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT;
	char *dir = path_dirname(path);
	const char *slash = strrchr(path, '/');
	strbuf_addf(&tmp, "%s/.%s.tmpXXXXXX", dir, slash ? slash + 1 : path);
	free(dir);
	int fd = mkstemp(tmp.buf);
	if (fd < 0) {
		strbuf_addf(err, "cannot write '%s': %s", path, strerror(errno));
		strbuf_release(&tmp);
		return -1;
	}
	int rc = write_all(fd, data, len);
	if (rc == 0 && durable)
		rc = fsync(fd);
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	if (rc == 0 && chmod(tmp.buf, 0644) == 0 && rename(tmp.buf, path) == 0) {
		strbuf_release(&tmp);
		return 0;
	}
	if (rc == 0)
		saved = errno;
	unlink(tmp.buf);
	strbuf_addf(err, "cannot write '%s': %s", path, strerror(saved));
	strbuf_release(&tmp);
	return -1;
}

/* Interrupting signals wait while the temporary file exists: Ctrl-C then
 * finds either the previous file or the complete new one, never a
 * temporary left behind. */
static int write_guarded(const char *path, const char *data, size_t len, bool durable, struct strbuf *err)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	int rc = write_atomic(path, data, len, durable, err);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int fs_write_atomic(const char *path, const char *data, size_t len, struct strbuf *err)
{
	return write_guarded(path, data, len, true, err);
}

int fs_write_atomic_nosync(const char *path, const char *data, size_t len, struct strbuf *err)
{
	return write_guarded(path, data, len, false, err);
}

int fs_mkdirs(const char *path, struct strbuf *err)
{
	if (!path[0]) {
		strbuf_addf(err, "cannot create directory '': %s", strerror(ENOENT));
		return -1;
	}
	char *p = xstrdup(path);
	for (char *s = p + 1;; s++) {
		char c = *s;
		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			strbuf_addf(err, "cannot create directory '%s': %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	if (!fs_is_dir(path)) {
		strbuf_addf(err, "cannot create directory '%s': Not a directory", path);
		return -1;
	}
	return 0;
}

bool fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether path is a regular file holding exactly these bytes. */
static bool has_contents(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size != (uint64_t)len)
		return false;
	struct strbuf now = STRBUF_INIT, err = STRBUF_INIT;
	bool same = fs_read_file_max(path, len, &now, &err) == 0 && now.len == len &&
		    (len == 0 || memcmp(now.buf, data, len) == 0);
	strbuf_release(&now);
	strbuf_release(&err);
	return same;
}

int fs_write_atomic_if_changed(const char *path, const char *data, size_t len, struct strbuf *err)
{
	return has_contents(path, data, len) ? 0 : fs_write_atomic(path, data, len, err);
}

char *path_absolute(const char *path, const char *base)
{
	struct strbuf in = STRBUF_INIT;
	if (path[0] != '/' && (!base || base[0] != '/')) {
		/* a relative base is itself relative to the working directory */
		char cwd[4096];
		strbuf_addstr(&in, getcwd(cwd, sizeof(cwd)) ? cwd : ".");
		strbuf_addch(&in, '/');
	}
	if (path[0] != '/' && base) {
		strbuf_addstr(&in, base);
		strbuf_addch(&in, '/');
	}
	strbuf_addstr(&in, path);
	/* normalise component by component */
	char *out = xmalloc(in.len + 2);
	size_t o = 0;
	const char *s = in.buf;
	while (*s) {
		while (*s == '/')
			s++;
		const char *e = s;
		while (*e && *e != '/')
			e++;
		size_t n = (size_t)(e - s);
		if (n == 0 || (n == 1 && s[0] == '.')) {
			/* skip */
		} else if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			out[o++] = '/';
			memcpy(out + o, s, n);
			o += n;
		}
		s = e;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	strbuf_release(&in);
	return out;
}

bool path_is_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

char *path_relative(const char *path, const char *dir)
{
	if (!path_is_under(path, dir))
		return xstrdup(path);
	size_t n = strlen(dir);
	if (strcmp(path, dir) == 0)
		return xstrdup(".");
	if (n == 1)
		return xstrdup(path + 1);
	return xstrdup(path + n + 1);
}

char *path_common_dir(const char *a, const char *b)
{
	size_t i = 0, last = 0;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '/')
			last = i;
		i++;
	}
	if ((a[i] == '\0' && (b[i] == '/' || b[i] == '\0')) || (b[i] == '\0' && a[i] == '/'))
		last = i;
	if (last == 0)
		return xstrdup("/");
	char *r = xmalloc(last + 1);
	memcpy(r, a, last);
	r[last] = '\0';
	return r;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	char *r = xmalloc((size_t)(slash - path) + 1);
	memcpy(r, path, (size_t)(slash - path));
	r[slash - path] = '\0';
	return r;
}

char *path_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;
	if (b[0] == '/' || !a[0]) {
		strbuf_addstr(&sb, b);
	} else {
		strbuf_addstr(&sb, a);
		if (sb.buf[sb.len - 1] != '/')
			strbuf_addch(&sb, '/');
		strbuf_addstr(&sb, b);
	}
	return strbuf_detach(&sb);
}

bool path_has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	return n >= m && strcmp(path + n - m, suffix) == 0;
}
