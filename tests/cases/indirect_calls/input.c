/* Calls through function pointers: recorded with where the pointer came
 * from (variable, parameter, struct field, other expression) and its type. */
typedef int (*op_fn)(int, int);

struct ops { const char *name; op_fn apply; };

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }

static const struct ops table[] = { { "add", add }, { "sub", sub } };
op_fn current = add;

static op_fn pick(int i) { return i ? sub : add; }

int run(int i, op_fn cb, const struct ops *o)
{
	int r = table[i].apply(1, 2);      /* 17: field */
	r += cb(r, 1);                     /* 18: parameter */
	r += current(r, 2);                /* 19: global variable */
	r += o->apply(r, 3);               /* 20: field through a pointer */
	r += pick(i)(r, 4);                /* 21: call result */
	r += (*cb)(r, 5);                  /* 22: explicit dereference */
	return r;
}
