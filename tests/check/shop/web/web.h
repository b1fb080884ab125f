#ifndef WEB_H
#define WEB_H
int web_handle(int amount);
int web_peek(void);
int web_secret(void);
int web_double(int x);
int web_counter(void);
#endif
