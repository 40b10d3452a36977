#!/usr/bin/env bash
# Prints a bearer token (RS256 JWT) signed with the development key next to this script.
# Only the dev and test profiles trust that key; see README.md in this folder.
#
#   deploy/dev-jwt/mint-token.sh ROLE [UPN] [PARTNER_ID]
#
#   ROLE        scheduler | nurse | admin | partner (goes into the groups claim)
#   UPN         the user recorded as actor (upn and sub); default ROLE.dev@clinic.test
#   PARTNER_ID  the partner_id claim, for partner tokens
#
# Example: TOKEN=$(deploy/dev-jwt/mint-token.sh nurse nurse.jones@clinic.test)
set -euo pipefail

usage() {
  echo "usage: $0 ROLE [UPN] [PARTNER_ID]   (ROLE: scheduler, nurse, admin or partner)" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 3 ]] || usage
role=$1
upn=${2:-"$role.dev@clinic.test"}
partner_id=${3:-}

[[ $role =~ ^[A-Za-z0-9._-]+$ ]] || usage
case $role in
  scheduler | nurse | admin | partner) ;;
  *) echo "warning: '$role' is not a role of the service; its token will get 403 everywhere" >&2 ;;
esac
if [[ $role == partner && -z $partner_id ]]; then
  echo "warning: a partner token normally carries a PARTNER_ID" >&2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# HAI_JWT_SIGNING_KEY signs with another PKCS#8 PEM key: the benchmark's own, for the prod profile,
# which refuses the development key.
key=${HAI_JWT_SIGNING_KEY:-$here/private-key.pem}
[[ -r $key ]] || { echo "cannot read $key" >&2; exit 1; }

readonly ISSUER=https://hai-refill-scheduler.local/dev
readonly AUDIENCE=hai-refill-scheduler
# The service refuses tokens issued more than an hour ago (mp.jwt.verify.token.age).
readonly LIFETIME_SECONDS=$((60 * 60))

# base64url without padding (RFC 7515), from stdin
b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# a JSON string literal: quotes and backslashes escaped, control characters refused
json_string() {
  local s=$1
  if [[ $s =~ [[:cntrl:]] ]]; then
    echo "control characters are not allowed in '$s'" >&2
    exit 2
  fi
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

iat=$(date +%s)
exp=$((iat + LIFETIME_SECONDS))
jti=$(openssl rand -hex 16)

header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":$(json_string "$ISSUER"),\"aud\":$(json_string "$AUDIENCE"),\"upn\":$(json_string "$upn"),\"sub\":$(json_string "$upn")"
payload+=",\"groups\":[$(json_string "$role")],\"iat\":$iat,\"exp\":$exp,\"jti\":\"$jti\""
if [[ -n $partner_id ]]; then
  payload+=",\"partner_id\":$(json_string "$partner_id")"
fi
payload+="}"

signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$key" -binary | b64url)

printf '%s.%s\n' "$signing_input" "$signature"
