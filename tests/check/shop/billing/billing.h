#ifndef BILLING_H
#define BILLING_H
extern int g_total;
int billing_add(int amount);
int billing_secret(void);
int billing_notify(void);
#endif
