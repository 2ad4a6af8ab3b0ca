#!/usr/bin/env bash
# kube-apiserver, etcd and kubectl for the operator's tests (fabric8 kube-api-test), with no download
# from the internet. kube-api-test looks for them in
#   $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64/{etcd,kube-apiserver,kubectl}
# and this step fills $BALANCE_TOOLS/kube-api-test/k8s/1.20.2-linux-amd64 from Debian bookworm:
#   etcd            package etcd-server 3.4.x, unpacked (not installed: its postinst could start a daemon)
#   kubectl         package kubernetes-client 1.20.2, unpacked (not installed: no clash with another kubectl)
#   kube-apiserver  built once from source package kubernetes 1.20.2 (vendor/ included) with golang-1.19-go,
#                   offline (GOPROXY=off, CGO_ENABLED=0): about 8-15 minutes on 2 cores.
# Later runs find the cache and do nothing. Delete the version directory to rebuild.
# Steps run in subshells and cannot export: the variables the tests need go to
# $BALANCE_TOOLS/env/kube-api-test.env (KEY=VALUE lines), which scripts/test.sh exports before Maven.
set -euo pipefail

K8S_VERSION=1.20.2
TOOLS="${BALANCE_TOOLS:-$HOME/.cache/balance}"
TEST_DIR="$TOOLS/kube-api-test"
BIN_DIR="$TEST_DIR/k8s/$K8S_VERSION-linux-amd64"
STAMP="$BIN_DIR/.provisioned"
STAMP_TEXT="balance kube-api-test binaries v1: kube-apiserver $K8S_VERSION (source package kubernetes), etcd (etcd-server), kubectl (kubernetes-client)"
ENV_FILE="$TOOLS/env/kube-api-test.env"
GO_PKG=golang-1.19-go
GOROOT_DIR=/usr/lib/go-1.19
REFLECT2_PKG=golang-github-modern-go-reflect2-dev
REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2

log() { echo "[kube-apiserver] $*"; }
die() { echo "[kube-apiserver] FAILED: $*" >&2; exit 1; }

write_env() {
  mkdir -p "$(dirname "$ENV_FILE")"
  local tmp_env="$ENV_FILE.tmp.$$"
  {
    echo "# written by scripts/provision/20-kube-apiserver.sh; read by scripts/test.sh"
    printf 'KUBE_API_TEST_DIR=%q\n' "$TEST_DIR"
    printf 'KUBE_API_TEST_API_SERVER_VERSION=%q\n' "$K8S_VERSION"
  } >"$tmp_env"
  mv -f "$tmp_env" "$ENV_FILE"
}

is_cached() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ] || return 1
  local b
  for b in etcd kube-apiserver kubectl; do
    [ -f "$BIN_DIR/$b" ] && [ -x "$BIN_DIR/$b" ] || return 1
  done
}

if is_cached; then
  write_env
  log "cached: $BIN_DIR"
  exit 0
fi

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] \
  || die "only linux/amd64 is provided for (this is $(uname -s)/$(uname -m))"
[ "$(id -u)" = 0 ] || die "installing Debian packages needs root (run as root, as CI does)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this step needs Debian bookworm's packages"

mkdir -p "$TEST_DIR/k8s"
# One provisioning at a time per cache (two work trees may share it).
exec 9>"$TOOLS/.kube-apiserver.lock"
flock 9
if is_cached; then
  write_env
  log "cached (provisioned by a concurrent run): $BIN_DIR"
  exit 0
fi

started=$SECONDS
log "provisioning kube-apiserver/etcd/kubectl $K8S_VERSION into $BIN_DIR (first time only; the build takes ~8-15 min on 2 cores)"

work="$(mktemp -d "${TMPDIR:-/tmp}/balance-kube-apiserver.XXXXXX")"
cleanup() {
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Debian packages for the build (installed only when missing) ---------------------------------
is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
log "apt-get update"
apt-get update -qq || die "apt-get update failed"
missing=()
for pkg in "$GO_PKG" "$REFLECT2_PKG" rsync make dpkg-dev; do
  is_installed "$pkg" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
[ -x "$GOROOT_DIR/bin/go" ] || die "$GOROOT_DIR/bin/go missing after installing $GO_PKG"
[ -f "$REFLECT2_SRC/reflect2.go" ] || die "$REFLECT2_SRC missing after installing $REFLECT2_PKG"

# --- etcd and kubectl: unpack Debian's binary packages --------------------------------------------
stage="$work/stage"
mkdir -p "$work/debs" "$work/root" "$stage"
log "downloading Debian packages etcd-server and kubernetes-client"
(cd "$work/debs" && apt-get download -q -o APT::Sandbox::User=root etcd-server kubernetes-client >/dev/null) \
  || die "apt-get download etcd-server kubernetes-client failed"
for deb in "$work"/debs/*.deb; do
  dpkg-deb -x "$deb" "$work/root" || die "cannot unpack $deb"
done
install -m 0755 "$work/root/usr/bin/etcd" "$stage/etcd" || die "etcd-server has no /usr/bin/etcd"
install -m 0755 "$work/root/usr/bin/kubectl" "$stage/kubectl" || die "kubernetes-client has no /usr/bin/kubectl"
kubectl_version="$("$stage/kubectl" version --client 2>&1)" || die "kubectl version --client fails: $kubectl_version"
[[ "$kubectl_version" == *"GitVersion:\"v$K8S_VERSION\""* ]] \
  || die "Debian's kubernetes-client is not kubectl v$K8S_VERSION: $kubectl_version"

# --- kube-apiserver: build Debian's kubernetes source package --------------------------------------
# deb-src entries live in a private apt state under $work, so the system's apt sources stay as they are.
apt_dir="$work/apt"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$apt_dir/sources.list.d/debian-src.sources"
else
  cat >"$apt_dir/sources.list.d/debian-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi
apt_src=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
log "fetching Debian source package kubernetes"
apt-get "${apt_src[@]}" update -qq || die "apt-get update (deb-src) failed"
mkdir -p "$work/src"
(cd "$work/src" && apt-get "${apt_src[@]}" source -qq kubernetes >/dev/null) \
  || die "apt-get source kubernetes failed"
src_dir="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -1)"
[ -n "$src_dir" ] && [ -d "$src_dir/vendor" ] || die "the kubernetes source package has no vendor/ directory"
grep -qF "'tag: v$K8S_VERSION'" "$src_dir/hack/lib/version.sh" \
  || die "the kubernetes source package is not v$K8S_VERSION ($(basename "$src_dir"))"

# The vendored github.com/modern-go/reflect2 1.0.1 crashes at run time under Go >= 1.18:
# replace it with Debian's 1.0.2.
log "replacing vendored github.com/modern-go/reflect2 1.0.1 with Debian's $(dpkg-query -W -f='${Version}' "$REFLECT2_PKG")"
rm -rf "$src_dir/vendor/github.com/modern-go/reflect2"
mkdir -p "$src_dir/vendor/github.com/modern-go/reflect2"
find "$REFLECT2_SRC" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' -o -name LICENSE \) ! -name '*_test.go' \
  -exec cp {} "$src_dir/vendor/github.com/modern-go/reflect2/" \;
sed -i 's#github.com/modern-go/reflect2 v1.0.1#github.com/modern-go/reflect2 v1.0.2#g' \
  "$src_dir/go.mod" "$src_dir/vendor/modules.txt"

log "building kube-apiserver with $("$GOROOT_DIR/bin/go" version | cut -d' ' -f3) (make WHAT=cmd/kube-apiserver)"
build_started=$SECONDS
mkdir -p "$work/home" "$work/gocache"
if ! (cd "$src_dir" && env PATH="$GOROOT_DIR/bin:$PATH" HOME="$work/home" GOCACHE="$work/gocache" \
    CGO_ENABLED=0 GOPROXY=off GOFLAGS= GOTOOLCHAIN=local \
    make WHAT=cmd/kube-apiserver >"$work/build.log" 2>&1); then
  tail -n 40 "$work/build.log" >&2
  die "make WHAT=cmd/kube-apiserver failed (last 40 lines above)"
fi
sed -n '/^+++ .*Building go targets/{n;s/^ */[kube-apiserver]   built /;p}' "$work/build.log" || true
log "build took $((SECONDS - build_started)) s"
built="$src_dir/_output/local/bin/linux/amd64/kube-apiserver"
[ -f "$built" ] || built="$src_dir/_output/bin/kube-apiserver"
[ -f "$built" ] || die "make finished but no kube-apiserver binary was found under _output"
install -m 0755 "$built" "$stage/kube-apiserver"

# --- check they run, then install in one move -------------------------------------------------------
etcd_version="$("$stage/etcd" --version 2>&1)" || die "etcd --version fails: $etcd_version"
apiserver_version="$("$stage/kube-apiserver" --version 2>&1)" || die "kube-apiserver --version fails: $apiserver_version"
[ "$apiserver_version" = "Kubernetes v$K8S_VERSION" ] \
  || die "kube-apiserver --version is not v$K8S_VERSION: $apiserver_version"
log "${etcd_version%%$'\n'*}; kube-apiserver $apiserver_version; kubectl v$K8S_VERSION"
echo "$STAMP_TEXT" >"$stage/.provisioned"
rm -rf "$BIN_DIR.old"
[ -e "$BIN_DIR" ] && mv "$BIN_DIR" "$BIN_DIR.old"
mkdir -p "$(dirname "$BIN_DIR")"
cp -a "$stage" "$BIN_DIR.new" && mv "$BIN_DIR.new" "$BIN_DIR" || die "cannot install into $BIN_DIR"
rm -rf "$BIN_DIR.old"
write_env
log "removing the build directory"
cleanup
trap - EXIT
log "done in $((SECONDS - started)) s: $BIN_DIR"
