/*
 * date.h - timestamp helpers for access logs.
 *
 * All conversions use proleptic Gregorian arithmetic instead of mktime()
 * or gmtime(), so they depend on no time zone database and no libc state.
 */
#ifndef LC_DATE_H
#define LC_DATE_H

#include <stddef.h>

int date_month_index(const char *abbr);
long long date_days_from_civil(long long y, unsigned m, unsigned d);
int date_parse_clf(const char *s, long long *epoch, int *tz_offset_min);
int date_hour_local(long long epoch, int tz_offset_min);
int date_format_iso(long long epoch, char *buf, size_t cap);

#endif /* LC_DATE_H */
