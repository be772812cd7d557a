"""Copies an artifact directory and breaks it, for the runtime's error tests.

  mutate-artifact.py SRC DST 'PYTHON'

PYTHON runs with `m`, the parsed manifest.json (written back afterwards),
and `edit(path, old, new)`, which replaces text in a file of the copy.
"""
import json
import os
import shutil
import sys

src, dst, code = sys.argv[1:]
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(src, dst)
with open(os.path.join(dst, "manifest.json")) as f:
    m = json.load(f)


def edit(path, old, new):
    path = os.path.join(dst, path)
    with open(path) as f:
        text = f.read()
    assert old in text, "%s does not contain %r" % (path, old)
    with open(path, "w") as f:
        f.write(text.replace(old, new))


exec(code)
with open(os.path.join(dst, "manifest.json"), "w") as f:
    json.dump(m, f, indent=1)
