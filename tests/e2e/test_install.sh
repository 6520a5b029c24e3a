# test_install.sh — an installed copy (the layout `make install` makes:
# bin/dossier, share/dossier/{data,models}) finds its own files from any
# folder, and says how to point a copy at them when they are missing.

P=$T/inst
mkdir -p "$P/bin" "$P/share/dossier" "$P/elsewhere"
cp "$D" "$P/bin/dossier"
cp -R data models "$P/share/dossier/"
cp "$FIX/articles/store_orchard.txt" "$P/elsewhere/a.txt"
(cd "$P/elsewhere" && env -u DOSSIER_DATA -u DOSSIER_MODELS "$P/bin/dossier" ingest -q a.txt --db x.db > /dev/null 2>&1 &&
    env -u DOSSIER_DATA "$P/bin/dossier" --db x.db search orchard > out.txt 2>&1)
check "install: an installed copy ingests and searches from another folder" grep -q "^ *1\. a" "$P/elsewhere/out.txt"
first=$(ls data | head -1)
mv "$P/share/dossier/data/$first" "$P/share/dossier/data/$first.away"
(cd "$P/elsewhere" && env -u DOSSIER_DATA "$P/bin/dossier" extract a.txt > /dev/null 2> err.txt)
check "install: it reads the installed data, not the build's" grep -q "$P/bin/../share/dossier/data" "$P/elsewhere/err.txt"
check "install: ... and a missing file names DOSSIER_DATA" grep -q "DOSSIER_DATA" "$P/elsewhere/err.txt"
if command -v man > /dev/null 2>&1; then
    check "install: the man page renders" sh -c "man -l docs/dossier.1 2>/dev/null | grep -q 'DOSSIER_DB'"
fi
check "install: the bash completion loads" bash -c '. scripts/dossier-completion.bash && complete -p dossier'
rm -rf "$P"
