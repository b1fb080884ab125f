/* report.h - the periodic sales report computed from the order table on a background thread. */
#ifndef BOOKSTORE_JOBS_REPORT_H
#define BOOKSTORE_JOBS_REPORT_H

#include <stddef.h>
#include <time.h>

#include "catalog/catalog.h"

struct order;

#define REPORT_TOP_N 5

struct title_tally {
    char isbn[ISBN_BUF];
    int units;
};

struct sales_report {
    unsigned long number;
    time_t window_start;
    time_t generated_at;
    unsigned long orders_paid;
    unsigned long orders_refunded;
    unsigned long orders_failed;
    long revenue_cents;
    long tax_cents;
    long discount_cents;
    int units;
    struct title_tally top[REPORT_TOP_N];
    size_t ntop;
};

int report_job_start(void);
void *report_job_main(void *arg);
int report_latest(struct sales_report *out);

/* Pure building blocks, also used by tests. */
void report_accumulate(const struct order *o, void *ctx);
int report_format_json(const struct sales_report *r, char *out, size_t len);
int report_format_text(const struct sales_report *r, const char *currency, char *out, size_t len);

#endif
