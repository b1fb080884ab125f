/* web: calls billing through its API, and past it */
#include "web.h"
#include "../billing/billing.h"

int g_hits;

int web_handle(int amount)
{
	g_hits++;
	return billing_add(amount);
}

/* reads billing's state directly: cross-service-state */
int web_peek(void)
{
	return g_total;
}

/* billing_secret is not in billing's declared API: undeclared-api-call */
int web_secret(void)
{
	return billing_secret();
}

/* pure: fine as a serverless function */
int web_double(int x)
{
	return 2 * x;
}

/* keeps a hidden counter: stateful */
int web_counter(void)
{
	static int n;
	return ++n;
}
