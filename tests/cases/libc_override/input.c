/* A project that defines its own version of a libc function (bash defines
 * getenv, setenv and strtoimax): the definition is the project's, and so
 * are calls to it, although <stdlib.h> declared it first. */
#include <stdlib.h>
#include <string.h>

static char *table[4];

char *getenv(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (table[i] && strcmp(table[i], name) == 0)
			return table[i];
	return NULL;
}

int has_home(void) { return getenv("HOME") != NULL; }
