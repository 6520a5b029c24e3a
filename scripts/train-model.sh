#!/bin/sh
# Retrains models/ner.bin, the entity tagger, from ../shared/data/gmb/train.tsv
# (`make model`). Fixed seed and options: the same data gives the same bytes.
# The data is not part of the project; the trained model is committed.
# usage: scripts/train-model.sh [BUILD_DIR]   (default build; needs BUILD/dossier)
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TRAIN=${GMB_TRAIN:-../shared/data/gmb/train.tsv}
if [ ! -f "$TRAIN" ]; then
    echo "train-model: $TRAIN not found (the GMB data lives in ../shared/data/gmb)" >&2
    exit 1
fi
mkdir -p models
# Hyper-parameters chosen on GMB's dev split; never trained on it.
"$BUILD/dossier" train-ner --data data --epochs 10 --seed 1 --prune 3 -o models/ner.bin.tmp "$TRAIN"
mv models/ner.bin.tmp models/ner.bin
sha256sum models/ner.bin
