/* log.c - process-wide log file opened once at start-up. */
#include "log/log.h"
#include "util/strutil.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

FILE *g_log;
static enum log_level g_min_level = LOG_LEVEL_INFO;

static const char *const level_names[] = { "DEBUG", "INFO", "WARN", "ERROR" };

int log_open(const char *path)
{
    FILE *f;

    if (path == NULL || path[0] == '\0' || strcmp(path, "-") == 0) {
        g_log = stderr;
        return 0;
    }
    f = fopen(path, "a");
    if (f == NULL) {
        g_log = stderr;
        return -1;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    g_log = f;
    return 0;
}

void log_set_level(enum log_level level)
{
    g_min_level = level;
}

enum log_level log_level_from_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(level_names); i++)
        if (str_ci_eq(name, level_names[i]))
            return (enum log_level)i;
    return LOG_LEVEL_INFO;
}

const char *log_level_name(enum log_level level)
{
    if ((size_t)level >= ARRAY_LEN(level_names))
        return "?";
    return level_names[level];
}

/* "src/orders/orders.c" -> "orders/orders.c": keeps log lines short. */
static const char *short_file(const char *file)
{
    const char *p = strstr(file, "src/");
    return p != NULL ? p + 4 : file;
}

void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
{
    char stamp[32];
    struct tm tm;
    time_t now;
    va_list ap;

    if (level < g_min_level || g_log == NULL)
        return;
    now = time(NULL);
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(g_log, "%s %-5s %s:%d: ", stamp, log_level_name(level), short_file(file), line);
    va_start(ap, fmt);
    vfprintf(g_log, fmt, ap);
    va_end(ap);
    fputc('\n', g_log);
    if (level >= LOG_LEVEL_WARN)
        fflush(g_log);
}

/*
 * Flushes the log at exit. The stream is deliberately left open (and g_log
 * untouched): the detached report thread may still write to it while the
 * process exits, and the kernel closes the descriptor anyway.
 */
void log_flush(void)
{
    if (g_log != NULL)
        fflush(g_log);
}
