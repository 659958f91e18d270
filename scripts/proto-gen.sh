#!/usr/bin/env bash
# Regenerates the TypeScript contracts in libs/contracts/src/gen from proto/ (buf + protoc-gen-es from npm).
set -euo pipefail
cd "$(dirname "$0")/../proto"
rm -rf ../libs/contracts/src/gen
npx --no-install buf lint
npx --no-install buf generate
