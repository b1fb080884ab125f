/* notify.h - outgoing customer/staff notifications: a bounded queue drained by the server loop. */
#ifndef BOOKSTORE_NOTIFY_NOTIFY_H
#define BOOKSTORE_NOTIFY_NOTIFY_H

#include <stddef.h>
#include <time.h>

#define NOTIFY_QUEUE_LEN 128

enum notify_kind {
    NOTIFY_ORDER_CONFIRMED,
    NOTIFY_ORDER_CANCELLED,
    NOTIFY_LOW_STOCK,
    NOTIFY_REPORT_READY
};

struct notification {
    enum notify_kind kind;
    unsigned long ref;      /* order id or report number, 0 if none */
    char recipient[64];
    char text[192];
    time_t queued_at;
};

/* Incremented when the queue is full and a notification is dropped. */
extern unsigned long g_notify_dropped;

/* Thread-safe; copies everything it is given. */
int notify_enqueue(enum notify_kind kind, unsigned long ref, const char *recipient,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
size_t notify_drain(size_t max);
size_t notify_pending(void);
unsigned long notify_delivered(void);
const char *notify_kind_name(enum notify_kind kind);
int notify_format(const struct notification *n, char *out, size_t len);

#endif
