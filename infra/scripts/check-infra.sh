#!/usr/bin/env bash
# Checks what can be checked of infra/ without Docker or a Kubernetes cluster:
# - every infra/nats/*.conf and the Kubernetes NATS ConfigMap parse with the real nats-server and
#   keep `sync_interval: always`; the ConfigMap has the settings of nats-1.conf;
# - compose.yaml and every manifest under k8s/ are valid YAML, with the expected objects;
# - when installed: the compose file against the Compose Specification (check-jsonschema), the
#   manifests against the Kubernetes schemas (kubernetes-validate), `kustomize build`, and
#   ShellCheck on the scripts.
# The cluster itself is run by check-nats-cluster.sh.
set -euo pipefail
SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPTS/lib/common.sh"
ANBU_LOG_TAG=check-infra
# kustomize comes from `go install`, like nats-server.
PATH="$PATH:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
INFRA="$ANBU_ROOT/infra"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/anbu-check-infra.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

find_nats_server() {
  local bin=${NATS_SERVER_BIN:-$(go env GOPATH 2>/dev/null)/bin/nats-server}
  [ -x "$bin" ] || bin=$(command -v nats-server || true)
  [ -n "$bin" ] || die "nats-server not found (set NATS_SERVER_BIN)"
  echo "$bin"
}

check_nats_configs() {
  local bin=$1 conf
  for conf in "$INFRA"/nats/*.conf; do
    "$bin" -t -c "$conf" >/dev/null 2>&1 || die "$conf: $("$bin" -t -c "$conf" 2>&1)"
    grep -Eq '^[[:space:]]*sync_interval:[[:space:]]*always' "$conf" || die "$conf: no sync_interval: always"
    log "ok ${conf#"$ANBU_ROOT"/}"
  done
}

# The ConfigMap's nats.conf must parse and say what nats-1.conf says, apart from the lines that
# differ by design (server name, routes, pid file).
check_k8s_nats_config() {
  local bin=$1
  python3 - "$INFRA/k8s/nats/config.yaml" >"$WORK/k8s-nats.conf" <<'EOF'
import sys, yaml
print(yaml.safe_load(open(sys.argv[1]))["data"]["nats.conf"])
EOF
  POD_NAME=nats-0 "$bin" -t -c "$WORK/k8s-nats.conf" >/dev/null 2>&1 ||
    die "k8s/nats/config.yaml: $(POD_NAME=nats-0 "$bin" -t -c "$WORK/k8s-nats.conf" 2>&1)"
  settings() {
    grep -Ev '^[[:space:]]*(#|$)|server_name|nats-route://|pid_file' "$1" | sed -E 's/^[[:space:]]+//'
  }
  if ! diff <(settings "$INFRA/nats/nats-1.conf") <(settings "$WORK/k8s-nats.conf") >"$WORK/diff"; then
    cat "$WORK/diff" >&2
    die "k8s/nats/config.yaml and nats/nats-1.conf differ (< nats-1.conf, > ConfigMap)"
  fi
  log "ok infra/k8s/nats/config.yaml (parses, same settings as nats-1.conf)"
}

check_yaml() {
  python3 - "$INFRA" <<'EOF'
import pathlib, sys, yaml
infra = pathlib.Path(sys.argv[1])
compose = yaml.safe_load((infra / "compose.yaml").read_text())
services = set(compose["services"])
expected = {"postgres", "nats-1", "nats-2", "nats-3", "households", "donations", "matching", "dispatch", "care", "gateway"}
assert services == expected, f"compose services: {sorted(services)}"
for name in ("nats-1", "nats-2", "nats-3"):
    mounts = compose["services"][name]["volumes"]
    assert f"./nats/{name}.conf:/etc/nats/nats.conf:ro" in mounts, f"{name} does not mount its config"
print(f"[check-infra] ok infra/compose.yaml ({len(services)} services)", file=sys.stderr)
kinds = {}
for path in sorted((infra / "k8s").rglob("*.yaml")):
    for doc in yaml.safe_load_all(path.read_text()):
        if doc and "kind" in doc and path.name != "kustomization.yaml":
            kinds.setdefault(doc["kind"], []).append(doc["metadata"]["name"])
deployments = set(kinds.get("Deployment", []))
assert deployments == {"households", "donations", "matching", "dispatch", "care", "gateway"}, deployments
assert kinds.get("StatefulSet") == ["nats"], kinds.get("StatefulSet")
assert set(kinds.get("PodDisruptionBudget", [])) >= deployments | {"nats"}
summary = ", ".join(f"{len(v)} {k}" for k, v in sorted(kinds.items()))
print(f"[check-infra] ok infra/k8s: {summary}", file=sys.stderr)
EOF
}

optional_tool() {
  local name=$1
  command -v "$name" >/dev/null && return 0
  warn "$name not installed: skipped (pip install check-jsonschema kubernetes-validate; go install sigs.k8s.io/kustomize/kustomize/v5)"
  return 1
}

check_schemas() {
  if optional_tool check-jsonschema; then
    check-jsonschema --builtin-schema vendor.compose-spec "$INFRA/compose.yaml" >/dev/null
    log "ok infra/compose.yaml against the Compose Specification"
  fi
  if optional_tool kubernetes-validate; then
    find "$INFRA/k8s" -name '*.yaml' ! -name kustomization.yaml -print0 |
      xargs -0 kubernetes-validate --strict --quiet
    log "ok infra/k8s against the Kubernetes schemas (strict)"
  fi
  if optional_tool kustomize; then
    kustomize build "$INFRA/k8s" >"$WORK/k8s.yaml"
    log "ok kustomize build infra/k8s ($(grep -c '^kind:' "$WORK/k8s.yaml") objects)"
  fi
  if optional_tool shellcheck; then
    (cd "$SCRIPTS" && shellcheck -x -P SCRIPTDIR start-*.sh stop-*.sh check-*.sh lib/*.sh)
    log "ok shellcheck infra/scripts"
  fi
}

main() {
  local bin
  bin=$(find_nats_server)
  check_nats_configs "$bin"
  check_k8s_nats_config "$bin"
  check_yaml
  check_schemas
  log "all checks passed"
}

main "$@"
