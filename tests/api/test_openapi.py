"""test_openapi — GET /api/v1/openapi.json describes exactly the routes the
router serves and the entities the server describes, so the document and
the code cannot drift.

    python3 tests/api/test_openapi.py build/chanjiao

Checks, with the standard library only (the linters and the check of
every live answer against this document are tests/contract, run by
`make lint` and ctest's contract/live):
  * the served document is JSON, openapi "3.x", with info and paths;
  * the set of (METHOD, PATH) in paths equals the set `chanjiao routes`
    prints, in both directions — plus HEAD beside every GET (the server
    answers HEAD as the GET, without the body), and the server does;
  * every operation lists the 405 its path gives other methods, and
    every 4xx/5xx answer is the error envelope (HEAD's have no body);
  * every operation has a summary and at least one response; every
    $ref resolves; path parameters are declared;
  * every entity of /api/v1/meta/entities has a read and a write schema in
    components.schemas (found by x-entity) with the same field names,
    required fields and enumeration values as the metadata;
  * every entity's list documents its filter fields, its default order,
    its unique keys (409) and who may read it, as the descriptions say;
  * `chanjiao meta` prints what GET /api/v1/meta/entities serves, and
    every key the meta carries is documented (EntityMeta, FieldMeta).

When it fails: regenerate with `python3 scripts/gen-openapi.py` (or add the
new special route to it by hand) and rebuild — the binary embeds
docs/openapi.json.
"""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def router_routes():
    p = cjtest.run_cli("routes", check=True)
    routes = set()
    for line in p.stdout.splitlines():
        if line.strip():
            method, path = line.split(None, 1)
            routes.add((method.upper(), path.strip()))
    return routes


def resolve(doc, node):
    """Follow a local $ref (one or several hops)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        r = node["$ref"]
        assert r.startswith("#/"), "non-local $ref %s" % r
        node = doc
        for part in r[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[part]
        seen += 1
        assert seen < 20, "$ref loop at %s" % r
    return node


class OpenAPITest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server()
        st, raw = cls.srv.get("/api/v1/openapi.json", raw=True)
        cls.status = st
        cls.ctype = cls.srv.last_headers.get("Content-Type", "")
        cls.raw = raw
        try:
            cls.doc = json.loads(raw)
        except ValueError:
            cls.doc = None
        st, cls.meta = cls.srv.get("/api/v1/meta/entities")
        assert st == 200, cls.meta
        cls.routes = router_routes()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    def operations(self):
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                if method in METHODS:
                    yield method.upper(), path, op

    # ---- the document itself ---------------------------------------------

    def test_served_as_json(self):
        self.assertEqual(self.status, 200)
        self.assertTrue(self.ctype.startswith("application/json"), self.ctype)
        self.assertIsNotNone(self.doc, "not valid JSON: %r" % self.raw[:200])
        self.assertIsInstance(self.doc, dict)

    def test_openapi_3(self):
        self.assertRegex(str(self.doc.get("openapi", "")), r"^3\.\d+\.\d+$")
        info = self.doc.get("info", {})
        self.assertTrue(info.get("title"))
        self.assertTrue(info.get("version"))
        self.assertIsInstance(self.doc.get("paths"), dict)
        self.assertTrue(self.doc["paths"])

    def test_served_equals_repo_file(self):
        """The binary embeds docs/openapi.json; a stale build fails here."""
        here = os.path.dirname(os.path.abspath(__file__))
        path = os.path.join(here, "..", "..", "docs", "openapi.json")
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.load(f), self.doc,
                             "served document differs from docs/openapi.json: rebuild")

    def test_generator_agrees_with_binary(self):
        """docs/openapi.json is what scripts/gen-openapi.py makes from this
        binary (`chanjiao routes` and `chanjiao meta`)."""
        import subprocess
        here = os.path.dirname(os.path.abspath(__file__))
        gen = os.path.join(here, "..", "..", "scripts", "gen-openapi.py")
        p = subprocess.run([sys.executable, gen, "--check", "--binary", cjtest.binary()],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    # ---- routes ------------------------------------------------------------

    def test_routes_match_router_exactly(self):
        documented = {(m, p) for m, p, _ in self.operations() if m != "HEAD"}
        self.assertTrue(self.routes, "`chanjiao routes` printed nothing")
        missing = sorted(self.routes - documented)
        extra = sorted(documented - self.routes)
        self.assertEqual(missing, [], "routes the router serves but the document lacks "
                                      "(run scripts/gen-openapi.py): %s" % missing)
        self.assertEqual(extra, [], "documented routes the router does not serve: %s" % extra)
        heads = {p for m, p, _ in self.operations() if m == "HEAD"}
        gets = {p for m, p, _ in self.operations() if m == "GET"}
        self.assertEqual(heads, gets, "HEAD is documented beside every GET, and only there")

    def test_head_answers_as_get(self):
        for path, tpl in (("/api/v1/health", "/api/v1/health"),
                          ("/api/v1/consortia", "/api/v1/consortia"),
                          ("/api/v1/consortia/1", "/api/v1/consortia/{id}")):
            with self.subTest(path=path):
                st_get, _ = self.srv.get(path)
                st, raw = self.srv.request("HEAD", path, raw=True)
                self.assertEqual(st, st_get)
                self.assertEqual(raw, b"")
                op = self.doc["paths"][tpl]["head"]
                self.assertIn(str(st), op["responses"])
                self.assertNotIn("content", op["responses"][str(st)])

    def test_405_described_everywhere(self):
        for m, p, op in self.operations():
            if m == "HEAD":  # a path with a GET always has HEAD
                continue
            self.assertEqual(op["responses"].get("405"),
                             {"$ref": "#/components/responses/MethodNotAllowed"}, "%s %s" % (m, p))
        st, body = self.srv.request("PUT", "/api/v1/consortia")
        cjtest.assert_error(self, (st, body), 405, "method_not_allowed")
        self.assertEqual(self.srv.last_headers.get("Allow"), "GET, POST")

    def test_every_operation_has_summary_and_response(self):
        for m, p, op in self.operations():
            with self.subTest(route="%s %s" % (m, p)):
                self.assertIsInstance(op.get("summary"), str)
                self.assertTrue(op["summary"].strip())
                self.assertIsInstance(op.get("responses"), dict)
                self.assertTrue(op["responses"], "no responses")
                for code in op["responses"]:
                    self.assertRegex(code, r"^([1-5][0-9][0-9]|[1-5]XX|default)$")

    def test_operation_ids_unique(self):
        ids = [op["operationId"] for _, _, op in self.operations() if "operationId" in op]
        self.assertEqual(len(ids), len(set(ids)), "duplicate operationId")

    def test_path_parameters_declared(self):
        for m, p, op in self.operations():
            names = set(re.findall(r"\{([^}]+)\}", p))
            declared = set()
            for prm in op.get("parameters", []) + self.doc["paths"][p].get("parameters", []):
                prm = resolve(self.doc, prm)
                if prm.get("in") == "path":
                    declared.add(prm["name"])
                    self.assertTrue(prm.get("required"), "%s %s: path parameter not required" % (m, p))
            self.assertEqual(names, declared, "%s %s: path parameters" % (m, p))

    def test_all_refs_resolve(self):
        def walk(node, where):
            if isinstance(node, dict):
                if "$ref" in node:
                    try:
                        resolve(self.doc, node)
                    except (KeyError, AssertionError) as e:
                        self.fail("%s: $ref %s does not resolve (%s)" % (where, node["$ref"], e))
                for k, v in node.items():
                    walk(v, where + "/" + k)
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, "%s/%d" % (where, i))
        walk(self.doc, "#")

    def test_error_and_list_envelopes(self):
        schemas = self.doc["components"]["schemas"]
        err = schemas["Error"]["properties"]["error"]
        self.assertEqual(set(err["required"]), {"code", "message", "details"})
        lst = schemas["ListEnvelope"]
        self.assertTrue({"items", "total"} <= set(lst["required"]))
        self.assertTrue({"items", "total", "page", "per_page"} <= set(lst["properties"]))
        sec = self.doc["components"]["securitySchemes"]
        self.assertEqual(sec["bearer"]["scheme"], "bearer")
        self.assertEqual((sec["cookie"]["in"], sec["cookie"]["name"]), ("cookie", "cj_session"))

    def test_composition_shape_is_specs(self):
        op = self.doc["paths"]["/api/v1/consortia/{id}/composition"]["get"]
        s = resolve(self.doc, op["responses"]["200"]["content"]["application/json"]["schema"])
        self.assertEqual(set(s["required"]), {"total", "by_type"})
        self.assertEqual(set(s["properties"]["by_type"]["properties"]),
                         {"government", "enterprise", "undergraduate", "higher_vocational",
                          "secondary_vocational", "research_institute", "industry_association",
                          "other"})
        # The server answers that shape too.
        st, body = self.srv.get("/api/v1/consortia/999999/composition")
        cjtest.assert_error(self, (st, body), 404)

    def test_error_statuses_documented_with_envelope(self):
        for m, p, op in self.operations():
            for code, r in op["responses"].items():
                if code[0] in "45" and m != "HEAD":
                    r = resolve(self.doc, r)
                    s = r["content"]["application/json"]["schema"]
                    self.assertEqual(resolve(self.doc, s), self.doc["components"]["schemas"]["Error"],
                                     "%s %s %s" % (m, p, code))

    # ---- entities ------------------------------------------------------------

    def entity_schemas(self, name):
        found = {}
        for key, s in self.doc["components"]["schemas"].items():
            if s.get("x-entity") == name:
                found[key] = s
        return found

    def test_every_entity_has_read_and_write_schema(self):
        entities = self.meta["items"]
        self.assertTrue(entities)
        for e in entities:
            with self.subTest(entity=e["name"]):
                found = self.entity_schemas(e["name"])
                self.assertTrue(found, "no schema with x-entity %s" % e["name"])
                read = [s for k, s in found.items() if not k.endswith(("Write", "Patch"))]
                write = [s for k, s in found.items() if k.endswith("Write")]
                self.assertEqual(len(read), 1, sorted(found))
                self.assertEqual(len(write), 1, sorted(found))
                read, write = read[0], write[0]
                fields = {f["name"]: f for f in e["fields"]}
                readable = {n for n, f in fields.items() if not f.get("writeonly")}
                writable = {n for n, f in fields.items() if not f["readonly"]}
                self.assertEqual(set(read["properties"]), readable, "read schema fields")
                self.assertEqual(set(write["properties"]), writable, "write schema fields")
                self.assertEqual(set(read["properties"]) | set(write["properties"]), set(fields))
                required = {n for n, f in fields.items() if f["required"] and not f["readonly"]}
                self.assertTrue(required <= set(write.get("required", [])),
                                "write schema required: %s" % (required - set(write.get("required", []))))
                for n in write.get("required", []):
                    self.assertIn(n, write["properties"])
                for n, f in fields.items():
                    if f["type"] != "enum":
                        continue
                    values = [o["value"] for o in f["options"]]
                    for s in (read, write):
                        if n in s["properties"]:
                            p = s["properties"][n]
                            if f.get("extensible"):
                                # A consortium adds codes (option lists): the shipped
                                # ones are examples, not an enum.
                                self.assertNotIn("enum", p, n)
                                self.assertEqual((p["examples"], p["x-extensible"]), (values, True), n)
                            else:
                                self.assertEqual([v for v in p["enum"] if v is not None], values, n)
                            self.assertEqual(p["x-labels-zh"],
                                             {o["value"]: o["label_zh"] for o in f["options"]}, n)

    def test_entity_list_documents_filters(self):
        for e in self.meta["items"]:
            path = "/api/v1/" + e["name"].replace("_", "-")
            with self.subTest(entity=e["name"]):
                op = self.doc["paths"][path]["get"]
                names = {resolve(self.doc, p)["name"] for p in op.get("parameters", [])}
                self.assertTrue({"page", "per_page", "sort", "q", "format"} <= names, names)
                filters = {f["name"] for f in e["fields"] if f["filter"]}
                self.assertTrue(filters <= names, "undocumented filters: %s" % (filters - names))

    def test_entity_facts_from_descriptions(self):
        """Default order, unique keys, who may read and the permission
        prose in the document are the descriptions' (the meta's)."""
        params = self.doc["components"]["parameters"]
        schemas = self.doc["components"]["schemas"]
        for e in self.meta["items"]:
            path = "/api/v1/" + e["name"].replace("_", "-")
            with self.subTest(entity=e["name"]):
                lst = self.doc["paths"][path]["get"]
                sort = [resolve(self.doc, p) for p in lst["parameters"]
                        if resolve(self.doc, p)["name"] == "sort"][0]
                self.assertEqual(sort["schema"]["default"], e["default_sort"])
                self.assertIn(e["default_sort"], sort["schema"]["enum"])
                create = self.doc["paths"][path]["post"]
                self.assertEqual("409" in create["responses"],
                                 bool(e["unique"]) or bool(e.get("workflow")))
                read = [s for k, s in schemas.items()
                        if s.get("x-entity") == e["name"] and not k.endswith(("Write", "Patch", "List"))
                        and "properties" in s][0]
                for key in e["unique"]:
                    for f in key:
                        self.assertIn(f, {x["name"] for x in e["fields"]}, "unique key field")
                    prose = key[0] if len(key) == 1 else "(%s)" % ", ".join(key)
                    # Several keys are listed in one sentence, joined by "; ".
                    self.assertIn("唯一约束 (unique): ", read["description"])
                    self.assertIn(prose, read["description"].split("唯一约束 (unique): ", 1)[1])
                admin_only = e["permissions"]["read"] == ["platform_admin"]
                self.assertEqual("403" in lst["responses"], admin_only)
                self.assertIn(e["permissions_doc"]["read"], lst["description"])
                self.assertIn(e["permissions_doc"]["create"], create["description"])

    def test_import_kinds_from_descriptions(self):
        op = self.doc["paths"]["/api/v1/import/{entity}"]["post"]
        prm = [resolve(self.doc, p) for p in op["parameters"]
               if resolve(self.doc, p)["name"] == "entity"][0]
        kinds = [e["import"]["kind"] for e in self.meta["items"] if e["import"]]
        self.assertTrue(kinds)
        self.assertEqual(prm["schema"]["enum"], kinds)

    def test_cli_meta_is_served_meta(self):
        p = cjtest.run_cli("meta", check=True)
        self.assertEqual(json.loads(p.stdout), self.meta)

    def test_meta_keys_documented(self):
        schemas = self.doc["components"]["schemas"]
        ent, fld = schemas["EntityMeta"], schemas["FieldMeta"]
        for e in self.meta["items"]:
            with self.subTest(entity=e["name"]):
                self.assertTrue(set(ent["required"]) <= set(e), set(ent["required"]) - set(e))
                self.assertTrue(set(e) <= set(ent["properties"]), set(e) - set(ent["properties"]))
                for f in e["fields"]:
                    self.assertTrue(set(fld["required"]) <= set(f), f["name"])
                    self.assertTrue(set(f) <= set(fld["properties"]),
                                    "%s: %s" % (f["name"], set(f) - set(fld["properties"])))


if __name__ == "__main__":
    cjtest.run()
