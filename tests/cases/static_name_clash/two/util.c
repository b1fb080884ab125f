/* Same file name and same static names as one/util.c. */
static int counter;
static int helper(void) { counter += 2; return counter; }
int two_api(void) { return helper(); }
