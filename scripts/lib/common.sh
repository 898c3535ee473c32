# Shared by scripts/test, scripts/demo and scripts/build. Source it; it sets -euo pipefail.
set -euo pipefail

PLUMB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLUMB_BUILD_DIR="${PLUMB_BUILD_DIR:-$PLUMB_ROOT/build}"

# Debian 12 packages plumb needs to build, test and run (DESIGN.md, Dependencies).
PLUMB_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libpq-dev libssl-dev libpqxx-dev libcli11-dev libyaml-cpp-dev libspdlog-dev libfmt-dev catch2
  libpg-query-dev nlohmann-json3-dev
  postgresql-15 postgresql-client-15
  libxml2-utils python3-jsonschema
)

log() { printf '==> %s\n' "$*" >&2; }

# Installs only the packages that are missing, so a prepared machine pays nothing.
install_missing_packages() {
  local missing=() package
  for package in "${PLUMB_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing ${missing[*]}"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Configures (once) and builds; ccache is used when it is installed.
build_plumb() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [[ ! -f "$PLUMB_BUILD_DIR/build.ninja" ]]; then
    log "configuring into $PLUMB_BUILD_DIR"
    cmake -S "$PLUMB_ROOT" -B "$PLUMB_BUILD_DIR" -G Ninja "${launcher[@]}" >/dev/null
  fi
  log "building"
  # Progress lines are dropped; a failed build stops here, never running stale binaries.
  local status=0
  cmake --build "$PLUMB_BUILD_DIR" -- -j"$(nproc)" >"$PLUMB_BUILD_DIR/build.log" 2>&1 || status=$?
  grep -vE '^\[[0-9]+/[0-9]+\] ' "$PLUMB_BUILD_DIR/build.log" >&2 || true
  if [[ $status -ne 0 ]]; then log "build failed"; return "$status"; fi
}

# Starts a throwaway server and exports its PG* variables into this shell;
# stop_throwaway_postgres (registered on EXIT by the caller) removes it.
start_throwaway_postgres() {
  eval "$("$PLUMB_ROOT/scripts/pg" start)"
}
stop_throwaway_postgres() {
  [[ -n "${PLUMB_PG_DIR:-}" ]] && "$PLUMB_ROOT/scripts/pg" stop "$PLUMB_PG_DIR" || true
}
