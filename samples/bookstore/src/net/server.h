/* server.h - the TCP front end: a single-threaded poll() loop over all client connections. */
#ifndef BOOKSTORE_NET_SERVER_H
#define BOOKSTORE_NET_SERVER_H

#define SERVER_MAX_CONNS 256

struct server_stats {
    unsigned long connections_accepted;
    unsigned long connections_rejected;
    unsigned long requests;
    unsigned long responses_4xx;
    unsigned long responses_5xx;
    unsigned long parse_errors;
    unsigned long long bytes_in;
    unsigned long long bytes_out;
    int active_conns;
};

/* Updated by the server loop only; read by /metrics on the same thread. */
extern struct server_stats g_stats;

int server_listen(const char *addr, int port, int backlog);
/* Runs until server_request_stop() is called from a signal handler. */
int server_run(int listen_fd);
void server_request_stop(int sig);
void server_stats_snapshot(struct server_stats *out);

#endif
