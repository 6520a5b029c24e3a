/* schema.c — the link stage's tables, indexes, trigger and SQL views: the
 * one place they are declared. src/link writes and reads them; nothing
 * else does (the command line, the server and the tests go through
 * link.h and corpus.h).
 *
 * The store applies this list as it applies its own (store/schema.h): a
 * statement's `since` is the version that introduced it; a new store gets
 * everything, an older one what is newer than the version recorded for
 * "link", in one transaction. The versions count on from the store's own
 * (the link tables were once in the store's list, under the same numbers),
 * so a store made before the split reads as having the link tables of its
 * own version. To change a table: append statements with the next version. */
#include "link/internal.h"

static const schema_stmt stmts[] = {
    /* Per-article rows are "nodes", deleted with their article. The corpus
     * structures are columns of the nodes: the entity cluster, the merged
     * event, the claim each belongs to, kept up to date by src/link as
     * articles arrive. */

    /* An entity of one article: its in-article name, type (enum ent_type),
     * role, mentions, and the cluster (the same entity across articles; the
     * id of one of its nodes). */
    {2, "CREATE TABLE link_entities("
        " node INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
        " n INTEGER NOT NULL,"
        " name TEXT NOT NULL, type INTEGER NOT NULL, role TEXT,"
        " mentions INTEGER NOT NULL,"
        " cluster INTEGER NOT NULL)"},
    {2, "CREATE INDEX link_entities_article ON link_entities(article, n)"},
    {2, "CREATE INDEX link_entities_cluster ON link_entities(cluster)"},
    /* The names an entity was mentioned by in its article (its aliases). */
    {2, "CREATE TABLE link_forms("
        " node INTEGER NOT NULL REFERENCES link_entities(node) ON DELETE CASCADE,"
        " form TEXT NOT NULL,"
        " mentions INTEGER NOT NULL,"
        " PRIMARY KEY(node, form)) WITHOUT ROWID"},
    /* Comparison keys of names (src/link/names.c), hashed: which node holds
     * each. Rows of deleted nodes stay and are skipped by joining. */
    {2, "CREATE TABLE link_keys("
        " key INTEGER NOT NULL, role INTEGER NOT NULL, node INTEGER NOT NULL,"
        " PRIMARY KEY(key, role, node)) WITHOUT ROWID"},

    /* An event of one article (type, place, date as read there, the window
     * of days it may have happened in), the figures it gave, and the merged
     * event it belongs to. `anchor` events (a city and a day) merge by
     * `key`; the others join the one anchor event they agree with. */
    {2, "CREATE TABLE link_events("
        " node INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
        " n INTEGER NOT NULL,"
        " type TEXT NOT NULL, place TEXT, date TEXT, lo TEXT, hi TEXT,"
        " perpetrator INTEGER,"
        " anchor INTEGER NOT NULL, key INTEGER NOT NULL,"
        " event INTEGER NOT NULL)"},
    {2, "CREATE INDEX link_events_article ON link_events(article)"},
    {2, "CREATE INDEX link_events_event ON link_events(event)"},
    {2, "CREATE INDEX link_events_key ON link_events(key)"},
    {2, "CREATE INDEX link_events_anchors ON link_events(type, date) WHERE anchor"},
    {2, "CREATE INDEX link_events_windows ON link_events(type, lo) WHERE NOT anchor"},
    /* The figures an article gave for one of its events. `joined`: added to
     * the figure before it ("132 children and nine staff"). */
    {2, "CREATE TABLE link_figures("
        " article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
        " n INTEGER NOT NULL,"
        " event_node INTEGER NOT NULL,"
        " measure TEXT NOT NULL, value REAL NOT NULL, high REAL, approx INTEGER NOT NULL,"
        " text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
        " sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, joined INTEGER NOT NULL,"
        " PRIMARY KEY(article, n)) WITHOUT ROWID"},
    {2, "CREATE INDEX link_figures_event ON link_figures(event_node)"},

    /* A quote of one article: kind, speaker (a node of link_entities, or
     * NULL), its text and the sentence around it. */
    {2, "CREATE TABLE link_quotes("
        " quote INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
        " n INTEGER NOT NULL, kind TEXT NOT NULL, speaker INTEGER,"
        " text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
        " sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL)"},
    {2, "CREATE INDEX link_quotes_article ON link_quotes(article)"},
    {2, "CREATE INDEX link_quotes_speaker ON link_quotes(speaker)"},
    /* A statement: one sentence of a quote, its content words (sorted 32-bit
     * hashes), and the claim it belongs to (src/link/claims.c). */
    {2, "CREATE TABLE link_statements("
        " statement INTEGER PRIMARY KEY AUTOINCREMENT,"
        " quote INTEGER NOT NULL REFERENCES link_quotes(quote) ON DELETE CASCADE,"
        " start INTEGER NOT NULL, end INTEGER NOT NULL,"
        " words BLOB NOT NULL, claim INTEGER NOT NULL)"},
    {2, "CREATE INDEX link_statements_quote ON link_statements(quote)"},
    {2, "CREATE INDEX link_statements_claim ON link_statements(claim)"},
    /* MinHash bands of statements: those sharing a band are compared. */
    {2, "CREATE TABLE link_bands("
        " band INTEGER NOT NULL, statement INTEGER NOT NULL,"
        " PRIMARY KEY(band, statement)) WITHOUT ROWID"},

    /* What the removal of an article (replaced by a newer version) leaves
     * for src/link to redo: clusters, events and claims it was part of, and
     * the days of its anchor events. */
    {2, "CREATE TABLE link_redo(kind TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID"},
    {2, "CREATE TRIGGER link_article_removed BEFORE DELETE ON articles BEGIN"
        " INSERT OR IGNORE INTO link_redo SELECT 'cluster', cluster FROM link_entities WHERE article = old.rowid;"
        " INSERT OR IGNORE INTO link_redo SELECT 'event', event FROM link_events WHERE article = old.rowid;"
        " INSERT OR IGNORE INTO link_redo SELECT 'day', CAST(julianday(date) AS INTEGER) FROM link_events"
        "  WHERE article = old.rowid AND anchor;"
        " INSERT OR IGNORE INTO link_redo SELECT 'claim', s.claim FROM link_statements s"
        "  JOIN link_quotes q ON q.quote = s.quote WHERE q.article = old.rowid;"
        " END"},

    /* Version 3: events are grouped over all their nodes when a batch is
     * settled (src/link/events.c), by what the articles say of them — their
     * weighted words (`words`: claim_word pairs, sorted by hash) — instead of
     * by an anchor's key; lo and hi stay the window of days. */
    {3, "DROP TRIGGER link_article_removed"},
    {3, "DROP INDEX link_events_key"},
    {3, "DROP INDEX link_events_anchors"},
    {3, "DROP INDEX link_events_windows"},
    {3, "ALTER TABLE link_events DROP COLUMN anchor"},
    {3, "ALTER TABLE link_events DROP COLUMN key"},
    {3, "ALTER TABLE link_events ADD COLUMN words BLOB"},
    /* `main`: the event is what its article reports (the one told in most
     * sentences), not one it recalls in passing. */
    {3, "ALTER TABLE link_events ADD COLUMN main INTEGER NOT NULL DEFAULT 0"},
    /* `victims`: the canonical names of the people the article says it
     * killed or hurt, one a line. */
    {3, "ALTER TABLE link_events ADD COLUMN victims TEXT"},

    {3, "CREATE TRIGGER link_article_removed BEFORE DELETE ON articles BEGIN"
        " INSERT OR IGNORE INTO link_redo SELECT 'cluster', cluster FROM link_entities WHERE article = old.rowid;"
        " INSERT OR IGNORE INTO link_redo SELECT 'event', event FROM link_events WHERE article = old.rowid;"
        " INSERT OR IGNORE INTO link_redo SELECT 'claim', s.claim FROM link_statements s"
        "  JOIN link_quotes q ON q.quote = s.quote WHERE q.article = old.rowid;"
        " END"},

    /* Version 5: a quote's text is its span of the article's text, read from
     * there (link_quotes kept a second copy: 8.6 MB for the 23 MB news folder). */
    {5, "ALTER TABLE link_quotes DROP COLUMN text"},

    /* Version 6: the store as an interface (docs/schema.md). What the link
     * stage decides when it reads the corpus back -- an entity's canonical
     * name and type, the merged events with each article's figure and the
     * conflicts, the claims -- is written, as `dossier` prints it, into
     * the tables below at the end of every ingest that changed the store
     * (link_views_refresh), so that the v_ views answer "who is quoted
     * most" or "which articles name X" with plain SQL, without knowing
     * per-article nodes from clusters. */
    {6, "CREATE TABLE link_entity_info("
        " cluster INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,"
        " articles INTEGER NOT NULL, mentions INTEGER NOT NULL, first_seen TEXT, last_seen TEXT)"},
    /* A merged event: `n` its number in `dossier report`'s and the API's
     * list (1 first), `event` the id its per-article rows carry. */
    {6, "CREATE TABLE link_event_info("
        " event INTEGER PRIMARY KEY, n INTEGER NOT NULL UNIQUE, type TEXT NOT NULL, place TEXT, date TEXT,"
        " perpetrator INTEGER, articles INTEGER NOT NULL, mentioned_in INTEGER NOT NULL,"
        " conflict INTEGER NOT NULL)"},
    /* One article's value for one measure of a merged event (132 children
     * and nine staff are one value, 141), as `conflicts` lists them. */
    {6, "CREATE TABLE link_event_values("
        " event INTEGER NOT NULL, measure TEXT NOT NULL, article INTEGER NOT NULL,"
        " value REAL NOT NULL, text TEXT NOT NULL, sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL,"
        " conflict INTEGER NOT NULL)"},
    /* A claim (`n`: its number in `dossier claims`, the most repeated first)
     * and its statements. */
    {6, "CREATE TABLE link_claim_info(n INTEGER PRIMARY KEY, summary TEXT NOT NULL,"
        " statements INTEGER NOT NULL, articles INTEGER NOT NULL)"},
    {6, "CREATE TABLE link_claim_statements("
        " claim INTEGER NOT NULL, i INTEGER NOT NULL, article INTEGER NOT NULL, speaker INTEGER,"
        " text TEXT NOT NULL, carried_by TEXT NOT NULL, PRIMARY KEY(claim, i)) WITHOUT ROWID"},

    /* The views. Names are as in the command line's --json: `doc` an
     * article's id, `published` its date, `entity` a canonical name. */
    {6, "CREATE VIEW v_entities AS SELECT cluster AS entity_id, name AS entity, type, articles, mentions,"
        " first_seen, last_seen FROM link_entity_info"},
    {6, "CREATE VIEW v_aliases AS SELECT i.cluster AS entity_id, i.name AS entity, i.type, f.form AS alias,"
        " sum(f.mentions) AS mentions, count(DISTINCT e.article) AS articles"
        " FROM link_forms f JOIN link_entities e ON e.node = f.node JOIN link_entity_info i ON i.cluster = e.cluster"
        " GROUP BY i.cluster, f.form"},
    {6, "CREATE VIEW v_mentions AS SELECT i.cluster AS entity_id, i.name AS entity, i.type, a.id AS doc,"
        " a.published, a.outlet, a.title, e.name AS name_in_article, e.role, e.mentions"
        " FROM link_entities e JOIN link_entity_info i ON i.cluster = e.cluster JOIN articles a ON a.rowid = e.article"},
    {6, "CREATE VIEW v_quotes AS SELECT a.id AS doc, a.published, a.outlet, i.name AS speaker,"
        " i.cluster AS speaker_id, q.kind,"
        " CAST(substr(CAST(a.text AS BLOB), q.start + 1, q.end - q.start) AS TEXT) AS text,"
        " CAST(substr(CAST(a.text AS BLOB), q.sent_start + 1, q.sent_end - q.sent_start) AS TEXT) AS sentence,"
        " q.start, q.end"
        " FROM link_quotes q JOIN articles a ON a.rowid = q.article"
        " LEFT JOIN link_entities s ON s.node = q.speaker LEFT JOIN link_entity_info i ON i.cluster = s.cluster"},
    {6, "CREATE VIEW v_events AS SELECT v.n AS event_id, v.type, v.place, v.date, p.name AS perpetrator,"
        " v.articles, v.mentioned_in, v.conflict FROM link_event_info v"
        " LEFT JOIN link_entity_info p ON p.cluster = v.perpetrator"},
    {6, "CREATE VIEW v_event_articles AS SELECT v.n AS event_id, v.type, v.place, v.date, a.id AS doc,"
        " a.published, a.outlet, max(e.main) AS reports"
        " FROM link_events e JOIN link_event_info v ON v.event = e.event JOIN articles a ON a.rowid = e.article"
        " GROUP BY v.n, e.article"},
    {6, "CREATE VIEW v_figures AS SELECT v.n AS event_id, v.type, v.place, v.date, x.measure, x.value,"
        " a.id AS doc, a.published, a.outlet, x.text,"
        " CAST(substr(CAST(a.text AS BLOB), x.sent_start + 1, x.sent_end - x.sent_start) AS TEXT) AS sentence,"
        " x.conflict FROM link_event_values x JOIN link_event_info v ON v.event = x.event"
        " JOIN articles a ON a.rowid = x.article"},
    {6, "CREATE VIEW v_conflicts AS SELECT * FROM v_figures WHERE conflict"},
    {6, "CREATE VIEW v_claims AS SELECT c.n AS claim, c.summary, c.statements, c.articles,"
        " a.id AS doc, a.published, a.outlet, i.name AS speaker, s.text, s.carried_by"
        " FROM link_claim_info c JOIN link_claim_statements s ON s.claim = c.n JOIN articles a ON a.rowid = s.article"
        " LEFT JOIN link_entity_info i ON i.cluster = s.speaker"},

    /* Version 7: `era`, for an event of an article that gives no date of
     * its own and none for the event: the years its text names, ascending,
     * space-separated (NULL when it names none). A report of 2005 that
     * names only 2004 and 2005 is far from an event dated 1987. */
    {7, "ALTER TABLE link_events ADD COLUMN era TEXT"},

    /* Version 8: the clusters whose row of link_entity_info may be stale
     * (src/link/views.c): filed with each batch that moved a node between
     * clusters, read and cleared when the views are refreshed, so that an
     * ingest of a few articles rewrites the rows of the clusters it
     * touched, not all of them. -1 stands for every cluster: a store made
     * before has its rows redone whole once. */
    {8, "CREATE TABLE link_views_dirty(cluster INTEGER PRIMARY KEY)"},
    {8, "INSERT INTO link_views_dirty(cluster) VALUES (-1)"},
};

const schema_part link_schema = {"link", stmts, sizeof stmts / sizeof *stmts};
