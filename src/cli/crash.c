/* crash.c — when a fatal signal ends the process, name the file it was
 * extracting, on one line of standard error.
 *
 * Each thread that extracts says which file it holds (crash_enter) and when
 * it is done (crash_leave), in a slot of its own. The handler, on the thread
 * that faulted, names that thread's file; a signal sent from outside names
 * every file in flight. Then it hands the signal to whoever handled it
 * before (the sanitizers' report, or the default: the process dies of it).
 *
 * Why not carry on with the next file: after a wild write nothing in the
 * heap can be trusted, so the handler only formats into static memory and
 * calls write(2). What ingest had committed is kept by SQLite: each batch is
 * one transaction, and the one in progress is rolled back from the journal
 * by the next opener. Extracting each file in a child process would contain
 * the crash whole, at the price of a fork and a copy of every article's JSON
 * per file; with no known crashing page, and fuzzing to find the next one,
 * the cheaper promise was chosen: committed work survives, and the file to
 * move away is named. */
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "cli/crash.h"

#define SLOTS 72                 /* the main thread and up to 64 workers, with room */
#define ALT_STACK (64 * 1024)    /* a stack overflow must still reach the handler */

static const char *_Atomic slots[SLOTS];
static atomic_int nslots;
static _Thread_local int my_slot = -1;   /* SLOTS: none was left */
static char alt_stacks[SLOTS][ALT_STACK];
static const char *what_next;
static struct sigaction before[32];
static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
enum { NFATAL = sizeof fatal / sizeof *fatal };

/* --- async-signal-safe writing ---------------------------------------------- */

static char line[8192];
static size_t used;

static void put(const char *s)
{
    for (; *s && used < sizeof line - 8; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch < 0x20 || ch == 0x7f) {   /* a newline in a name stays on the line */
            static const char hex[] = "0123456789abcdef";
            line[used++] = '\\';
            if (ch == '\n') line[used++] = 'n';
            else if (ch == '\t') line[used++] = 't';
            else {
                line[used++] = 'x';
                line[used++] = hex[ch >> 4];
                line[used++] = hex[ch & 15];
            }
        } else {
            line[used++] = (char)ch;
        }
    }
}

static void put_int(int v)
{
    char d[12];
    int n = 0;
    do d[n++] = (char)('0' + v % 10); while ((v /= 10) && n < 11);
    char s[12];
    for (int i = 0; i < n; i++) s[i] = d[n - 1 - i];
    s[n] = '\0';
    put(s);
}

static void flush_line(void)
{
    line[used++] = '\n';
    for (size_t off = 0; off < used;) {
        ssize_t w = write(STDERR_FILENO, line + off, used - off);
        if (w <= 0) break;
        off += (size_t)w;
    }
    used = 0;
}

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "segmentation fault";
    case SIGBUS: return "bus error";
    case SIGFPE: return "arithmetic error";
    case SIGILL: return "illegal instruction";
    case SIGABRT: return "abort";
    default: return "fatal signal";
    }
}

static void name_file(const char *path, int sig, const char *how)
{
    put("dossier: ");
    put(path);
    put(how);
    put(signal_name(sig));
    put(", signal ");
    put_int(sig);
    put(")");
    flush_line();
}

static atomic_flag reporting = ATOMIC_FLAG_INIT;

static void on_fatal(int sig, siginfo_t *info, void *uctx)
{
    (void)uctx;
    /* One report, from the first thread to fail; any other only dies. */
    if (atomic_flag_test_and_set(&reporting)) goto die;
    /* The thread's own doing: a fault (si_code > 0, from the kernel) or
     * abort(); else a signal sent from outside by kill. */
    bool own = info && (info->si_code > 0 || info->si_pid == getpid());
    const char *mine = own && my_slot >= 0 && my_slot < SLOTS ? slots[my_slot] : NULL;
    int named = 0;
    if (mine) {
        name_file(mine, sig, ": the process crashed while extracting this file (");
        named = 1;
    } else {
        int n = atomic_load(&nslots);
        for (int i = 0; i < n && i < SLOTS; i++) {
            const char *p = slots[i];
            if (p) {
                name_file(p, sig, ": was being extracted when the process was stopped (");
                named++;
            }
        }
    }
    put("dossier: stopped by ");
    put(signal_name(sig));
    if (!named) put(" while no file was being extracted");
    if (what_next) {
        put("; ");
        put(what_next);
    }
    flush_line();
die:
    /* Blocked while this handler runs: delivered, the old way, on return. */
    sigaction(sig, &before[sig], NULL);
    raise(sig);
}

void crash_install(const char *next)
{
    what_next = next;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fatal;
    sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < NFATAL; i++) sigaction(fatal[i], &sa, &before[fatal[i]]);
}

void crash_enter(const char *path)
{
    if (my_slot < 0) {
        int k = atomic_fetch_add(&nslots, 1);
        my_slot = k < SLOTS ? k : SLOTS;   /* more threads than slots: unnamed */
        if (my_slot == SLOTS) return;
        stack_t st = {.ss_sp = alt_stacks[k], .ss_size = ALT_STACK};
        sigaltstack(&st, NULL);
    }
    if (my_slot < SLOTS) slots[my_slot] = path;
}

void crash_leave(void)
{
    if (my_slot >= 0 && my_slot < SLOTS) slots[my_slot] = NULL;
}
