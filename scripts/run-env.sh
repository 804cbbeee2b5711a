#!/usr/bin/env bash
# The environment `make run` serves with, as shell assignments: scripts/run-env.sh HOST PORT.
# SITE_URL (the base of links in emails) follows the address served unless it is set already.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
case $host in
  0.0.0.0 | :: | "[::]") link_host=127.0.0.1 ;; # every interface: this machine's own address
  *:*) link_host="[$host]" ;;                     # a bare IPv6 address
  *) link_host=$host ;;
esac
site_url=${SITE_URL:-http://$link_host:$port}
printf 'export SITE_URL=%q\n' "$site_url"
