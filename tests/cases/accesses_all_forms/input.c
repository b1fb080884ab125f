/* Every way a function can write, read or take the address of a global. */
#include <string.h>

struct inner { int b[4]; };
struct outer { int x; struct inner a; };

int g;                  /* plain scalar */
struct outer s;         /* struct */
struct outer *ps;       /* pointer to struct */
int arr[8];             /* array */
int *pg;                /* pointer */

void writes(int i)
{
	g = 1;                  /* line 15: plain assignment */
	g += 2;                 /* 16 */
	g -= 1;                 /* 17 */
	g *= 3;                 /* 18 */
	g /= 2;                 /* 19 */
	g %= 7;                 /* 20 */
	g <<= 1;                /* 21 */
	g >>= 1;                /* 22 */
	g &= 0xff;              /* 23 */
	g |= 1;                 /* 24 */
	g ^= 2;                 /* 25 */
	g++;                    /* 26 */
	g--;                    /* 27 */
	++g;                    /* 28 */
	--g;                    /* 29 */
	s.x = 1;                /* 30: member */
	ps->x = 2;              /* 31: through a global pointer */
	arr[i] = 3;             /* 32: element */
	s.a.b[i] += 4;          /* 33: nested member element, compound */
	*pg = 5;                /* 34: through a pointer */
	(g) = 6;                /* 35: parenthesised */
	s.x++;                  /* 36 */
}

int reads(int i)
{
	int v = g;              /* 41 */
	v += s.x;               /* 42 */
	v += arr[i];            /* 43 */
	v += ps->x;             /* 44 */
	v += arr[g];            /* 45: g is the index: read of g, read of arr */
	return v + (g == 3);    /* 46: == is not = */
}

int *addresses(void)
{
	memset(arr, 0, sizeof arr);   /* 51: the array is passed on; sizeof is not an access */
	int *p = &s.x;                /* 52 */
	(void)p;
	return &g;                    /* 54 */
}
