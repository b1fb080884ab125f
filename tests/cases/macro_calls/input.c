/* Macros that expand to calls and to writes. */
#include <stdio.h>
int log_count;
void log_write(int level, const char *file, int line, const char *msg);
void log_write(int level, const char *file, int line, const char *msg)
{
	log_count++;
	fprintf(stderr, "%d %s:%d %s\n", level, file, line, msg);
}
#define LOG_INFO(msg) log_write(1, __FILE__, __LINE__, (msg))
#define COUNT_UP(v) ((v) += 1)

void serve(void)
{
	LOG_INFO("serving");          /* 15 */
	COUNT_UP(log_count);          /* 16 */
}
