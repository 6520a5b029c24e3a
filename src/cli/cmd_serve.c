/* cmd_serve.c — `dossier serve`: the store in a browser and as a JSON API,
 * until SIGINT or SIGTERM. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "corpus/corpus.h"
#include "serve/serve.h"

const char cmd_serve_help[] =
    "usage: dossier serve [--db FILE] [--port N] [--bind ADDRESS] [--threads N]\n"
    "                     [--cache N]\n\n"
    "Serves the store over HTTP, read-only, until interrupted (Ctrl-C, SIGTERM):\n"
    "web pages to search and browse it at http://ADDRESS:PORT/, and a JSON API\n"
    "under /api/ (docs/api.md). An ingest may run into the same store meanwhile;\n"
    "each request sees the batches committed when it began.\n\n"
    "  --db FILE       the store (default ./dossier.db)\n"
    "  --port N        the TCP port (default 8080; 0: any free port, printed)\n"
    "  --bind ADDRESS  the address to listen on (default 127.0.0.1, this machine\n"
    "                  only; 0.0.0.0 or :: opens it to the network)\n"
    "  --threads N     worker threads, each with its own connection to the store\n"
    "                  (default 4)\n"
    "  --cache N       API replies kept in memory, served again while no ingest\n"
    "                  has committed since (default 1024; 0: none)\n\n"
    "Prints \"serving http://ADDRESS:PORT/\" once it listens.\n\n"
    "exit status: 0 stopped by a signal; 2 bad usage or the address cannot be\n"
    "used; 3 the store could not be opened; 5 data files missing.\n";

static bool number(const char *opt, const char *v, int min, int max, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < min || n > max) {
        cli_error("serve: %s needs a whole number from %d to %d, not '%s'", opt, min, max, v);
        return false;
    }
    *out = (int)n;
    return true;
}

static int parse(int argc, char **argv, serve_options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
        bool db = !strncmp(a, "--db", n) && n == 4, port = !strncmp(a, "--port", n) && n == 6;
        bool bind = !strncmp(a, "--bind", n) && n == 6, threads = !strncmp(a, "--threads", n) && n == 9;
        bool cache = !strncmp(a, "--cache", n) && n == 7;
        if (!db && !port && !bind && !threads && !cache) {
            cli_error("serve: unknown argument '%s' (see dossier serve --help)", a);
            return -1;
        }
        if (!v || !*v) {
            cli_error("serve: %.*s needs a value", (int)n, a);
            return -1;
        }
        if (!eq) i++;
        if (db) o->db = v;
        else if (bind) o->bind = v;
        else if (port && !number("--port", v, 0, 65535, &o->port)) return -1;
        else if (threads && !number("--threads", v, 1, 64, &o->threads)) return -1;
        else if (cache && !number("--cache", v, 0, 1000000, &o->cache)) return -1;
        if (cache && o->cache == 0) o->cache = -1;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    serve_options o = {.db = cli_default_db(), .bind = "127.0.0.1", .port = 8080};
    if (parse(argc, argv, &o) != 0) return EXIT_USAGE;
    /* Blocked before the workers start, so they inherit the mask and the
     * signals wait for sigwait below instead of killing a request midway. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    char err[512];
    int status;
    server *s = serve_start(&o, &status, err, sizeof err);
    if (!s) {
        cli_error("serve: %s", err);
        return status == CORPUS_DATA ? EXIT_INTERNAL : status < 0 ? EXIT_STORE : EXIT_USAGE;
    }
    const char *host = o.bind;
    bool v6 = strchr(host, ':') != NULL;
    printf("serving http://%s%s%s:%d/ (the store %s; Ctrl-C stops)\n", v6 ? "[" : "", host, v6 ? "]" : "",
           serve_port(s), o.db);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    serve_stop(s);
    fprintf(stderr, "dossier: serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return EXIT_OK;
}
