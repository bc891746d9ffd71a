"""Black-box tests of record revisions (issue 15): every row's revision,
its ETag on GET (304 on a matching If-None-Match), and If-Match on PATCH
and DELETE (412 when someone changed the record meanwhile, and nothing
changes).

Fixtures are built through the API by a platform admin created with
`chanjiao user add`; the demo data is not used.

    python3 tests/api/test_versions.py build/chanjiao
"""
import os
import sys
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from cjtest import assert_error  # noqa: E402
from test_register import next_code  # noqa: E402

ADMIN_PW = "admin-pass-2026"
PW = "password-2026"
STALE = "该记录已被他人修改，请刷新后再试"


def tag():
    return "V" + uuid.uuid4().hex[:8]


class Versions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(users=[("v_admin", ADMIN_PW, "platform_admin", None, None)])
        # Two clients of the same editor: two sessions, two open forms.
        cls.a = cls.srv.login("v_admin", ADMIN_PW)
        cls.b = cls.srv.login("v_admin", ADMIN_PW)
        st, other = cls.srv.post("/api/v1/organizations", cls.org_body(), token=cls.a)
        assert st == 201, other
        st, u = cls.srv.post("/api/v1/users", {"username": "v_staff_" + tag(), "display_name": "x",
                                                "role": "org_staff", "organization_id": other["id"],
                                                "password": PW}, token=cls.a)
        assert st == 201, u
        cls.staff = cls.srv.login(u["username"], PW)

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    @staticmethod
    def org_body():
        return {"name": "版本测试单位" + tag(), "type": "enterprise", "credit_code": next_code(),
                "contact_name": "张三", "contact_phone": "0772-1234567"}

    def new_org(self):
        st, b = self.srv.post("/api/v1/organizations", self.org_body(), token=self.a)
        self.assertEqual(st, 201, b)
        return b

    def path(self, org):
        return "/api/v1/organizations/%d" % org["id"]

    def get(self, path, token, **headers):
        st, b = self.srv.get(path, token=token, headers=headers)
        return st, b, self.srv.last_headers.get("ETag")

    def patch(self, path, body, token, if_match=None):
        h = {"If-Match": if_match} if if_match is not None else {}
        st, b = self.srv.patch(path, body, token=token, headers=h)
        return st, b, self.srv.last_headers.get("ETag")

    def delete(self, path, token, if_match=None):
        h = {"If-Match": if_match} if if_match is not None else {}
        return self.srv.delete(path, token=token, headers=h)

    def test_new_row_is_revision_1_with_its_etag(self):
        org = self.new_org()
        self.assertEqual(org["revision"], 1)
        st, b, etag = self.get(self.path(org), self.a)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["revision"], 1)
        self.assertEqual(etag, '"1"')
        # Lists show it too; it is read-only.
        st, lst = self.srv.get("/api/v1/organizations?id=%d" % org["id"], token=self.a)
        self.assertEqual(lst["items"][0]["revision"], 1)
        err = assert_error(self, self.srv.patch(self.path(org), {"revision": 7}, token=self.a),
                           422, "validation_failed")
        self.assertIn("revision", err["details"])

    def test_stale_patch_gets_412_and_changes_nothing(self):
        org = self.new_org()
        path = self.path(org)
        # Two clients read revision 1.
        _, _, ea = self.get(path, self.a)
        _, _, eb = self.get(path, self.b)
        self.assertEqual(ea, '"1"')
        self.assertEqual(eb, '"1"')
        # One saves: revision 2, and the answer carries the new tag.
        st, b, etag = self.patch(path, {"address": "柳州市城中区一号"}, self.a, ea)
        self.assertEqual(st, 200, b)
        self.assertEqual(b["revision"], 2)
        self.assertEqual(etag, '"2"')
        # The other saves the form it opened at revision 1: 412.
        err = assert_error(self, self.patch(path, {"address": "旧表单的地址", "website": "x.cn"},
                                            self.b, eb)[:2], 412, "precondition_failed")
        self.assertEqual(err["message"], STALE)
        self.assertEqual(err["details"], {"revision": "2", "etag": '"2"'})
        # Nothing of the stale write was kept.
        st, now, etag = self.get(path, self.b)
        self.assertEqual(now["address"], "柳州市城中区一号")
        self.assertIsNone(now["website"])
        self.assertEqual(now["revision"], 2)
        self.assertEqual(etag, '"2"')
        # With the fresh tag the same write goes through.
        st, b, etag = self.patch(path, {"address": "新地址"}, self.b, etag)
        self.assertEqual(st, 200, b)
        self.assertEqual((b["revision"], etag), (3, '"3"'))

    def test_without_if_match_writes_go_on_as_before(self):
        org = self.new_org()
        for n in (2, 3):
            st, b, etag = self.patch(self.path(org), {"address": "地址%d" % n}, self.a)
            self.assertEqual(st, 200, b)
            self.assertEqual(b["revision"], n)
            self.assertEqual(etag, '"%d"' % n)
        # An empty patch changes nothing, and the revision stays.
        st, b, etag = self.patch(self.path(org), {}, self.a, '"3"')
        self.assertEqual((st, b["revision"], etag), (200, 3, '"3"'))

    def test_star_and_lists_and_weak_tags(self):
        org = self.new_org()
        path = self.path(org)
        st, b, _ = self.patch(path, {"address": "a"}, self.a, "*")
        self.assertEqual((st, b["revision"]), (200, 2))
        # A list naming the current tag matches.
        st, b, _ = self.patch(path, {"address": "b"}, self.a, '"1", "2"')
        self.assertEqual((st, b["revision"]), (200, 3))
        # If-Match compares strongly: a weak tag never matches.
        assert_error(self, self.patch(path, {"address": "c"}, self.a, 'W/"3"')[:2], 412,
                     "precondition_failed")
        # Not an entity tag at all: 400, nothing written.
        err = assert_error(self, self.patch(path, {"address": "c"}, self.a, "3")[:2], 400,
                           "bad_request")
        self.assertIn("If-Match", err["message"])
        st, now, _ = self.get(path, self.a)
        self.assertEqual((now["address"], now["revision"]), ("b", 3))

    def test_stale_delete_gets_412_and_keeps_the_row(self):
        org = self.new_org()
        path = self.path(org)
        self.patch(path, {"address": "x"}, self.a)
        err = assert_error(self, self.delete(path, self.b, '"1"'), 412, "precondition_failed")
        self.assertEqual(err["details"]["revision"], "2")
        st, b, _ = self.get(path, self.a)
        self.assertEqual(st, 200, b)
        st, _ = self.delete(path, self.b, '"2"')
        self.assertEqual(st, 204)
        assert_error(self, self.get(path, self.a)[:2], 404, "not_found")
        # "*" deletes whatever the revision.
        org = self.new_org()
        st, _ = self.delete(self.path(org), self.a, "*")
        self.assertEqual(st, 204)

    def test_get_304_on_if_none_match(self):
        org = self.new_org()
        path = self.path(org)
        for inm in ('"1"', 'W/"1"', '"9", "1"', "*"):
            st, body, etag = self.get(path, self.a, **{"If-None-Match": inm})
            self.assertEqual(st, 304, inm)
            self.assertEqual(body, b"")
            self.assertEqual(etag, '"1"')
        st, body, etag = self.get(path, self.a, **{"If-None-Match": '"0"'})
        self.assertEqual((st, etag), (200, '"1"'))
        self.assertEqual(body["id"], org["id"])
        # A malformed If-None-Match is as if absent.
        st, body, _ = self.get(path, self.a, **{"If-None-Match": "1"})
        self.assertEqual(st, 200)
        # After a change the old tag no longer answers 304.
        self.patch(path, {"address": "y"}, self.a)
        st, body, etag = self.get(path, self.a, **{"If-None-Match": '"1"'})
        self.assertEqual((st, etag, body["revision"]), (200, '"2"', 2))

    def test_a_reader_without_personal_fields_gets_another_tag(self):
        org = self.new_org()
        st, b, etag = self.get(self.path(org), None)
        self.assertEqual(st, 200, b)
        self.assertNotIn("contact_phone", b)
        self.assertEqual(etag, '"1-partial"')
        st, _, _ = self.get(self.path(org), None, **{"If-None-Match": '"1"'})
        self.assertEqual(st, 200)
        st, _, _ = self.get(self.path(org), None, **{"If-None-Match": '"1-partial"'})
        self.assertEqual(st, 304)

    def test_permission_is_asked_before_the_revision(self):
        org = self.new_org()
        path = self.path(org)
        self.patch(path, {"address": "z"}, self.a)
        # A stale tag from someone who may not write: 401/403, not 412.
        assert_error(self, self.patch(path, {"address": "q"}, None, '"1"')[:2], 401)
        assert_error(self, self.patch(path, {"address": "q"}, self.staff, '"1"')[:2], 403)
        assert_error(self, self.delete(path, self.staff, '"1"'), 403)
        # A missing row is 404 whatever If-Match says.
        assert_error(self, self.patch("/api/v1/organizations/999999", {"address": "q"}, self.a,
                                      '"1"')[:2], 404)

    def test_other_entities_and_server_side_changes_count(self):
        # Any entity served by the generic routes has a revision.
        st, c = self.srv.post("/api/v1/consortia", {"name": "版本联合体" + tag(), "kind": "industry",
                                                    "level": "municipal", "is_public": True},
                              token=self.a)
        self.assertEqual(st, 201, c)
        self.assertEqual(c["revision"], 1)
        path = "/api/v1/consortia/%d" % c["id"]
        st, b, etag = self.patch(path, {"short_name": "版本"}, self.a, '"1"')
        self.assertEqual((st, etag), (200, '"2"'))
        assert_error(self, self.patch(path, {"short_name": "旧"}, self.b, '"1"')[:2], 412)


if __name__ == "__main__":
    cjtest.run()
