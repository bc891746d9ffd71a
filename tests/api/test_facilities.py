"""Black-box tests of co-built facilities and their bookings (issue 11)
against the real binary: facilities, co-owners, bookings without
overbooking, the calendar, availability, the figures and imports.

On the demo's Liuzhou consortium (public): the enterprise SGMW
(sgmw_admin) owns a training base, the school 柳州职业技术大学
(lzvtu_staff) books it, the secretariat (liuzhou_sec) supervises.  Two more
accounts: staff of another member (广西汽车集团, made a co-owner) and staff
of a unit that is a member of another consortium only.

- CRUD, the defaults (40 hours open a week), co-owners;
- permissions for every role: anonymous, other consortium, member,
  booking unit, owner, secretariat;
- the booking steps: 409 out of order, 403 for the wrong party, person-times
  required when done;
- overbooking refused with the conflicting bookings named in details, ends
  touching starts not overlapping, an approved booking's edit re-checked;
- concurrency: approvals fired at once from threads, exactly the
  capacity's worth succeed, repeated;
- ISO 8601 with offsets answered in +08:00, bad ones 422 (400 on queries);
- calendar and availability, the unit named only to who may read it;
- figures exact on constructed data in a year of their own (2031);
- CLI and API imports, Chinese and English headers, all or nothing.

    python3 tests/api/test_facilities.py build/chanjiao
"""
import os
import sys
import threading
import unittest
from urllib.parse import quote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402
from test_files import pdf, png  # noqa: E402

LZ = 1
OTHER = ("gxauto_fac", "gxauto-fac-2026")
OUTSIDER = ("outsider_fac", "outsider-fac-2026")


def t(day, hh, mm=0, off="+08:00", year=2031, month=3):
    return "%04d-%02d-%02dT%02d:%02d:00%s" % (year, month, day, hh, mm, off)


class FacilitiesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = cjtest.Server(demo=True)
        admin = cls.admin = cls.srv.login("admin")

        def org(name):
            st, b = cls.srv.get("/api/v1/organizations?name=" + quote(name), token=admin)
            assert st == 200 and b["items"], (name, b)
            return b["items"][0]["id"]

        cls.sgmw = org("上汽通用五菱汽车股份有限公司")
        cls.gxauto = org("广西汽车集团有限公司")
        cls.lzvtu = org("柳州职业技术大学")
        lz_members = set()
        page = 1
        while True:
            st, b = cls.srv.get("/api/v1/memberships?consortium_id=%d&per_page=500&page=%d"
                                % (LZ, page), token=admin)
            lz_members |= {r["organization_id"] for r in b["items"]}
            if not b["items"] or len(lz_members) >= b["total"]:
                break
            page += 1
        st, m = cls.srv.get("/api/v1/memberships?consortium_id=4&per_page=200", token=admin)
        cls.outsider_org = next(r["organization_id"] for r in m["items"]
                                if r["organization_id"] not in lz_members)
        # Staff of three more members, made co-owners with the roles
        # operator, lead and user of one facility (test_co_owners_decide).
        spare = sorted(lz_members - {cls.sgmw, cls.gxauto, cls.lzvtu})[:3]
        cls.co_orgs = dict(zip(("co_operator", "co_lead", "co_user"), spare))
        for user, oid in cls.co_orgs.items():
            st, b = cls.srv.post("/api/v1/users", {"username": user, "display_name": user,
                                                   "role": "org_staff", "organization_id": oid,
                                                   "password": user + "-2026pw"}, token=admin)
            assert st == 201, b
        for (user, pw), oid in ((OTHER, cls.gxauto), (OUTSIDER, cls.outsider_org)):
            st, b = cls.srv.post("/api/v1/users", {"username": user, "display_name": user,
                                                   "role": "org_staff", "organization_id": oid,
                                                   "password": pw}, token=admin)
            assert st == 201, b
        cls.tok = {
            "anonymous": None,
            "admin": admin,
            "secretariat": cls.srv.login("liuzhou_sec"),
            "owner": cls.srv.login("sgmw_admin"),
            "booker": cls.srv.login("lzvtu_staff"),
            "member": cls.srv.login(*OTHER),
            "outsider": cls.srv.login(*OUTSIDER),
        }
        for user in cls.co_orgs:
            cls.tok[user] = cls.srv.login(user, user + "-2026pw")
        cls.dir = cjtest.temp_dir(cls, "cjfac-")

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- helpers -------------------------------------------------------------

    def facility(self, name, stations=10, **kw):
        body = {"consortium_id": LZ, "organization_id": self.sgmw, "name": name,
                "kind": "training_base", "stations": stations, "status": "running",
                "region_code": "450200"}
        body.update(kw)
        st, b = self.srv.post("/api/v1/facilities", body, token=self.tok["owner"])
        self.assertEqual(st, 201, b)
        return b

    def book(self, fid, starts, ends, stations, who="booker", org=None, **kw):
        body = {"consortium_id": LZ, "facility_id": fid, "organization_id": org or self.lzvtu,
                "starts_at": starts,
                "ends_at": ends, "stations": stations, "purpose": "teaching", "people": stations}
        body.update(kw)
        return self.srv.post("/api/v1/facility-bookings", body, token=self.tok[who])

    def booked(self, *a, **kw):
        st, b = self.book(*a, **kw)
        self.assertEqual(st, 201, b)
        return b

    def set_status(self, bid, status, who="owner", **kw):
        body = {"status": status}
        body.update(kw)
        return self.srv.patch("/api/v1/facility-bookings/%d" % bid, body, token=self.tok[who])

    # ---- facilities ------------------------------------------------------------

    def test_facility_crud_and_permissions(self):
        f = self.facility("柳州汽车实训基地甲", kind="实训基地", recognition_level="省级",
                          recognition_batch="第一批", recognition_body="广西壮族自治区教育厅",
                          recognition_date="2024-06-01", abroad=False)
        self.assertEqual(f["kind"], "training_base")
        self.assertEqual(f["recognition_level"], "provincial")
        self.assertEqual(f["open_hours_week"], 40)
        path = "/api/v1/facilities/%d" % f["id"]
        # Public consortium: anyone reads, in the list and alone.
        for who in ("anonymous", "outsider", "member", "booker", "secretariat"):
            st, b = self.srv.get(path, token=self.tok[who])
            self.assertEqual(st, 200, (who, b))
        st, b = self.srv.get("/api/v1/facilities?consortium_id=%d&q=%s" % (LZ, quote("实训基地甲")))
        self.assertEqual(st, 200, b)
        self.assertIn(f["id"], [r["id"] for r in b["items"]])
        # Who may change it: the owning unit and the secretariat only.
        for who, want in (("anonymous", 401), ("outsider", 403), ("member", 403),
                          ("booker", 403), ("secretariat", 200), ("owner", 200)):
            st, b = self.srv.patch(path, {"stations": 12}, token=self.tok[who])
            self.assertEqual(st, want, (who, b))
        # Another unit may not file a facility under the owner's name.
        st, b = self.srv.post("/api/v1/facilities", {
            "consortium_id": LZ, "organization_id": self.sgmw, "name": "冒名基地",
            "kind": "training_base", "stations": 3, "status": "running"},
            token=self.tok["member"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.post("/api/v1/facilities", {
            "consortium_id": LZ, "organization_id": self.sgmw, "name": "坏基地", "kind": "城堡",
            "stations": 0, "status": "running"}, token=self.tok["owner"])
        self.assertEqual(st, 422, b)
        self.assertIn("kind", b["error"]["details"])
        self.assertIn("stations", b["error"]["details"])
        # Co-owners: kept by the owning unit and the secretariat.
        co = {"consortium_id": LZ, "facility_id": f["id"], "organization_id": self.gxauto, "role": "共建"}
        st, b = self.srv.post("/api/v1/facility-owners", co, token=self.tok["member"])
        self.assertEqual(st, 403, b)
        st, b = self.srv.post("/api/v1/facility-owners", co, token=self.tok["owner"])
        self.assertEqual(st, 201, b)
        self.assertEqual((b["role"], b["owner_id"], b["consortium_id"]),
                         ("co_builder", self.sgmw, LZ))
        st, b = self.srv.get("/api/v1/facility-owners?facility_id=%d" % f["id"])
        self.assertEqual((st, b["total"]), (200, 1), b)
        st, b = self.srv.delete(path, token=self.tok["booker"])
        self.assertEqual(st, 403, b)

    # ---- bookings: permissions and steps -----------------------------------------

    def test_booking_roles_and_steps(self):
        f = self.facility("预约流程基地", stations=10)
        fid = f["id"]
        st, b = self.book(fid, t(2, 9), t(2, 12), 4, status="approved")
        self.assertEqual(st, 409, b)  # a unit files a request, not an approval
        st, b = self.book(fid, t(2, 9), t(2, 12), 4, who="anonymous")
        self.assertEqual(st, 401, b)
        st, b = self.book(fid, t(2, 9), t(2, 12), 4, who="outsider", org=self.outsider_org)
        self.assertIn(st, (403, 422), b)
        st, b = self.book(fid, t(2, 9), t(2, 12), 4, who="member")  # for another unit
        self.assertEqual(st, 403, b)
        bk = self.booked(fid, t(2, 9), t(2, 12), 4)
        self.assertEqual((bk["status"], bk["owner_id"], bk["consortium_id"]),
                         ("requested", self.sgmw, LZ))
        path = "/api/v1/facility-bookings/%d" % bk["id"]
        for who, want in (("anonymous", 404), ("outsider", 404), ("member", 404),
                          ("booker", 200), ("owner", 200), ("secretariat", 200)):
            st, b = self.srv.get(path, token=self.tok[who])
            self.assertEqual(st, want, (who, b))
        # Lists: the member sees none of it, the owner and booker do.
        for who, seen in (("member", False), ("owner", True), ("booker", True),
                          ("secretariat", True)):
            st, b = self.srv.get("/api/v1/facility-bookings?facility_id=%d" % fid,
                                 token=self.tok[who])
            self.assertEqual(st, 200, b)
            self.assertEqual(bk["id"] in [r["id"] for r in b["items"]], seen, who)
        # Steps: the booker may not approve; done is not next; the owner
        # approves; the owner may not change the times.
        st, b = self.set_status(bk["id"], "approved", who="booker")
        self.assertEqual(st, 403, b)
        st, b = self.set_status(bk["id"], "done", person_times=3)
        self.assertEqual(st, 409, b)
        self.assertIn("approved", b["error"]["details"]["status"])
        st, b = self.srv.patch(path, {"stations": 5}, token=self.tok["owner"])
        self.assertEqual(st, 403, b)
        st, b = self.set_status(bk["id"], "approved", who="member")
        self.assertEqual(st, 404, b)
        st, b = self.set_status(bk["id"], "approved")
        self.assertEqual((st, b.get("status")), (200, "approved"), b)
        st, b = self.set_status(bk["id"], "done", who="booker")
        self.assertEqual(st, 422, b)
        self.assertIn("person_times", b["error"]["details"])
        st, b = self.set_status(bk["id"], "done", who="booker", person_times=38)
        self.assertEqual((st, b.get("status"), b.get("person_times")), (200, "done", 38), b)
        st, b = self.set_status(bk["id"], "approved", who="secretariat")
        self.assertEqual(st, 409, b)
        # The secretariat rejects a request; rejected is final.
        other = self.booked(fid, t(3, 9), t(3, 10), 2)
        st, b = self.set_status(other["id"], "rejected", who="secretariat")
        self.assertEqual((st, b.get("status")), (200, "rejected"), b)
        st, b = self.set_status(other["id"], "approved", who="secretariat")
        self.assertEqual(st, 409, b)
        st, b = self.book(fid, t(4, 9), t(4, 10), 11)
        self.assertEqual(st, 422, b)  # more than the facility's stations
        self.assertIn("stations", b["error"]["details"])

    def test_co_owners_decide(self):
        """Staff of a co-owner with the role lead, co-builder or operator
        read, approve, reject and mark done the facility's bookings, like
        its owning unit; a co-owner with the role user does not."""
        f = self.facility("共建审批基地", stations=10)
        fid = f["id"]
        for who, oid, role in (("member", self.gxauto, "co_builder"),
                               ("co_operator", self.co_orgs["co_operator"], "operator"),
                               ("co_lead", self.co_orgs["co_lead"], "lead"),
                               ("co_user", self.co_orgs["co_user"], "user")):
            st, b = self.srv.post("/api/v1/facility-owners", {
                "consortium_id": LZ, "facility_id": fid, "organization_id": oid,
                "role": role}, token=self.tok["owner"])
            self.assertEqual(st, 201, (who, b))
        a = self.booked(fid, t(10, 9), t(10, 12), 2)
        b2 = self.booked(fid, t(11, 9), t(11, 12), 2)
        c = self.booked(fid, t(12, 9), t(12, 12), 2)
        for who, seen in (("member", True), ("co_operator", True), ("co_lead", True),
                          ("co_user", False)):
            st, b = self.srv.get("/api/v1/facility-bookings/%d" % a["id"], token=self.tok[who])
            self.assertEqual(st, 200 if seen else 404, (who, b))
            st, b = self.srv.get("/api/v1/facility-bookings?facility_id=%d" % fid,
                                 token=self.tok[who])
            self.assertEqual(st, 200, b)
            self.assertEqual(sorted(r["id"] for r in b["items"]),
                             sorted([a["id"], b2["id"], c["id"]]) if seen else [], who)
        # The user-role co-owner may not decide (it does not even see it).
        st, b = self.set_status(a["id"], "approved", who="co_user")
        self.assertEqual(st, 404, b)
        # A deciding co-owner changes only the status, person-times and note.
        st, b = self.srv.patch("/api/v1/facility-bookings/%d" % a["id"], {"stations": 3},
                               token=self.tok["member"])
        self.assertEqual(st, 403, b)
        st, b = self.set_status(a["id"], "approved", who="member")
        self.assertEqual((st, b.get("status")), (200, "approved"), b)
        st, b = self.set_status(b2["id"], "rejected", who="co_operator")
        self.assertEqual((st, b.get("status")), (200, "rejected"), b)
        st, b = self.set_status(c["id"], "approved", who="co_lead")
        self.assertEqual((st, b.get("status")), (200, "approved"), b)
        st, b = self.set_status(c["id"], "done", who="co_lead", person_times=17, note="按时完成")
        self.assertEqual((st, b.get("status"), b.get("person_times")), (200, "done", 17), b)
        # The co-owner's rights end with its row.
        st, rows = self.srv.get("/api/v1/facility-owners?facility_id=%d&organization_id=%d"
                                % (fid, self.gxauto), token=self.tok["owner"])
        st, b = self.srv.delete("/api/v1/facility-owners/%d" % rows["items"][0]["id"],
                                token=self.tok["owner"])
        self.assertIn(st, (200, 204), b)
        st, b = self.srv.get("/api/v1/facility-bookings/%d" % a["id"], token=self.tok["member"])
        self.assertEqual(st, 404, b)

    # ---- lowering a facility's stations, closing it ----------------------------------

    def test_lowering_stations_rechecked(self):
        """Fewer stations than the approved future or running bookings
        need at their peak, or closing a facility they still hold, is 409
        naming them; past, done and rejected bookings do not hold it."""
        f = self.facility("减少工位基地", stations=10)
        fid, path = f["id"], "/api/v1/facilities/%d" % f["id"]
        a = self.booked(fid, t(20, 9), t(20, 12), 6)
        b = self.booked(fid, t(20, 10), t(20, 11), 3, who="member", org=self.gxauto)
        past = self.booked(fid, t(6, 9, year=2020, month=1), t(6, 12, year=2020, month=1), 10)
        done = self.booked(fid, t(21, 9), t(21, 12), 10)
        for x in (a, b, past, done):
            st, r = self.set_status(x["id"], "approved")
            self.assertEqual(st, 200, r)
        st, r = self.set_status(done["id"], "done", person_times=10)
        self.assertEqual(st, 200, r)
        self.booked(fid, t(22, 9), t(22, 12), 10)  # requested only
        for who in ("owner", "secretariat"):
            st, r = self.srv.patch(path, {"stations": 8}, token=self.tok[who])
            self.assertEqual(st, 409, (who, r))
            d = r["error"]["details"]
            self.assertEqual((d["peak"], d["capacity"]), (9, 8))
            self.assertEqual(sorted(c["id"] for c in d["conflicts"]), sorted([a["id"], b["id"]]))
            self.assertIn("stations", d)
            self.assertIn(str(a["id"]), r["error"]["message"])
        # The unit's name is shown to who may read the booking.
        st, r = self.srv.patch(path, {"stations": 8}, token=self.tok["owner"])
        self.assertEqual({c.get("organization_name") for c in r["error"]["details"]["conflicts"]},
                         {"柳州职业技术大学", "广西汽车集团有限公司"})
        st, r = self.srv.get(path, token=self.tok["owner"])
        self.assertEqual(r["stations"], 10)
        st, r = self.srv.patch(path, {"stations": 9}, token=self.tok["owner"])
        self.assertEqual((st, r.get("stations")), (200, 9), r)
        for status in ("closed", "building"):
            st, r = self.srv.patch(path, {"status": status}, token=self.tok["owner"])
            self.assertEqual(st, 409, r)
            self.assertEqual(sorted(c["id"] for c in r["error"]["details"]["conflicts"]),
                             sorted([a["id"], b["id"]]))
        for x in (a, b):
            self.assertEqual(self.set_status(x["id"], "rejected")[0], 200)
        st, r = self.srv.patch(path, {"stations": 1}, token=self.tok["owner"])
        self.assertEqual(st, 200, r)
        st, r = self.srv.patch(path, {"status": "closed"}, token=self.tok["owner"])
        self.assertEqual((st, r.get("status")), (200, "closed"), r)

    def test_lowering_stations_races_an_approval(self):
        """Lowering the stations and approving a booking at once: exactly
        one wins, whichever comes first; the facility never ends
        overbooked."""
        for round_ in range(3):
            f = self.facility("工位竞争基地%d" % round_, stations=10)
            fid = f["id"]
            for n in (6, 3):
                x = self.booked(fid, t(24, 9), t(24, 12), n)
                self.assertEqual(self.set_status(x["id"], "approved")[0], 200)
            c = self.booked(fid, t(24, 10), t(24, 11), 1)
            res = {}

            def approve():
                res["approve"] = self.set_status(c["id"], "approved")[0]

            def lower():
                res["lower"] = self.srv.patch("/api/v1/facilities/%d" % fid, {"stations": 9},
                                              token=self.tok["secretariat"])[0]
            ths = [threading.Thread(target=approve), threading.Thread(target=lower)]
            for th in ths:
                th.start()
            for th in ths:
                th.join()
            self.assertEqual(sorted(res.values()), [200, 409], res)
            st, fac = self.srv.get("/api/v1/facilities/%d" % fid, token=self.tok["owner"])
            st, av = self.srv.get("/api/v1/facilities/%d/availability?starts_at=%s&ends_at=%s"
                                  % (fid, quote(t(24, 9)), quote(t(24, 12))),
                                  token=self.tok["owner"])
            self.assertLessEqual(av["peak"], fac["stations"], (res, av, fac))

    # ---- photos ----------------------------------------------------------------

    def upload(self, data, who, name, ctype):
        st, b = self.srv.request("POST", "/api/v1/files?filename=" + quote(name), data,
                                 token=self.tok[who], headers={"Content-Type": ctype})
        self.assertEqual(st, 201, b)
        return b["id"]

    def test_photos(self):
        """Several photos (FT_FILELIST): the first is the cover (photo);
        each checked as a file field; read as the facility is; refs kept
        per file; a sheet cell holds them joined by ;."""
        p1, p2, p3 = (self.upload(png(40 + i), "owner", "p%d.png" % i, "image/png")
                      for i in range(3))
        doc = self.upload(pdf("not a photo"), "owner", "a.pdf", "application/pdf")
        theirs = self.upload(png(77), "booker", "theirs.png", "image/png")
        f = self.facility("多照片基地", photos=[p1, p2])
        self.assertEqual((f["photos"], f["photo"]), ([p1, p2], p1))
        path = "/api/v1/facilities/%d" % f["id"]
        st, b = self.srv.patch(path, {"photos": [p3, p1]}, token=self.tok["owner"])
        self.assertEqual((st, b.get("photos"), b.get("photo")), (200, [p3, p1], p3), b)
        # Writing the cover alone puts it first.
        st, b = self.srv.patch(path, {"photo": p2}, token=self.tok["owner"])
        self.assertEqual((st, b.get("photos"), b.get("photo")), (200, [p2, p3, p1], p2), b)
        for bad, why in (([p1, doc], "a PDF"), ([p1, p1], "a duplicate"),
                         ([theirs], "another unit's upload"), (["x" * 64], "not hex"),
                         (["%064x" % i for i in range(13)], "thirteen")):
            st, b = self.srv.patch(path, {"photos": bad}, token=self.tok["owner"])
            self.assertEqual(st, 422, (why, b))
            self.assertIn("photos", b["error"]["details"], why)
        # Read as the facility is (a public consortium: anyone); a photo
        # dropped from the list is no longer readable through it.
        st, b = self.srv.patch(path, {"photos": [p2, p3]}, token=self.tok["owner"])
        self.assertEqual((st, b.get("photo")), (200, p2), b)
        for sha, want in ((p2, 200), (p3, 200), (p1, 404)):
            st, raw = self.srv.request("GET", "/api/v1/files/" + sha, token=None, raw=True)
            self.assertEqual(st, want, sha)
        # Export: the cell is the ids joined by ;.
        st, raw = self.srv.request("GET", "/api/v1/facilities?consortium_id=%d&format=csv&q=%s"
                                   % (LZ, quote("多照片基地")), token=self.tok["owner"], raw=True)
        self.assertEqual(st, 200)
        self.assertIn("%s;%s" % (p2, p3), raw.decode("utf-8-sig"))
        # Import: the same cell back; an empty list clears both.
        csv = ("所属单位,名称,类型,工位数,运行状态,照片\r\n"
               "上汽通用五菱汽车股份有限公司,多照片导入基地,实训基地,8,运行,%s;%s\r\n" % (p3, p1))
        p = self.srv.cli("import", "facilities", self.write("photos.csv", csv), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        st, b = self.srv.get("/api/v1/facilities?consortium_id=%d&q=%s"
                             % (LZ, quote("多照片导入基地")))
        self.assertEqual((b["items"][0]["photos"], b["items"][0]["photo"]), ([p3, p1], p3), b)
        st, b = self.srv.patch(path, {"photos": []}, token=self.tok["owner"])
        self.assertEqual((st, b.get("photos"), b.get("photo")), (200, None, None), b)
        st, meta = self.srv.get("/api/v1/meta/entities")
        fac = next(e for e in meta["items"] if e["name"] == "facilities")
        ph = next(x for x in fac["fields"] if x["name"] == "photos")
        self.assertEqual((ph["type"], ph["kinds"], ph["max"]), ("filelist", ["png", "jpeg"], 12))

    # ---- times ---------------------------------------------------------------

    def test_times_with_offsets(self):
        f = self.facility("时间格式基地", stations=5)
        bk = self.booked(f["id"], "2031-03-05T00:30:00Z", "2031-03-04T22:30:00-05:00", 1)
        self.assertEqual(bk["starts_at"], "2031-03-05T08:30:00+08:00")
        self.assertEqual(bk["ends_at"], "2031-03-05T11:30:00+08:00")
        self.assertEqual(bk["starts_utc"], "2031-03-05T00:30:00Z")
        st, b = self.srv.patch("/api/v1/facility-bookings/%d" % bk["id"],
                               {"ends_at": "2031-03-05 13:00+08:00"}, token=self.tok["booker"])
        self.assertEqual((st, b.get("ends_at"), b.get("ends_utc")),
                         (200, "2031-03-05T13:00:00+08:00", "2031-03-05T05:00:00Z"), b)
        for starts, ends, field in (("2031-03-05T08:30:00", t(5, 10), "starts_at"),
                                    ("2031-02-30T08:30:00+08:00", t(5, 10), "starts_at"),
                                    ("2031-03-05T25:00:00+08:00", t(5, 10), "starts_at"),
                                    (t(5, 9), "2031-03-05T10:00:00+8", "ends_at"),
                                    ("明天上午", t(5, 10), "starts_at"),
                                    (t(5, 10), t(5, 9), "ends_at"),
                                    (t(5, 10), t(5, 10), "ends_at"),
                                    (t(1, 10), "2031-04-05T10:00:00+08:00", "ends_at")):
            st, b = self.book(f["id"], starts, ends, 1)
            self.assertEqual(st, 422, (starts, ends, b))
            self.assertIn(field, b["error"]["details"], (starts, ends))
        base = "/api/v1/facilities/%d/" % f["id"]
        for q in ("availability?starts_at=x&ends_at=%s" % quote(t(5, 10)),
                  "availability?starts_at=%s&ends_at=%s&stations=0"
                  % (quote(t(5, 9)), quote(t(5, 10))),
                  "calendar?from=2031-03-09&to=2031-03-01", "calendar?from=bad&to=2031-03-09"):
            st, b = self.srv.get(base + q, token=self.tok["booker"])
            self.assertEqual(st, 400, (q, b))

    # ---- overbooking ------------------------------------------------------------

    def test_overbooking_refused_naming_the_conflict(self):
        f = self.facility("超订检查基地", stations=10)
        fid = f["id"]
        a = self.booked(fid, t(10, 9), t(10, 12), 6)
        self.assertEqual(self.set_status(a["id"], "approved")[0], 200)
        b = self.booked(fid, t(10, 10), t(10, 11), 5, who="member", org=self.gxauto)
        st, err = self.set_status(b["id"], "approved")
        self.assertEqual(st, 409, err)
        d = err["error"]["details"]
        self.assertEqual((d["peak"], d["capacity"]), (6, 10))
        self.assertEqual([c["id"] for c in d["conflicts"]], [a["id"]])
        c0 = d["conflicts"][0]
        self.assertEqual((c0["organization_id"], c0["organization_name"], c0["starts_at"],
                          c0["ends_at"], c0["stations"]),
                         (self.lzvtu, "柳州职业技术大学", t(10, 9), t(10, 12), 6))
        # Availability says so before anyone submits.
        st, av = self.srv.get("/api/v1/facilities/%d/availability?starts_at=%s&ends_at=%s"
                              "&stations=5" % (fid, quote(t(10, 10)), quote(t(10, 11))),
                              token=self.tok["member"])
        self.assertEqual(st, 200, av)
        self.assertEqual((av["peak"], av["free"], av["fits"]), (6, 4, False))
        self.assertEqual([c["id"] for c in av["conflicts"]], [a["id"]])
        self.assertNotIn("organization_id", av["conflicts"][0])  # not the member's booking
        # Four fit; a booking touching the end does not overlap.
        st, x = self.srv.patch("/api/v1/facility-bookings/%d" % b["id"], {"stations": 4},
                               token=self.tok["member"])
        self.assertEqual(st, 200, x)
        self.assertEqual(self.set_status(b["id"], "approved")[0], 200)
        c = self.booked(fid, t(10, 12), t(10, 13), 10)
        self.assertEqual(self.set_status(c["id"], "approved", who="secretariat")[0], 200)
        # Editing an approved booking re-checks: A later by an hour meets C.
        st, x = self.srv.patch("/api/v1/facility-bookings/%d" % a["id"],
                               {"ends_at": t(10, 13)}, token=self.tok["booker"])
        self.assertEqual(st, 409, x)
        self.assertEqual({k["id"] for k in x["error"]["details"]["conflicts"]}, {c["id"]})
        # The secretariat filing an approved booking is checked too.
        st, x = self.book(fid, t(10, 9, 30), t(10, 10, 30), 1, who="secretariat",
                          status="approved")
        self.assertEqual(st, 409, x)
        self.assertEqual({k["id"] for k in x["error"]["details"]["conflicts"]},
                         {a["id"], b["id"]})
        # The calendar shows every block; names to who may read them.
        st, cal = self.srv.get("/api/v1/facilities/%d/calendar?from=2031-03-10&to=2031-03-10"
                               % fid, token=self.tok["member"])
        self.assertEqual(st, 200, cal)
        self.assertEqual([i["id"] for i in cal["items"]], [a["id"], b["id"], c["id"]])
        named = {i["id"] for i in cal["items"] if "organization_id" in i}
        self.assertEqual(named, {b["id"]})
        st, cal = self.srv.get("/api/v1/facilities/%d/calendar?from=2031-03-10&to=2031-03-10"
                               % fid, token=self.tok["owner"])
        self.assertEqual(len([i for i in cal["items"] if "organization_name" in i]), 3)
        st, cal = self.srv.get("/api/v1/facilities/%d/calendar?from=2031-03-10&to=2031-03-10"
                               % fid)
        self.assertEqual((st, len(cal["items"])), (200, 3), cal)

    def test_concurrent_approvals(self):
        f = self.facility("并发审批基地", stations=3)
        for rnd in range(4):
            ids = [self.booked(f["id"], t(20 + rnd, 9), t(20 + rnd, 11), 1)["id"]
                   for _ in range(8)]
            results = []
            gate = threading.Barrier(len(ids))

            def approve(bid, who):
                gate.wait()
                results.append(self.set_status(bid, "approved", who=who))

            threads = [threading.Thread(target=approve,
                                        args=(bid, "owner" if i % 2 else "secretariat"))
                       for i, bid in enumerate(ids)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            codes = sorted(st for st, _ in results)
            self.assertEqual(codes, [200] * 3 + [409] * 5, (rnd, results))
            st, av = self.srv.get("/api/v1/facilities/%d/availability?starts_at=%s&ends_at=%s"
                                  % (f["id"], quote(t(20 + rnd, 9)), quote(t(20 + rnd, 11))),
                                  token=self.tok["owner"])
            self.assertEqual((av["peak"], av["free"]), (3, 0), av)

    # ---- figures ------------------------------------------------------------

    def test_figures_exact(self):
        # A consortium of its own so the totals are the test's alone.
        st, cons = self.srv.post("/api/v1/consortia", {
            "name": "设施统计测试联合体", "kind": "city", "level": "municipal",
            "is_public": True}, token=self.admin)
        if st != 201:
            self.skipTest("cannot make a consortium: %s" % cons)
        cid = cons["id"]
        for oid in (self.sgmw, self.lzvtu, self.gxauto):
            st, b = self.srv.post("/api/v1/memberships", {
                "consortium_id": cid, "organization_id": oid, "role": "member"}, token=self.admin)
            self.assertEqual(st, 201, b)
        body = {"consortium_id": cid, "organization_id": self.sgmw, "name": "统计基地",
                "kind": "training_base", "stations": 10, "status": "running",
                "open_hours_week": 35}
        st, fac = self.srv.post("/api/v1/facilities", body, token=self.admin)
        self.assertEqual(st, 201, fac)
        st, b = self.srv.post("/api/v1/facility-owners", {
            "consortium_id": cid, "facility_id": fac["id"], "organization_id": self.gxauto, "role": "operator"},
            token=self.admin)
        self.assertEqual(st, 201, b)

        def add(org, starts, ends, stations, status, pt=None):
            body = {"consortium_id": cid, "facility_id": fac["id"], "organization_id": org,
                    "starts_at": starts,
                    "ends_at": ends, "stations": stations, "purpose": "training",
                    "status": status}
            if pt is not None:
                body["person_times"] = pt
            st, b = self.srv.post("/api/v1/facility-bookings", body, token=self.admin)
            self.assertEqual(st, 201, b)

        add(self.lzvtu, t(3, 8), t(3, 11), 6, "approved")            # 18 outside
        add(self.lzvtu, t(4, 8), t(4, 10), 4, "done", 15)            # 8 outside, March
        add(self.gxauto, t(5, 8), t(5, 9), 2, "done", 7, )           # 2 co-owner (inside)
        add(self.lzvtu, t(1, 8, month=7), t(1, 9, month=7), 10, "done", 30)  # 10, July
        add(self.lzvtu, t(6, 8), t(6, 9), 10, "requested")           # not counted
        # Across the new year: only 2031's 2 hours count, no person-times.
        add(self.lzvtu, "2030-12-31T22:00:00+08:00", "2031-01-01T02:00:00+08:00", 1, "done", 9)
        st, s = self.srv.get("/api/v1/consortia/%d/facility-stats?year=2031" % cid)
        self.assertEqual(st, 200, s)
        item = s["items"][0]
        open_h = round(10 * 35 * 365 / 7, 2)
        self.assertEqual(item["station_hours_open"], open_h)
        self.assertEqual(item["station_hours_booked"], 40.0)
        self.assertEqual(item["outside_station_hours"], 38.0)
        self.assertEqual(item["outside_share"], round(38 / 40, 4))
        self.assertEqual(item["utilisation"], round(40 / (10 * 35 * 365 / 7), 4))
        self.assertEqual(item["person_times"], 52)
        self.assertEqual(item["person_times_by_month"],
                         [0, 0, 22, 0, 0, 0, 30, 0, 0, 0, 0, 0])
        self.assertEqual((item["bookings"], item["bookings_done"]), (5, 3))
        # Month by month (China Standard Time): station-hours booked, over
        # those open that month, and the outside units' share of them.
        self.assertEqual(item["station_hours_booked_by_month"],
                         [2.0, 0, 28.0, 0, 0, 0, 10.0, 0, 0, 0, 0, 0])
        open_month = lambda days: 10 * 35 * days / 7  # noqa: E731
        self.assertEqual(item["utilisation_by_month"],
                         [round(2 / open_month(31), 4), 0, round(28 / open_month(31), 4), 0, 0, 0,
                          round(10 / open_month(31), 4), 0, 0, 0, 0, 0])
        self.assertEqual(item["outside_share_by_month"],
                         [1.0, 0, round(26 / 28, 4), 0, 0, 0, 1.0, 0, 0, 0, 0, 0])
        tot = s["totals"]
        self.assertEqual((tot["facilities"], tot["stations"], tot["person_times"],
                          tot["station_hours_booked"]), (1, 10, 52, 40.0))
        for k in ("station_hours_booked_by_month", "utilisation_by_month",
                  "outside_share_by_month"):
            self.assertEqual(tot[k], item[k], k)
        st, s30 = self.srv.get("/api/v1/consortia/%d/facility-stats?year=2030" % cid)
        self.assertEqual(s30["totals"]["person_times"], 9)
        self.assertEqual(s30["totals"]["station_hours_booked"], 2.0)
        st, b = self.srv.get("/api/v1/consortia/%d/facility-stats?year=1999" % cid)
        self.assertEqual(st, 400, b)
        st, b = self.srv.get("/api/v1/consortia/999999/facility-stats?year=2031")
        self.assertEqual(st, 404, b)

    # ---- imports ------------------------------------------------------------

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_imports(self):
        zh = ("所属单位,名称,类型,工位数,运行状态,认定级别,认定部门,行政区划代码\r\n"
              "上汽通用五菱汽车股份有限公司,导入基地甲,实训基地,20,运行,国家级,教育部,450200\r\n"
              "柳州职业技术大学,导入产业学院乙,产业学院,50,运行,省级,广西壮族自治区教育厅,"
              "450206\r\n")
        p = self.srv.cli("import", "facilities", self.write("fac_zh.csv", zh), "--db",
                         self.srv.db, "--consortium", str(LZ))
        self.assertEqual(p.returncode, 0, p.stderr + p.stdout)
        st, b = self.srv.get("/api/v1/facilities?consortium_id=%d&q=%s"
                             % (LZ, quote("导入基地甲")))
        self.assertEqual(b["total"], 1, b)
        self.assertEqual((b["items"][0]["kind"], b["items"][0]["recognition_level"]),
                         ("training_base", "national"))
        en = ("facility,organization,starts_at,ends_at,stations,purpose,status\r\n"
              "导入基地甲,柳州职业技术大学,2031-05-06T08:00:00+08:00,2031-05-06T12:00:00+08:00,"
              "15,exam,approved\r\n"
              "导入基地甲,广西汽车集团有限公司,2031-05-06T10:00:00+08:00,"
              "2031-05-06T11:00:00+08:00,5,competition,approved\r\n")
        st, b = self.srv.post("/api/v1/import/facility-bookings?consortium_id=%d" % LZ,
                              en.encode(), token=self.tok["secretariat"],
                              headers={"Content-Type": "text/csv"})
        self.assertEqual((st, b.get("created")), (200, 2), b)
        # All or nothing: the second row would overbook, so neither lands.
        bad = en.replace("2031-05-06", "2031-05-07").replace(",5,", ",6,")
        st, b = self.srv.post("/api/v1/import/facility-bookings?consortium_id=%d" % LZ,
                              bad.encode(), token=self.tok["secretariat"],
                              headers={"Content-Type": "text/csv"})
        self.assertIn(st, (409, 422), b)
        st, cal = self.srv.get("/api/v1/facilities?consortium_id=%d&q=%s"
                               % (LZ, quote("导入基地甲")))
        fid = cal["items"][0]["id"]
        st, cal = self.srv.get("/api/v1/facilities/%d/calendar?from=2031-05-06&to=2031-05-07"
                               % fid, token=self.tok["secretariat"])
        self.assertEqual([i["starts_at"][:10] for i in cal["items"]],
                         ["2031-05-06", "2031-05-06"], cal)
        # A booking unit may not import approvals under the API either.
        st, b = self.srv.post("/api/v1/import/facility-bookings?consortium_id=%d" % LZ,
                              en.replace("2031-05-06", "2031-05-08").encode(),
                              token=self.tok["member"], headers={"Content-Type": "text/csv"})
        self.assertIn(st, (403, 409, 422), b)


if __name__ == "__main__":
    cjtest.run()
