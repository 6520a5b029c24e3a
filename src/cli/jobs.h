/* jobs.h — extracting files on worker threads for `ingest` and `extract`,
 * the results handed back in input order on the thread that submitted them
 * (so output, and which of two identical texts a store keeps, never depends
 * on timing). */
#ifndef DOSSIER_CLI_JOBS_H
#define DOSSIER_CLI_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/sidecar.h"
#include "dossier.h"

/* One file or archive member, and what extracting it gave. */
typedef struct job {
    char *path;           /* the file, or for a member archive:name, as given */
    char *source;         /* the article's source when not path (ingest: resolved, root_abs_path) */
    char *member;         /* an archive member's bytes, or NULL: read path */
    size_t nbytes;
    char *id, *url, *date;   /* a member's id and WARC metadata, or NULL */
    article_meta meta;    /* --outlet, --published, the --meta row */
    char *walk_err;       /* why the walk could not reach the file, or NULL */
    article *a;           /* NULL when the file could not be read (err says why) */
    buf json;             /* a's extract JSON */
    double bytes;         /* the bytes read */
    char err[512];
    bool rooted;          /* the id is a path below the store's root (roots.h) */
    bool ready;
} job;

/* Where ids and metadata come from. */
typedef struct job_source {
    const char *root;     /* the PATH being walked: ids are relative to it; NULL: the file name */
    const char *prefix;   /* that PATH's folder below the run's or store's root (cli/roots.h), or
                             NULL when outside it: then ids are not rooted */
    article_meta meta;    /* --outlet, --published */
    sidecar *sidecar;     /* --meta FILE, or NULL */
    bool abs_source;      /* sources are resolved paths (root_abs_path): a store tells one file
                             from another by them, whatever folder ingest ran in */
} job_source;

/* Takes a finished job (j->a NULL: j->walk_err or j->err says why). */
typedef void (*job_done_fn)(job *j, void *ctx);

/* Starts up to n extraction threads (n 0: none, every job runs in
 * jobs_submit); returns how many run. */
int jobs_start(const dossier *d, int n);

/* Queues a file (m NULL; walk_err: why it could not be reached) or an
 * archive member of `path`; jobs finished before it in input order are
 * handed to done first, while the ring is full. */
void jobs_submit(const job_source *src, const char *path, const char *walk_err, const read_member *m,
                 job_done_fn done, void *ctx);

/* Hands every queued job to done, in order. */
void jobs_finish(job_done_fn done, void *ctx);

#endif
