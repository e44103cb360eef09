#!/usr/bin/env python3
"""A read-only container registry on 127.0.0.1 that serves one OCI image layout (what base_image.py writes).

The .NET SDK reads its base image only from a registry (it takes neither a tarball nor a layout folder), so this
serves the pull side of the distribution API: /v2/, manifests by tag or digest, and blobs. Every repository name
resolves to the same layout. Nothing can be pushed.

Usage: registry.py LAYOUT PORT_FILE   (listens on a free port of 127.0.0.1 and writes it to PORT_FILE)
Only the standard library.
"""
import http.server
import json
import os
import re
import sys

ROUTE = re.compile(r"^/v2/(?P<name>.+)/(?P<kind>manifests|blobs)/(?P<reference>[^/]+)$")
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


class Layout:
    def __init__(self, folder):
        self.folder = folder

    def blob_path(self, digest):
        return os.path.join(self.folder, "blobs", "sha256", digest.split(":", 1)[1]) if DIGEST.match(digest) else None

    def manifest(self, reference):
        """The descriptor of a manifest, by tag (index.json annotation) or by digest."""
        with open(os.path.join(self.folder, "index.json")) as f:
            index = json.load(f)
        for descriptor in index["manifests"]:
            if descriptor["digest"] == reference or descriptor.get("annotations", {}).get("org.opencontainers.image.ref.name") == reference:
                return descriptor
        if DIGEST.match(reference) and os.path.isfile(self.blob_path(reference)):
            # A manifest named by an index's entry: its media type is inside it.
            with open(self.blob_path(reference), "rb") as f:
                return {"digest": reference, "mediaType": json.load(f).get("mediaType", "application/vnd.oci.image.manifest.v1+json")}
        return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    layout: Layout

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)

    def answer(self, send_body):
        path = self.path.split("?", 1)[0]
        if path in ("/v2", "/v2/"):
            return self.send(200, "application/json", b"{}", None, send_body)
        match = ROUTE.match(path)
        if not match:
            return self.error(404, "NAME_UNKNOWN", send_body)
        reference = match["reference"]
        if match["kind"] == "manifests":
            descriptor = self.layout.manifest(reference)
            if descriptor is None:
                return self.error(404, "MANIFEST_UNKNOWN", send_body)
            digest, media_type = descriptor["digest"], descriptor["mediaType"]
        else:
            digest, media_type = reference, "application/octet-stream"
        blob = self.layout.blob_path(digest)
        if blob is None or not os.path.isfile(blob):
            return self.error(404, "BLOB_UNKNOWN", send_body)
        with open(blob, "rb") as f:
            self.send(200, media_type, f.read(), digest, send_body)

    def send(self, status, media_type, body, digest, send_body):
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        if digest:
            self.send_header("Docker-Content-Digest", digest)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def error(self, status, code, send_body):
        body = json.dumps({"errors": [{"code": code, "message": code.lower().replace("_", " ")}]}).encode()
        self.send(status, "application/json", body, None, send_body)

    def log_message(self, format, *args):
        sys.stderr.write("registry: " + (format % args) + "\n")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    Handler.layout = Layout(sys.argv[1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port_file = sys.argv[2]
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
