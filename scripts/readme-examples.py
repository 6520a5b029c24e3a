#!/usr/bin/env python3
"""Runs the command examples of README.md as a new user would, in a fresh
copy of the repository, and checks that each prints what the README shows.

usage: scripts/readme-examples.py DOSSIER_BINARY [README]

Which examples are checked (the convention the README follows):
  - a fenced block (```) whose first line starts with "$ " is a transcript;
    other blocks (make targets, a sidecar file's rows, commands shown without
    their output) are not run;
  - in a transcript, "$ COMMAND" is run by sh in the copy's top folder, its
    standard output and standard error together; lines starting with "> "
    right after it continue the command (as the shell's second prompt);
  - the lines up to the next "$ " line or the end of the block are what it
    must print, exactly; a command followed at once by another "$ " line
    must print nothing; a line "..." stands for any number of lines (output
    the README leaves out);
  - the commands of all transcripts run in order in the same copy, so a
    store made by one example is read by the next.

The copy holds the repository's tracked files (as a fresh clone would, with
the working tree's changes) and the binary under test as build/dossier; no
store or output of earlier runs. Only what must vary is normalised, on both
sides: the copy's folder is written /home/me/dossier (the README's name for
the clone), and timings ("0.21 s", "3.4 MB/s") become "_ s", "_ MB/s".

Prints "ok LINE: COMMAND" or "FAIL LINE: COMMAND" and a diff for each
example, then "readme: N passed, N failed"; exits 1 if any failed."""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLONE_NAME = "/home/me/dossier"
TIMING = [(re.compile(r"\b\d+(\.\d+)? s\b"), "_ s"), (re.compile(r"\b\d+(\.\d+)? MB/s\b"), "_ MB/s")]


def transcripts(lines):
    """Yields (line number, command, expected output lines) for each example."""
    i, n = 0, len(lines)
    while i < n:
        if not lines[i].startswith("```"):
            i += 1
            continue
        j = i + 1
        while j < n and not lines[j].startswith("```"):
            j += 1
        block = lines[i + 1:j]
        if block and block[0].startswith("$ "):
            k = 0
            while k < len(block):
                start = i + 2 + k
                cmd = block[k][2:]
                k += 1
                while k < len(block) and block[k].startswith("> "):
                    cmd += "\n" + block[k][2:]
                    k += 1
                out = []
                while k < len(block) and not block[k].startswith("$ "):
                    out.append(block[k])
                    k += 1
                yield start, cmd, out
        i = j + 1


def normalise(text, clone):
    text = text.replace(clone, CLONE_NAME)
    for rx, to in TIMING:
        text = rx.sub(to, text)
    return text


def matches(expected, got):
    """Expected lines against got lines; "..." matches any number of lines."""
    rx = "".join("(?:.*\n)*?" if e == "..." else re.escape(e) + "\n" for e in expected)
    return re.fullmatch(rx, "".join(g + "\n" for g in got)) is not None


def fresh_copy(repo, binary, where):
    files = subprocess.run(["git", "-C", repo, "ls-files", "-z"], capture_output=True, check=True).stdout
    for f in files.decode().split("\0"):
        if not f or not os.path.lexists(os.path.join(repo, f)):
            continue
        dst = os.path.join(where, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(os.path.join(repo, f), dst, follow_symlinks=False)
    os.makedirs(os.path.join(where, "build"), exist_ok=True)
    shutil.copy2(binary, os.path.join(where, "build", "dossier"))


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    readme = sys.argv[2] if len(sys.argv) > 2 else os.path.join(repo, "README.md")
    lines = open(readme, encoding="utf-8").read().split("\n")
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="readme-") as tmp:
        clone = os.path.join(os.path.realpath(tmp), "dossier")
        fresh_copy(repo, os.path.abspath(sys.argv[1]), clone)
        env = dict(os.environ)
        for k in ("DOSSIER_DB", "DOSSIER_DATA", "DOSSIER_MODELS"):
            env.pop(k, None)
        for line, cmd, expected in transcripts(lines):
            r = subprocess.run(["sh", "-c", cmd], cwd=clone, env=env, capture_output=True, timeout=600)
            got = normalise((r.stdout + r.stderr).decode("utf-8", "replace"), clone).split("\n")
            if got and got[-1] == "":
                got.pop()
            expected = [normalise(e, clone) for e in expected]
            shown = cmd.split("\n")[0]
            if matches(expected, got):
                passed += 1
                print("ok %d: %s" % (line, shown))
            else:
                failed += 1
                print("FAIL README.md:%d: %s" % (line, shown))
                for d in difflib.unified_diff(expected, got, "README", "printed", lineterm="", n=1):
                    print("    " + d)
    print("readme: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
