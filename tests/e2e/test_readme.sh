# test_readme.sh — every README example shown with its output prints that
# output, run in a fresh copy of the repository (scripts/readme-examples.py
# says which blocks are examples); sourced by run.sh.

R=$T/readme
mkdir -p "$R"
python3 scripts/readme-examples.py "$D" > "$R/out.txt" 2>&1
while IFS= read -r line; do
    case $line in
        "ok "*) ok ;;
        "FAIL "*) bad "readme: $line" ;;
        "    "*) echo "$line" ;;
    esac
done < "$R/out.txt"
check "readme: the checker found the README's examples" grep -q "^readme: [1-9][0-9]* passed" "$R/out.txt"
# The checker itself: an example whose output differs fails, "..." skips lines.
printf '# t\n\n```\n$ printf "a\\nb\\nc\\n"\na\n...\nc\n$ echo one\ntwo\n```\n' > "$R/README.md"
python3 scripts/readme-examples.py "$D" "$R/README.md" > "$R/t.out" 2>&1
check "readme: the checker fails an example printing other than shown" \
    sh -c 'grep -q "^ok [0-9]*: printf" "$1" && grep -q "^FAIL .*echo one" "$1" && grep -q "^readme: 1 passed, 1 failed" "$1"' _ "$R/t.out"
rm -rf "$R"
