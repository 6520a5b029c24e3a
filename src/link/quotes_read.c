/* quotes_read.c — `dossier quotes`: quotes across articles by speaker,
 * words and date, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "core/date.h"
#include "link/internal.h"
#include "store/store.h"

static bool word_char(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 32) >= 'a' && (u | 32) <= 'z');
}

/* The endings a word may carry and still be the word asked for ("attack"
 * finds attacks, attacked, attacking, the attack's). */
static const char *const endings[] = {"", "s", "es", "'s", "\u2019s", "ed", "d", "ing"};

/* Whether the n bytes at w, ignoring case, occur in text as a whole word,
 * or a word with one of the endings: "war" is not found in "award" or
 * "warned". */
static bool has_word(const char *text, const char *w, size_t n)
{
    for (const char *p = text; (p = strcasestr(p, w)) != NULL; p++) {
        if (p > text && word_char(p[-1])) continue;
        for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
            size_t k = strlen(endings[i]);
            if (!strncasecmp(p + n, endings[i], k) && !word_char(p[n + k])) return true;
        }
    }
    return false;
}

/* Every word of `about` occurs in text (see has_word). */
static bool has_words(const char *text, const char *about)
{
    char w[128];
    for (const char *p = about; *p;) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (!n) break;
        if (n >= sizeof w) n = sizeof w - 1;
        memcpy(w, p, n);
        w[n] = '\0';
        if (!has_word(text, w, n)) return false;
        p += strcspn(p, " ");
    }
    return true;
}

int link_quotes(linker *l, const quote_filter *f, quote_row_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT q.article, a.id, a.outlet, a.published, q.kind, " LINK_QUOTE_TEXT ", e.cluster, q.sent_start, q.sent_end"
        " FROM link_quotes q JOIN articles a ON a.rowid = q.article"
        " LEFT JOIN link_entities e ON e.node = q.speaker"
        " WHERE (?1 = 0 OR e.cluster = ?1) AND (?2 IS NULL OR a.published >= ?2)"
        " ORDER BY a.published DESC NULLS LAST, a.id, q.start";
    char since[16] = "";
    if (f->since && date_filter(f->since, since, sizeof since) != 0) {
        snprintf(err, errlen, "--since: '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f->since);
        return -1;
    }
    sqlite3_stmt *st;
    sqlite3 *db = store_sqlite(link_store(l));
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(st, 1, f->by_cluster);
    if (since[0]) sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
    buf speaker;
    buf_init(&speaker);
    long long speaker_of = 0;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(st, 5);
        if (f->about && !has_words(text ? text : "", f->about)) continue;
        long long cluster = sqlite3_column_type(st, 6) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 6);
        if (cluster && cluster != speaker_of) {
            speaker.n = 0;
            char e2[128];
            if (link_entity_name(l, cluster, &speaker, NULL, e2, sizeof e2) != 0) speaker.n = 0;
            speaker_of = cluster;
        }
        quote_row q = {sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
                       (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                       (const char *)sqlite3_column_text(st, 4), cluster && speaker.n ? buf_cstr(&speaker) : NULL,
                       cluster, text ? text : "", (uint32_t)sqlite3_column_int64(st, 7),
                       (uint32_t)sqlite3_column_int64(st, 8)};
        n++;
        if (fn(&q, ctx) || (f->limit && n >= f->limit)) break;
    }
    bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    if (failed) snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    buf_free(&speaker);
    return failed ? -1 : n;
}
