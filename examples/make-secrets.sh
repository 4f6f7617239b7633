#!/usr/bin/env bash
# Regenerates the example TLS Secrets: self-signed certificates valid for ten years, one per listener hostname.
# The keys are throwaway examples; they protect nothing. Run from the examples/ folder.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# secret NAME NAMESPACE(or -) SAN OUTPUT
secret() {
  local name=$1 namespace=$2 san=$3 out=$4
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=${san}" -addext "subjectAltName=DNS:${san}" \
    -keyout "$tmp/key.pem" -out "$tmp/crt.pem" 2>/dev/null
  {
    echo "---"
    echo "apiVersion: v1"
    echo "kind: Secret"
    echo "metadata:"
    echo "  name: ${name}"
    [ "$namespace" = "-" ] || echo "  namespace: ${namespace}"
    echo "type: kubernetes.io/tls"
    echo "data:"
    echo "  tls.crt: $(base64 -w0 < "$tmp/crt.pem")"
    echo "  tls.key: $(base64 -w0 < "$tmp/key.pem")"
  } >> "$out"
}

for f in tls-basic/secrets.yaml wildcard/secrets.yaml cross-namespace/secret.yaml kustomize/base/secret.yaml broken/secrets.yaml; do
  echo "# Example certificates made by examples/make-secrets.sh (throwaway keys, valid ten years)." > "$f"
done
secret foo-example-com-cert web foo.example.com tls-basic/secrets.yaml
secret bar-example-com-cert web bar.example.com tls-basic/secrets.yaml
secret foo-example-com-cert edge foo.example.com wildcard/secrets.yaml
secret wildcard-example-com-cert edge '*.example.com' wildcard/secrets.yaml
secret wildcard-example-com-cert gateway-api-example-ns2 '*.example.com' cross-namespace/secret.yaml
secret shop-example-com-cert - shop.example.com kustomize/base/secret.yaml
# Valid Secrets for the broken listeners, so each broken example shows only its own mistake.
secret b-example-com-cert web b.example.com broken/secrets.yaml
secret d-example-com-cert web d.example.com broken/secrets.yaml
# The Secret that broken/certificate-refs.yaml refers to across namespaces without a matching grant.
echo "# Example certificates made by examples/make-secrets.sh (throwaway keys, valid ten years)." > broken/certs-namespace.yaml
secret shop-example-com-cert certs shop.example.com broken/certs-namespace.yaml

# ca-configmap NAME NAMESPACE CN OUTPUT [leaf]: a ConfigMap with ca.crt (a CA certificate, or a leaf for the broken case).
ca_configmap() {
  local name=$1 namespace=$2 cn=$3 out=$4 kind=${5:-ca}
  local ext="basicConstraints=critical,CA:TRUE"
  [ "$kind" = leaf ] && ext="basicConstraints=critical,CA:FALSE"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=${cn}" -addext "$ext" -keyout "$tmp/key.pem" -out "$tmp/crt.pem" 2>/dev/null
  {
    echo "---"
    echo "apiVersion: v1"
    echo "kind: ConfigMap"
    echo "metadata:"
    echo "  name: ${name}"
    echo "  namespace: ${namespace}"
    echo "data:"
    echo "  ca.crt: |"
    sed 's/^/    /' "$tmp/crt.pem"
  } >> "$out"
}

echo "# CA bundles made by examples/make-secrets.sh (throwaway, valid ten years)." > backend-tls/ca.yaml
ca_configmap auth-ca backend "Example Backend CA" backend-tls/ca.yaml
echo "# CA bundles made by examples/make-secrets.sh (throwaway, valid ten years)." > broken/backend-tls-ca.yaml
ca_configmap not-a-ca backend "leaf.example.com" broken/backend-tls-ca.yaml leaf
