#!/bin/sh
# Install every wheel of a wheelhouse into a fresh venv (offline), run
# `pip check`, import every top-level module and list console scripts.
# usage: python-verify.sh WHEELHOUSE [PYTHON]
set -eu
WH=${1:?wheelhouse}; PY=${2:-python3}
V=$(mktemp -d)/venv
"$PY" -m venv "$V"
# aliases (psycopg2-binary) duplicate files of their original: skip them here
REQS=$(cd "$WH" && ls *.whl | grep -v '^psycopg2_binary-' | sed 's/-.*//' | sort -u)
"$V/bin/pip" install -q --no-index --find-links "$WH" $REQS
"$V/bin/pip" check
SP=$("$V/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
fail=0
for tl in "$SP"/*.dist-info/top_level.txt; do
  for m in $(cat "$tl"); do
    case "$m" in _*|*/*|tests|test|docs|benchmarks|debian) continue;; esac
    if ! "$V/bin/python" -c "import $m" 2>/tmp/imp.err; then
      echo "IMPORT FAIL $m ($(basename $(dirname $tl))): $(tail -1 /tmp/imp.err)"; fail=1
    fi
  done
done
echo "console scripts: $(ls "$V/bin" | grep -vE '^(python|activate|pip|Activate)' | tr '\n' ' ')"
echo "installed: $("$V/bin/pip" list --format=freeze | wc -l) distributions"
rm -rf "$(dirname "$V")"
exit $fail
