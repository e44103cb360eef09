#!/usr/bin/env bash
# The silo's container image, built by the .NET SDK (dotnet publish /t:PublishContainer) into an archive: no
# container engine is needed. README "Deployment" explains the options.
#   bash scripts/image.sh                 -> .image/dossier-tracking-silo.tar on the official base image
#                                            (DVC_BASE_IMAGE, default: the SDK's choice, mcr.microsoft.com/dotnet/aspnet:10.0)
#   bash scripts/image.sh --local-base    -> the same on a stand-in base built here from Debian packages and this
#                                            machine's .NET runtime, served by a registry on 127.0.0.1 (no container registry needed;
#                                            the Debian packages come from the machine's apt mirror)
#   --check                               -> then check the archive (scripts/image/check_image.py) and, as root, run the
#                                            silo from its unpacked file system as the image's user: /health/live and
#                                            /health/ready must answer 200, the compose health check must pass inside the
#                                            image, and SIGTERM must end it with exit code 0
# Needs python3 (installed with apt-get when missing) and, for --local-base, apt-get download of Debian packages.
#   --output PATH                         -> the archive's path
# The archive is a tar file (an OCI image layout, or a docker-save archive when the base image is in docker format)
# whose layers are gzip-compressed already: docker load, podman load or skopeo copy read it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

local_base=false
check=false
output="$root/.image/dossier-tracking-silo.tar"
while [ $# -gt 0 ]; do
  case "$1" in
    --local-base) local_base=true ;;
    --check) check=true ;;
    --output) output=$(realpath -m "$2"); shift ;;
    *) echo "unknown argument: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d /tmp/dvc-image.XXXXXX)
registry_pid=""
silo_pid=""
cleanup() {
  if [ -n "$silo_pid" ]; then kill -KILL "$silo_pid" 2>/dev/null || true; wait "$silo_pid" 2>/dev/null || true; fi
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Tools a fresh Debian machine may lack (CI's is one): python3 runs the helpers in scripts/image/.
# The full python3 package: the helpers import json, gzip, tarfile and http.server, which python3-minimal lacks.
if ! python3 -c 'import json, gzip, tarfile, http.server' 2>/dev/null; then
  echo "image: installing python3 (Debian package python3)"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 >/dev/null \
    || { echo "image: python3 is needed and could not be installed (run as root or with sudo, or install python3)" >&2; exit 1; }
fi

publish_args=()
if $local_base; then
  # 1. The files of the Debian packages the official aspnet image is made of (cached in .image/debs), named as this
  #    Debian release names them (ICU's soname and OpenSSL's t64 rename differ between releases).
  debs="$root/.image/debs"
  mkdir -p "$debs"
  if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    # A machine whose package lists were never read (apt-get update needs root).
    apt-get update -qq >"$work/apt.log" 2>&1 || true
  fi
  icu=$(apt-cache pkgnames libicu 2>/dev/null | grep -xE 'libicu[0-9]+' | sort -V | tail -n 1)
  ssl=libssl3
  if apt-cache show libssl3t64 >/dev/null 2>&1; then ssl=libssl3t64; fi
  packages=(libc6 libgcc-s1 libstdc++6 "$ssl" zlib1g "${icu:-libicu72}" ca-certificates tzdata)
  wanted=$(printf '%s\n' "${packages[@]}" | sort)
  cached=$(ls "$debs" 2>/dev/null | sed -n 's/^\([^_]*\)_.*\.deb$/\1/p' | sort)
  if [ "$wanted" != "$cached" ]; then
    rm -f "$debs"/*.deb
    if ! (cd "$debs" && apt-get download -q "${packages[@]}") >>"$work/apt.log" 2>&1; then
      apt-get update -qq >>"$work/apt.log" 2>&1 || true
      (cd "$debs" && apt-get download -q "${packages[@]}") >>"$work/apt.log" 2>&1 \
        || { cat "$work/apt.log" >&2; echo "image: could not download the Debian packages ${packages[*]}" >&2; exit 1; }
    fi
  fi
  mkdir -p "$work/system"
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$work/system"; done
  ldconfig -r "$work/system" 2>/dev/null || true   # ld.so.cache of the image's libraries
  # 2. The base image: those files, this machine's .NET runtime, the user app (1654).
  dotnet_root=$(dirname "$(realpath "$(command -v dotnet)")")
  python3 scripts/image/base_image.py "$work/system" "$dotnet_root" "$work/base" 10.0 "${packages[*]}"
  # 3. A registry on 127.0.0.1 serving it: the SDK reads base images from registries only, and over HTTP only from
  #    those listed in DOTNET_CONTAINER_INSECURE_REGISTRIES.
  python3 scripts/image/registry.py "$work/base" "$work/registry-port" 2>"$work/registry.log" &
  registry_pid=$!
  for _ in $(seq 100); do [ -s "$work/registry-port" ] && break; sleep 0.1; done
  [ -s "$work/registry-port" ] || { cat "$work/registry.log" >&2; echo "image: the local registry did not start" >&2; exit 1; }
  port=$(cat "$work/registry-port")
  export DOTNET_CONTAINER_INSECURE_REGISTRIES="127.0.0.1:$port"
  publish_args+=("-p:ContainerBaseImage=127.0.0.1:$port/dotnet/aspnet:10.0")
elif [ -n "${DVC_BASE_IMAGE:-}" ]; then
  publish_args+=("-p:ContainerBaseImage=$DVC_BASE_IMAGE")
fi

# 4. The image: the framework-dependent silo for linux-x64 on that base, written to the archive.
mkdir -p "$(dirname "$output")"
rm -f "$output"
if ! dotnet publish src/Silo -c Release -r linux-x64 --self-contained false -p:ContainerArchiveOutputPath="$output" \
    "${publish_args[@]}" /t:PublishContainer >"$work/publish.log" 2>&1; then
  tail -n 40 "$work/publish.log" >&2
  echo "image: dotnet publish /t:PublishContainer failed (log above)" >&2
  exit 1
fi
grep -E "Building image|Pushed image" "$work/publish.log" | sed 's/^ */image: /'
[ -s "$output" ] || { echo "image: no archive at $output" >&2; exit 1; }
$check || exit 0

# 5. The archive holds a valid image with the expected settings; unpack its file system.
python3 scripts/image/check_image.py "$output" "$work/run"
if [ "$(id -u)" -ne 0 ]; then
  echo "image: not root, so the silo was not run from the image's file system (mount and chroot need root)"
  exit 0
fi

# 6. Run the entrypoint inside the unpacked file system, as the image's user, in a mount namespace of its own (its
#    /proc and /dev vanish with it). The host's network: ports are picked free on 127.0.0.1.
if ! unshare --mount --propagation private true 2>/dev/null; then
  echo "image: this machine refuses new mount namespaces (a container without CAP_SYS_ADMIN?), so the silo was not run from the image's file system"
  exit 0
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
mapfile -t image_env <"$work/run/env"
mapfile -t entrypoint <"$work/run/entrypoint"
user=$(cut -d: -f1 "$work/run/user")
workdir=$(cat "$work/run/workdir")
rootfs="$work/run/rootfs"
# Outside Development a signing key is required; SQLite in the image's data folder; ports free on this machine.
settings=(Network__GrpcPort="$(free_port)" Network__HttpPort="$http_port" Silo__SiloPort="$(free_port)"
  Silo__GatewayPort="$(free_port)" Health__DrainDelay=00:00:00 HOME=/home/app
  Auth__SigningKeys__0__Id=image-check Auth__SigningKeys__0__Key="$(head -c 32 /dev/urandom | base64 -w0)")
# Runs a command inside the image's file system, with the image's environment plus those settings, as its user. It
# replaces the shell it runs in (so that a signal reaches the command): call it in a subshell, ( ... ) or &.
in_image() {
  exec unshare --mount --propagation private -- bash -c 'mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" && shift && exec "$@"' \
    _ "$rootfs" env -i "${image_env[@]}" "${settings[@]}" \
    unshare --root="$rootfs" --wd="$workdir" --setuid "$user" --setgid "$user" "$@"
}
in_image "${entrypoint[@]}" >"$work/silo.log" 2>&1 &
silo_pid=$!

probe() { python3 - "$1" <<'PY'
import sys, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except Exception as e:
    print(getattr(e, "code", 0))
PY
}
ready=false
for _ in $(seq 120); do
  if ! kill -0 "$silo_pid" 2>/dev/null; then break; fi
  if [ "$(probe "http://127.0.0.1:$http_port/health/ready")" = 200 ]; then ready=true; break; fi
  sleep 1
done
live=$(probe "http://127.0.0.1:$http_port/health/live")
if ! $ready || [ "$live" != 200 ]; then
  tail -n 40 "$work/silo.log" >&2
  echo "image: the silo run from the image did not answer /health/ready and /health/live with 200 within 120 s (log above)" >&2
  exit 1
fi
echo "image: the silo started from the image's file system as user $user: /health/live and /health/ready answer 200"

# 7. The health check of deploy/compose.yaml, run as there: the silo binary's health command, inside the image.
if ! (in_image dotnet "$workdir/DossierTracking.Silo.dll" health) >"$work/health.log" 2>&1; then
  cat "$work/health.log" >&2
  echo "image: the health command inside the image did not exit 0 (output above)" >&2
  exit 1
fi
echo "image: the health check of deploy/compose.yaml passes inside the image: $(tail -n 1 "$work/health.log")"

# 8. A stop as an orchestrator does it (SIGTERM) ends it cleanly.
kill -TERM "$silo_pid"
code=0
for _ in $(seq 60); do kill -0 "$silo_pid" 2>/dev/null || break; sleep 1; done
wait "$silo_pid" || code=$?
silo_pid=""
if [ "$code" -ne 0 ]; then
  tail -n 40 "$work/silo.log" >&2
  echo "image: the silo exited with $code after SIGTERM (log above)" >&2
  exit 1
fi
echo "image: stopped by SIGTERM with exit code 0"
