/* schema.h — inside the store stage: the tables, their version, and checking
 * a file's version on open. Not used outside src/store. */
#ifndef DOSSIER_STORE_SCHEMA_H
#define DOSSIER_STORE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/* PRAGMA application_id of a dossier store ("DOSS"), so another program's
 * SQLite file is refused instead of being written into. */
#define SCHEMA_APPLICATION_ID 0x444F5353

#include "store/store.h"

/* The version this build creates and reads: the highest `since` in schema.c. */
int schema_version(void);

/* Checks the file's version. For a writer, creates the tables in an empty
 * file and adds the missing ones to an older store; a reader accepts only
 * the current version. 0, or -1 with a one-line reason (no file name). */
int schema_check(sqlite3 *db, bool writable, char *err, size_t errlen);

/* Reads, never writes: 0 when the file is empty or a dossier store this
 * build can read or upgrade, else -1 with a one-line reason. A writer asks
 * before it changes anything (even the journal mode) in a file that may be
 * another program's. */
int schema_probe(sqlite3 *db, char *err, size_t errlen);

/* As schema_check, for a list another stage owns (store_apply_part). */
int schema_part_check(sqlite3 *db, const schema_part *p, bool writable, char *err, size_t errlen);

#endif
