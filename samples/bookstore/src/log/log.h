/* log.h - process-wide log file opened once at start-up. */
#ifndef BOOKSTORE_LOG_LOG_H
#define BOOKSTORE_LOG_LOG_H

#include <stdio.h>

enum log_level {
    LOG_LEVEL_DEBUG,
    LOG_LEVEL_INFO,
    LOG_LEVEL_WARN,
    LOG_LEVEL_ERROR
};

/* Set by log_open() in main before any thread starts; read-only afterwards. */
extern FILE *g_log;

int log_open(const char *path);
void log_set_level(enum log_level level);
enum log_level log_level_from_name(const char *name);
const char *log_level_name(enum log_level level);
void log_write(enum log_level level, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void log_flush(void);

#define LOG_DEBUG(...) log_write(LOG_LEVEL_DEBUG, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_INFO(...) log_write(LOG_LEVEL_INFO, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_WARN(...) log_write(LOG_LEVEL_WARN, __FILE__, __LINE__, __VA_ARGS__)
#define LOG_ERROR(...) log_write(LOG_LEVEL_ERROR, __FILE__, __LINE__, __VA_ARGS__)

#endif
