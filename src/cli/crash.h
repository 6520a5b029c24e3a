/* crash.h — names the file being extracted when a fatal signal ends the
 * process (crash.c says why it does not try to carry on). */
#ifndef DOSSIER_CLI_CRASH_H
#define DOSSIER_CLI_CRASH_H

/* Installs the handler for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT;
 * next (static, or NULL) ends the last line: what the user may do now. */
void crash_install(const char *next);
/* The calling thread extracts path (which must stay valid until crash_leave). */
void crash_enter(const char *path);
void crash_leave(void);

#endif
