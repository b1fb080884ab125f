#ifndef CONN_H
#define CONN_H
#include <stddef.h>
#include "buf.h"
struct conn { int fd; struct buf in; };
typedef struct conn conn_t;
union addr { unsigned v4; unsigned char v6[16]; };
#endif
