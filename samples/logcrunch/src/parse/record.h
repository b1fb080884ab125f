/*
 * record.h - one parsed access-log line.
 *
 * Filled by clf_parse_line() into storage owned by the caller; no field
 * points into the input line, so a record outlives the line buffer.
 */
#ifndef LC_RECORD_H
#define LC_RECORD_H

#include <stdint.h>

#define REC_HOST_MAX 64
#define REC_IDENT_MAX 32
#define REC_USER_MAX 64
#define REC_METHOD_MAX 16
#define REC_PATH_MAX 1024
#define REC_PROTO_MAX 16
#define REC_TEXT_MAX 512

struct record {
    char host[REC_HOST_MAX];
    uint32_t ipv4;              /* valid when has_ip */
    int has_ip;
    char ident[REC_IDENT_MAX];
    char user[REC_USER_MAX];
    long long epoch;            /* seconds since 1970-01-01T00:00:00Z */
    int tz_offset_min;          /* minutes east of UTC */
    char method[REC_METHOD_MAX];
    char raw_path[REC_PATH_MAX];/* as sent, percent-encoded */
    char path[REC_PATH_MAX];    /* percent-decoded */
    char protocol[REC_PROTO_MAX];
    int status;
    long long bytes;            /* 0 when logged as "-" */
    char referer[REC_TEXT_MAX]; /* empty when absent or "-" */
    char agent[REC_TEXT_MAX];   /* empty when absent or "-" */
    long long duration_us;      /* -1 when the line carries no timing */
};

#endif /* LC_RECORD_H */
