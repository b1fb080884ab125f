/* Classes through recursion: computed once per strongly connected component. */
int g_depth;

static int walk_b(int n);
static int walk_a(int n) { return n <= 0 ? 0 : walk_b(n - 1) + 1; }
static int walk_b(int n) { g_depth = n; return n <= 0 ? 0 : walk_a(n - 1); }   /* the write */
int walk(int n) { return walk_a(n); }

int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }                  /* pure recursion */
