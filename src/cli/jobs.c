/* jobs.c — the extraction threads of `ingest` and `extract` (see jobs.h).
 *
 * glibc's <time.h> (pulled in by <pthread.h>) under _GNU_SOURCE declares a
 * `struct timex` that collides with core/article.h's; POSIX is all we need. */
#undef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/crash.h"
#include "cli/jobs.h"
#include "cli/roots.h"

static void extract_job(const dossier *d, job *j)
{
    input in;
    if (j->walk_err) return;
    crash_enter(j->path);
    if ((j->member ? read_bytes(j->member, j->nbytes, &in, j->err, sizeof j->err)
                  : read_file(j->path, &in, j->err, sizeof j->err)) != 0) {
        crash_leave();
        return;
    }
    j->bytes = (double)in.len;   /* before extraction, which may give the input back */
    article *tmp = article_new();
    article_meta meta = j->meta;
    if (j->url) meta.url = j->url;
    meta.captured = j->date;
    j->a = dossier_extract_meta(d, &in, j->id ? j->id : dossier_id_from_path(tmp, j->path),
                                 j->source ? j->source : j->path, &meta);
    if (j->a) j->a->id_rooted = j->rooted;
    crash_leave();
    article_free(tmp);
    input_free(&in);
    j->json.n = 0;
    dossier_article_json(j->a, &j->json);
}

/* A job's JSON buffer is kept for the next file, unless one huge article
 * made it larger than this: then it is given back, so one 50 MB file does
 * not hold hundreds of megabytes for the rest of the run. */
#define JOB_JSON_KEEP ((size_t)4 << 20)

/* Empties a job for reuse. */
static void job_clear(job *j)
{
    if (j->json.cap > JOB_JSON_KEEP) buf_free(&j->json);
    article_free(j->a);
    free(j->path);
    free(j->source);
    free(j->walk_err);
    free(j->member);
    free(j->id);
    free(j->url);
    free(j->date);
    j->a = NULL;
    j->path = j->source = j->walk_err = j->member = j->id = j->url = j->date = NULL;
    j->nbytes = 0;
    j->err[0] = '\0';
    j->bytes = 0;
    j->rooted = false;
    j->ready = false;
}

static bool job_set(job *j, const job_source *src, const char *path, const char *walk_err)
{
    if (src->root) {
        article *tmp = article_new();
        j->id = root_join(src->prefix, dossier_id_from_root(tmp, src->root, path));
        j->rooted = src->prefix != NULL;
        article_free(tmp);
        if (!j->id) return false;
    }
    j->path = strdup(path);
    j->source = src->abs_source ? root_abs_path(path) : NULL;
    j->walk_err = walk_err ? strdup(walk_err) : NULL;
    return j->path && (!src->abs_source || j->source) && (!walk_err || j->walk_err);
}

/* The job's metadata: the options', and the --meta file's row for it. */
static void job_meta(const job_source *src, job *j, const char *container, const read_member *m)
{
    j->meta = src->meta;
    if (!src->sidecar || !j->path) return;
    article *tmp = article_new();
    const char *id = j->id ? j->id : dossier_id_from_path(tmp, j->path);
    sidecar_find(src->sidecar, m ? container : j->path, m ? m->name : NULL, id, &j->meta);
    article_free(tmp);
}

/* container:name, or container alone for a compressed file's content. */
static char *member_path(const char *container, const read_member *m)
{
    size_t n = strlen(container) + (m->name ? strlen(m->name) + 2 : 1);
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s%s", container, m->name ? ":" : "", m->name ? m->name : "");
    return s;
}

/* An archive member's job: a copy of its bytes, its id (root_member_id)
 * and metadata. */
static bool job_set_member(job *j, const job_source *src, const char *container, const read_member *m)
{
    j->id = root_member_id(src->root, src->prefix, container, m, &j->rooted);
    j->path = member_path(container, m);
    if (src->abs_source) {
        char *abs = root_abs_path(container);
        j->source = abs ? member_path(abs, m) : NULL;
        free(abs);
    }
    if ((j->member = malloc(m->len ? m->len : 1))) memcpy(j->member, m->bytes, m->len);
    j->nbytes = m->len;
    j->url = m->url ? strdup(m->url) : NULL;
    j->date = m->date ? strdup(m->date) : NULL;
    return j->id && j->path && (!src->abs_source || j->source) && j->member && (!m->url || j->url) &&
           (!m->date || j->date);
}

/* --- the extraction threads -------------------------------------------------
 *
 * A ring of jobs: this thread queues paths at `tail` and stores finished jobs
 * from `head`, in order; workers take jobs at `claim`. The ring holds a few
 * jobs per worker, so memory stays flat whatever the corpus size.
 *
 * The threads are made once and live as long as the process, parked when
 * idle: extraction keeps per-thread caches (nlp/ner_model.c) that a thread
 * ending would throw away, and that nothing yet frees at thread exit. */
typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t queued, done;
    job *ring;
    unsigned cap, head, claim, tail;
    const dossier *d;
    int threads;
} pool;

static pool workers = {
    .mu = PTHREAD_MUTEX_INITIALIZER, .queued = PTHREAD_COND_INITIALIZER, .done = PTHREAD_COND_INITIALIZER,
};

static void *worker_main(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->claim == p->tail) pthread_cond_wait(&p->queued, &p->mu);
        job *j = &p->ring[p->claim++ % p->cap];
        const dossier *d = p->d;
        pthread_mutex_unlock(&p->mu);
        extract_job(d, j);
        pthread_mutex_lock(&p->mu);
        j->ready = true;
        pthread_cond_signal(&p->done);   /* only the writing thread waits on it */
    }
    return NULL;
}

/* Starts up to n workers (more if an earlier call made fewer); returns how
 * many run. */
static int pool_start(pool *p, const dossier *d, int n)
{
    p->d = d;   /* the nlp tables are complete: dossier_open built them all */
    p->cap = (unsigned)(2 * n + 2);
    p->ring = calloc(p->cap, sizeof *p->ring);
    if (!p->ring) return 0;
    p->head = p->claim = p->tail = 0;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    while (p->threads < n) {
        pthread_t t;
        if (pthread_create(&t, &attr, worker_main, p) != 0) break;
        p->threads++;
    }
    pthread_attr_destroy(&attr);
    if (!p->threads) {          /* none could start: extract on this thread */
        free(p->ring);
        p->ring = NULL;
    }
    return p->threads;
}

int jobs_start(const dossier *d, int n)
{
    workers.d = d;
    return n > 0 ? pool_start(&workers, d, n) : 0;
}

/* Waits for the oldest queued job and hands it over. */
static void pool_done_next(pool *p, job_done_fn done, void *ctx)
{
    pthread_mutex_lock(&p->mu);
    job *j = &p->ring[p->head % p->cap];
    while (!j->ready) pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
    done(j, ctx);
    job_clear(j);
    pthread_mutex_lock(&p->mu);
    p->head++;
    pthread_mutex_unlock(&p->mu);
}

/* Fills j for a file or member; false (j cleared) when out of memory. */
static bool job_fill(job *j, const job_source *src, const char *path, const char *walk_err, const read_member *m)
{
    if (!(m ? job_set_member(j, src, path, m) : job_set(j, src, path, walk_err))) {
        job_clear(j);
        return false;
    }
    job_meta(src, j, path, m);
    return true;
}

static void out_of_memory(const char *path, job_done_fn done, void *ctx)
{
    job j = {0};
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", path);
    j.path = copy;
    snprintf(j.err, sizeof j.err, "out of memory");
    done(&j, ctx);
}

void jobs_submit(const job_source *src, const char *path, const char *walk_err, const read_member *m,
                 job_done_fn done, void *ctx)
{
    pool *p = &workers;
    if (!p->ring) {   /* no threads: extract here */
        job j = {0};
        if (!job_fill(&j, src, path, walk_err, m)) {
            out_of_memory(path, done, ctx);
            return;
        }
        extract_job(p->d, &j);
        done(&j, ctx);
        job_clear(&j);
        buf_free(&j.json);
        return;
    }
    while (p->tail - p->head == p->cap) pool_done_next(p, done, ctx);   /* only this thread moves them */
    job *j = &p->ring[p->tail % p->cap];
    if (!job_fill(j, src, path, walk_err, m)) {
        out_of_memory(path, done, ctx);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->tail++;
    pthread_cond_signal(&p->queued);
    pthread_mutex_unlock(&p->mu);
}

void jobs_finish(job_done_fn done, void *ctx)
{
    pool *p = &workers;
    if (!p->ring) return;
    while (p->head != p->tail) pool_done_next(p, done, ctx);
    for (unsigned i = 0; i < p->cap; i++) buf_free(&p->ring[i].json);
    free(p->ring);
    p->ring = NULL;
}
