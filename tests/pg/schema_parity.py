#!/usr/bin/env python3
"""schema_parity — the PostgreSQL migrations build the schema the SQLite
ones do (issue 13).

    python3 tests/pg/schema_parity.py [CHANJIAO_BIN] [--pg-migrations DIR] [--keep]

The reference is a SQLite database made by the real binary (CHANJIAO_BIN,
argv[1] or build/chanjiao): `chanjiao user add --db REF --username x` opens
and migrates a new database, loads the shipped catalogues, then refuses the
too-short username, so no account is written.  A throw-away PostgreSQL
cluster (tests/pg/cluster.sh) gets every file of src/store/migrations_pg
(or DIR) in order, each with `psql -1 -f` and its schema_migrations row in
the same transaction, as the C runner will do.  Then, side by side:

- the migration files: the same numbers and names in both folders, and
  every SQLite one applied by the binary (else the binary is stale);
- every SQLite table (not FTS5 shadow tables, not sqlite_*) exists in PG
  and PG has no other: the same columns in the same order, types
  INTEGER → bigint, REAL → double precision, TEXT → text COLLATE "C", the
  same NOT NULL, DEFAULT, primary key (a rowid alias ↔ an identity),
  generated columns (and their expressions), UNIQUE constraints, FOREIGN
  KEYs and CHECK count;
- every named index: same table, uniqueness, key columns or expressions
  and partial WHERE (compared after normalising the spelling:
  ifnull/coalesce, casts, parentheses, IN/= ANY);
- every trigger with the same name, table, timing and event, except the
  ones that keep an FTS5 table (C keeps the tsvector tables instead);
  the FTS5 tables are (rowid bigint PRIMARY KEY, doc tsvector NOT NULL)
  with a GIN index on doc;
- rows: every table's count, every row of the tables the migrations seed
  (as text; applied_at of schema_migrations aside), and each identity's
  next id is SQLite's next rowid.  Tables the binary fills itself when it
  creates a database (the shipped catalogues, named by their import
  entries in audit_log, and audit_log) are not migration seeds: PG must
  leave them empty;
- the triggers' effect: the same inserts, updates and soft deletes of
  demand, supply and demand_reports (a bulk_state window included) leave
  the same demand_totals, supply_totals and published_lists (PG in a
  transaction rolled back; SQLite on a copy whose FTS triggers, which need
  the binary's tokenizer, are dropped).

Exit 0 when they agree, 1 naming every difference (or that PostgreSQL's
server or psql is not installed).
"""
import argparse
import glob
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SQLITE_DIR = os.path.join(ROOT, "src", "store", "migrations")
CLUSTER = os.path.join(ROOT, "tests", "pg", "cluster.sh")

# What the C runner creates before the first migration (the PostgreSQL
# form of store_sqlite.c's).  version is always given, never generated: an
# INTEGER PRIMARY KEY in SQLite, but no identity here (RUNNER_TABLES).
PG_SCHEMA_MIGRATIONS = (
    "CREATE TABLE IF NOT EXISTS schema_migrations(version bigint PRIMARY KEY, "
    'name text COLLATE "C" NOT NULL, applied_at text COLLATE "C" NOT NULL)'
)
RUNNER_TABLES = {"schema_migrations"}
TYPES = {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text"}
SHADOW = ("data", "idx", "content", "docsize", "config")
VOLATILE = {("schema_migrations", "applied_at")}  # when it ran, not what

diffs = []


def diff(msg):
    diffs.append(msg)


def die(msg):
    print("schema_parity: " + msg, file=sys.stderr)
    sys.exit(1)


# ---- the SQL text of an expression, spelled one way -----------------------

def norm(expr):
    """Lower-case, ifnull → coalesce, no casts, no COLLATE, `x = ANY
    (ARRAY[…])` → `x IN (…)`, then no parentheses or extra spaces: enough to
    see that SQLite's and PostgreSQL's texts of one expression agree."""
    if expr is None:
        return None
    s = expr.lower()
    s = re.sub(r"\bifnull\s*\(", "coalesce(", s)
    s = re.sub(r'\s+collate\s+"?\w+"?', "", s)
    s = re.sub(r"::\s*(double precision|character varying|\w+)(\[\])?", "", s)
    s = re.sub(r"(\w+)\s*=\s*any\s*\(\s*array\s*\[(.*?)\]\s*\)", r"\1 in (\2)", s)
    s = re.sub(r"[()]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"\s*,\s*", ", ", s)


def split_top(s):
    """s split at the commas outside parentheses and quotes."""
    out, depth, cur, q = [], 0, "", False
    for ch in s:
        if ch == "'":
            q = not q
        elif not q and ch == "(":
            depth += 1
        elif not q and ch == ")":
            depth -= 1
        if ch == "," and depth == 0 and not q:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def paren_body(s, start):
    """The text inside the parenthesis opening at s[start], and the index
    after its closing one."""
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "(":
            depth += 1
        elif s[i] == ")":
            depth -= 1
            if depth == 0:
                return s[start + 1:i], i + 1
    raise ValueError("unbalanced: " + s)


# ---- SQLite ---------------------------------------------------------------

def sqlite_schema(path):
    con = sqlite3.connect(path)
    master = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    virtual = {n for t, n, _, sql in master
               if t == "table" and sql and re.match(r"\s*CREATE\s+VIRTUAL\s+TABLE", sql, re.I)}
    shadow = {f"{v}_{s}" for v in virtual for s in SHADOW}
    tables, indexes, triggers = {}, {}, {}
    for typ, name, tbl, sql in master:
        if typ != "table" or name.startswith("sqlite_") or name in shadow:
            continue
        if name in virtual:
            tables[name] = {"virtual": True}
            continue
        without_rowid = bool(re.search(r"\)\s*WITHOUT\s+ROWID\s*;?\s*$", sql, re.I))
        cols = []
        for _cid, cname, ctype, notnull, dflt, pk, hidden in con.execute(
                f'PRAGMA table_xinfo("{name}")'):
            gen = None
            if hidden in (2, 3):
                m = re.search(rf"\b{cname}\b[^,]*?GENERATED\s+ALWAYS\s+AS\s*\(", sql, re.I | re.S)
                gen = paren_body(sql, m.end() - 1)[0] if m else "?"
            # A key column is NOT NULL in PostgreSQL, and in SQLite too but
            # for a rowid table's non-INTEGER key (a legacy quirk: settings.key).
            cols.append({"name": cname, "type": ctype.split()[0].upper() if ctype else "",
                         "notnull": bool(notnull) or pk > 0, "default": dflt, "pk": pk,
                         "generated": gen})
        pk = [c["name"] for c in sorted((c for c in cols if c["pk"]), key=lambda c: c["pk"])]
        rowid_alias = (len(pk) == 1 and not without_rowid
                       and next(c for c in cols if c["name"] == pk[0])["type"] == "INTEGER")
        uniques, fks = [], {}
        for _seq, iname, unique, origin, partial in con.execute(f'PRAGMA index_list("{name}")'):
            if origin == "u":
                uniques.append([r[2] for r in con.execute(f'PRAGMA index_info("{iname}")')])
        for fid, _seq, ref, frm, to, onupd, ondel, _match in con.execute(
                f'PRAGMA foreign_key_list("{name}")'):
            fk = fks.setdefault(fid, {"cols": [], "ref": ref, "refcols": [],
                                      "ondelete": ondel, "onupdate": onupd})
            fk["cols"].append(frm)
            fk["refcols"].append(to)
        tables[name] = {"virtual": False, "cols": cols, "pk": pk, "rowid_alias": rowid_alias,
                        "uniques": sorted(uniques), "checks": len(re.findall(r"\bCHECK\s*\(", sql, re.I)),
                        "fks": sorted(json.dumps(f, sort_keys=True) for f in fks.values())}
    for typ, name, tbl, sql in master:
        if typ == "index" and sql:  # autoindexes (constraints) have no sql
            m = re.match(r"\s*CREATE\s+(UNIQUE\s+)?INDEX\s+\S+\s+ON\s+\S+?\s*\(", sql, re.I)
            body, end = paren_body(sql, m.end() - 1)
            rest = sql[end:].strip()
            where = re.sub(r"^WHERE\s+", "", rest, flags=re.I) if rest else None
            indexes[name] = {"table": tbl, "unique": bool(m.group(1)), "method": "btree",
                             "keys": [norm(k) for k in split_top(body)], "where": norm(where)}
        elif typ == "trigger":
            m = re.match(r"\s*CREATE\s+TRIGGER\s+\S+\s+(BEFORE|AFTER|INSTEAD\s+OF)?\s*"
                         r"(INSERT|UPDATE|DELETE)", sql, re.I)
            fts = [v for v in virtual if re.search(rf"\b{v}\b", sql)]
            triggers[name] = {"table": tbl, "timing": (m.group(1) or "BEFORE").upper(),
                              "event": m.group(2).upper(), "fts": fts}
    con.close()
    return tables, indexes, triggers, virtual


def sqlite_rows(con, table, cols):
    return con.execute(f'SELECT {", ".join(q(c) for c in cols)} FROM "{table}"').fetchall()


def q(name):
    return '"' + name + '"'


# ---- PostgreSQL -----------------------------------------------------------

def psql(url, sql, files=(), single=False):
    """Run the files, then sql (from standard input when there are no
    files); -1: all of it in one transaction.  Its output, unaligned."""
    cmd = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url]
    if single:
        cmd.append("-1")
    for f in files:
        cmd += ["-f", f]
    if files:
        cmd += ["-c", sql]
    r = subprocess.run(cmd, input=None if files else sql, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError((r.stderr or r.stdout).strip())
    return r.stdout


PG_CATALOG = r"""
SELECT json_build_object(
 'columns', (SELECT json_agg(json_build_object('table', c.relname, 'name', a.attname,
      'type', format_type(a.atttypid, a.atttypmod), 'notnull', a.attnotnull,
      'identity', a.attidentity, 'generated', a.attgenerated,
      'default', pg_get_expr(d.adbin, d.adrelid), 'collation', co.collname)
      ORDER BY c.relname, a.attnum)
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
   LEFT JOIN pg_collation co ON co.oid = a.attcollation
   WHERE c.relkind IN ('r', 'p')),
 'constraints', (SELECT json_agg(json_build_object('table', c.relname, 'type', k.contype,
      'cols', (SELECT json_agg(a.attname ORDER BY u.o) FROM unnest(k.conkey) WITH ORDINALITY u(n, o)
               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n),
      'ref', r.relname,
      'refcols', (SELECT json_agg(a.attname ORDER BY u.o) FROM unnest(k.confkey) WITH ORDINALITY u(n, o)
                  JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n),
      'ondelete', k.confdeltype, 'onupdate', k.confupdtype))
   FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
   JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
   LEFT JOIN pg_class r ON r.oid = k.confrelid),
 'indexes', (SELECT json_agg(json_build_object('table', t.relname, 'name', i.relname,
      'unique', x.indisunique, 'method', am.amname,
      'keys', (SELECT json_agg(pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
               FROM generate_series(1, x.indnkeyatts) k),
      'where', pg_get_expr(x.indpred, x.indrelid, true),
      'constraint', EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid
                            AND k.contype IN ('p', 'u', 'x'))))
   FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
   JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
   JOIN pg_am am ON am.oid = i.relam),
 'triggers', (SELECT json_agg(json_build_object('table', c.relname, 'name', g.tgname,
      'type', g.tgtype))
   FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
   JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
   WHERE NOT g.tgisinternal)
)
"""
FK_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def pg_schema(url):
    cat = json.loads(psql(url, PG_CATALOG))
    tables = {}
    for c in cat["columns"] or []:
        t = tables.setdefault(c["table"], {"cols": [], "pk": [], "uniques": [], "fks": [], "checks": 0})
        t["cols"].append(c)
    for k in cat["constraints"] or []:
        t = tables[k["table"]]
        if k["type"] == "p":
            t["pk"] = k["cols"]
        elif k["type"] == "u":
            t["uniques"].append(k["cols"])
        elif k["type"] == "c":
            t["checks"] += 1
        elif k["type"] == "f":
            t["fks"].append(json.dumps({"cols": k["cols"], "ref": k["ref"], "refcols": k["refcols"],
                                        "ondelete": FK_ACTIONS[k["ondelete"]],
                                        "onupdate": FK_ACTIONS[k["onupdate"]]}, sort_keys=True))
    for t in tables.values():
        t["uniques"].sort()
        t["fks"].sort()
    indexes = {i["name"]: i for i in cat["indexes"] or [] if not i["constraint"]}
    triggers = {}
    for g in cat["triggers"] or []:
        if g["name"] == "data_version_bump":  # on every table: src/store/pg_data_version.sql
            continue
        ty = g["type"]
        timing = "BEFORE" if ty & 2 else "INSTEAD OF" if ty & 64 else "AFTER"
        events = [e for bit, e in ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE")) if ty & bit]
        triggers[g["name"]] = {"table": g["table"], "timing": timing,
                               "event": "/".join(events), "row": bool(ty & 1)}
    return tables, indexes, triggers


# ---- the comparisons ------------------------------------------------------

def compare_files(pg_dir, ref):
    lite = sorted(os.path.basename(f) for f in glob.glob(os.path.join(SQLITE_DIR, "*.sql")))
    pg = sorted(os.path.basename(f) for f in glob.glob(os.path.join(pg_dir, "*.sql")))
    for f in sorted(set(lite) - set(pg)):
        diff(f"migration {f}: no PostgreSQL file of that name in {pg_dir}")
    for f in sorted(set(pg) - set(lite)):
        diff(f"migration {f}: a PostgreSQL file with no SQLite migration of that name")
    applied = {n for (n,) in ref.execute("SELECT name FROM schema_migrations")}
    stale = sorted(set(lite) - applied)
    if stale:
        die("the binary did not apply " + ", ".join(stale) + ": it is older than "
            "src/store/migrations (rebuild it)")
    return pg


# PostgreSQL's own: the queue its search triggers fill and the store empties
# at commit (migrations_pg/025), where SQLite's FTS5 triggers index the row;
# where each session's last write left the WAL, for a read replica (026).
# demand's queue trigger is two since 033: inserts (whose WHEN reads a
# load's mark) apart from updates and deletes.
PG_ONLY_TABLES = {"fts_queue", "session_writes"}
PG_ONLY_TRIGGERS = {"demand_fts_queue", "demand_fts_queue_insert", "tech_needs_fts_queue",
                    "capabilities_fts_queue", "core_products_fts_queue"}


def compare_tables(lt, pt, virtual):
    for name in sorted(set(pt) - set(lt) - PG_ONLY_TABLES):
        diff(f"table {name}: in PostgreSQL, not in SQLite")
    ncols = 0
    for name in sorted(lt):
        t = lt[name]
        if name not in pt:
            diff(f"table {name}: missing in PostgreSQL")
            continue
        p = pt[name]
        if t["virtual"]:
            want = [("rowid", "bigint", True), ("seg", "integer", True), ("doc", "tsvector", True)]
            got = [(c["name"], c["type"], c["notnull"]) for c in p["cols"]]
            if got != want or p["pk"] != ["rowid", "seg"]:
                diff(f"table {name} (FTS5 in SQLite): PostgreSQL columns {got}, primary key "
                     f"{p['pk']}; want rowid bigint, seg integer, doc tsvector, all NOT NULL, "
                     "PRIMARY KEY (rowid, seg)")
            continue
        lnames = [c["name"] for c in t["cols"]]
        pnames = [c["name"] for c in p["cols"]]
        if lnames != pnames:
            diff(f"table {name}: columns differ\n    SQLite:     {', '.join(lnames)}\n"
                 f"    PostgreSQL: {', '.join(pnames)}")
        pcols = {c["name"]: c for c in p["cols"]}
        for c in t["cols"]:
            pc = pcols.get(c["name"])
            if not pc:
                continue
            ncols += 1
            where = f"column {name}.{c['name']}"
            want = TYPES.get(c["type"])
            if want is None:
                diff(f"{where}: SQLite type {c['type']!r} has no PostgreSQL mapping here")
            elif pc["type"] != want:
                diff(f"{where}: {pc['type']} in PostgreSQL, want {want} (SQLite {c['type']})")
            if want == "text" and pc["collation"] != "C":
                diff(f'{where}: collation {pc["collation"]}, want "C" (byte order, as SQLite\'s BINARY)')
            if c["notnull"] != pc["notnull"]:
                diff(f"{where}: NOT NULL {c['notnull']} in SQLite, {pc['notnull']} in PostgreSQL")
            ident = pc["identity"] != ""
            is_alias = t["rowid_alias"] and t["pk"] == [c["name"]] and name not in RUNNER_TABLES
            if ident != is_alias:
                diff(f"{where}: " + ("an identity in PostgreSQL but no rowid alias in SQLite"
                                     if ident else "SQLite's rowid alias is no identity in PostgreSQL"))
            if c["generated"] is not None or pc["generated"]:
                if pc["generated"] != "s" or c["generated"] is None:
                    diff(f"{where}: generated in one backend only")
                elif norm(c["generated"]) != norm(pc["default"]):
                    diff(f"{where}: generated as {c['generated']!r} in SQLite, "
                         f"{pc['default']!r} in PostgreSQL")
            elif norm(c["default"]) != norm(pc["default"]):
                diff(f"{where}: DEFAULT {c['default']} in SQLite, {pc['default']} in PostgreSQL")
        if t["pk"] != p["pk"]:
            diff(f"table {name}: primary key {t['pk']} in SQLite, {p['pk']} in PostgreSQL")
        if t["uniques"] != p["uniques"]:
            diff(f"table {name}: UNIQUE {t['uniques']} in SQLite, {p['uniques']} in PostgreSQL")
        if t["fks"] != p["fks"]:
            diff(f"table {name}: foreign keys differ\n    SQLite:     {t['fks']}\n"
                 f"    PostgreSQL: {p['fks']}")
        if t["checks"] != p["checks"]:
            diff(f"table {name}: {t['checks']} CHECK in SQLite, {p['checks']} in PostgreSQL")
    return ncols


def compare_indexes(li, pi, virtual):
    for v in sorted(virtual):
        gin = [i for i in pi.values() if i["table"] == v and i["method"] == "gin" and i["keys"] == ["doc"]]
        if not gin:
            diff(f"table {v}: no GIN index on doc in PostgreSQL")
        for i in gin:
            pi.pop(i["name"])
    for name in sorted(set(pi) - set(li)):
        diff(f"index {name} (on {pi[name]['table']}): in PostgreSQL, not in SQLite")
    for name in sorted(li):
        if name not in pi:
            diff(f"index {name} (on {li[name]['table']}): missing in PostgreSQL")
            continue
        a, b = li[name], pi[name]
        b = dict(b, keys=[norm(k) for k in b["keys"]], where=norm(b["where"]))
        for key in ("table", "unique", "method", "keys", "where"):
            if a[key] != b[key]:
                diff(f"index {name}: {key} {a[key]!r} in SQLite, {b[key]!r} in PostgreSQL")


def compare_triggers(lg, pg):
    expected_absent = {n for n, g in lg.items() if g["fts"]}
    for name in sorted(set(pg) - set(lg) - PG_ONLY_TRIGGERS):
        diff(f"trigger {name} (on {pg[name]['table']}): in PostgreSQL, not in SQLite")
    for name in sorted(lg):
        g = lg[name]
        if name in expected_absent:
            if name in pg:
                diff(f"trigger {name}: keeps FTS5 table {g['fts']} in SQLite; PostgreSQL's "
                     "tsvector tables are kept by C, so it should not exist")
            continue
        if name not in pg:
            diff(f"trigger {name} (on {g['table']}): missing in PostgreSQL")
            continue
        p = pg[name]
        want = (g["table"], g["timing"], g["event"], True)
        got = (p["table"], p["timing"], p["event"], p["row"])
        if want != got:
            diff(f"trigger {name}: {want} in SQLite, {got} in PostgreSQL (table, timing, event, "
                 "for each row)")
    return len(lg) - len(expected_absent), len(expected_absent)


def text(v, real):
    """A value as text, the same for both backends: NULL, integers as
    digits, REAL as Python's shortest repr of the double."""
    if v is None:
        return "NULL"
    if real:
        return repr(float(v))
    return str(v)


def obj_agg(selects):
    """One JSON object from SELECT key, value queries (json_build_object
    takes at most 100 arguments; a table has no such limit)."""
    return ("SELECT coalesce(json_object_agg(k, v), '{}') FROM (\n"
            + "\nUNION ALL ".join(f"({s})" for s in selects) + "\n) x(k, v)")


def compare_rows(ref, url, lt, pt, loaded):
    names = [n for n in sorted(lt) if not lt[n]["virtual"] and n in pt]
    counts_sql = obj_agg(f"SELECT '{n}', count(*) FROM {q(n)}" for n in names)
    pcount = json.loads(psql(url, counts_sql))
    seeded, nrows = [], 0
    for n in names:
        lc = ref.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]
        if n in loaded:
            if pcount[n]:
                diff(f"table {n}: {pcount[n]} rows after the PostgreSQL migrations; the binary "
                     "loads it itself, so the migrations should leave it empty")
            continue
        if lc != pcount[n]:
            diff(f"table {n}: {lc} rows in SQLite, {pcount[n]} in PostgreSQL")
        if lc or pcount[n]:
            seeded.append(n)
    if not seeded:
        return 0, []
    rows_sql = obj_agg(
        f"SELECT '{n}', coalesce(json_agg(json_build_array("
        + ", ".join(q(c["name"]) for c in lt[n]["cols"] if (n, c["name"]) not in VOLATILE)
        + f")), '[]') FROM {q(n)}" for n in seeded)
    prows = json.loads(psql(url, rows_sql))
    for n in seeded:
        cols = [c for c in lt[n]["cols"] if (n, c["name"]) not in VOLATILE]
        real = [c["type"] == "REAL" for c in cols]
        a = sorted(tuple(text(v, r) for v, r in zip(row, real))
                   for row in sqlite_rows(ref, n, [c["name"] for c in cols]))
        b = sorted(tuple(text(v, r) for v, r in zip(row, real)) for row in prows[n])
        nrows += len(a)
        only_a = [r for r in a if r not in b]
        only_b = [r for r in b if r not in a]
        for r in only_a[:5]:
            diff(f"table {n}: row only in SQLite: {r}")
        for r in only_b[:5]:
            diff(f"table {n}: row only in PostgreSQL: {r}")
        if len(only_a) + len(only_b) > 10:
            diff(f"table {n}: {len(only_a)} rows only in SQLite, {len(only_b)} only in PostgreSQL")
    # Each identity's next id is SQLite's next rowid (max + 1), so a row
    # inserted after the seeds gets the same id in both.
    idents = [(n, c["name"]) for n in names for c in pt[n]["cols"] if c["identity"]]
    seq_sql = obj_agg(
        f"SELECT '{n}', coalesce(s.last_value + 1, s.start_value) FROM pg_sequences s "
        f"WHERE quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) = "
        f"pg_get_serial_sequence('{q(n)}', '{c}')" for n, c in idents)
    pnext = json.loads(psql(url, seq_sql))
    for n, c in idents:
        if n in loaded:
            continue
        lnext = ref.execute(f'SELECT coalesce(max("{c}"), 0) + 1 FROM "{n}"').fetchone()[0]
        if pnext[n] != lnext:
            diff(f"table {n}: the next id is {lnext} in SQLite, {pnext[n]} in PostgreSQL "
                 "(setval after seeding explicit ids)")
    return nrows, seeded


# The triggers' effect: the same writes in both backends, the same totals.
EFFECT_SQL = """
INSERT INTO consortia(id, name, kind, level, created_at, updated_at)
VALUES (9001, 'c', 'city', 'provincial', 't0', 't0');
INSERT INTO demand(id, consortium_id, enterprise_id, occupation_code, job_title, kind, headcount,
                   period, status, created_at, updated_at) VALUES
  (9001, 9001, 1, 'A', 'j', 'job', 5, 2026, 'published', 't0', 't0'),
  (9002, 9001, 1, 'A', 'j', 'job', 3, 2026, 'published', 't0', 't0'),
  (9003, 9001, 1, 'B', 'j', 'internship', 2, 2026, 'draft', 't0', 't0'),
  (9004, 9001, 1, 'B', 'j', 'internship', 7, 2026, 'published', 't0', 't0'),
  (9005, 9001, 1, 'D', 'j', 'job', 1, 2027, 'published', 't0', 't0');
UPDATE demand SET headcount = 10 WHERE id = 9001;
UPDATE demand SET status = 'published' WHERE id = 9003;
UPDATE demand SET deleted_at = 't1' WHERE id = 9002;
UPDATE demand SET occupation_code = 'C' WHERE id = 9004;
UPDATE demand SET status = 'closed' WHERE id = 9005;
UPDATE demand SET job_title = 'k' WHERE id = 9003;
UPDATE bulk_state SET active = 1;
INSERT INTO demand(id, consortium_id, enterprise_id, occupation_code, job_title, kind, headcount,
                   period, status, created_at, updated_at)
VALUES (9006, 9001, 1, 'A', 'j', 'job', 100, 2026, 'published', 't0', 't0');
INSERT INTO supply(id, consortium_id, school_id, major_code, level, period, enrolment, graduates,
                   created_at, updated_at)
VALUES (9006, 9001, 2, 'M9', 'higher', 2026, 50, 40, 't0', 't0');
UPDATE bulk_state SET active = 0;
INSERT INTO supply(id, consortium_id, school_id, major_code, level, period, enrolment, graduates,
                   created_at, updated_at) VALUES
  (9001, 9001, 2, 'M1', 'higher', 2026, 30, 20, 't0', 't0'),
  (9002, 9001, 3, 'M1', 'higher', 2026, NULL, 10, 't0', 't0'),
  (9003, 9001, 2, 'M2', 'secondary', 2026, 8, 6, 't0', 't1');
UPDATE supply SET graduates = 25 WHERE id = 9001;
UPDATE supply SET deleted_at = 't2' WHERE id = 9002;
UPDATE supply SET deleted_at = NULL WHERE id = 9003;
UPDATE supply SET enrolment = NULL, major_code = 'M3' WHERE id = 9001;
INSERT INTO demand_reports(id, consortium_id, period, title, published_at, published_by, body,
                           created_at, updated_at) VALUES
  (9001, 9001, 2026, 'r1', 't3', 'u', '{"items": [1, 2, 3]}', 't3', 't3'),
  (9002, 9001, 2027, 'r2', 't4', 'u', '{"figures": {}}', 't4', 't4'),
  (9003, 9001, 2025, 'r3', 't5', 'u', '{"items": {"a": 1}}', 't5', 't5');
"""
EFFECT_TABLES = {
    "demand_totals": "consortium_id, period, kind, occupation_code, headcount, positions",
    "supply_totals": "consortium_id, period, major_code, graduates, enrolment",
    "published_lists": "consortium_id, kind, period, title, published_at, published_by, "
                       "item_count, first_item, report_id, created_at, updated_at, revision",
}


def compare_effects(ref_path, tmp, url, lg):
    path = os.path.join(tmp, "effects.db")
    shutil.copy(ref_path, path)
    con = sqlite3.connect(path)
    for name, g in lg.items():
        if g["fts"]:  # they need the binary's tokenizer; C keeps PG's index
            con.execute(f'DROP TRIGGER "{name}"')
    try:
        con.executescript(EFFECT_SQL)
        lite = {t: sorted(tuple(map(str, r)) for r in con.execute(f"SELECT {c} FROM {t}"))
                for t, c in EFFECT_TABLES.items()}
    except sqlite3.Error as e:
        diff(f"trigger effect: the writes fail in SQLite: {e}")
        return 0
    finally:
        con.close()
    try:
        pg = json.loads(psql(url, "BEGIN;\n" + EFFECT_SQL + obj_agg(
            f"SELECT '{t}', coalesce(json_agg(json_build_array({c})), '[]') FROM {t}"
            for t, c in EFFECT_TABLES.items()) + ";\nROLLBACK;\n"))
    except RuntimeError as e:
        diff(f"trigger effect: the writes fail in PostgreSQL: {e}")
        return 0
    for t in EFFECT_TABLES:
        b = sorted(tuple("None" if v is None else str(v) for v in r) for r in pg[t])
        for r in [r for r in lite[t] if r not in b]:
            diff(f"trigger effect on {t}: row only in SQLite: {r}")
        for r in [r for r in b if r not in lite[t]]:
            diff(f"trigger effect on {t}: row only in PostgreSQL: {r}")
    return sum(len(v) for v in lite.values())


# ---- main -----------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", nargs="?", default=os.environ.get("CHANJIAO_BIN", "build/chanjiao"))
    ap.add_argument("--pg-migrations", default=os.path.join(ROOT, "src", "store", "migrations_pg"))
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    started = time.monotonic()
    if not shutil.which("psql") or not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        die("PostgreSQL's server or psql is not installed (apt-get install postgresql; "
            "scripts/install-deps.sh does it for make test)")
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        die(f"no binary at {binary} (build it, or name it as the first argument)")
    pg_dir = os.path.abspath(args.pg_migrations)

    tmp = tempfile.mkdtemp(prefix="cj-pgparity-")
    os.chmod(tmp, 0o755)  # the cluster runs as postgres when we are root
    pgdir = os.path.join(tmp, "pg")
    started_pg = False
    try:
        ref_path = os.path.join(tmp, "ref.db")
        r = subprocess.run([binary, "user", "add", "--db", ref_path, "--username", "x",
                            "--role", "platform_admin"], input="parity-password-1\n",
                           capture_output=True, text=True)
        if not os.path.exists(ref_path):
            die("the binary made no reference database: " + (r.stderr or r.stdout).strip())
        ref = sqlite3.connect(ref_path)
        if ref.execute("SELECT count(*) FROM users").fetchone()[0]:
            die("`user add --username x` wrote an account; the reference must hold migrations only")
        files = compare_files(pg_dir, ref)

        r = subprocess.run([CLUSTER, "start", pgdir], capture_output=True, text=True)
        started_pg = True
        if r.returncode != 0:
            die("cannot start PostgreSQL: " + r.stderr.strip())
        url = r.stdout.strip()
        psql(url, PG_SCHEMA_MIGRATIONS)
        failed = False
        for f in files:
            version = int(f.split("_")[0])
            try:
                psql(url, "INSERT INTO schema_migrations(version, name, applied_at) "
                     f"VALUES ({version}, '{f}', to_char(now() AT TIME ZONE 'UTC', "
                     "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                     files=[os.path.join(pg_dir, f)], single=True)
            except RuntimeError as e:
                diff(f"migration {f} fails in PostgreSQL (nothing after it compared): {e}")
                failed = True
                break

        if not failed:
            lt, li, lg, virtual = sqlite_schema(ref_path)
            pt, pi, pg = pg_schema(url)
            ncols = compare_tables(lt, pt, virtual)
            compare_indexes(li, pi, virtual)
            ntrig, nfts = compare_triggers(lg, pg)
            loaded = {e for (e,) in ref.execute(
                "SELECT DISTINCT entity FROM audit_log WHERE action = 'import'")} | {"audit_log"}
            nrows, seeded = compare_rows(ref, url, lt, pt, loaded)
            neffect = compare_effects(ref_path, tmp, url, lg)
        ref.close()
    finally:
        if started_pg:
            subprocess.run([CLUSTER, "stop", pgdir], capture_output=True)
        if args.keep:
            print(f"schema_parity: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    took = time.monotonic() - started
    if diffs:
        for d in diffs:
            print("DIFF " + d)
        print(f"schema_parity: {len(diffs)} difference(s) between src/store/migrations and "
              f"{pg_dir} ({took:.1f} s)")
        sys.exit(1)
    print(f"schema_parity: {len(files)} migrations, {len(lt)} tables ({len(virtual)} FTS5 → "
          f"tsvector), {ncols} columns, {len(li)} indexes, {ntrig} triggers ({nfts} FTS5 ones "
          f"left to C), {nrows} seeded rows in {', '.join(seeded)}, {neffect} trigger-kept rows "
          f"agree; not compared, loaded by the binary: {', '.join(sorted(loaded))} ({took:.1f} s)")


if __name__ == "__main__":
    main()
