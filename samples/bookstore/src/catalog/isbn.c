/* isbn.c - ISBN-10/ISBN-13 normalisation and check digits. */
#include "catalog/catalog.h"

#include <ctype.h>
#include <string.h>

int isbn_normalize(const char *in, char *out, size_t outlen)
{
    size_t n = 0;

    for (; *in != '\0'; in++) {
        char c = *in;
        if (c == '-' || c == ' ')
            continue;
        if (c == 'x')
            c = 'X';
        if (!isdigit((unsigned char)c) && c != 'X')
            return -1;
        if (n + 1 >= outlen)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == 10 || n == 13 ? 0 : -1;
}

static int check_digit13(const char *twelve)
{
    int sum = 0;

    for (int i = 0; i < 12; i++)
        sum += (twelve[i] - '0') * (i % 2 == 0 ? 1 : 3);
    return (10 - sum % 10) % 10;
}

static int valid10(const char *s)
{
    int sum = 0;

    for (int i = 0; i < 10; i++) {
        int d;
        if (s[i] == 'X')
            d = i == 9 ? 10 : -1;
        else
            d = s[i] - '0';
        if (d < 0)
            return 0;
        sum += d * (10 - i);
    }
    return sum % 11 == 0;
}

static int valid13(const char *s)
{
    for (int i = 0; i < 13; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    if (strncmp(s, "978", 3) != 0 && strncmp(s, "979", 3) != 0)
        return 0;
    return check_digit13(s) == s[12] - '0';
}

int isbn_valid(const char *normalized)
{
    size_t n = strlen(normalized);

    if (n == 10)
        return valid10(normalized);
    if (n == 13)
        return valid13(normalized);
    return 0;
}

/* Converts a valid ISBN-10 to its ISBN-13 (978 prefix); ISBN-13s are copied. */
int isbn_to13(const char *normalized, char *out, size_t outlen)
{
    size_t n = strlen(normalized);

    if (outlen < 14 || !isbn_valid(normalized))
        return -1;
    if (n == 13) {
        memcpy(out, normalized, 14);
        return 0;
    }
    memcpy(out, "978", 3);
    memcpy(out + 3, normalized, 9);
    out[12] = (char)('0' + check_digit13(out));
    out[13] = '\0';
    return 0;
}
