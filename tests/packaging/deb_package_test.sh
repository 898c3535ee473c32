#!/usr/bin/env bash
# The Debian package as a user receives it: packs the build with CPack
# (stripped) into a temporary folder, reads it with dpkg-deb -I (Depends)
# and -c (paths), extracts it, and runs the extracted binary. Never installs
# it. Usage: deb_package_test.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack -G DEB -B "$work" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/plumb_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || fail "cpack wrote no plumb_*.deb"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

info=$(dpkg-deb -I "$deb")
depends=$(grep '^ Depends:' <<<"$info" | sed 's/^ Depends: //') || fail "no Depends in: $info"
echo "Depends: $depends"
for package in libc6 libgcc-s1 libpq5; do
  grep -q "\b$package\b" <<<"$depends" || fail "Depends lacks $package"
done

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/plumb ./usr/share/man/man1/plumb.1.gz ./usr/share/bash-completion/completions/plumb \
            ./usr/share/doc/plumb/copyright; do
  grep -q " $path\$" <<<"$contents" || fail "the package lacks $path: $contents"
done

dpkg-deb -x "$deb" "$work/root"
plumb="$work/root/usr/bin/plumb"
version=$("$plumb" --version) || fail "the extracted plumb --version failed"
[[ $version == "plumb "* ]] || fail "unexpected version line: $version"
echo "$version"
! readelf -S "$plumb" | grep -q '\.debug_info' || fail "the packaged binary carries debug information"
grep -q 'tree-sitter-ruby' "$work/root/usr/share/doc/plumb/copyright" || fail "copyright lacks the Ruby grammar's notice"
for library in libpqxx libpg-query libyaml-cpp libtree-sitter libspdlog libfmt; do
  [[ -s $work/root/usr/share/doc/plumb/third-party/$library.copyright ]] || fail "the package lacks $library's notice"
done
zcat "$work/root/usr/share/man/man1/plumb.1.gz" | grep -q '^\.SH EXIT STATUS' || fail "the man page has no EXIT STATUS"
bash -n "$work/root/usr/share/bash-completion/completions/plumb" || fail "the completion script does not parse"

# Every shared library the binary needs comes from a package in Depends.
for library in $(readelf -d "$plumb" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  owner=$(dpkg -S "*/$library" 2>/dev/null | grep -v -- '-dev' | grep -v 'lib32\|libx32\|i386' | head -1 | cut -d: -f1)
  [[ -n $owner ]] || fail "no package owns $library"
  grep -q "\b$owner\b" <<<"$depends" || fail "$library comes from $owner, which Depends does not name"
done
# libpq comes when a command connects, not before: lint loads no libpq.
mkdir "$work/migrations"
printf -- '-- plumb:up\nCREATE TABLE t (id bigint);\n' >"$work/migrations/001_t.sql"
loaded=$(LD_DEBUG=files "$plumb" lint --migrations "$work/migrations" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u)
[[ $loaded == *libc.so.6* ]] || fail "LD_DEBUG=files named no library: $loaded"
! grep -q 'libpq' <<<"$loaded" || fail "plumb lint loaded libpq: $loaded"
echo "ok"
