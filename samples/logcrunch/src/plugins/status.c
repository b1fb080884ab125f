/*
 * status.c - histogram of HTTP status codes, by class and by code.
 */
#include <string.h>

#include "io/writer.h"
#include "parse/record.h"
#include "plugins/plugins.h"

#define STATUS_MAX 600

static unsigned long g_hist[6];             /* index = status / 100 */
static unsigned long g_by_code[STATUS_MAX];
static unsigned long g_total;

/* Not "const char *const": the pointer array itself stays writable. */
static const char *class_labels[6] = {
    "0xx", "1xx informational", "2xx success", "3xx redirect",
    "4xx client error", "5xx server error",
};

int status_init(const struct options *opts)
{
    (void)opts;
    memset(g_hist, 0, sizeof g_hist);
    memset(g_by_code, 0, sizeof g_by_code);
    g_total = 0;
    return 0;
}

void status_on_record(const struct record *rec)
{
    int code = rec->status;

    if (code < 100 || code >= STATUS_MAX)
        return;
    g_hist[code / 100] += 1;
    g_by_code[code]++;
    g_total++;
}

void status_finish(FILE *out)
{
    char key[32];
    int i;

    out_section(out, "status");
    for (i = 1; i < 6; i++)
        if (g_hist[i] > 0)
            OUT_COUNT(out, "status", class_labels[i], g_hist[i]);
    for (i = 100; i < STATUS_MAX; i++) {
        if (g_by_code[i] == 0)
            continue;
        snprintf(key, sizeof key, "code %d", i);
        OUT_COUNT(out, "status", key, g_by_code[i]);
    }
    if (g_total > 0)
        out_row_ratio(out, "status", "error ratio",
                      (double)(g_hist[4] + g_hist[5]) / (double)g_total);
}
