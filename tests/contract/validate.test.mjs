// validate.test.mjs — the live-answer check (validate.mjs) catches what it
// claims to: made-up exchanges against docs/openapi.json, each kind of
// mismatch once, and a set of good answers that must pass.
//
//   node --test tests/contract/validate.test.mjs     (ctest: contract/selftest)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const JSON_T = "application/json; charset=utf-8";
const err = (code) => ({ error: { code, message: "消息 (message)", details: null } });
const x = (method, p, status, body, extra = {}) => ({
  test: "selftest", method, path: p, query: "", status,
  content_type: body === undefined ? "" : JSON_T,
  size: body === undefined ? 0 : JSON.stringify(body).length,
  ...(body === undefined ? {} : { body }), ...extra,
});

function check(exchanges) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cj-contract-"));
  fs.writeFileSync(path.join(dir, "t.jsonl"), exchanges.map((e) => JSON.stringify(e)).join("\n") + "\n");
  const p = spawnSync(process.execPath, [path.join(here, "validate.mjs"), dir], { encoding: "utf8" });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: p.status, out: p.stdout + p.stderr };
}

test("good answers pass", () => {
  const r = check([
    x("GET", "/api/v1/health", 200, { status: "ok", version: "0.1.0", schema: 1, demo: false }),
    x("HEAD", "/api/v1/health", 200, undefined, { content_type: JSON_T }),
    x("GET", "/api/v1/consortia/999", 404, err("not_found")),
    x("GET", "/api/v1/consortia/", 200, { items: [], total: 0, page: 1, per_page: 20 }),
    x("PUT", "/api/v1/consortia", 405, err("method_not_allowed")),
    x("GET", "/api/v1/no-such-thing", 404, err("not_found")),
    x("GET", "/api/v1/consortia", 200, undefined, { query: "format=csv", content_type: "text/csv; charset=utf-8", size: 40 }),
    x("DELETE", "/api/v1/consortia/3", 204),
    x("GET", "/assets/app.js", 200, undefined, { content_type: "text/javascript", size: 10 }),
  ]);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /0 mismatches/);
});

test("each kind of mismatch is reported and fails", () => {
  const cases = [
    [x("GET", "/api/v1/health", 200, { status: "ok", schema: "x" }), /GET \/api\/v1\/health → 200: body\/schema: must be integer/],
    [x("GET", "/api/v1/consortia/1", 200, { id: 1 }), /GET \/api\/v1\/consortia\/\{id\} → 200: body: must have required property 'name'/],
    [x("GET", "/api/v1/consortia/1", 418, {}), /status 418 not documented/],
    [x("PUT", "/api/v1/consortia/1", 200, {}), /method not documented\) → 200/],
    [x("PUT", "/api/v1/consortia/1", 405, err("nope")), /body\/error\/code: must be equal to one of the allowed values/],
    [x("GET", "/api/v1/no-such-thing", 200, {}), /undocumented path\) → 200/],
    [x("GET", "/api/v1/consortia", 200, undefined, { content_type: "text/plain", size: 3 }), /content type text\/plain not among/],
    [x("DELETE", "/api/v1/consortia/3", 204, {}), /a body .* where the document has none/],
  ];
  for (const [exchange, want] of cases) {
    const r = check([exchange]);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, want);
    assert.match(r.out, /MISMATCH/);
  }
});

test("no recorded answers is a failure, not a pass", () => {
  const r = check([]);
  assert.equal(r.status, 1);
  assert.match(r.out, /no exchanges recorded/);
});
