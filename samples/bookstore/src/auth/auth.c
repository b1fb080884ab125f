/* auth.c - signed bearer tokens and logins against the built-in account table. */
#include "auth/auth.h"
#include "config/config.h"
#include "http/http.h"
#include "log/log.h"
#include "util/hash.h"
#include "util/strutil.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAC_BLOCK 64
#define MAC_IPAD 0x36
#define MAC_OPAD 0x5c

struct account {
    const char *user;
    enum role role;
    const char *salt;
    const char *password_mac;   /* auth_mac(salt, password) */
};

/* Demo accounts; a real deployment would read these from the user service. */
static const struct account accounts[] = {
    { "alice", ROLE_CUSTOMER, "s4lt-alice-01", "dedfd0a97bcc74c9d1441e43c5228b8a" },
    { "bob", ROLE_CUSTOMER, "s4lt-bob-07", "d7591d095e6ddad2cae02a70df9aac20" },
    { "carol", ROLE_STAFF, "s4lt-carol-13", "1cc1ef913029520fd21904d35cf3cdfe" },
};

static const char *const role_names[] = { "none", "customer", "staff" };

/* HMAC construction over FNV-1a: H((K^opad) || H((K^ipad) || m)). Not cryptographic. */
static uint64_t mac64(const char *secret, const char *message, uint64_t domain)
{
    unsigned char key[MAC_BLOCK] = { 0 };
    unsigned char pad[MAC_BLOCK];
    size_t klen = strlen(secret);
    uint64_t inner, outer;

    if (klen > MAC_BLOCK) {
        uint64_t kh = hash_fnv1a(secret, klen, HASH_FNV1A_OFFSET ^ domain);
        memcpy(key, &kh, sizeof kh);
    } else {
        memcpy(key, secret, klen);
    }
    for (size_t i = 0; i < MAC_BLOCK; i++)
        pad[i] = (unsigned char)(key[i] ^ MAC_IPAD);
    inner = hash_fnv1a(pad, MAC_BLOCK, HASH_FNV1A_OFFSET ^ domain);
    inner = hash_fnv1a(message, strlen(message), inner);
    for (size_t i = 0; i < MAC_BLOCK; i++)
        pad[i] = (unsigned char)(key[i] ^ MAC_OPAD);
    outer = hash_fnv1a(pad, MAC_BLOCK, HASH_FNV1A_OFFSET ^ domain);
    outer = hash_fnv1a(&inner, sizeof inner, outer);
    return hash_mix64(outer);
}

int auth_mac(const char *secret, const char *message, char *hex_out, size_t outlen)
{
    uint64_t a = mac64(secret, message, 0x9e3779b97f4a7c15u);
    uint64_t b = mac64(secret, message, 0xc2b2ae3d27d4eb4fu);
    int n = snprintf(hex_out, outlen, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);

    return n == AUTH_MAC_HEX_LEN && (size_t)n < outlen ? 0 : -1;
}

int auth_constant_time_eq(const char *a, const char *b, size_t n)
{
    unsigned char diff = 0;

    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

const char *auth_role_name(enum role role)
{
    if ((size_t)role >= ARRAY_LEN(role_names))
        return "none";
    return role_names[role];
}

enum role auth_role_from_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(role_names); i++)
        if (strcmp(role_names[i], name) == 0)
            return (enum role)i;
    return ROLE_NONE;
}

int auth_make_token(const char *secret, const char *user, enum role role, long expires,
                    char *out, size_t outlen)
{
    char payload[96], mac[AUTH_MAC_HEX_LEN + 1];
    int n;

    if (strchr(user, ':') != NULL || strlen(user) >= sizeof ((struct principal *)0)->user)
        return AUTH_EMALFORMED;
    n = snprintf(payload, sizeof payload, "%s:%s:%ld", user, auth_role_name(role), expires);
    if (n < 0 || (size_t)n >= sizeof payload || auth_mac(secret, payload, mac, sizeof mac) != 0)
        return AUTH_EMALFORMED;
    n = snprintf(out, outlen, "%s:%s", payload, mac);
    return n >= 0 && (size_t)n < outlen ? AUTH_OK : AUTH_EMALFORMED;
}

/* Splits "user:role:expiry:mac" into its parts; the payload is everything before the mac. */
static int split_token(const char *token, struct principal *who, char *payload, size_t plen,
                       const char **mac)
{
    char role[16];
    const char *last = strrchr(token, ':');
    const char *c1 = strchr(token, ':');
    const char *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
    size_t n;
    long exp;

    if (c1 == NULL || c2 == NULL || last == c2 || last == NULL)
        return AUTH_EMALFORMED;
    n = (size_t)(last - token);
    if (n >= plen || (size_t)(c1 - token) >= sizeof who->user || (size_t)(c2 - c1 - 1) >= sizeof role)
        return AUTH_EMALFORMED;
    memcpy(payload, token, n);
    payload[n] = '\0';
    memcpy(who->user, token, (size_t)(c1 - token));
    who->user[c1 - token] = '\0';
    memcpy(role, c1 + 1, (size_t)(c2 - c1 - 1));
    role[c2 - c1 - 1] = '\0';
    {
        char expbuf[24];
        size_t elen = (size_t)(last - c2 - 1);
        if (elen == 0 || elen >= sizeof expbuf)
            return AUTH_EMALFORMED;
        memcpy(expbuf, c2 + 1, elen);
        expbuf[elen] = '\0';
        if (str_parse_long(expbuf, 0, 4102444800L, &exp) != 0)
            return AUTH_EMALFORMED;
    }
    who->role = auth_role_from_name(role);
    who->expires = exp;
    *mac = last + 1;
    return who->role == ROLE_NONE ? AUTH_EMALFORMED : AUTH_OK;
}

int auth_verify_token(const char *secret, const char *token, long now, struct principal *who)
{
    char payload[AUTH_TOKEN_MAX], expected[AUTH_MAC_HEX_LEN + 1];
    const char *mac;
    int rc;

    memset(who, 0, sizeof *who);
    rc = split_token(token, who, payload, sizeof payload, &mac);
    if (rc != AUTH_OK)
        return rc;
    if (strlen(mac) != AUTH_MAC_HEX_LEN || auth_mac(secret, payload, expected, sizeof expected) != 0)
        return AUTH_EMALFORMED;
    if (!auth_constant_time_eq(mac, expected, AUTH_MAC_HEX_LEN))
        return AUTH_EBADSIG;
    if (who->expires < now)
        return AUTH_EEXPIRED;
    return AUTH_OK;
}

int auth_check_request(const struct http_request *req, struct principal *who)
{
    const char *token = http_bearer_token(req);
    int rc;

    if (token == NULL)
        return AUTH_EMALFORMED;
    rc = auth_verify_token(config_auth_secret(), token, (long)time(NULL), who);
    if (rc == AUTH_EBADSIG)
        LOG_WARN("auth: bad signature on token for '%s'", who->user);
    return rc;
}

static const struct account *find_account(const char *user)
{
    for (size_t i = 0; i < ARRAY_LEN(accounts); i++)
        if (strcmp(accounts[i].user, user) == 0)
            return &accounts[i];
    return NULL;
}

int auth_login(const char *user, const char *password, char *token, size_t tokenlen, long *expires)
{
    const struct account *a = find_account(user);
    char mac[AUTH_MAC_HEX_LEN + 1];

    if (a == NULL || auth_mac(a->salt, password, mac, sizeof mac) != 0 ||
        !auth_constant_time_eq(mac, a->password_mac, AUTH_MAC_HEX_LEN)) {
        LOG_INFO("auth: failed login for '%s'", user);
        return AUTH_ECREDENTIALS;
    }
    *expires = (long)time(NULL) + config_token_ttl();
    return auth_make_token(config_auth_secret(), a->user, a->role, *expires, token, tokenlen);
}
