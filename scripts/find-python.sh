#!/usr/bin/env bash
# Prints the path of a Python 3.12 interpreter (the Lambda runtime we deploy to), or explains.
set -u
candidates=()
[ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
candidates+=(python3.12)
for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin; do
  [ -x "$dir/python3.12" ] && candidates+=("$dir/python3.12")
done
candidates+=(python3 python)
for c in "${candidates[@]}"; do
  path=$(command -v "$c" 2>/dev/null) || continue
  if "$path" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
cat >&2 <<'MSG'
Proofsheet needs Python 3.12 (the python3.12 Lambda runtime it deploys to) and found none.
Install one, then run make again, for example:
  pyenv install 3.12        # or: apt-get install python3.12 / brew install python@3.12
or point at one explicitly:  make run PYTHON=/path/to/python3.12
MSG
exit 1
