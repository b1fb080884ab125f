/* payments.c - talks to the payment gateway named in the configuration. */
#include "payments/payments.h"
#include "config/config.h"
#include "log/log.h"
#include "util/strutil.h"

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define GATEWAY_ATTEMPTS 3
#define GATEWAY_BACKOFF_MS 150
#define GATEWAY_LINE_MAX 256

static int token_ok(const char *s, size_t max)
{
    size_t n = 0;

    for (; *s != '\0'; s++, n++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return n > 0 && n <= max;
}

int payments_format_charge(char *out, size_t len, unsigned long order_id, long amount_cents,
                           const char *currency, const char *card_token)
{
    int n;

    if (amount_cents <= 0 || !token_ok(card_token, 64) || strlen(currency) != 3)
        return PAYMENT_EINVAL;
    n = snprintf(out, len, "CHARGE %lu %ld %s %s\r\n", order_id, amount_cents, currency, card_token);
    return n >= 0 && (size_t)n < len ? 0 : PAYMENT_EINVAL;
}

int payments_format_refund(char *out, size_t len, const char *txn, long amount_cents)
{
    int n;

    if (amount_cents <= 0 || !token_ok(txn, PAYMENT_TXN_MAX - 1))
        return PAYMENT_EINVAL;
    n = snprintf(out, len, "REFUND %s %ld\r\n", txn, amount_cents);
    return n >= 0 && (size_t)n < len ? 0 : PAYMENT_EINVAL;
}

int payments_parse_reply(const char *line, char *detail, size_t detaillen)
{
    const char *sp = strchr(line, ' ');
    const char *arg = sp != NULL ? sp + 1 : "";
    size_t wlen = sp != NULL ? (size_t)(sp - line) : strlen(line);

    str_copy(detail, arg, detaillen);
    detail[strcspn(detail, "\r\n")] = '\0';
    if (wlen == 2 && strncmp(line, "OK", 2) == 0)
        return token_ok(detail, PAYMENT_TXN_MAX - 1) ? PAYMENT_OK : PAYMENT_ERROR;
    if (wlen == 8 && strncmp(line, "DECLINED", 8) == 0)
        return PAYMENT_DECLINED;
    return PAYMENT_ERROR;
}

const char *payments_status_name(int status)
{
    switch (status) {
    case PAYMENT_OK:          return "ok";
    case PAYMENT_DECLINED:    return "declined";
    case PAYMENT_ERROR:       return "gateway-error";
    case PAYMENT_UNREACHABLE: return "gateway-unreachable";
    case PAYMENT_EINVAL:      return "invalid-request";
    default:                  return "unknown";
    }
}

static void set_timeouts(int fd, int timeout_ms)
{
    struct timeval tv;

    tv.tv_sec = timeout_ms / 1000;
    tv.tv_usec = (timeout_ms % 1000) * 1000;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int gateway_connect(const char *host, int port, int timeout_ms)
{
    struct addrinfo hints, *res, *ai;
    char service[8];
    int fd = -1;

    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    snprintf(service, sizeof service, "%d", port);
    if (getaddrinfo(host, service, &hints, &res) != 0)
        return -1;
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;
        set_timeouts(fd, timeout_ms);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads up to and including '\n'; the gateway sends exactly one line per request. */
static int recv_line(int fd, char *buf, size_t len)
{
    size_t used = 0;

    while (used + 1 < len) {
        ssize_t n = recv(fd, buf + used, 1, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        if (buf[used++] == '\n')
            break;
    }
    buf[used] = '\0';
    return used > 0 && buf[used - 1] == '\n' ? 0 : -1;
}

/* One connection, one request line, one reply line. */
static int gateway_roundtrip(const char *host, int port, int timeout_ms, const char *request,
                             char *reply, size_t replylen)
{
    int fd = gateway_connect(host, port, timeout_ms);
    int rc;

    if (fd < 0)
        return PAYMENT_UNREACHABLE;
    rc = send_all(fd, request, strlen(request)) == 0 && recv_line(fd, reply, replylen) == 0
             ? 0 : PAYMENT_ERROR;
    close(fd);
    return rc;
}

static void backoff(int attempt)
{
    struct timespec ts;
    long ms = (long)GATEWAY_BACKOFF_MS << attempt;

    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* Retries only when the gateway could not be reached; a reply is final. */
static int gateway_call(const char *request, char *detail, size_t detaillen)
{
    char reply[GATEWAY_LINE_MAX];
    int rc = PAYMENT_UNREACHABLE;

    for (int attempt = 0; attempt < GATEWAY_ATTEMPTS; attempt++) {
        if (attempt > 0)
            backoff(attempt);
        rc = gateway_roundtrip(config_gateway_host(), config_gateway_port(),
                               config_gateway_timeout_ms(), request, reply, sizeof reply);
        if (rc != PAYMENT_UNREACHABLE)
            break;
        LOG_WARN("payments: gateway %s:%d unreachable (attempt %d/%d)",
                 config_gateway_host(), config_gateway_port(), attempt + 1, GATEWAY_ATTEMPTS);
    }
    if (rc != 0) {
        str_copy(detail, payments_status_name(rc), detaillen);
        return rc;
    }
    return payments_parse_reply(reply, detail, detaillen);
}

int payments_charge(unsigned long order_id, long amount_cents, const char *currency,
                    const char *card_token, char *txn, size_t txnlen, char *err, size_t errlen)
{
    char request[GATEWAY_LINE_MAX], detail[GATEWAY_LINE_MAX];
    int rc = payments_format_charge(request, sizeof request, order_id, amount_cents,
                                    currency, card_token);

    if (rc != 0) {
        str_copy(err, "invalid charge request", errlen);
        return rc;
    }
    rc = gateway_call(request, detail, sizeof detail);
    if (rc == PAYMENT_OK) {
        str_copy(txn, detail, txnlen);
        LOG_INFO("payments: order %lu charged %ld %s, txn %s", order_id, amount_cents, currency, txn);
    } else {
        str_copy(err, detail, errlen);
        LOG_WARN("payments: order %lu not charged: %s (%s)", order_id,
                 payments_status_name(rc), detail);
    }
    return rc;
}

int payments_refund(const char *txn, long amount_cents, char *err, size_t errlen)
{
    char request[GATEWAY_LINE_MAX], detail[GATEWAY_LINE_MAX];
    int rc = payments_format_refund(request, sizeof request, txn, amount_cents);

    if (rc != 0) {
        str_copy(err, "invalid refund request", errlen);
        return rc;
    }
    rc = gateway_call(request, detail, sizeof detail);
    if (rc != PAYMENT_OK) {
        str_copy(err, detail, errlen);
        LOG_WARN("payments: refund of %s failed: %s", txn, detail);
    }
    return rc;
}
