/* billing: owns g_total; its API is billing_add */
#include "billing.h"
#include "../web/web.h"

int g_total;

int billing_add(int amount)
{
	g_total += amount;
	return g_total;
}

int billing_secret(void)
{
	return 42;
}

/* calls back into web: billing -> web -> billing is a service cycle */
int billing_notify(void)
{
	return web_double(g_total);
}
