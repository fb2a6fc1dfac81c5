#!/usr/bin/env python3
"""The size of a binary's code per crate, from its symbol table.

Reads an unstripped release binary (`nm -S --demangle=rust`) and adds up the
code symbols (.text) by the crate their name starts with; a generic's drop
glue and a trait impl `<T as Trait>` count for the crate of T, so Typst's
values dropped by `core` code count as Typst. C code (SQLCipher, and what
the linker adds) is named as such. Prints JSON: the file size, the code
total and the crates, largest first. Used by scripts/binary-size for
docs/benchmarks.md.
"""
import json
import os
import re
import subprocess
import sys

DROP = "core::ptr::drop_in_place<"


def crate_of(name):
    while True:
        if name.startswith(DROP):
            name = name[len(DROP):]
        elif name.startswith("<"):
            name = name[1:]
        elif name.startswith("&"):
            name = name[1:].removeprefix("mut ")
        elif name.startswith(("*const ", "*mut ")):
            name = name.split(" ", 1)[1]
        elif name.startswith(("[", "(", "dyn ")):
            name = name.lstrip("[(").removeprefix("dyn ")
        else:
            break
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    if match:
        return match.group(1)
    if name.startswith(("sqlite3", "sqlcipher", "fts5", "Fts5")):
        return "sqlcipher (C)"
    return "(C and linker)"


def main():
    binary = sys.argv[1]
    listing = subprocess.run(
        ["nm", "-S", "--size-sort", "--demangle=rust", binary],
        check=True, capture_output=True, text=True,
    ).stdout
    sizes, text = {}, 0
    for line in listing.splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4 or parts[2] not in "tTwW":
            continue
        size = int(parts[1], 16)
        text += size
        crate = crate_of(parts[3])
        sizes[crate] = sizes.get(crate, 0) + size
    crates = [{"name": name, "size": size} for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])]
    print(json.dumps({"file-size": os.path.getsize(binary), "text-section-size": text, "crates": crates[:40]}))


if __name__ == "__main__":
    main()
