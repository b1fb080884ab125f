/* notify.c - outgoing notifications: a mutex-protected ring buffer and a spool-file sink. */
#include "notify/notify.h"
#include "config/config.h"
#include "log/log.h"
#include "util/strutil.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define NOTIFY_BATCH 16

static struct notification g_queue[NOTIFY_QUEUE_LEN];
static size_t g_head;   /* oldest entry */
static size_t g_count;
static unsigned long g_delivered;
static pthread_mutex_t g_queue_lock = PTHREAD_MUTEX_INITIALIZER;
unsigned long g_notify_dropped;

static const char *const kind_names[] = {
    "order-confirmed", "order-cancelled", "low-stock", "report-ready",
};

const char *notify_kind_name(enum notify_kind kind)
{
    if ((size_t)kind >= ARRAY_LEN(kind_names))
        return "unknown";
    return kind_names[kind];
}

int notify_enqueue(enum notify_kind kind, unsigned long ref, const char *recipient,
                   const char *fmt, ...)
{
    struct notification *n;
    va_list ap;

    pthread_mutex_lock(&g_queue_lock);
    if (g_count == NOTIFY_QUEUE_LEN) {
        g_notify_dropped++;
        pthread_mutex_unlock(&g_queue_lock);
        return -1;
    }
    n = &g_queue[(g_head + g_count) % NOTIFY_QUEUE_LEN];
    n->kind = kind;
    n->ref = ref;
    n->queued_at = time(NULL);
    str_copy(n->recipient, recipient, sizeof n->recipient);
    va_start(ap, fmt);
    vsnprintf(n->text, sizeof n->text, fmt, ap);
    va_end(ap);
    g_count++;
    pthread_mutex_unlock(&g_queue_lock);
    return 0;
}

/* One line per notification, the same format the mail relay picks up from the spool. */
int notify_format(const struct notification *n, char *out, size_t len)
{
    int w = snprintf(out, len, "%lld\t%s\t%lu\t%s\t%s\n", (long long)n->queued_at,
                     notify_kind_name(n->kind), n->ref, n->recipient, n->text);

    return w >= 0 && (size_t)w < len ? 0 : -1;
}

static int deliver_one(const struct notification *n)
{
    const char *spool = config_notify_spool();
    char line[384];
    FILE *f;

    if (notify_format(n, line, sizeof line) != 0)
        return -1;
    if (spool[0] == '\0') {
        LOG_INFO("notify: %s", line);
        return 0;
    }
    f = fopen(spool, "a");
    if (f == NULL) {
        LOG_WARN("notify: cannot open spool '%s'", spool);
        return -1;
    }
    fputs(line, f);
    return fclose(f) == 0 ? 0 : -1;
}

/* Pops up to max entries under the lock, then delivers them without holding it. */
size_t notify_drain(size_t max)
{
    struct notification batch[NOTIFY_BATCH];
    size_t n = 0, ok = 0;

    if (max > NOTIFY_BATCH)
        max = NOTIFY_BATCH;
    pthread_mutex_lock(&g_queue_lock);
    while (n < max && g_count > 0) {
        batch[n++] = g_queue[g_head];
        g_head = (g_head + 1) % NOTIFY_QUEUE_LEN;
        g_count--;
    }
    pthread_mutex_unlock(&g_queue_lock);

    for (size_t i = 0; i < n; i++)
        if (deliver_one(&batch[i]) == 0)
            ok++;
    pthread_mutex_lock(&g_queue_lock);
    g_delivered += ok;
    pthread_mutex_unlock(&g_queue_lock);
    return ok;
}

size_t notify_pending(void)
{
    size_t n;

    pthread_mutex_lock(&g_queue_lock);
    n = g_count;
    pthread_mutex_unlock(&g_queue_lock);
    return n;
}

unsigned long notify_delivered(void)
{
    unsigned long n;

    pthread_mutex_lock(&g_queue_lock);
    n = g_delivered;
    pthread_mutex_unlock(&g_queue_lock);
    return n;
}
