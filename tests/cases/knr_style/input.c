/* K&R-style definitions, as in old C monoliths. */
int total;

int add(a, b)
	int a;
	int b;
{
	total += a;
	return a + b;
}

long twice(x)
	long x;
{
	return add((int)x, (int)x);
}
