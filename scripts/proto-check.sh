#!/usr/bin/env bash
# Fails when the committed generated contracts differ from what proto/ generates now.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root/proto"
npx --no-install buf lint
sed "s#out: ../libs/contracts/src/gen#out: $tmp/gen#" buf.gen.yaml > "$tmp/buf.gen.yaml"
npx --no-install buf generate --template "$tmp/buf.gen.yaml"
if ! diff -r "$tmp/gen" "$root/libs/contracts/src/gen" >/dev/null; then
  echo "Generated contracts are out of date with proto/. Run: npm run proto:gen" >&2
  diff -r "$tmp/gen" "$root/libs/contracts/src/gen" >&2 || true
  exit 1
fi
echo "contracts: generated code matches proto/"
