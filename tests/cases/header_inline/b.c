#include "clamp.h"
int b_use(int v) { return clamp(v, -5, 5); }
