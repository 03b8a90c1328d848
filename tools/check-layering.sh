#!/usr/bin/env bash
# Fails when a file in src/<layer>/ includes a layer or a library that layer
# must not depend on. Library headers live in /usr/include, so the compiler
# alone cannot catch a Poco include in the pure engine: this script does.
set -euo pipefail
src=${1:-$(dirname "$0")/../src}

allowed_layers() {
  case $1 in
    core) echo "core" ;;
    routine) echo "core routine" ;;
    engine) echo "core routine engine" ;;
    store) echo "core routine engine store" ;;
    document) echo "core routine engine store document" ;;
    notify) echo "core routine engine store document notify" ;;
    http) echo "core routine engine store document notify http" ;;
    app) echo "core routine engine store document notify http app" ;;
  esac
}
allowed_libs() {  # third-party include prefixes per layer
  case $1 in
    core) echo "" ;;
    routine) echo "yaml-cpp" ;;
    engine) echo "boost" ;;
    store) echo "soci sqlite3.h libpq-fe.h" ;;
    document) echo "cairo.h cairo-pdf.h" ;;
    notify) echo "Poco" ;;
    # The per-tenant identity file (http/identity_config.cc) is YAML like
    # the routines, read with the same library.
    http) echo "Poco yaml-cpp" ;;
    app) echo "Poco soci" ;;
  esac
}

bad=0
for dir in "$src"/*/; do
  layer=$(basename "$dir")
  ok_layers=" $(allowed_layers "$layer") "
  ok_libs=" $(allowed_libs "$layer") gtest gmock benchmark "
  while IFS= read -r line; do
    file=${line%%:*}; inc=${line#*:}
    if [[ $inc =~ \#include\ \"([a-z_]+)/ ]]; then
      dep=${BASH_REMATCH[1]}
      [[ $ok_layers == *" $dep "* ]] || { echo "$file: layer '$layer' must not include $dep/ ($inc)"; bad=1; }
    elif [[ $inc =~ \#include\ \<([A-Za-z0-9_.+-]+)[/\>] ]]; then
      lib=${BASH_REMATCH[1]}
      case $lib in
        soci|Poco|yaml-cpp|boost|sqlite3.h|libpq-fe.h|cairo.h|cairo-pdf.h)
          [[ $ok_libs == *" $lib "* ]] || { echo "$file: layer '$layer' must not include <$lib...> ($inc)"; bad=1; } ;;
      esac
    fi
  # Recursive: a large layer keeps its files in sub-folders (src/store/*/).
  done < <(grep -rHE --include='*.h' --include='*.cc' '^\s*#\s*include' "$dir" 2>/dev/null | sed -E 's/:\s*#\s*include/:#include/')
done
if [ $bad -ne 0 ]; then echo "layering: FAILED"; exit 1; fi
echo "layering: ok"
