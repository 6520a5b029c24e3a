/* cmd_train.c — `dossier train-ner`: learn the entity tagger's model from
 * GMB-style data (what `make model` runs). The work is the library's
 * (nlp/ner_train.c); this only reads options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "nlp/ner.h"

const char cmd_train_ner_help[] =
    "usage: dossier train-ner [--data DIR] [--epochs N] [--seed N] [--prune X] -o MODEL TRAIN.tsv\n\n"
    "Trains the named-entity tagger (averaged perceptron, BIO tags over PERSON,\n"
    "ORG, GPE and NORP) on TRAIN.tsv, lines of word TAB POS TAB tag with a blank\n"
    "line between sentences (GMB tags per org geo gpe; others are ignored), and\n"
    "writes the model to MODEL. Word lists come from DIR (default: the data/\n"
    "folder the build was made from, or $DOSSIER_DATA). The same data and\n"
    "options give the same model bytes.\n\n"
    "  --epochs N   passes over the data (default 10)\n"
    "  --seed N     order of the sentences in each pass (default 3)\n"
    "  --prune X    drop features whose weights all stay below X (default 3)\n"
    "  --quiet      no progress on standard error\n";

int cmd_train_ner(int argc, char **argv)
{
    ner_train_opts o = {.epochs = 10, .seed = 1, .prune = 3.0f, .min_vocab = 2, .quiet = false};
    const char *datadir = getenv("DOSSIER_DATA");
    const char *out = NULL, *train = NULL;
    if (!datadir || !*datadir) datadir = DOSSIER_DATA_DIR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--data") && has_value) datadir = argv[++i];
        else if (!strcmp(a, "-o") && has_value) out = argv[++i];
        else if (!strcmp(a, "--epochs") && has_value) o.epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--seed") && has_value) o.seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--prune") && has_value) o.prune = strtof(argv[++i], NULL);
        else if (!strcmp(a, "--quiet")) o.quiet = true;
        else if (a[0] == '-' || train) {
            cli_error("train-ner: unexpected '%s' (see dossier train-ner --help)", a);
            return EXIT_USAGE;
        } else train = a;
    }
    if (!out || !train || o.epochs < 1) {
        cli_error("train-ner: want -o MODEL and TRAIN.tsv (see dossier train-ner --help)");
        return EXIT_USAGE;
    }
    char err[512];
    if (ner_train_main(datadir, train, out, &o, err, sizeof err) != 0) {
        cli_error("train-ner: %s", err);
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}
