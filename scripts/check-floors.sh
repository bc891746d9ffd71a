#!/bin/bash
# check-floors.sh — the floors of docs/architecture.md call downwards only.
#
# Each floor lists the folders under src/ whose headers it may include;
# a header of any other folder is an error.  Above the domain nobody calls
# the store (`store_` followed by a name and "("), and the store's and the
# schema's headers include nothing from the domain.  Run by `make lint`.
set -u
cd "$(dirname "$0")/.."

declare -A may=(
  [core]="core"
  [schema]="core schema"
  [store]="core schema store"
  [match]="core match"
  [domain]="core schema store match domain"
  [io]="core schema domain io match"
  [http]="core schema domain io http"
  [cli]="core schema domain io http cli match demo"
  [demo]="core schema domain io demo"
)
bad=0
for floor in "${!may[@]}"; do
  for f in src/$floor/*.[ch]; do
    [ -e "$f" ] || continue
    while IFS= read -r inc; do
      dir=${inc%%/*}
      case " ${may[$floor]} " in
        *" $dir "*) ;;
        *) echo "$f: includes \"$inc\" (the $floor floor may include: ${may[$floor]})"; bad=1 ;;
      esac
    done < <(sed -n 's/^#include "\([a-z_]*\/[^"]*\)".*/\1/p' "$f")
  done
done
for f in src/io/*.c src/http/*.c src/cli/*.c src/demo/*.c src/main.c; do
  if grep -n -E '(^|[^a-z_])store_[a-z_]+\(' "$f" | grep -v 'atomic_store' ; then
    echo "$f: calls the store above the domain (use a domain function)"
    bad=1
  fi
done
exit $bad
