/* Direct calls between project functions and calls into libc, whose
 * declarations live in system headers (libclang's indexer misses these). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int square(int x) { return x * x; }

int sum_squares(int n)
{
	int t = 0;
	for (int i = 0; i < n; i++)
		t += square(i);                     /* 13 */
	return t;
}

int main(int argc, char **argv)
{
	char *buf = malloc(16);                     /* 19 */
	if (!buf)
		return 1;
	strcpy(buf, argc > 1 ? argv[1] : "x");      /* 22 */
	printf("%zu %d\n", strlen(buf), sum_squares(3)); /* 23 */
	free(buf);                                  /* 24 */
	return 0;
}
