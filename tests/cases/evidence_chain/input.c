/* The evidence of a class is the shortest chain of calls to the statement
 * that decides it, with file:line at each step. */
int g_total;

static void record(int v) { g_total += v; }          /* line 5: the write */
static void account(int v) { record(v); }            /* line 6 */
static void detour(int v) { account(v); }            /* line 7: a longer way */
int handle(int v)
{
	detour(v);                                       /* line 10 */
	account(v);                                      /* line 11: the shortest way */
	return v;
}
