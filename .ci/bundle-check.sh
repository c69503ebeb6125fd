#!/usr/bin/env bash
# The offline installer round trip: unpack the release tarball (npm run bundle) inside a network namespace
# with loopback only, so no registry or other host can be reached; migrate, create the first administrator,
# start the compiled app in production, sign in over HTTP, stop it. With NODE_HOME (a Node.js install: its bin/node),
# all of that runs on that Node rather than the machine's (.ci/node-lts.sh fetches Node 22 and 24 LTS); where that
# Node can restart a process in place (process.execve, 22.15+ and 24), the check also finds the memory settings
# applied by that restart (scripts/run.mjs).
#   [NODE_HOME=…] .ci/bundle-check.sh [release/thidua-….tar.gz]
set -euo pipefail
cd "$(dirname "$0")/.."
tarball=${1:-$(ls -t release/thidua-*.tar.gz | head -n 1)}
work=$(mktemp -d "${TMPDIR:-/tmp}/thidua-offline-XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
app=$(ls -d "$work"/thidua-*/)
node_path=${NODE_HOME:+$NODE_HOME/bin:}$PATH
echo "== offline install from $(basename "$tarball") in $app on Node $(PATH=$node_path node -v) (network: loopback only)"

unshare -n env APP="$app" DATA="$work/data" PATH="$node_path" bash -euo pipefail -c '
  ip link set lo up
  cd "$APP"
  if getent hosts registry.npmjs.org >/dev/null 2>&1 && curl -s -m 3 -o /dev/null https://registry.npmjs.org; then
    echo "the namespace still reaches the registry"; exit 1
  fi
  [ ! -e node_modules/tsx ] && [ ! -e node_modules/typescript ] && [ ! -e node_modules/prisma ] || { echo "the bundle holds development packages"; exit 1; }
  export NODE_ENV=production DATA_DIR="$DATA" SESSION_SECRET=offline-check-secret-offline-check-00 SECURE_COOKIES=false \
         HOST=127.0.0.1 PORT=3979 LOG_LEVEL=warn npm_config_update_notifier=false
  npm run --silent db:migrate
  ADMIN_PASSWORD=Offline-check-2026 npm run --silent admin:create -- --username chief
  # what `npm start` runs, started directly so that SIGTERM reaches the app rather than npm
  node scripts/run.mjs server > "$DATA/app.log" 2>&1 &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  # up to five minutes: in CI this runs at a lower priority than the test passes (.ci/run)
  for _ in $(seq 1 300); do curl -sf -o /dev/null http://127.0.0.1:3979/readyz && break; sleep 1; done
  if node -e "process.exit(typeof process.execve === \"function\" ? 0 : 1)"; then
    # the same process, started again in place with the settings that must be set before Node starts
    grep -qxF THIDUA_TUNED=1 <(tr "\0" "\n" < /proc/$pid/environ) && grep -qxF MALLOC_ARENA_MAX=2 <(tr "\0" "\n" < /proc/$pid/environ) \
      && grep -qxF -- --max-semi-space-size=8 <(tr "\0" "\n" < /proc/$pid/cmdline) \
      || { echo "Node $(node -v) has process.execve, but the app did not restart with its memory settings"; tr "\0" " " < /proc/$pid/cmdline; exit 1; }
    echo "restarted in place with its memory settings: $(tr "\0" " " < /proc/$pid/cmdline)"
  fi
  jar="$DATA/cookies"
  token=$(curl -sf -c "$jar" -b "$jar" http://127.0.0.1:3979/login | sed -n "s/.*name=\"_csrf\" value=\"\([^\"]*\)\".*/\1/p" | head -n 1)
  [ -n "$token" ] || { echo "no sign-in form"; cat "$DATA/app.log"; exit 1; }
  status=$(curl -s -o /dev/null -w "%{http_code} %{redirect_url}" -c "$jar" -b "$jar" \
           --data-urlencode "_csrf=$token" --data-urlencode username=chief --data-urlencode password=Offline-check-2026 \
           http://127.0.0.1:3979/login)
  home=$(curl -s -o /dev/null -w "%{http_code}" -b "$jar" http://127.0.0.1:3979/)
  echo "sign-in: $status; home page: $home"
  kill -TERM "$pid"; wait "$pid" || true
  for _ in $(seq 1 30); do curl -s -o /dev/null http://127.0.0.1:3979/healthz || break; sleep 1; done
  if curl -s -o /dev/null http://127.0.0.1:3979/healthz; then echo "the app did not stop"; exit 1; fi
  echo "stopped"
  [ "$status" = "303 http://127.0.0.1:3979/" ] && [ "$home" = 200 ] || { cat "$DATA/app.log"; exit 1; }
'
echo "== offline install on Node $(PATH=$node_path node -v): migrated, signed in, stopped"
