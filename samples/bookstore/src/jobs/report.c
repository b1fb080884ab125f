/* report.c - the periodic sales report computed from the order table on a background thread. */
#include "jobs/report.h"
#include "config/config.h"
#include "log/log.h"
#include "notify/notify.h"
#include "orders/orders.h"
#include "util/strutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_t g_report_thread;
static struct sales_report g_last_report;
static int g_have_report;
static pthread_mutex_t g_report_lock = PTHREAD_MUTEX_INITIALIZER;
/* Per-thread seed for rand_r(); only the report thread draws from it. */
static _Thread_local unsigned int tl_jitter_seed;

/* Adds units for one title to the top-N table, evicting the smallest when full. */
static void tally_title(struct sales_report *r, const char *isbn, int units)
{
    size_t smallest = 0;

    for (size_t i = 0; i < r->ntop; i++) {
        if (strcmp(r->top[i].isbn, isbn) == 0) {
            r->top[i].units += units;
            return;
        }
        if (r->top[i].units < r->top[smallest].units)
            smallest = i;
    }
    if (r->ntop < REPORT_TOP_N) {
        smallest = r->ntop++;
    } else if (r->top[smallest].units >= units) {
        return;
    }
    str_copy(r->top[smallest].isbn, isbn, sizeof r->top[smallest].isbn);
    r->top[smallest].units = units;
}

/* order_foreach() callback: ctx is the report being built; orders outside the window are skipped. */
void report_accumulate(const struct order *o, void *ctx)
{
    struct sales_report *r = ctx;

    if (o->updated_at < r->window_start || o->updated_at >= r->generated_at)
        return;
    switch (o->status) {
    case ORDER_PAID:
        r->orders_paid++;
        r->revenue_cents += o->quote.total;
        r->tax_cents += o->quote.tax;
        r->discount_cents += o->quote.volume_discount + o->quote.coupon_discount;
        for (size_t i = 0; i < o->nitems; i++) {
            r->units += o->items[i].qty;
            tally_title(r, o->items[i].isbn, o->items[i].qty);
        }
        break;
    case ORDER_REFUNDED:
        r->orders_refunded++;
        break;
    case ORDER_FAILED:
        r->orders_failed++;
        break;
    default:
        break;
    }
}

static int compare_tally(const void *a, const void *b)
{
    const struct title_tally *x = a, *y = b;

    return y->units - x->units;
}

static void report_compute(struct sales_report *r, unsigned long number, time_t since, time_t now)
{
    memset(r, 0, sizeof *r);
    r->number = number;
    r->window_start = since;
    r->generated_at = now;
    order_foreach(report_accumulate, r);
    qsort(r->top, r->ntop, sizeof r->top[0], compare_tally);
}

int report_format_json(const struct sales_report *r, char *out, size_t len)
{
    size_t pos;
    int n = snprintf(out, len,
                     "{\"report\":%lu,\"from\":%lld,\"to\":%lld,\"paid\":%lu,\"refunded\":%lu,"
                     "\"failed\":%lu,\"revenue_cents\":%ld,\"tax_cents\":%ld,"
                     "\"discount_cents\":%ld,\"units\":%d,\"top\":[",
                     r->number, (long long)r->window_start, (long long)r->generated_at,
                     r->orders_paid, r->orders_refunded, r->orders_failed, r->revenue_cents,
                     r->tax_cents, r->discount_cents, r->units);

    if (n < 0 || (size_t)n >= len)
        return -1;
    pos = (size_t)n;
    for (size_t i = 0; i < r->ntop; i++) {
        n = snprintf(out + pos, len - pos, "%s{\"isbn\":\"%s\",\"units\":%d}",
                     i > 0 ? "," : "", r->top[i].isbn, r->top[i].units);
        if (n < 0 || (size_t)n >= len - pos)
            return -1;
        pos += (size_t)n;
    }
    n = snprintf(out + pos, len - pos, "]}");
    return n >= 0 && (size_t)n < len - pos ? 0 : -1;
}

int report_format_text(const struct sales_report *r, const char *currency, char *out, size_t len)
{
    size_t pos;
    int n = snprintf(out, len,
                     "Sales report #%lu\n"
                     "orders paid:     %lu\n"
                     "orders refunded: %lu\n"
                     "orders failed:   %lu\n"
                     "units sold:      %d\n"
                     "revenue:         %ld.%02ld %s (tax %ld.%02ld, discounts %ld.%02ld)\n"
                     "top titles:\n",
                     r->number, r->orders_paid, r->orders_refunded, r->orders_failed, r->units,
                     r->revenue_cents / 100, r->revenue_cents % 100, currency,
                     r->tax_cents / 100, r->tax_cents % 100,
                     r->discount_cents / 100, r->discount_cents % 100);

    if (n < 0 || (size_t)n >= len)
        return -1;
    pos = (size_t)n;
    for (size_t i = 0; i < r->ntop; i++) {
        n = snprintf(out + pos, len - pos, "  %zu. %s  %d\n", i + 1, r->top[i].isbn, r->top[i].units);
        if (n < 0 || (size_t)n >= len - pos)
            return -1;
        pos += (size_t)n;
    }
    return 0;
}

/* reports/sales-20240131-1405.txt, in local time for the shop staff. */
static int report_file_name(char *out, size_t len, const char *dir, time_t t)
{
    char stamp[32];
    struct tm *tm = localtime(&t);
    int n;

    if (tm == NULL || strftime(stamp, sizeof stamp, "%Y%m%d-%H%M", tm) == 0)
        return -1;
    n = snprintf(out, len, "%s/sales-%s.txt", dir, stamp);
    return n >= 0 && (size_t)n < len ? 0 : -1;
}

static int write_report_file(const struct sales_report *r)
{
    char path[512], text[2048];
    FILE *f;

    if (report_file_name(path, sizeof path, config_report_dir(), r->generated_at) != 0 ||
        report_format_text(r, config_currency(), text, sizeof text) != 0)
        return -1;
    f = fopen(path, "w");
    if (f == NULL) {
        LOG_WARN("report: cannot write '%s'", path);
        return -1;
    }
    fputs(text, f);
    fclose(f);
    return 0;
}

static void publish(const struct sales_report *r)
{
    pthread_mutex_lock(&g_report_lock);
    g_last_report = *r;
    g_have_report = 1;
    pthread_mutex_unlock(&g_report_lock);
}

/*
 * Up to 10 % random extra delay, so that several replicas started together
 * do not all walk the order table in the same second.
 */
static unsigned jittered_interval(void)
{
    unsigned base = (unsigned)config_report_interval();

    if (tl_jitter_seed == 0)
        tl_jitter_seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
    return base + (unsigned)rand_r(&tl_jitter_seed) % (base / 10 + 1);
}

/* Thread body: wakes every report_interval seconds (plus jitter), forever. */
void *report_job_main(void *arg)
{
    static unsigned long runs;
    time_t since = time(NULL);

    (void)arg;
    for (;;) {
        struct sales_report r;
        time_t now;

        sleep(jittered_interval());
        now = time(NULL);
        runs++;
        report_compute(&r, runs, since, now);
        since = now;
        publish(&r);
        if (write_report_file(&r) == 0)
            notify_enqueue(NOTIFY_REPORT_READY, runs, "managers@bookstore.example",
                           "Sales report #%lu: %lu orders, %ld cents", runs, r.orders_paid,
                           r.revenue_cents);
        LOG_INFO("report: #%lu done, %lu paid orders in window", runs, r.orders_paid);
    }
}

int report_job_start(void)
{
    int rc = pthread_create(&g_report_thread, NULL, report_job_main, NULL);

    if (rc != 0) {
        LOG_ERROR("report: cannot start the report thread (error %d)", rc);
        return -1;
    }
    pthread_detach(g_report_thread);
    return 0;
}

int report_latest(struct sales_report *out)
{
    int have;

    pthread_mutex_lock(&g_report_lock);
    have = g_have_report;
    if (have)
        *out = g_last_report;
    pthread_mutex_unlock(&g_report_lock);
    return have ? 0 : -1;
}
