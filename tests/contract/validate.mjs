// validate.mjs — every answer the API tests received, checked against
// docs/openapi.json, so the document and the server cannot drift.
//
//   node tests/contract/validate.mjs [--doc docs/openapi.json] DIR_OR_FILE...
//
// The API tests (tests/api/cjtest.py) write one JSON line per exchange —
// method, path, query, status, content type and the JSON body — to
// DIR/<test>.jsonl when CHANJIAO_CONTRACT_DIR is set; ctest runs this
// script last as contract/live over that folder.  For each answer:
//
//   * the path must match a documented path (templates such as
//     /api/v1/organizations/{id} match any one segment; a literal path
//     wins over a template).  Unknown paths under /api/ must answer 404 with
//     the error envelope; paths outside /api/ are the browser app's and are
//     left alone unless documented;
//   * the method must be documented for that path, or the answer is the 405
//     every path gives a method it does not have;
//   * the status must be documented for that operation (exactly, or by a
//     1XX–5XX range, or "default");
//   * the content type must be one the response documents (a response with
//     no content must have no body); HEAD answers have no body to check;
//   * a JSON body must validate against the response's schema (Ajv, JSON
//     Schema 2020-12 as OpenAPI 3.1 uses it; OpenAPI 3.0's nullable is
//     turned into a null type; $refs resolve inside the document).
//     Answers that are not JSON (CSV, XLSX, HTML) get the status and
//     content-type checks only.
//
// Every mismatch is printed once with how often it happened — the route,
// the status, the JSON pointer into the body and the schema's complaint —
// and any mismatch makes the exit status 1.  No mismatch and at least one
// exchange: exit 0, with a line saying how many operations the suite
// reached.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let Ajv2020, addFormats;
try {
  Ajv2020 = (await import("ajv/dist/2020.js")).default;
  addFormats = (await import("ajv-formats")).default;
} catch (e) {
  console.error("contract: Ajv is not installed in tests/contract/node_modules — run `make test-deps` " +
    "(npm ci in tests/contract): " + e.message);
  process.exit(1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const METHODS = ["get", "head", "post", "put", "patch", "delete", "options", "trace"];
const DOC_ID = "https://chanjiao.invalid/openapi.json";

function parseArgs(argv) {
  const a = { doc: path.join(here, "..", "..", "docs", "openapi.json"), inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--doc") a.doc = argv[++i];
    else a.inputs.push(argv[i]);
  }
  if (!a.inputs.length && process.env.CHANJIAO_CONTRACT_DIR) a.inputs.push(process.env.CHANJIAO_CONTRACT_DIR);
  return a;
}

// OpenAPI 3.0's `nullable: true` → a "null" type (and null among an
// enumeration's values); 3.1 documents already say it that way.
function nullableToType(node) {
  if (Array.isArray(node)) return node.forEach(nullableToType);
  if (!node || typeof node !== "object") return;
  if (node.nullable === true) {
    if (typeof node.type === "string") node.type = [node.type, "null"];
    else if (Array.isArray(node.type) && !node.type.includes("null")) node.type.push("null");
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    delete node.nullable;
  }
  for (const v of Object.values(node)) nullableToType(v);
}

const esc = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

function pointerGet(doc, pointer) {
  let node = doc;
  for (const part of pointer.replace(/^#\//, "").split("/")) {
    node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

// A response object and the JSON pointer it lives at, following $ref.
function resolveResponse(doc, node, pointer) {
  for (let hops = 0; node && node.$ref && hops < 20; hops++) {
    pointer = node.$ref;
    node = pointerGet(doc, node.$ref);
  }
  return { node, pointer };
}

function compilePaths(doc) {
  const out = [];
  for (const [tpl, item] of Object.entries(doc.paths || {})) {
    const params = (tpl.match(/\{[^}]+\}/g) || []).length;
    const re = new RegExp(
      "^" + tpl.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("[^/]+") + "$",
    );
    out.push({ tpl, item, params, re });
  }
  // A literal path wins over a template that also matches it.
  out.sort((a, b) => a.params - b.params);
  return out;
}

function statusKey(responses, status) {
  const s = String(status);
  if (responses[s]) return s;
  const range = s[0] + "XX";
  if (responses[range]) return range;
  if (responses.default) return "default";
  return null;
}

const mediaOf = (ctype) => (ctype || "").split(";")[0].trim().toLowerCase();

function mediaEntry(content, ctype) {
  const m = mediaOf(ctype);
  if (content[m]) return { key: m, entry: content[m] };
  for (const [k, v] of Object.entries(content)) {
    const [t, sub] = k.toLowerCase().split("/");
    if (sub === "*" && m.startsWith(t + "/")) return { key: k, entry: v };
    if (k === "*/*") return { key: k, entry: v };
  }
  return null;
}

function readExchanges(inputs) {
  const files = [];
  for (const p of inputs) {
    if (!fs.existsSync(p)) continue;
    if (fs.statSync(p).isDirectory())
      for (const f of fs.readdirSync(p).sort()) {
        if (f.endsWith(".jsonl")) files.push(path.join(p, f));
      }
    else files.push(p);
  }
  const out = [];
  for (const f of files)
    for (const line of fs.readFileSync(f, "utf8").split("\n")) if (line.trim()) out.push(JSON.parse(line));
  return { files, exchanges: out };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const doc = JSON.parse(fs.readFileSync(args.doc, "utf8"));
  nullableToType(doc);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // OpenAPI's own formats: annotations only.
  for (const f of ["int32", "int64", "float", "double", "byte", "binary", "password"]) ajv.addFormat(f, true);
  ajv.addSchema(doc, DOC_ID);
  const validators = new Map();
  const validatorAt = (pointer) => {
    if (!validators.has(pointer)) validators.set(pointer, ajv.getSchema(DOC_ID + pointer));
    return validators.get(pointer);
  };

  const { files, exchanges } = readExchanges(args.inputs);
  if (!exchanges.length) {
    console.error("contract: no exchanges recorded in %s — run the API tests with CHANJIAO_CONTRACT_DIR set",
      args.inputs.join(", ") || "(nothing given)");
    process.exit(1);
  }
  const paths = compilePaths(doc);
  const problems = new Map(); // key → {count, example}
  const reached = new Set();
  let checked = 0;
  const fail = (x, route, complaint) => {
    const key = route + " → " + x.status + ": " + complaint;
    const p = problems.get(key) || { count: 0, example: x };
    p.count++;
    problems.set(key, p);
  };
  const checkBody = (x, route, resp, respPointer) => {
    const head = x.method === "HEAD";
    const content = resp.content || {};
    if (!Object.keys(content).length) {
      if (!head && x.size > 0) fail(x, route, `a body (${x.content_type || "no type"}) where the document has none`);
      return;
    }
    if (head || (x.size === 0 && !x.content_type)) return;
    const media = mediaEntry(content, x.content_type);
    if (!media) {
      fail(x, route, `content type ${mediaOf(x.content_type) || "(none)"} not among ${Object.keys(content).join(", ")}`);
      return;
    }
    if (x.body_error) return fail(x, route, x.body_error);
    if (!("body" in x) || !media.entry.schema) return; // not JSON, or too large to record
    const v = validatorAt(`${respPointer}/content/${esc(media.key)}/schema`);
    if (!v(x.body))
      for (const e of v.errors.slice(0, 20))
        fail(x, route, `body${e.instancePath || ""}: ${e.message} (schema ${e.schemaPath})` +
          (e.params && e.params.additionalProperty ? ` '${e.params.additionalProperty}'` : ""));
  };

  for (const x of exchanges) {
    checked++;
    let p = x.path.length > 1 ? x.path.replace(/\/$/, "") : x.path;
    const m = x.method.toLowerCase();
    const hit = paths.find((c) => c.re.test(p));
    if (!hit) {
      if (!p.startsWith("/api/") && p !== "/api") continue; // the browser app's files
      const route = `${x.method} ${p} (undocumented path)`;
      if (x.status !== 404) fail(x, route, "an undocumented path answered other than 404");
      else checkBody(x, route, resolveResponse(doc, { $ref: "#/components/responses/NotFound" }).node,
        "#/components/responses/NotFound");
      continue;
    }
    const op = METHODS.includes(m) ? hit.item[m] : undefined;
    if (!op) {
      const route = `${x.method} ${hit.tpl} (method not documented)`;
      if (x.status !== 405) fail(x, route, "a method the path does not have answered other than 405");
      else checkBody(x, route, resolveResponse(doc, { $ref: "#/components/responses/MethodNotAllowed" }).node,
        "#/components/responses/MethodNotAllowed");
      continue;
    }
    const route = `${x.method} ${hit.tpl}`;
    reached.add(route);
    const key = statusKey(op.responses || {}, x.status);
    if (!key) {
      fail(x, route, `status ${x.status} not documented (documented: ${Object.keys(op.responses || {}).join(", ")})`);
      continue;
    }
    const base = `#/paths/${esc(hit.tpl)}/${m}/responses/${esc(key)}`;
    const { node: resp, pointer } = resolveResponse(doc, op.responses[key], base);
    checkBody(x, route, resp, pointer);
  }

  const ops = Object.values(doc.paths).reduce((n, item) => n + METHODS.filter((k) => item[k]).length, 0);
  const list = [...problems.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [key, { count, example: x }] of list) {
    const q = x.query ? "?" + x.query : "";
    console.log(`MISMATCH ${key}\n    ×${count}, e.g. ${x.test}: ${x.method} ${x.path}${q}` +
      ("body" in x ? ` ${JSON.stringify(x.body).slice(0, 300)}` : ""));
  }
  console.log(`contract: ${checked} answers from ${files.length} test files against ${path.relative(process.cwd(), args.doc)}; ` +
    `${reached.size} of ${ops} operations reached; ${list.length} mismatches`);
  process.exit(list.length ? 1 : 0);
}

main();
