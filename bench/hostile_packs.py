#!/usr/bin/env python3
"""Makes the hostile packs of bench/README.md ("Hostile packs: content
files one at a time") in the folder given: the same packs
tests/core/memory.rs makes, for measuring by hand with /usr/bin/time -v."""

import hashlib
import json
import os
import sys

MIB = 1024 * 1024


def array_file(pack, name, total, filler):
    """content/NAME: elements that each fail their type (an unknown field
    `zzz` of `filler` letters) filling about `total` bytes."""
    os.makedirs(os.path.join(pack, "content"), exist_ok=True)
    element = lambda i: '{"id":"x%07d","name":{"en":"N"},"zzz":"%s"}' % (i, "a" * filler)
    count = total // (len(element(0)) + 1)
    digest, size = hashlib.sha256(), 0
    with open(os.path.join(pack, "content", name), "wb") as out:
        for i in range(count + 2):
            if i == 0:
                chunk = b"["
            elif i == count + 1:
                chunk = b"]"
            else:
                chunk = (b"," if i > 1 else b"") + element(i - 1).encode()
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return "content/" + name, {"sha256": digest.hexdigest(), "bytes": size}


def manifest(pack, files, extra=""):
    head = json.dumps({
        "format": 1, "pack": "hostile", "version": 1, "title": {"en": "Hostile"},
        "created": "2021-07-05T10:00:00+08:00", "languages": ["en"],
        "files": dict(files),
    })
    with open(os.path.join(pack, "manifest.json"), "w") as out:
        out.write(head[:-1] + extra + "}")


def main(root):
    one = os.path.join(root, "one-250")
    manifest(one, [array_file(one, "exhibitors.json", 250 * MIB, 230)])
    # 500 letters: 480k elements a file, under the million together.
    two = os.path.join(root, "two-250")
    manifest(two, [array_file(two, name, 250 * MIB, 500) for name in ("news.json", "exhibitors.json")])
    # 230 letters: 953k a file, over the million together.
    over = os.path.join(root, "two-250-over-limit")
    manifest(over, [array_file(over, name, 250 * MIB, 230) for name in ("news.json", "exhibitors.json")])
    huge = os.path.join(root, "manifest-16")
    os.makedirs(huge, exist_ok=True)
    zeros = ",".join(["0"] * ((16 * MIB - 1024 - 300) // 2))
    manifest(huge, [], ',"zzz":[' + zeros + "]")
    tiny = os.path.join(root, "tiny")
    os.makedirs(os.path.join(tiny, "media"), exist_ok=True)
    manifest(tiny, [array_file(tiny, "exhibitors.json", 0, 0)])
    for i in range(99_990):
        with open(os.path.join(tiny, "media", "%06d.png" % i), "wb") as out:
            out.write(b"x")


main(sys.argv[1])
