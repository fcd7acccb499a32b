#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs on a Debian 12 machine without a Docker daemon or a container
# registry: rootful Podman, debootstrap (the stand-in base images are built from Debian, never pulled) and
# Docker Compose v2 (Debian trixie's build, run against Podman's Docker-compatible API).
# Idempotent; run as root. `.ci/run` calls it; locally: `sudo test/e2e/setup-engine.sh`.
set -euo pipefail

if [[ "$(id -u)" -ne 0 ]]; then
  echo "setup-engine.sh: run as root (it installs Debian packages and writes /etc/containers/containers.conf)" >&2
  exit 1
fi

cache="${AI_PROJEN_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-projen-e2e}"
mkdir -p "$cache/bin"

packages=(podman runc catatonit netavark aardvark-dns debootstrap make git)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Without these two settings every container fails on this machine kind: root lacks CAP_SYS_RESOURCE
# (crun/runc cannot raise RLIMIT_NOFILE beyond the hard limit) and crun rejects hybrid cgroups.
# The settings go to a drop-in file: the machine's own containers.conf stays as it is.
mkdir -p /etc/containers/containers.conf.d
cat >/etc/containers/containers.conf.d/ai-projen-e2e.conf <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"

[network]
network_backend = "netavark"
EOF

# Docker Compose v2: bookworm only has compose 1.29, which rejects current compose files.
if [[ ! -x "$cache/bin/docker-compose" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/archives/partial"
  echo 'deb http://deb.debian.org/debian trixie main' >"$work/sources.list"
  apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::archives=$work/archives" -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq
  (cd "$work" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null)
  dpkg -x "$work"/docker-compose_*.deb "$work/x"
  install -m 0755 "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$cache/bin/docker-compose"
fi

podman --version
"$cache/bin/docker-compose" version
