# Shared by scripts/test, scripts/demo and scripts/build. Source it; it sets -euo pipefail.
set -euo pipefail

PLUMB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLUMB_BUILD_DIR="${PLUMB_BUILD_DIR:-$PLUMB_ROOT/build}"

# Debian 12 packages plumb needs to build, test and run (docs/HACKING.md, Build).
PLUMB_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libpq-dev libpqxx-dev libcli11-dev libyaml-cpp-dev libspdlog-dev libfmt-dev catch2
  libpg-query-dev nlohmann-json3-dev libtree-sitter-dev
  postgresql-15 postgresql-client-15
  libxml2-utils python3-jsonschema python3-yaml
)

log() { printf '==> %s\n' "$*" >&2; }

# Installs only the packages that are missing, so a prepared machine pays
# nothing, then the Ruby grammar (below).
install_missing_packages() {
  install_debian_packages "${PLUMB_PACKAGES[@]}" "$@"
  install_ruby_grammar
}

install_debian_packages() {
  local missing=() package
  for package in "$@"; do
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

# The Ruby grammar for tree-sitter (MIT licence, github.com/tree-sitter/tree-sitter-ruby).
# Debian 12 packages none, so its npm tarball is fetched once with `npm pack`,
# pinned by version and SHA-256, kept in a cache outside git, and its src/
# unpacked into .deps/ (ignored by git), where CMake compiles parser.c and
# scanner.c (CMakeLists.txt, PLUMB_RUBY_GRAMMAR_DIR). Nothing of it is committed.
PLUMB_RUBY_GRAMMAR=tree-sitter-ruby-0.23.1
PLUMB_RUBY_GRAMMAR_SHA256=1f0f0c100e31ddf650962ebb1f1fb8420bdbabccd49582f6e731ea7478db639d
PLUMB_GRAMMAR_CACHE="${PLUMB_GRAMMAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumb}"

install_ruby_grammar() {
  local tarball="$PLUMB_GRAMMAR_CACHE/$PLUMB_RUBY_GRAMMAR.tgz" target="$PLUMB_ROOT/.deps/$PLUMB_RUBY_GRAMMAR"
  [[ -f "$target/src/parser.c" ]] && return 0
  command -v npm >/dev/null || install_debian_packages npm
  mkdir -p "$PLUMB_GRAMMAR_CACHE"
  if [[ ! -f "$tarball" ]]; then
    log "fetching $PLUMB_RUBY_GRAMMAR with npm pack"
    (cd "$PLUMB_GRAMMAR_CACHE" && npm pack --silent "${PLUMB_RUBY_GRAMMAR%-*}@${PLUMB_RUBY_GRAMMAR##*-}" >/dev/null)
  fi
  # A tarball that is not the pinned one is removed, never built.
  if ! echo "$PLUMB_RUBY_GRAMMAR_SHA256  $tarball" | sha256sum --check --status; then
    rm -f "$tarball"
    log "$tarball does not have the pinned SHA-256 $PLUMB_RUBY_GRAMMAR_SHA256 (removed)"
    return 1
  fi
  # Unpacked beside and renamed, so an interrupted run never leaves half a grammar.
  rm -rf "$target" "$target.partial"
  mkdir -p "$target.partial"
  tar -xzf "$tarball" -C "$target.partial" --strip-components=1 package/src package/LICENSE
  mv "$target.partial" "$target"
}

# Configures (once) and builds; ccache is used when it is installed.
# PLUMB_CMAKE_ARGS (an array, optional) adds to the first configuration.
build_plumb() {
  local launcher=() extra=("${PLUMB_CMAKE_ARGS[@]+"${PLUMB_CMAKE_ARGS[@]}"}")
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  if [[ ! -f "$PLUMB_BUILD_DIR/build.ninja" ]]; then
    log "configuring into $PLUMB_BUILD_DIR"
    cmake -S "$PLUMB_ROOT" -B "$PLUMB_BUILD_DIR" -G Ninja "${launcher[@]}" "${extra[@]}" >/dev/null
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
