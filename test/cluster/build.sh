#!/usr/bin/env bash
# Builds what the cluster tests need, from the Go module proxy, into a cache:
#
#   ${PODPLAN_CLUSTER_CACHE:-$HOME/.cache/podplan/cluster}/<k8s-version>/
#     bin/kube-apiserver   k8s.io/kubernetes/cmd/kube-apiserver
#     bin/etcd             go.etcd.io/etcd/server/v3/etcdmain (tools/etcd)
#     bin/kubectl          k8s.io/kubernetes/cmd/kubectl (for the apply-vs-kubectl benchmark)
#     kueue-crds/<release>/ Kueue's CRDs (sigs.k8s.io/kueue config/components/crd/bases),
#                          one directory per release in KUEUE_VERSIONS (crds/, the
#                          single-release layout of older checkouts, is left alone)
#
# Idempotent: anything already present is skipped, so a warm run takes well
# under a second. A cold build takes many minutes on two cores (see README.md).
# Versions are pinned in versions.env; tools/go.mod is generated from it by
# tools/update-k8s.sh.
#
# Environment:
#   PODPLAN_CLUSTER_CACHE   cache root (default ~/.cache/podplan/cluster)
#   PODPLAN_BUILD_JOBS      parallel compile jobs, passed as go build -p (default 2)
#   --force                 rebuild everything
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$here/versions.env"
: "${K8S_VERSION:?versions.env must set K8S_VERSION}" "${KUEUE_VERSION:?versions.env must set KUEUE_VERSION}" "${KUEUE_VERSIONS:?versions.env must set KUEUE_VERSIONS}"

force=0
[ "${1:-}" = "--force" ] && force=1

cache="${PODPLAN_CLUSTER_CACHE:-$HOME/.cache/podplan/cluster}/${K8S_VERSION}"
bin="$cache/bin"
crds="$cache/kueue-crds"
jobs="${PODPLAN_BUILD_JOBS:-2}"
start=$SECONDS

log() { printf '[cluster build +%4ss] %s\n' "$((SECONDS - start))" "$*"; }

command -v go >/dev/null || { echo "cluster build: Go is not installed (need Go >= 1.25); see test/cluster/README.md" >&2; exit 1; }
export GOTOOLCHAIN=local
export GOFLAGS="-mod=mod -buildvcs=false"

if ! grep -q "k8s.io/kubernetes ${K8S_VERSION}\b" "$here/tools/go.mod"; then
  echo "cluster build: tools/go.mod does not pin k8s.io/kubernetes ${K8S_VERSION}; run test/cluster/tools/update-k8s.sh" >&2
  exit 1
fi

mkdir -p "$bin" "$cache"
log "cache: $cache (k8s ${K8S_VERSION}, kueue ${KUEUE_VERSIONS}, $(go version | cut -d' ' -f3), -p ${jobs})"

# --- kube-apiserver -----------------------------------------------------------
minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
commit="$(sed -n 's/.*"Hash": *"\([0-9a-f]*\)".*/\1/p' "$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/${K8S_VERSION}.info" 2>/dev/null || true)"
version_ldflags=""
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  version_ldflags+=" -X ${pkg}.gitVersion=${K8S_VERSION} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${minor}"
  version_ldflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
  [ -n "$commit" ] && version_ldflags+=" -X ${pkg}.gitCommit=${commit}"
done

build() { # name, package, extra ldflags
  local name="$1" pkg="$2" extra="${3:-}"
  if [ "$force" = 0 ] && [ -x "$bin/$name" ]; then
    log "$name: present, skipping"
    return
  fi
  log "$name: building $pkg ..."
  local t0=$SECONDS
  (cd "$here/tools" && go build -p "$jobs" -trimpath -ldflags="-s -w${extra}" -o "$bin/.$name.tmp" "$pkg")
  mv -f "$bin/.$name.tmp" "$bin/$name"
  log "$name: built in $((SECONDS - t0))s ($(du -h "$bin/$name" | cut -f1))"
}

build etcd ./etcd
build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver "$version_ldflags"
# kubectl of the same release: the side-by-side apply benchmark runs it against the same server.
build kubectl k8s.io/kubernetes/cmd/kubectl "$version_ldflags"

# --- Kueue CRDs -----------------------------------------------------------------
mkdir -p "$crds"
for release in $KUEUE_VERSIONS; do
  dest="$crds/$release"
  if [ "$force" = 0 ] && [ "$(cat "$dest/KUEUE_VERSION" 2>/dev/null || true)" = "$release" ]; then
    log "kueue CRDs ${release}: present, skipping"
    continue
  fi
  log "kueue CRDs ${release}: fetching sigs.k8s.io/kueue from the module proxy ..."
  # Outside any module, so tools/go.mod is untouched.
  dir="$(cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/kueue@${release}" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  src="$dir/config/components/crd/bases"
  [ -d "$src" ] || { echo "cluster build: $src not found" >&2; exit 1; }
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  cp "$src"/*.yaml "$dest.tmp/"
  chmod u+w "$dest.tmp"/*.yaml
  echo "$release" > "$dest.tmp/KUEUE_VERSION"
  rm -rf "$dest" && mv "$dest.tmp" "$dest"
  log "kueue CRDs ${release}: $(ls "$dest"/*.yaml | wc -l) files copied"
done

printf 'K8S_VERSION=%s\nKUEUE_VERSION=%s\nKUEUE_VERSIONS="%s"\n' "$K8S_VERSION" "$KUEUE_VERSION" "$KUEUE_VERSIONS" > "$cache/versions.env"
log "done in $((SECONDS - start))s: $cache"
