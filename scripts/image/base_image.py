#!/usr/bin/env python3
"""Builds a stand-in for the .NET ASP.NET Core base image from this machine's files, as an OCI image layout.

For machines that cannot reach the official registry (mcr.microsoft.com): CI here, and any offline build host. The
image has what the official aspnet image gives a framework-dependent app: the C and C++ runtimes, OpenSSL, zlib, ICU,
CA certificates and time zones (files of the Debian packages, extracted by the caller into ROOTFS), the .NET and
ASP.NET Core shared runtimes of this machine's SDK, and the non-root user "app" (1654) with its home folder.

Usage: base_image.py ROOTFS DOTNET_ROOT LAYOUT TAG PACKAGES
  ROOTFS       folder holding the extracted Debian packages (dpkg-deb -x)
  DOTNET_ROOT  this machine's .NET installation (its dotnet host, host/fxr and shared/ are copied)
  LAYOUT       output folder: an OCI image layout (oci-layout, index.json, blobs/sha256/...)
  TAG          the tag recorded in index.json (org.opencontainers.image.ref.name)
  PACKAGES     the Debian packages ROOTFS was made of, space-separated (recorded in the image's history)

Only the standard library: no container tool is needed.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

APP_UID = 1654
# Fixed times and owners make the same input give the same layer digests.
EPOCH = 0
SKIPPED_DOCS = ("usr/share/doc/", "usr/share/man/", "usr/share/lintian/", "usr/share/gdb/", "usr/share/info/")


class Blobs:
    """Content-addressed files under LAYOUT/blobs/sha256."""

    def __init__(self, layout):
        self.folder = os.path.join(layout, "blobs", "sha256")
        os.makedirs(self.folder, exist_ok=True)

    def put(self, data):
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(self.folder, digest), "wb") as f:
            f.write(data)
        return "sha256:" + digest, len(data)


def normalized(info):
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    info.mtime = EPOCH
    return info


def add_tree(tar, source, prefix, keep):
    """Adds every entry under source as prefix/..., in sorted order, skipping what keep() refuses."""
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        relative = os.path.relpath(folder, source)
        for name in sorted(dirs) + sorted(files):
            path = os.path.join(folder, name)
            arcname = os.path.normpath(os.path.join(prefix, relative, name))
            if not keep(arcname, os.path.isdir(path) and not os.path.islink(path)):
                continue
            tar.addfile(normalized(tar.gettarinfo(path, arcname)), open(path, "rb") if os.path.isfile(path) and not os.path.islink(path) else None)


def add_file(tar, name, data, mode=0o644, uid=0):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    info.mtime = EPOCH
    info.uid = info.gid = uid
    tar.addfile(info, io.BytesIO(data))


def add_dir(tar, name, mode=0o755, uid=0):
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    info.mode = mode
    info.mtime = EPOCH
    info.uid = info.gid = uid
    tar.addfile(info)


def add_link(tar, name, target):
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    info.mtime = EPOCH
    tar.addfile(info)


def layer(blobs, build):
    """Runs build(tar) into an uncompressed tar, stores it gzipped; returns (descriptor, diff_id)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        build(tar)
    data = raw.getvalue()
    diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
    digest, size = blobs.put(gzip.compress(data, compresslevel=6, mtime=EPOCH))
    return {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest, "size": size}, diff_id


def system_layer(rootfs):
    def keep(arcname, is_dir):
        path = arcname + ("/" if is_dir else "")
        if path.startswith(SKIPPED_DOCS):
            # Keep each package's copyright file: the image redistributes these packages.
            return path.startswith("usr/share/doc/") and (is_dir and path.count("/") <= 4 or arcname.endswith("/copyright"))
        return True

    def build(tar):
        add_tree(tar, rootfs, ".", keep)
        bundle = b""
        mozilla = os.path.join(rootfs, "usr/share/ca-certificates/mozilla")
        for name in sorted(os.listdir(mozilla)):
            with open(os.path.join(mozilla, name), "rb") as f:
                bundle += f.read().rstrip(b"\n") + b"\n"
        add_file(tar, "etc/ssl/certs/ca-certificates.crt", bundle)
        # OpenSSL's compiled-in places (OPENSSLDIR /usr/lib/ssl) lead to the bundle, as the openssl package does.
        add_dir(tar, "usr/lib/ssl")
        add_link(tar, "usr/lib/ssl/certs", "/etc/ssl/certs")
        add_link(tar, "usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt")
        add_link(tar, "etc/localtime", "/usr/share/zoneinfo/Etc/UTC")
        add_file(tar, "etc/passwd", f"root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:{APP_UID}:{APP_UID}::/home/app:/usr/sbin/nologin\n".encode())
        add_file(tar, "etc/group", f"root:x:0:\napp:x:{APP_UID}:\n".encode())
        add_file(tar, "etc/nsswitch.conf", b"passwd: files\ngroup: files\nhosts: files dns\n")
        add_file(tar, "etc/hosts", b"127.0.0.1 localhost\n::1 localhost\n")
        add_dir(tar, "tmp", 0o1777)
        add_dir(tar, "root", 0o700)
        add_dir(tar, "home")
        add_dir(tar, "home/app", 0o755, APP_UID)
        add_dir(tar, "app")
        add_dir(tar, "proc")
        add_dir(tar, "dev")
        add_dir(tar, "sys")
        # ld.so.cache, made by the caller (ldconfig -r), is in ROOTFS/etc already.
    return build


def dotnet_layer(dotnet_root):
    parts = ["host", "shared/Microsoft.NETCore.App", "shared/Microsoft.AspNetCore.App"]

    def build(tar):
        add_dir(tar, "usr/share/dotnet")
        tar.addfile(normalized(tar.gettarinfo(os.path.join(dotnet_root, "dotnet"), "usr/share/dotnet/dotnet")),
                    open(os.path.join(dotnet_root, "dotnet"), "rb"))
        for license_file in ("LICENSE.txt", "ThirdPartyNotices.txt"):
            path = os.path.join(dotnet_root, license_file)
            if os.path.isfile(path):
                tar.addfile(normalized(tar.gettarinfo(path, "usr/share/dotnet/" + license_file)), open(path, "rb"))
        add_dir(tar, "usr/share/dotnet/shared")
        for part in parts:
            add_dir(tar, "usr/share/dotnet/" + part)
            add_tree(tar, os.path.join(dotnet_root, part), "usr/share/dotnet/" + part, lambda name, is_dir: True)
        add_dir(tar, "usr/bin")
        add_link(tar, "usr/bin/dotnet", "/usr/share/dotnet/dotnet")
    return build


def runtime_version(dotnet_root):
    versions = sorted(os.listdir(os.path.join(dotnet_root, "shared/Microsoft.AspNetCore.App")),
                      key=lambda v: [int(p) if p.isdigit() else 0 for p in v.split("-")[0].split(".")])
    return versions[-1]


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    rootfs, dotnet_root, layout, tag, packages = sys.argv[1:]
    blobs = Blobs(layout)
    system, system_id = layer(blobs, system_layer(rootfs))
    dotnet, dotnet_id = layer(blobs, dotnet_layer(dotnet_root))
    version = runtime_version(dotnet_root)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {
            # As the official image: the app user's id is given, the image itself starts as root unless told.
            "Env": [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                f"APP_UID={APP_UID}",
                "ASPNETCORE_HTTP_PORTS=8080",
                "DOTNET_RUNNING_IN_CONTAINER=true",
                f"DOTNET_VERSION={version}",
                f"ASPNET_VERSION={version}",
            ],
            "Cmd": ["/bin/sh"] if os.path.exists(os.path.join(rootfs, "bin/sh")) else None,
        },
        "rootfs": {"type": "layers", "diff_ids": [system_id, dotnet_id]},
        "history": [
            {"created_by": f"Debian packages: {packages}"},
            {"created_by": f".NET and ASP.NET Core runtime {version} of the build machine"},
        ],
    }
    if config["config"]["Cmd"] is None:
        del config["config"]["Cmd"]
    config_digest, config_size = blobs.put(json.dumps(config, sort_keys=True).encode())
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
        "layers": [system, dotnet],
    }
    manifest_digest, manifest_size = blobs.put(json.dumps(manifest, sort_keys=True).encode())
    with open(os.path.join(layout, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    with open(os.path.join(layout, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest, "size": manifest_size,
            "platform": {"architecture": "amd64", "os": "linux"},
            "annotations": {"org.opencontainers.image.ref.name": tag}}]}, f)
    print(f"{layout}: {tag} {manifest_digest} (.NET {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
