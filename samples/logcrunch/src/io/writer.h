/*
 * writer.h - report output in text or CSV.
 *
 * Rows are (section, key, value).  In text mode sections become headings;
 * in CSV mode every row carries its section in the first column.
 */
#ifndef LC_WRITER_H
#define LC_WRITER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

FILE *out_open(const char *path);
int out_close(FILE *out);
void out_section(FILE *out, const char *section);
void out_row(FILE *out, const char *section, const char *key, long long value);
void out_row_text(FILE *out, const char *section, const char *key,
                  const char *value);
void out_row_ratio(FILE *out, const char *section, const char *key,
                   double value);
size_t csv_escape(const char *in, char *out, size_t cap);
void report_write_header(FILE *out);
void report_write_summary(FILE *out);
const char *fmt_ip(uint32_t ip);

/* Integer row of any integer type; expands to a call of out_row(). */
#define OUT_COUNT(out, section, key, v) \
    out_row((out), (section), (key), (long long)(v))

#endif /* LC_WRITER_H */
