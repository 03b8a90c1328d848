#!/usr/bin/env bash
# tools/run.sh: install what is missing, build, and run `stafett serve` on the
# embedded default: SQLite in ./stafett.db, the routines in workflows/.
# A development token secret is made for you unless STAFETT_TOKEN_SECRET is
# set; README shows how to get a token and try the API with curl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/install-deps.sh" run
"$root/tools/build.sh"
cd "$root"
export STAFETT_TOKEN_SECRET=${STAFETT_TOKEN_SECRET:-$(cat .dev-token-secret 2>/dev/null || (head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | tee .dev-token-secret))}
echo "STAFETT_TOKEN_SECRET is in .dev-token-secret; a token for the demo tenant:" >&2
echo "  TOKEN=\$(STAFETT_TOKEN_SECRET=\$(cat .dev-token-secret) build/src/app/stafett token --tenant demo --service solsikken_barnehage --role worker)" >&2
exec build/src/app/stafett serve "$@"
