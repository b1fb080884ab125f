/* replay.c — runs a fuzz target's LLVMFuzzerTestOneInput over every file
 * of the corpus folders (or files) given, so every build, gcc included,
 * replays the seeds and the regression cases as a CTest test. */
#include "fuzz.h"
#include "fsutil.h"
#include "strbuf.h"
#include <dirent.h>
#include <stdio.h>

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_file(const char *path)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	if (fs_read_file(path, &text, &err) != 0) {
		fprintf(stderr, "replay: %s\n", strbuf_str(&err));
		strbuf_release(&err);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)strbuf_str(&text), text.len);
	strbuf_release(&text);
	strbuf_release(&err);
	return 0;
}

static int replay_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: cannot open '%s'\n", dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = path_join(dir, de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (replay_file(names[i]) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	*count += n;
	return rc;
}

int main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		if (fs_is_dir(argv[i])) {
			rc |= replay_dir(argv[i], &count);
		} else {
			rc |= replay_file(argv[i]);
			count++;
		}
	}
	printf("replayed %zu inputs\n", count);
	return rc || count == 0 ? 1 : 0;
}
