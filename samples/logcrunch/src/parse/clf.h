/*
 * clf.h - parser for the Common (and Combined) Log Format.
 *
 *   host ident user [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326
 *   ... "referer" "user agent" [duration_us]
 *
 * Every function here is pure: it reads its arguments and writes only
 * into the caller's buffers.
 */
#ifndef LC_CLF_H
#define LC_CLF_H

#include <stddef.h>

#include "parse/record.h"

enum clf_error {
    CLF_OK = 0,
    CLF_ERR_EMPTY = -1,
    CLF_ERR_HOST = -2,
    CLF_ERR_DATE = -3,
    CLF_ERR_REQUEST = -4,
    CLF_ERR_STATUS = -5,
    CLF_ERR_BYTES = -6,
    CLF_ERR_TRAILER = -7
};

int clf_parse_line(const char *line, size_t len, struct record *out);
int clf_is_comment(const char *line, size_t len);
const char *clf_strerror(int err);

#endif /* LC_CLF_H */
