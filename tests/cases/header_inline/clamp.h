#ifndef CLAMP_H
#define CLAMP_H
extern int clamp_calls;
int clamp_log(int v);
static inline int clamp(int v, int lo, int hi)
{
	clamp_calls++;
	return clamp_log(v < lo ? lo : v > hi ? hi : v);
}
#endif
