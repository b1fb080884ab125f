#ifndef BUF_H
#define BUF_H
#include <stddef.h>
struct buf { char *data; size_t len; };
#endif
