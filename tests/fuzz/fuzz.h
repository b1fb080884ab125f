/* fuzz.h — what every fuzz target defines: libFuzzer's entry point, called
 * by libFuzzer itself (SEAM_FUZZ builds) or by replay.c over a corpus
 * (every build, as a CTest test). fuzz_text() copies the bytes into a
 * NUL-terminated string the caller frees: the readers take C strings. */
#ifndef SEAM_FUZZ_H
#define SEAM_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A property the reader must keep, checked in every build: abort() is a
 * crash to libFuzzer and a failure to the replay test. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : abort())

#endif
