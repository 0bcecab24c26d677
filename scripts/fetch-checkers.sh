#!/usr/bin/env bash
# Fetches the checkers of the deployed generation (promtool/prometheus 3.5.x, amtool/alertmanager
# 0.33.x) from Debian's testing suite and unpacks them into .tools/ (or $CHECKERS_DIR), whose bin/
# the tests put first on their PATH. Debian 12 ships only promtool 2.42 and amtool 0.25.
#
# The system's apt configuration is only read (for the archive's address and keyring): the
# packages are found through a private sources list, state and cache under the tools folder, taken
# with `apt-get download` and unpacked with `dpkg -x`; nothing is installed. Idempotent: when the
# tools are there at the expected versions it only checks them. Exits non-zero, saying why, when
# they cannot be fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="${CHECKERS_DIR:-$PWD/.tools}"
# The system's apt configuration, read only (another root lets a test run without it).
apt_etc="${APT_ETC_DIR:-/etc/apt}"
suite=testing
# package  binary  expected version line (as --version prints it)
checkers=(
  "promtool promtool 3.5."
  "prometheus prometheus 3.5."
  "prometheus-alertmanager amtool 0.33."
  "prometheus-alertmanager prometheus-alertmanager 0.33."
)

fail() { echo "fetch-checkers: $*" >&2; exit 1; }

# The version a binary reports: "promtool, version 3.5.3+ds1 (...)" -> "3.5.3+ds1".
version_of() { "$1" --version 2>&1 | sed -n '1s/^[^,]*, version \([^ ]*\).*/\1/p'; }

all_present() {
  local line pkg bin want v
  for line in "${checkers[@]}"; do
    read -r pkg bin want <<<"$line"
    [[ -x "$tools/bin/$bin" ]] || return 1
    v="$(version_of "$tools/bin/$bin")"
    [[ "$v" == "$want"* ]] || return 1
  done
}

if all_present; then
  exit 0
fi

# The Debian archive the system already uses: deb822 sources first, then the one-line format.
archive_uri() {
  local f
  for f in "$apt_etc"/sources.list.d/*.sources; do
    [[ -r "$f" ]] || continue
    awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' "$f"
  done
  for f in "$apt_etc"/sources.list "$apt_etc"/sources.list.d/*.list; do
    [[ -r "$f" ]] || continue
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\// && $i ~ /\/debian\/?$/) { print $i; exit } }' "$f"
  done
}
uri="$(archive_uri | head -n 1)"
[[ -n "$uri" ]] || fail "no Debian archive (a URI ending in /debian) in $apt_etc/sources.list or $apt_etc/sources.list.d; cannot fetch promtool 3.5.x and amtool 0.33.x"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -r "$keyring" ]] || fail "$keyring is missing (package debian-archive-keyring); cannot verify Debian $suite"

apt_dir="$tools/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/sources.list.d" "$apt_dir/preferences.d" "$tools/debs"
echo "deb [signed-by=$keyring] $uri $suite main" >"$apt_dir/sources.list"
apt_opts=(
  -o "Dir::Etc::sourcelist=$apt_dir/sources.list"
  -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
  -o "Dir::Etc::preferences=$apt_dir/preferences"
  -o "Dir::Etc::preferencesparts=$apt_dir/preferences.d"
  -o "Dir::State::Lists=$apt_dir/lists"
  -o "Dir::Cache=$apt_dir/cache"
  -o "APT::Sandbox::User=$(id -un)"
  -o "Acquire::Languages=none"
)

echo "fetch-checkers: reading Debian $suite from $uri" >&2
apt-get "${apt_opts[@]}" -qq update >&2 || fail "apt-get update of Debian $suite from $uri failed; cannot fetch promtool 3.5.x and amtool 0.33.x"

packages=()
for line in "${checkers[@]}"; do
  read -r pkg bin want <<<"$line"
  [[ " ${packages[*]} " == *" $pkg "* ]] && continue
  v="$(apt-cache "${apt_opts[@]}" show "$pkg/$suite" 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)"
  [[ -n "$v" ]] || fail "Debian $suite has no package $pkg"
  [[ "$v" == "$want"* ]] || fail "Debian $suite has $pkg $v, not the $want* the deployed images are checked with; update scripts/fetch-checkers.sh and the image pins together"
  packages+=("$pkg")
done

rm -rf "$tools/debs" "$tools/root" "$tools/bin"
mkdir -p "$tools/debs" "$tools/root" "$tools/bin"
(cd "$tools/debs" && apt-get "${apt_opts[@]}" -qq download "${packages[@]/%//$suite}" >&2) \
  || fail "apt-get download ${packages[*]} from Debian $suite failed"
for deb in "$tools"/debs/*.deb; do dpkg -x "$deb" "$tools/root"; done

for line in "${checkers[@]}"; do
  read -r pkg bin want <<<"$line"
  [[ -x "$tools/root/usr/bin/$bin" ]] || fail "$pkg from Debian $suite holds no usr/bin/$bin"
  ln -sf "../root/usr/bin/$bin" "$tools/bin/$bin"
done
rm -rf "$tools/debs"
all_present || fail "the unpacked checkers do not run or report other versions than expected: $(for l in "${checkers[@]}"; do read -r p b w <<<"$l"; printf '%s %s; ' "$b" "$(version_of "$tools/bin/$b")"; done)"
for line in "${checkers[@]}"; do
  read -r pkg bin want <<<"$line"
  echo "fetch-checkers: $bin $(version_of "$tools/bin/$bin")" >&2
done
