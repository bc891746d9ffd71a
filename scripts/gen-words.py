#!/usr/bin/env python3
"""gen-words.py — the accepted-words table of docs/import.md, from the
entity descriptions.

Every enumeration option is accepted on import (and in the API) as its
value, its Chinese or English label or one of its synonyms
(src/schema/entities*.c, enum_opt.synonyms), served by `chanjiao meta` as
"options": [{"value","label_zh","label_en","synonyms"}].  This script
writes those words as Markdown tables between the markers

    <!-- words:begin -->  …  <!-- words:end -->

of docs/import.md, so the page cannot drift from the descriptions
(tests/api/test_words.py checks it).  One table per distinct option list,
naming every field that uses it.

    python3 scripts/gen-words.py [build/chanjiao]
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = os.path.join(ROOT, "docs", "import.md")
BEGIN, END = "<!-- words:begin -->", "<!-- words:end -->"


def cell(s):
    return s.replace("|", "\\|")


def table(meta):
    """The Markdown of the accepted words, from the meta document (the body
    of GET /api/v1/meta/entities or `chanjiao meta`)."""
    groups = {}  # options as a tuple -> (options, [field names])
    for e in meta["items"]:
        for f in e["fields"]:
            if f["type"] != "enum":
                continue
            key = json.dumps(f["options"], ensure_ascii=False, sort_keys=True)
            opts, used = groups.setdefault(key, (f["options"], []))
            used.append("%s · %s (`%s.%s`)" % (e["label_zh"], f["label_zh"], e["name"],
                                              f["name"]))
    out = []
    for opts, used in groups.values():
        out.append("**%s**" % "；".join(used))
        out.append("")
        out.append("| 值 value | 中文 | English | 也可写作 (also accepted) |")
        out.append("|---|---|---|---|")
        for o in opts:
            out.append("| `%s` | %s | %s | %s |" % (o["value"], cell(o["label_zh"]),
                                                  cell(o["label_en"]),
                                                  "、".join(cell(s) for s in o.get("synonyms", []))
                                                  or "—"))
        out.append("")
    return "\n".join(out)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "chanjiao")
    meta = json.loads(subprocess.run([binary, "meta"], capture_output=True, text=True,
                                     check=True).stdout)
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    a, b = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    doc = doc[:a] + "\n" + table(meta) + "\n" + doc[b:]
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
