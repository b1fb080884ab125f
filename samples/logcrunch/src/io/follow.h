/*
 * follow.h - tail a growing log file until asked to stop.
 */
#ifndef LC_FOLLOW_H
#define LC_FOLLOW_H

#include <stddef.h>

struct follow_hooks {
    void (*on_line)(const char *line, size_t len, void *ctx);
    void (*on_rotate)(void *ctx);
    void *ctx;
};

int follow_file(const char *path, unsigned poll_ms,
                const struct follow_hooks *hooks);

#endif /* LC_FOLLOW_H */
