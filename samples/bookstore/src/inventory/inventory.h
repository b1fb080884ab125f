/* inventory.h - stock on hand and reservations per ISBN. */
#ifndef BOOKSTORE_INVENTORY_INVENTORY_H
#define BOOKSTORE_INVENTORY_INVENTORY_H

#include <stddef.h>

#define INVENTORY_MAX 512

enum inventory_error {
    INVENTORY_OK = 0,
    INVENTORY_ENOTFOUND = -1,
    INVENTORY_ESHORT = -2,      /* not enough available stock */
    INVENTORY_EFULL = -3,
    INVENTORY_EINVAL = -4
};

struct stock_level {
    int on_hand;
    int reserved;
    int available;
    unsigned long sold;
};

/* Thread-safe: every call takes the inventory lock. */
int inventory_set(const char *isbn, int on_hand);
int inventory_reserve(const char *isbn, int qty);
int inventory_release(const char *isbn, int qty);
int inventory_commit(const char *isbn, int qty);
int inventory_restock(const char *isbn, int qty);
int inventory_level(const char *isbn, struct stock_level *out);
size_t inventory_count(void);

#endif
