#!/usr/bin/env bash
# Regenerates reference/<kueue version>/*.json: runs every case (or the ones
# named, comma-separated, in $1) through real Kueue twice and keeps as
# comparable only the steps whose outcome both runs agree on; the others are
# stored marked `unstable`. Needs Go and the binaries of test/cluster/build.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=../cluster/versions.env
source "$repo/test/cluster/versions.env"
cache="${PODPLAN_CLUSTER_CACHE:-$HOME/.cache/podplan/cluster}/$K8S_VERSION"
bin="${KUBEBUILDER_ASSETS:-$cache/bin}"
only="${1:-}"

for b in kube-apiserver etcd; do
  [ -x "$bin/$b" ] || { echo "regenerate: $bin/$b is missing; run test/cluster/build.sh first" >&2; exit 1; }
done

cd "$here"
export GOTOOLCHAIN=local
kueue_dir="$(go list -m -f '{{.Dir}}' sigs.k8s.io/kueue)"
kueue_version="$(go list -m -f '{{.Version}}' sigs.k8s.io/kueue)"
[ "$kueue_version" = "$KUEUE_VERSION" ] || { echo "regenerate: go.mod has Kueue $kueue_version, versions.env $KUEUE_VERSION" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "building the driver…"
nice go build -o "$work/kueue-diff" .

args=(-bin "$bin" -crds "$kueue_dir/config/components/crd/bases" -cases "$here/cases")
[ -n "$only" ] && args+=(-only "$only")
for run in 1 2; do
  echo "run $run of 2…"
  "$work/kueue-diff" run "${args[@]}" -out "$work/run$run"
done
"$work/kueue-diff" merge -a "$work/run1" -b "$work/run2" -out "$here/reference/$KUEUE_VERSION"
