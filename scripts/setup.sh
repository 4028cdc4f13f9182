#!/usr/bin/env bash
# Installs everything credgate's build, demo and tests need, from the package registries only:
# the wasm32 target and the standard library's sources, wasm-bindgen-cli at exactly the version of the wasm-bindgen crate,
# Debian's chromium and chromium-driver, and the npm packages in package-lock.json.
# Idempotent: what is already there is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# The version pinned in Cargo.toml (`wasm-bindgen = "=X.Y.Z"`): the CLI must match it exactly.
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The package's .wasm builds the standard library from its sources (scripts/build-pkg.sh).
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION"
  cargo install --locked wasm-bindgen-cli --version "=$WB_VERSION"
fi

if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ -f package-lock.json ]; then
  if ! [ -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    # No package may download a browser of its own: the tests use /usr/bin/chromium.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
fi
say "ready"
