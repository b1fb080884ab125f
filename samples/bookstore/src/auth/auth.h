/* auth.h - signed bearer tokens ("user:role:expiry:mac") and staff/customer logins. */
#ifndef BOOKSTORE_AUTH_AUTH_H
#define BOOKSTORE_AUTH_AUTH_H

#include <stddef.h>

struct http_request;

enum role {
    ROLE_NONE,
    ROLE_CUSTOMER,
    ROLE_STAFF
};

struct principal {
    char user[48];
    enum role role;
    long expires;
};

#define AUTH_MAC_HEX_LEN 32
#define AUTH_TOKEN_MAX 160

enum auth_error {
    AUTH_OK = 0,
    AUTH_EMALFORMED = -1,
    AUTH_EBADSIG = -2,
    AUTH_EEXPIRED = -3,
    AUTH_ECREDENTIALS = -4
};

/* Pure: everything, including the secret and the clock, comes in as arguments. */
int auth_mac(const char *secret, const char *message, char *hex_out, size_t outlen);
int auth_make_token(const char *secret, const char *user, enum role role, long expires,
                    char *out, size_t outlen);
int auth_verify_token(const char *secret, const char *token, long now, struct principal *who);
const char *auth_role_name(enum role role);
enum role auth_role_from_name(const char *name);
int auth_constant_time_eq(const char *a, const char *b, size_t n);

/* Use the configured secret and the wall clock. */
int auth_check_request(const struct http_request *req, struct principal *who);
int auth_login(const char *user, const char *password, char *token, size_t tokenlen, long *expires);

#endif
