#!/usr/bin/env python3
"""Checks an image archive written by the .NET SDK (ContainerArchiveOutputPath) and unpacks its file system.

Checks: the archive is an OCI image layout (index.json) or a docker-save archive (manifest.json); the manifest, the
config and every layer are present with the digests and sizes named; each layer's uncompressed digest is its diff_id;
the config has an entrypoint that starts the silo, a working directory, a non-root user and the silo's ports (5000,
5001, 11111, 30000); the app's layer (the last) holds DossierTracking.Silo.dll in that working directory.
Then the layers are unpacked in order into OUT/rootfs, and the entrypoint, environment, user and working directory
are written to OUT (entrypoint, env: one item a line; user, workdir) for scripts/image.sh to run the app from them.

Usage: check_image.py ARCHIVE OUT
Exit code 1 with a message saying what is wrong. Only the standard library.
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

PORTS = ["5000/tcp", "5001/tcp", "11111/tcp", "30000/tcp"]
APP = "DossierTracking.Silo.dll"


class Invalid(Exception):
    pass


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read(archive, name):
    try:
        member = archive.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise Invalid(f"the archive has no {name}")
    return member.read()


def blob(archive, descriptor):
    digest = descriptor["digest"]
    data = read(archive, "blobs/" + digest.replace(":", "/"))
    if sha256(data) != digest or len(data) != descriptor["size"]:
        raise Invalid(f"blob {digest} does not match its digest or size")
    return data


def image_parts(archive):
    """(config, [(media type, layer bytes)]) of the archive's single image."""
    names = set(archive.getnames())
    if "index.json" in names:
        if "oci-layout" not in names:
            raise Invalid("index.json without oci-layout")
        index = json.loads(read(archive, "index.json"))
        manifests = index.get("manifests", [])
        if len(manifests) != 1:
            raise Invalid(f"expected one image in index.json, found {len(manifests)}")
        manifest = json.loads(blob(archive, manifests[0]))
        if manifest.get("schemaVersion") != 2:
            raise Invalid("the manifest is not schema version 2")
        config = json.loads(blob(archive, manifest["config"]))
        layers = [(layer["mediaType"], blob(archive, layer)) for layer in manifest["layers"]]
        return config, layers
    if "manifest.json" in names:
        manifest = json.loads(read(archive, "manifest.json"))
        if len(manifest) != 1:
            raise Invalid(f"expected one image in manifest.json, found {len(manifest)}")
        config = json.loads(read(archive, manifest[0]["Config"]))
        layers = [("application/vnd.docker.image.rootfs.diff.tar", read(archive, name)) for name in manifest[0]["Layers"]]
        return config, layers
    raise Invalid("neither index.json (OCI) nor manifest.json (docker) in the archive")


def check_config(config, layers):
    settings = config.get("config", {})
    if config.get("os") != "linux" or config.get("architecture") != "amd64":
        raise Invalid(f"platform {config.get('os')}/{config.get('architecture')}, expected linux/amd64")
    if not settings.get("Entrypoint"):
        raise Invalid("the config has no Entrypoint")
    if not any(part == APP or part.endswith("/" + APP) or part.endswith("/" + APP[:-4]) for part in settings["Entrypoint"]):
        raise Invalid(f"the Entrypoint {settings['Entrypoint']} does not start {APP}")
    if not settings.get("WorkingDir"):
        raise Invalid("the config has no WorkingDir")
    user = str(settings.get("User", ""))
    if user.split(":")[0] in ("", "0", "root"):
        raise Invalid(f"the image runs as root (User '{user}'): set ContainerUser")
    missing = [port for port in PORTS if port not in settings.get("ExposedPorts", {})]
    if missing:
        raise Invalid(f"ports not exposed: {', '.join(missing)}")
    diff_ids = config.get("rootfs", {}).get("diff_ids", [])
    if len(diff_ids) != len(layers):
        raise Invalid(f"{len(layers)} layers but {len(diff_ids)} diff_ids")
    for (media_type, data), diff_id in zip(layers, diff_ids):
        raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        if sha256(raw) != diff_id:
            raise Invalid(f"a layer's content does not match diff_id {diff_id}")
    app_layer = gzip.decompress(layers[-1][1]) if layers[-1][1][:2] == b"\x1f\x8b" else layers[-1][1]
    with tarfile.open(fileobj=io.BytesIO(app_layer)) as tar:
        names = {os.path.normpath(name.lstrip("/")) for name in tar.getnames()}
    expected = os.path.normpath(os.path.join(settings["WorkingDir"], APP).lstrip("/"))
    if expected not in names:
        raise Invalid(f"the app's layer has no {expected}")


def unpack(layers, rootfs, workdir):
    if os.path.exists(rootfs):
        shutil.rmtree(rootfs)
    os.makedirs(rootfs)
    for index, (_, data) in enumerate(layers):
        path = os.path.join(workdir, f"layer{index}.tar")
        with open(path, "wb") as f:
            f.write(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
        with tarfile.open(path) as tar:
            if any(os.path.basename(name).startswith(".wh.") for name in tar.getnames()):
                raise Invalid("a layer deletes files (whiteouts): unpacking it is not supported here")
        # GNU tar keeps owners (as root), modes and links exactly as the layer says.
        subprocess.run(["tar", "-xf", path, "-C", rootfs, "--numeric-owner"], check=True)
        os.remove(path)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    archive_path, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    try:
        with tarfile.open(archive_path) as archive:
            config, layers = image_parts(archive)
        check_config(config, layers)
        unpack(layers, os.path.join(out, "rootfs"), out)
    except (Invalid, tarfile.TarError, KeyError, ValueError) as e:
        print(f"{archive_path}: not a valid image: {e}", file=sys.stderr)
        return 1
    settings = config["config"]
    with open(os.path.join(out, "entrypoint"), "w") as f:
        f.write("\n".join(settings["Entrypoint"] + (settings.get("Cmd") or [])) + "\n")
    with open(os.path.join(out, "env"), "w") as f:
        f.write("\n".join(settings.get("Env", [])) + "\n")
    with open(os.path.join(out, "user"), "w") as f:
        f.write(str(settings["User"]) + "\n")
    with open(os.path.join(out, "workdir"), "w") as f:
        f.write(settings["WorkingDir"] + "\n")
    print(f"{archive_path}: valid image, {len(layers)} layers, entrypoint {settings['Entrypoint']}, "
          f"user {settings['User']}, ports {' '.join(sorted(settings['ExposedPorts']))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
