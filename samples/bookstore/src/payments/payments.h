/* payments.h - card charges and refunds through the external payment gateway (line protocol over TCP). */
#ifndef BOOKSTORE_PAYMENTS_PAYMENTS_H
#define BOOKSTORE_PAYMENTS_PAYMENTS_H

#include <stddef.h>

#define PAYMENT_TXN_MAX 40

enum payment_status {
    PAYMENT_OK = 0,
    PAYMENT_DECLINED = -1,      /* the gateway said no; do not retry */
    PAYMENT_ERROR = -2,         /* the gateway failed or answered garbage */
    PAYMENT_UNREACHABLE = -3,   /* no connection after all attempts */
    PAYMENT_EINVAL = -4
};

/*
 * Request:  "CHARGE <order-id> <amount-cents> <currency> <card-token>\r\n"
 *           "REFUND <txn-id> <amount-cents>\r\n"
 * Reply:    "OK <txn-id>" | "DECLINED <reason>" | "ERROR <message>"
 */
int payments_charge(unsigned long order_id, long amount_cents, const char *currency,
                    const char *card_token, char *txn, size_t txnlen, char *err, size_t errlen);
int payments_refund(const char *txn, long amount_cents, char *err, size_t errlen);

int payments_format_charge(char *out, size_t len, unsigned long order_id, long amount_cents,
                           const char *currency, const char *card_token);
int payments_format_refund(char *out, size_t len, const char *txn, long amount_cents);
int payments_parse_reply(const char *line, char *detail, size_t detaillen);
const char *payments_status_name(int status);

#endif
