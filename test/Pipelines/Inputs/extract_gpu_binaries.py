#!/usr/bin/env python3
"""Writes the objects of the gpu.binary ops of an MLIR file (as
tessera-vulkan-pipeline prints them) to <prefix>.<n>, so that tools such as
spirv-val can check them. MLIR prints a string attribute's non-printable
bytes and quotes as \\XX (two hex digits), a backslash as \\\\."""
import re
import sys


def decode(literal):
    out = bytearray()
    i = 0
    while i < len(literal):
        c = literal[i]
        if c == "\\" and literal[i + 1] == "\\":
            out.append(ord("\\"))
            i += 2
        elif c == "\\":
            out.append(int(literal[i + 1:i + 3], 16))
            i += 3
        else:
            out.extend(c.encode())
            i += 1
    return bytes(out)


def main():
    text = open(sys.argv[1]).read()
    count = 0
    for line in text.splitlines():
        if "gpu.binary" not in line:
            continue
        match = re.search(r'#gpu\.object<.*?, "((?:[^"\\]|\\[0-9A-Fa-f]{2}|\\\\)*)"',
                          line)
        if not match:
            sys.exit("cannot find the object of: " + line[:120])
        with open("%s.%d" % (sys.argv[2], count), "wb") as f:
            f.write(decode(match.group(1)))
        count += 1
    if count == 0:
        sys.exit("no gpu.binary in " + sys.argv[1])
    print("%d binaries" % count)


if __name__ == "__main__":
    main()
