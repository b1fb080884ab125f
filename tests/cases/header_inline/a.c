#include "clamp.h"
int clamp_calls;
int clamp_log(int v) { return v; }
int a_use(int v) { return clamp(v, 0, 10); }
