/* Same file name and same static names as two/util.c. */
static int counter;
static int helper(void) { return ++counter; }
int one_api(void) { return helper(); }
