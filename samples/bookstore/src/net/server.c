/* server.c - the TCP front end: a single-threaded poll() loop over all client connections. */
#include "net/server.h"
#include "config/config.h"
#include "http/http.h"
#include "log/log.h"
#include "notify/notify.h"
#include "router/router.h"
#include "util/strbuf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define READ_CHUNK 4096
#define IDLE_TIMEOUT_S 30
#define POLL_INTERVAL_MS 500
#define NOTIFY_DRAIN_BATCH 16

struct conn {
    int fd;                 /* -1 when the slot is free */
    struct strbuf in;
    struct strbuf out;
    size_t out_off;
    int close_after_write;
    time_t last_active;
    char peer[INET6_ADDRSTRLEN];
};

struct server_stats g_stats;
static struct conn conns[SERVER_MAX_CONNS];
static volatile sig_atomic_t stop_requested;

void server_request_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);

    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int server_listen(const char *addr, int port, int backlog)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        listen(fd, backlog) != 0 ||
        set_nonblocking(fd) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

static void conns_init(void)
{
    for (size_t i = 0; i < SERVER_MAX_CONNS; i++) {
        conns[i].fd = -1;
        strbuf_init(&conns[i].in);
        strbuf_init(&conns[i].out);
    }
}

static struct conn *conn_slot_alloc(void)
{
    size_t limit = (size_t)config_max_conns();

    if (limit > SERVER_MAX_CONNS)
        limit = SERVER_MAX_CONNS;
    for (size_t i = 0; i < limit; i++)
        if (conns[i].fd < 0)
            return &conns[i];
    return NULL;
}

static void conn_close(struct conn *c)
{
    close(c->fd);
    c->fd = -1;
    strbuf_release(&c->in);
    strbuf_release(&c->out);
    c->out_off = 0;
    g_stats.active_conns--;
}

static void accept_pending(int lfd)
{
    for (;;) {
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        struct conn *c;
        int fd = accept(lfd, (struct sockaddr *)&peer, &plen);

        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                LOG_WARN("server: accept failed (errno %d)", errno);
            return;
        }
        c = conn_slot_alloc();
        if (c == NULL || set_nonblocking(fd) != 0) {
            g_stats.connections_rejected++;
            close(fd);
            continue;
        }
        c->fd = fd;
        c->out_off = 0;
        c->close_after_write = 0;
        c->last_active = time(NULL);
        inet_ntop(AF_INET, &peer.sin_addr, c->peer, sizeof c->peer);
        g_stats.connections_accepted++;
        g_stats.active_conns++;
    }
}

static void count_status(int status)
{
    if (status >= 500)
        g_stats.responses_5xx++;
    else if (status >= 400)
        g_stats.responses_4xx++;
}

static void queue_response(struct conn *c, const struct http_response *resp, int keep_alive)
{
    if (http_response_serialize(resp, keep_alive, &c->out) != 0) {
        LOG_ERROR("server: out of memory serialising a response for %s", c->peer);
        c->close_after_write = 1;
        return;
    }
    count_status(resp->status);
    if (!keep_alive)
        c->close_after_write = 1;
}

static void reject(struct conn *c, struct http_response *resp, int status, const char *why)
{
    http_response_init(resp);
    http_respond_error(resp, status, why);
    g_stats.parse_errors++;
    queue_response(c, resp, 0);
}

/* Parses and answers every complete request in the input buffer (pipelining). */
static void process_input(struct conn *c)
{
    /* 32 KiB: kept off the stack; only the server thread gets here. */
    static struct http_response resp;
    struct http_request req;

    while (!c->close_after_write && c->in.len > 0) {
        size_t used = 0;
        enum http_parse_result pr = http_parse_request(c->in.buf, c->in.len, &req, &used);

        if (pr == HTTP_PARSE_INCOMPLETE)
            return;
        if (pr == HTTP_PARSE_TOO_LARGE) {
            reject(c, &resp, 413, "request too large");
            return;
        }
        if (pr == HTTP_PARSE_ERROR) {
            reject(c, &resp, 400, "malformed request");
            return;
        }
        g_stats.requests++;
        http_response_init(&resp);
        router_dispatch(&req, &resp);
        queue_response(c, &resp, req.keep_alive);
        strbuf_consume(&c->in, used);
    }
}

static void conn_on_readable(struct conn *c)
{
    char chunk[READ_CHUNK];
    ssize_t n = read(c->fd, chunk, sizeof chunk);

    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        conn_close(c);
        return;
    }
    if (n < 0)
        return;
    g_stats.bytes_in += (unsigned long long)n;
    c->last_active = time(NULL);
    if (strbuf_append(&c->in, chunk, (size_t)n) != 0) {
        conn_close(c);
        return;
    }
    process_input(c);
}

static void conn_on_writable(struct conn *c)
{
    while (c->out_off < c->out.len) {
        ssize_t n = write(c->fd, c->out.buf + c->out_off, c->out.len - c->out_off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0) {
            conn_close(c);
            return;
        }
        c->out_off += (size_t)n;
        g_stats.bytes_out += (unsigned long long)n;
    }
    strbuf_reset(&c->out);
    c->out_off = 0;
    c->last_active = time(NULL);
    if (c->close_after_write)
        conn_close(c);
}

static void reap_idle(time_t now)
{
    for (size_t i = 0; i < SERVER_MAX_CONNS; i++)
        if (conns[i].fd >= 0 && now - conns[i].last_active > IDLE_TIMEOUT_S)
            conn_close(&conns[i]);
}

/* Slot 0 is the listening socket; map[k] is the conns[] index behind pfds[k]. */
static nfds_t build_pollset(int lfd, struct pollfd *pfds, size_t *map)
{
    nfds_t n = 1;

    pfds[0].fd = lfd;
    pfds[0].events = POLLIN;
    for (size_t i = 0; i < SERVER_MAX_CONNS; i++) {
        if (conns[i].fd < 0)
            continue;
        pfds[n].fd = conns[i].fd;
        pfds[n].events = conns[i].out.len > conns[i].out_off ? POLLOUT : POLLIN;
        map[n] = i;
        n++;
    }
    return n;
}

static void dispatch_events(const struct pollfd *pfds, const size_t *map, nfds_t n)
{
    for (nfds_t k = 1; k < n; k++) {
        struct conn *c = &conns[map[k]];
        if (pfds[k].revents == 0 || c->fd != pfds[k].fd)
            continue;
        if (pfds[k].revents & (POLLERR | POLLNVAL))
            conn_close(c);
        else if (pfds[k].revents & POLLOUT)
            conn_on_writable(c);
        else if (pfds[k].revents & (POLLIN | POLLHUP))
            conn_on_readable(c);
    }
}

static void close_all(void)
{
    for (size_t i = 0; i < SERVER_MAX_CONNS; i++)
        if (conns[i].fd >= 0)
            conn_close(&conns[i]);
}

int server_run(int listen_fd)
{
    struct pollfd pfds[SERVER_MAX_CONNS + 1];
    size_t map[SERVER_MAX_CONNS + 1];

    conns_init();
    for (;;) {
        nfds_t n;
        int ready;

        if (stop_requested)
            break;
        n = build_pollset(listen_fd, pfds, map);
        ready = poll(pfds, n, POLL_INTERVAL_MS);
        if (ready < 0 && errno != EINTR) {
            LOG_ERROR("server: poll failed (errno %d)", errno);
            close_all();
            return -1;
        }
        if (ready > 0) {
            if (pfds[0].revents & POLLIN)
                accept_pending(listen_fd);
            dispatch_events(pfds, map, n);
        }
        reap_idle(time(NULL));
        notify_drain(NOTIFY_DRAIN_BATCH);
    }
    LOG_INFO("server: stopping, %d connections open", g_stats.active_conns);
    close_all();
    return 0;
}

void server_stats_snapshot(struct server_stats *out)
{
    *out = g_stats;
}
