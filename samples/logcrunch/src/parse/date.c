/*
 * date.c - "10/Oct/2000:13:55:36 -0700" to epoch seconds and back.
 */
#include "parse/date.h"

#include <stdio.h>
#include <string.h>

static const char *const month_abbr[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const unsigned char month_days[12] = {
    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
};

static long long floor_div(long long a, long long b)
{
    long long q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Read exactly n digits; returns -1 on anything else. */
static int read_digits(const char *s, int n, int *out)
{
    int v = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_month_index(const char *abbr)
{
    int i;

    for (i = 0; i < 12; i++)
        if (strncmp(abbr, month_abbr[i], 3) == 0)
            return i;
    return -1;
}

/* Days since 1970-01-01 for a civil date (H. Hinnant's algorithm). */
long long date_days_from_civil(long long y, unsigned m, unsigned d)
{
    long long era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m,
                            unsigned *d)
{
    long long era;
    unsigned doe, yoe, doy, mp;

    z += 719468;
    era = floor_div(z, 146097);
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long long)yoe + era * 400 + (*m <= 2);
}

/*
 * dd/Mon/yyyy:HH:MM:SS +hhmm
 * 0  3   7    12 15 18 21
 */
int date_parse_clf(const char *s, long long *epoch, int *tz_offset_min)
{
    int day, year, hh, mm, ss, tzh, tzm, mon;
    int sign;
    long long days;

    if (strlen(s) < 26)
        return -1;
    if (read_digits(s, 2, &day) || s[2] != '/' || s[6] != '/' ||
        read_digits(s + 7, 4, &year) || s[11] != ':' ||
        read_digits(s + 12, 2, &hh) || s[14] != ':' ||
        read_digits(s + 15, 2, &mm) || s[17] != ':' ||
        read_digits(s + 18, 2, &ss) || s[20] != ' ')
        return -1;
    mon = date_month_index(s + 3);
    if (mon < 0 || day < 1 || day > month_days[mon])
        return -1;
    if (hh > 23 || mm > 59 || ss > 60)
        return -1;
    if (s[21] == '+')
        sign = 1;
    else if (s[21] == '-')
        sign = -1;
    else
        return -1;
    if (read_digits(s + 22, 2, &tzh) || read_digits(s + 24, 2, &tzm) ||
        tzh > 14 || tzm > 59)
        return -1;

    *tz_offset_min = sign * (tzh * 60 + tzm);
    days = date_days_from_civil(year, (unsigned)mon + 1, (unsigned)day);
    /* Local wall time minus the offset gives UTC. */
    *epoch = days * 86400LL + hh * 3600LL + mm * 60LL + ss -
             (long long)*tz_offset_min * 60LL;
    return 0;
}

/* Hour of day (0-23) in the zone the line was logged in. */
int date_hour_local(long long epoch, int tz_offset_min)
{
    long long local = epoch + (long long)tz_offset_min * 60LL;
    long long secs = local - floor_div(local, 86400LL) * 86400LL;

    return (int)(secs / 3600LL);
}

int date_format_iso(long long epoch, char *buf, size_t cap)
{
    long long days = floor_div(epoch, 86400LL);
    long long secs = epoch - days * 86400LL;
    long long y;
    unsigned m, d;
    int n;

    civil_from_days(days, &y, &m, &d);
    n = snprintf(buf, cap, "%04lld-%02u-%02uT%02d:%02d:%02dZ", y, m, d,
                 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    return (n < 0 || (size_t)n >= cap) ? -1 : 0;
}
