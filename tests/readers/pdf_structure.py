"""Reads a PDF with the independent `pypdf` library and prints what the
tests check, as JSON: page count, the bookmarks (title and depth, in order),
the document language, and the PDF/A part and conformance from its XMP
metadata."""
import json
import re
import sys

from pypdf import PdfReader

reader = PdfReader(sys.argv[1])


def walk(items, depth, out):
    for item in items:
        if isinstance(item, list):
            walk(item, depth + 1, out)
        else:
            out.append({"title": item.title, "depth": depth})
    return out


root = reader.trailer["/Root"]
xmp = ""
if "/Metadata" in root:
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")


def xmp_value(name):
    match = re.search(r"pdfaid:%s(?:>|=\")([^<\"]+)" % name, xmp)
    return match.group(1) if match else None


print(
    json.dumps(
        {
            "pages": len(reader.pages),
            "outline": walk(reader.outline, 0, []),
            "lang": str(root.get("/Lang", "")),
            "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            "pdfa_part": xmp_value("part"),
            "pdfa_conformance": xmp_value("conformance"),
        }
    )
)
