/* Every kind of static-storage variable, and const-ness. */
#include "state.h"

int shared_total;                          /* global, tentative definition */
int initialised = 3;                       /* global */
static int file_counter;                   /* file-static */
_Thread_local int per_thread;              /* thread-local */
const int limit = 10;                      /* const */
static const char *names[] = { "a" };      /* NOT const: the array of pointers can be written */
static const char *const fixed[] = { "b" };/* const */
static const struct { int k; } table[2];   /* const */

int next_id(void)
{
	static int last_id;                    /* static-local (pitfall: the indexer skips these) */
	static __thread int tls_local;         /* thread-local inside a function */
	int local = 0;                         /* automatic: not a global */
	tls_local++;
	file_counter++;
	local += never_defined;
	return ++last_id + local + limit + per_thread + (names[0] != fixed[0]) + table[0].k + initialised;
}
