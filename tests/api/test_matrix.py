"""test_matrix — the permission matrix: every (method, path) of the OpenAPI
document × every kind of caller, against one table of expected answers.

    python3 tests/api/test_matrix.py build/chanjiao

The callers (ROLES) are the seven SPEC.md names: anonymous, a student, an
organisation's staff (a school: 柳州职业技术大学), an organisation's admin
(an enterprise: 上汽通用五菱), another consortium's secretariat, the
secretariat (柳州, consortium 1) and the platform admin.

The fixtures are the demo plus private records, each carrying a marker
string of its visibility class (VISIBLE says who may see which):

  MXSTU     a student's personal data (name, student number): the student,
            the school, enterprises the student applied to or is placed at
  MXEVAL    a placement's evaluation: the school, the host enterprise
  MXOTHER   another student of the school, placed at another enterprise,
            and that placement's evaluation: the school only
  MXDRAFTD  a draft demand item of the enterprise: it and the secretariat
  MXDRAFTA  a draft announcement: the secretariat
  MXCONTACT the enterprise's contact person: it and the secretariat
  MXCONS2   the second, non-public consortium's description: its
            secretariat

plus a round with lists (the student with the private record ranked one
of the enterprise's positions), a published demand report and a second,
non-public consortium with its own secretariat.

For each route and caller the test sends a representative request (reads
of the private records; writes with a valid body, on throwaway records
made for that request, so the order does not matter) and compares the
answer with MATRIX: 'Y' a 2xx, 'N' a refusal (anonymous: 401, or 404 for
a read; signed in: 403 or 404), 'A' either a refusal or a 2xx (the route
does not apply to that caller and SPEC.md does not say which).  Every 2xx
body must also be free of the markers the caller may not see, and each
caller must have seen every marker it may see.  ('H', in requests only: a
read of the non-public consortium with a bad parameter — 400 for those
who may read it, a refusal for the others.)  A route in the OpenAPI document
without a row fails, and so does a row for a route that no longer exists:
see docs/testing.md, "Permission matrix", for adding a row.

The expectations are SPEC.md's (Trust, and "A unit acts only as its
kind"), not whatever the code answers today.
"""
import json
import os
import sqlite3
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cjtest  # noqa: E402

ROLES = ("anon", "student", "staff", "orgadmin", "other_sec", "sec", "admin")

# Who may see which marker (SPEC.md, Trust).
MARKERS = ("MXSTU", "MXEVAL", "MXOTHER", "MXDRAFTD", "MXDRAFTA", "MXCONTACT", "MXCONS2")
VISIBLE = {
    "anon": set(),
    "student": set(),  # another student of the same school
    "staff": {"MXSTU", "MXEVAL", "MXOTHER"},  # the students' school
    "orgadmin": {"MXSTU", "MXEVAL", "MXDRAFTD", "MXCONTACT"},  # applied to, host, owner
    "other_sec": {"MXCONS2"},  # its own, non-public consortium
    "sec": {"MXDRAFTD", "MXDRAFTA", "MXCONTACT"},  # never the student's personal data
    "admin": set(MARKERS),
}

# One row per route; the seven letters follow ROLES:
#             anon student staff orgadmin other_sec sec admin
ALL = "YYYYYYY"
MATRIX = {
    # ---- public, auth ------------------------------------------------------
    ("GET", "/"): ALL,
    ("GET", "/api/v1/health"): ALL,
    ("GET", "/api/v1/openapi.json"): ALL,
    ("GET", "/api/v1/meta/entities"): ALL,
    ("POST", "/api/v1/auth/login"): ALL,
    ("POST", "/api/v1/auth/logout"): "NYYYYYY",
    ("GET", "/api/v1/auth/me"): "NYYYYYY",
    # Personal data (PIPL): everyone signed in downloads what is held on
    # them (and nothing of anyone else's); the student's school and the
    # platform admin erase a student (docs/privacy.md).
    ("GET", "/api/v1/me/data"): "NYYYYYY",
    # each role's to-do list and figures, of its own consortium, unit or account
    ("GET", "/api/v1/me/todo"): "NYYYYYY",
    ("POST", "/api/v1/students/{id}/erase"): "NNYNNNY",
    # ---- consortium pages and figures (consortium 1 is public) --------------
    ("GET", "/api/v1/consortia/{id}/composition"): ALL,
    ("GET", "/api/v1/consortia/{id}/council"): ALL,
    ("GET", "/api/v1/consortia/{id}/stats"): ALL,
    ("GET", "/api/v1/consortia/{id}/outcomes"): ALL,
    # The technology figures count what each reader may see (test_rd_stats.py).
    ("GET", "/api/v1/consortia/{id}/rd-stats"): ALL,
    ("GET", "/api/v1/consortia/{id}/gap"): ALL,
    ("GET", "/api/v1/consortia/{id}/gap/trend"): ALL,
    ("GET", "/api/v1/consortia/{id}/recommendations"): ALL,
    ("GET", "/api/v1/consortia/{id}/demand-reports"): ALL,
    # Option lists (字典): whoever reads the consortium reads its lists.
    ("GET", "/api/v1/consortia/{id}/options"): ALL,
    ("POST", "/api/v1/consortia/{id}/demand-reports"): "NNNNNYY",
    ("GET", "/api/v1/demand-reports/{id}"): ALL,
    # The three lists (三张清单): published by the secretariat, read by whoever reads the consortium.
    ("GET", "/api/v1/consortia/{id}/lists"): ALL,
    ("POST", "/api/v1/consortia/{id}/lists"): "NNNNNYY",
    ("GET", "/api/v1/lists/{id}"): ALL,
    # The measures library and a measure's value: whoever reads the consortium's figures
    # (issue 12); a framework's tree: anyone.
    ("GET", "/api/v1/measures"): ALL,
    ("GET", "/api/v1/consortia/{id}/measures/{key}"): ALL,
    ("GET", "/api/v1/indicator-frameworks/{id}/tree"): ALL,
    ("GET", "/api/v1/agenda-items/{id}/result"): "NYYYNYY",
    # The audit log: the consortium's secretariat and platform admins, and
    # only what they may see of each entity (issue 14, hole 1).
    ("GET", "/api/v1/audit"): "NNNNNYY",
    # The login log: everyone signed in reads it — their own rows, an
    # organisation admin their unit's users', an admin all (test_logs.py).
    ("GET", "/api/v1/login-log"): "NYYYYYY",
    # Drafts are found by no one; consortium 1 is public.
    ("GET", "/api/v1/search"): ALL,
    # Supply of the school: the school and the secretariat (an enterprise
    # does not publish supply: issue 14, hole 6).
    ("POST", "/api/v1/import/{entity}"): "NNYNNYY",
    # A blank template holds no data: whoever may create rows of the kind
    # (a unit's staff whatever its type — the unit-kind rule is the rows').
    ("GET", "/api/v1/import/{entity}/template"): "NNAAYYY",
    # ---- matching round ----------------------------------------------------
    ("POST", "/api/v1/match-rounds/{id}/open"): "NNNNNYY",
    ("POST", "/api/v1/match-rounds/{id}/close-applications"): "NNNNNYY",
    ("POST", "/api/v1/match-rounds/{id}/close"): "NNNNNYY",
    ("POST", "/api/v1/match-rounds/{id}/run"): "NNNNNYY",
    ("POST", "/api/v1/match-rounds/{id}/publish"): "NNNNNYY",
    ("GET", "/api/v1/match-rounds/{id}/positions"): "NYYYNYY",
    ("POST", "/api/v1/match-rounds/{id}/my-list"): "NYNNNNN",
    ("GET", "/api/v1/match-rounds/{id}/my"): "NYNNNNN",
    ("GET", "/api/v1/match-rounds/{id}/suggestions"): "NYNNNNN",
    ("GET", "/api/v1/match-rounds/{id}/applicants"): "NNAYNNA",
    ("POST", "/api/v1/match-rounds/{id}/rankings"): "NNNYNYY",
    ("GET", "/api/v1/match-rounds/{id}/school"): "NNYANNA",
    ("GET", "/api/v1/match-rounds/{id}/stats"): "NNNNNYY",
    ("GET", "/api/v1/match-rounds/{id}/results"): "NNNNNYY",
    # ---- the technology platform (issue 10) --------------------------------
    # The need's enterprise accepts an answer to its need (the answer read
    # by the school that gave it and the secretariat, who may not accept).
    ("POST", "/api/v1/need-responses/{id}/accept"): "NNNYNNY",
    # Suggestions for a public need and a public capability: whoever reads it.
    ("GET", "/api/v1/tech-needs/{id}/suggestions"): ALL,
    ("GET", "/api/v1/capabilities/{id}/suggestions"): ALL,
    # ---- joint training (issue 11): counts only, whoever reads the consortium
    ("GET", "/api/v1/consortia/{id}/training-stats"): ALL,
    # ---- co-built facilities (issue 11): a public consortium's facility
    # calendar (units named only to who may read the booking), availability
    # and figures are read by anyone
    ("GET", "/api/v1/facilities/{id}/calendar"): ALL,
    ("GET", "/api/v1/facilities/{id}/availability"): ALL,
    ("GET", "/api/v1/consortia/{id}/facility-stats"): ALL,
    # ---- documents (issue 11) ------------------------------------------------
    # Staff of a unit, secretariats and admins upload; students do not.
    ("POST", "/api/v1/files"): "NNYYYYY",
    # A file is read by whoever reads a record naming it: the scan of an
    # agreement of the public consortium 1.
    ("GET", "/api/v1/files/{file}"): ALL,
    # ---- the year's assessment (issue 12, docs/monitoring.md): the consortium's
    # secretariat and admins write; they and member units' staff read; others 404.
    ("POST", "/api/v1/consortia/{id}/assessments"): "NNNNNYY",
    ("GET", "/api/v1/consortia/{id}/assessments"): "NNYYNYY",
    ("GET", "/api/v1/consortia/{id}/goals"): ALL,
    ("GET", "/api/v1/assessments/{id}"): "NNYYNYY",
    ("PATCH", "/api/v1/assessments/{id}"): "NNNNNYY",
    ("POST", "/api/v1/assessments/{id}/compute"): "NNNNNYY",
    ("PATCH", "/api/v1/assessments/{id}/values/{indicator}"): "NNNNNYY",
    ("POST", "/api/v1/assessments/{id}/submit"): "NNNNNYY",
    ("POST", "/api/v1/assessments/{id}/reopen"): "NNNNNNY",
    ("GET", "/api/v1/assessments/{id}/versions/{version}"): "NNYYNYY",
    # ---- the authority's view (issue 12): authorities and platform admins
    # only (none of the seven callers is an authority: test_authority.py)
    ("GET", "/api/v1/authority/overview"): "NNNNNNY",
    ("GET", "/api/v1/authority/indicators"): "NNNNNNY",
    ("GET", "/api/v1/authority/scopes"): "NNNNNNY",
    # the review of consortium 1's assessment: its secretariat comments (a
    # return is the authority's), the platform admin; other readers 403
    ("GET", "/api/v1/assessments/{id}/comments"): "NNNNNYY",
    # the annual report: whoever reads the consortium's figures (consortium 1
    # is public: everyone)
    ("GET", "/api/v1/consortia/{id}/annual-report"): ALL,
    ("POST", "/api/v1/assessments/{id}/comments"): "NNNNNYY",
}

# The register and the other entities: list, create, read, update, delete.
# Targets: see Fixtures (the record read is the private one; the records
# updated and deleted are throwaway copies with the same owners).
ENTITY_ROWS = {
    #                   list   create    read     update    delete
    "organizations": (ALL, "NNNNYYY", ALL, "NNNYNYY", "NNNNNNY"),  # target: the enterprise
    "consortia": (ALL, "NNNNNNY", ALL, "NNNNNYY", "NNNNNNY"),
    "memberships": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    "charters": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    "meetings": (ALL, "NNNNNYY", "NYYYNYY", "NNNNNYY", "NNNNNYY"),
    "agenda-items": (ALL, "NNNNNYY", "NYYYNYY", "NNNNNYY", "NNNNNYY"),
    "votes": (ALL, "NNNNNYY", "NYYYNYY", "NNNNNYY", "NNNNNYY"),
    # owned by the school: its staff report progress
    "work-plan-items": (ALL, "NNNNNYY", "NYYYNYY", "NNYNNYY", "NNNNNYY"),
    "agreements": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    # published by government members (SPEC.md §8) or the secretariat; a
    # school or an enterprise publishing policy acts as the wrong kind
    "policies": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    "projects": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    # the record read is a draft
    "announcements": (ALL, "NNNNNYY", "NNNNNYY", "NNNNNYY", "NNNNNYY"),
    "users": ("NNNNNNY", "NNNNNNY", "NNNNNNY", "NNNNNNY", "NNNNNNY"),
    "occupations": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
    "majors": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
    # GB/T 2260 region codes: public reference data like the catalogues
    "regions": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
    # the consortium's own crosswalk
    "crosswalk": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    # the enterprise's; the record read is a draft.  A school publishing
    # demand acts as the wrong kind (hole 6).
    "demand": (ALL, "NNNYNYY", "NNNYNYY", "NNNYNYY", "NNNYNYY"),
    # the school's; an enterprise publishing supply: hole 6
    "supply": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    # personal data: the school, the student, the host enterprise (read);
    # never the secretariat (SPEC.md, Trust)
    "students": (ALL, "NNYNNNY", "NNYYNNY", "NNYNNNY", "NNYNNNY"),
    "match-rounds": (ALL, "NNNNNYY", "NYYYNYY", "NNNNNYY", "NNNNNYY"),
    # the school places, the host enterprise evaluates; the secretariat
    # reads without who the intern is
    "placements": (ALL, "NNYNNNY", "NNYYNYY", "NNYYNNY", "NNYNNNY"),
    # the school reports its graduates (an enterprise doing it: hole 6)
    "employment-outcomes": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    # the record updated is the school's
    "certificates": (ALL, "NNYYNYY", ALL, "NNYNNYY", "NNYNNYY"),
    # the record updated is the enterprise's
    "trainings": (ALL, "NNYYNYY", ALL, "NNNYNYY", "NNNYNYY"),
    # option lists (字典): members read, the secretariat adds and edits
    # (deactivates), only the platform admin deletes
    "options": (ALL, "NNNNNYY", "NYYYNYY", "NNNNNYY", "NNNNNNY"),
    # the technology platform (issue 10).  Needs: the enterprise's (a school
    # posting one acts as the wrong kind); the record read is a draft.
    "tech-needs": (ALL, "NNNYNYY", "NNNYNYY", "NNNYNYY", "NNNYNYY"),
    # capabilities: any member unit offers its own; the record read is
    # for the consortium's members only, the one updated the school's
    "capabilities": (ALL, "NNYYNYY", "NYYYNYY", "NNYNNYY", "NNYNNYY"),
    "core-products": (ALL, "NNNYNYY", ALL, "NNNYNYY", "NNNYNYY"),
    # answers to another enterprise's need: the responder (the school),
    # the secretariat reads; a unit answers only for itself
    "need-responses": (ALL, "NNYYNNY", "NNYNNYY", "NNYNNNY", "NNYNNNY"),
    # projects led by the school: members read, the lead and the
    # secretariat write, the secretariat deletes
    "rd-projects": (ALL, "NNYYNYY", "NYYYNYY", "NNYNNYY", "NNNNNYY"),
    "rd-milestones": (ALL, "NNYNNYY", "NYYYNYY", "NNYNNYY", "NNYNNYY"),
    "rd-outputs": (ALL, "NNYNNYY", "NYYYNYY", "NNYNNYY", "NNYNNYY"),
    # joint training (issue 11): the school's records (an enterprise filing a
    # programme, course, material or cohort acts as the wrong kind); staff
    # of either kind of unit (the body is a part-time teacher); secondments
    # from either (an enterprise's staff teaching at the school).  The cohort's enterprise reads but does not
    # change the class (403).
    "programs": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    "courses": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    "teaching-materials": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    "teaching-staff": (ALL, "NNYYNYY", ALL, "NNYNNYY", "NNYNNYY"),
    "secondments": (ALL, "NNYYNYY", ALL, "NNYNNYY", "NNYNNYY"),
    "cohorts": (ALL, "NNYNNYY", ALL, "NNYNNYY", "NNYNNYY"),
    # co-built facilities (issue 11): a member unit files its own, the record
    # changed is the enterprise's; co-owners are kept by the facility's unit
    "facilities": (ALL, "NNYYNYY", ALL, "NNNYNYY", "NNNYNYY"),
    "facility-owners": (ALL, "NNYYNYY", ALL, "NNNYNYY", "NNNYNYY"),
    # the school books the enterprise's facility: both read it, the
    # enterprise changes only status, person-times and note; the booking
    # unit or the secretariat deletes
    "facility-bookings": (ALL, "NNYYNYY", "NNYYNYY", "NNYYNYY", "NNYNNYY"),
    # monitoring (issue 12): frameworks and indicators are platform data
    # (anyone reads, the platform admin writes); goals are the consortium's
    # (its secretariat writes)
    "indicator-frameworks": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
    "indicators": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
    "consortium-goals": (ALL, "NNNNNYY", ALL, "NNNNNYY", "NNNNNYY"),
    # the authority (issue 12): what it oversees is the admin's register; the
    # policy package is read by whoever reads the consortium, written by its
    # authority (not one of these callers: test_authority.py) or the admin
    "authority-scopes": ("NNNNNNY", "NNNNNNY", "NNNNNNY", "NNNNNNY", "NNNNNNY"),
    "policy-grants": (ALL, "NNNNNNY", ALL, "NNNNNNY", "NNNNNNY"),
}
for _name, (_l, _c, _r, _u, _d) in ENTITY_ROWS.items():
    MATRIX[("GET", "/api/v1/" + _name)] = _l
    MATRIX[("POST", "/api/v1/" + _name)] = _c
    MATRIX[("GET", "/api/v1/%s/{id}" % _name)] = _r
    MATRIX[("PATCH", "/api/v1/%s/{id}" % _name)] = _u
    MATRIX[("DELETE", "/api/v1/%s/{id}" % _name)] = _d

# Lists whose fixtures are private: their CSV export is read too.
PRIVATE_LISTS = {"organizations", "demand", "announcements", "students", "placements",
                 "certificates", "consortia"}

PW = "Mx-matrix-pass-2026!"
SCHOOL, ENTERPRISE = 8, 5  # 柳州职业技术大学, 上汽通用五菱 (demo)
LZ = 1  # the Liuzhou consortium


def openapi_routes():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "docs", "openapi.json"), encoding="utf-8") as f:
        doc = json.load(f)
    # HEAD is documented beside every GET and answered as that GET (the
    # GET's row covers it).
    methods = {"get", "put", "post", "delete", "patch", "options", "trace"}
    return {(m.upper(), p) for p, item in doc["paths"].items() for m in item if m in methods}


class Fixtures:
    """The demo plus the private records; every id the requests need."""

    def __init__(self, srv):
        self.srv = srv
        self.n = 0
        self.spare = {}  # role -> a second session token (for logout)
        self.tok = {"anon": None}
        self.pw = dict(cjtest.DEMO_PASSWORDS)
        a = self.tok["admin"] = srv.login("admin")
        self.admin = a
        for role, user in (("student", "student_demo"), ("staff", "lzvtu_staff"),
                           ("orgadmin", "sgmw_admin"), ("sec", "liuzhou_sec")):
            self.tok[role] = srv.login(user)
        self.user = {"student": "student_demo", "staff": "lzvtu_staff", "orgadmin": "sgmw_admin",
                     "sec": "liuzhou_sec", "admin": "admin"}
        # A second, non-public consortium with its own secretariat.
        self.cons2 = self.make("consortia", {"name": "MX第二联合体", "kind": "industry",
                                             "level": "provincial", "is_public": False,
                                             "description": "MXCONS2 非公开"})
        org2 = self.make("organizations", {"name": "MX第二联合体秘书处单位", "type": "other"})
        self.make("memberships", {"consortium_id": self.cons2, "organization_id": org2,
                                  "role": "secretary_general"})
        self.make("users", {"username": "mx_other_sec", "display_name": "MX其他秘书处",
                            "role": "secretariat", "organization_id": org2,
                            "consortium_id": self.cons2, "password": PW})
        self.user["other_sec"], self.pw["mx_other_sec"] = "mx_other_sec", PW
        self.tok["other_sec"] = srv.login("mx_other_sec", PW)
        # A login-only account for the anonymous login request.
        self.make("users", {"username": "mx_login", "display_name": "MX登录", "role": "student",
                            "organization_id": SCHOOL, "password": PW})
        self.pw["mx_login"] = PW
        # The enterprise's contact person (private to its editors).
        self.ok(srv.patch("/api/v1/organizations/%d" % ENTERPRISE,
                          {"contact_name": "MXCONTACT联系人"}, token=a))
        # Catalogue codes that exist; the members of consortium 1.
        occ = [o for o in self.list("occupations") if len(o["code"]) == 10]
        self.occs, self.occ_level = [o["code"] for o in occ], occ[0]["level"]
        self.majors = [m for m in self.list("majors") if len(m["code"]) == 6]
        self.major = "460702" if any(m["code"] == "460702" for m in self.majors) \
            else self.majors[0]["code"]
        self.members = [m["organization_id"] for m in self.list("memberships", consortium_id=LZ)]
        # The second consortium's published records: its members' and
        # secretariat's alone.
        ent2 = self.make("organizations", {"name": "MX第二联合体企业", "type": "enterprise"})
        self.make("memberships", {"consortium_id": self.cons2, "organization_id": ent2,
                                  "role": "member"})
        self.make("announcements", {"consortium_id": self.cons2, "title": "MXCONS2公告",
                                    "body": "MXCONS2", "status": "published"})
        d2 = self.demand_body(ent2, title="MXCONS2岗位")
        d2.update(consortium_id=self.cons2, status="published")
        self.make("demand", d2)
        # An enterprise of consortium 1 other than ENTERPRISE (another host).
        self.host_elsewhere = [o["id"] for o in self.list("organizations", type="enterprise")
                               if o["id"] != ENTERPRISE and o["id"] in self.members][0]
        # The student with personal data, with an account, in the open
        # round of the demo, ranking one of the enterprise's positions.
        self.stu_user = self.make("users", {"username": "mx_student_p", "display_name": "MX学生",
                                            "role": "student", "organization_id": SCHOOL,
                                            "password": PW})
        self.student = self.make("students", self.student_body("MXSTU001", name="MXSTU矩阵学生",
                                                               user_id=self.stu_user))
        st, rounds = srv.get("/api/v1/match-rounds?consortium_id=%d" % LZ, token=a)
        self.round = [r for r in rounds["items"] if r["status"] == "open"][0]["id"]
        st, pos = srv.get("/api/v1/match-rounds/%d/positions" % self.round, token=a)
        self.ok((st, pos))
        mine = [p for p in pos["items"] if p["enterprise_id"] == ENTERPRISE]
        assert mine, "the demo round has no position of the enterprise %d" % ENTERPRISE
        self.position = mine[0]["demand_id"]
        tok_p = srv.login("mx_student_p", PW)
        self.ok(srv.post("/api/v1/match-rounds/%d/my-list" % self.round,
                         {"positions": [self.position]}, token=tok_p))
        # Its skill-level certificate, kept by the school.
        self.certificate = self.make("certificates", {
            "consortium_id": LZ, "organization_id": SCHOOL, "student_id": self.student,
            "holder_name": "MXSTU矩阵学生", "certificate_no": "MXSTU-C001",
            "occupation_code": self.occs[0], "level": "intermediate", "year": 2025})
        # Its placement at the enterprise, evaluated.
        self.placement = self.make("placements", self.placement_body(self.student))
        self.ok(srv.patch("/api/v1/placements/%d" % self.placement,
                          {"evaluation": "MXEVAL表现良好", "score": 88, "grade": "good"},
                          token=a))
        # Another student of the school, placed elsewhere and evaluated.
        other = self.make("students", self.student_body("MXOTHER01", name="MXOTHER学生"))
        body = self.placement_body(other)
        body.update(enterprise_id=self.host_elsewhere, evaluation="MXOTHER评价", score=61)
        self.make("placements", body)
        # A draft demand item of the enterprise; a draft announcement.
        self.demand = self.make("demand", self.demand_body(ENTERPRISE, title="MXDRAFTD草稿岗位"))
        self.announcement = self.make("announcements", {
            "consortium_id": LZ, "title": "MXDRAFTA草稿通知", "body": "MXDRAFTA", "status": "draft"})
        # A published demand report; other targets from the demo.
        self.report = self.ok(srv.post("/api/v1/consortia/%d/demand-reports" % LZ,
                                       {"period": 2025}, token=a))["id"]
        self.meeting = self.make("meetings", self.meeting_body())
        self.agenda = self.make("agenda-items", self.agenda_body())
        self.policy = self.list("policies", consortium_id=LZ, status="published")[0]["id"]
        self.project = self.list("projects", consortium_id=LZ, status="published")[0]["id"]
        self.gov = [o["id"] for o in self.list("organizations", type="government")
                    if o["id"] in self.members][0]

    # ---- helpers --------------------------------------------------------------

    def ok(self, status_body):
        st, body = status_body
        if not 200 <= st < 300:
            raise AssertionError("fixture request failed: %s %s" % (st, body))
        return body

    def make(self, name, body):
        return self.ok(self.srv.post("/api/v1/" + name, body, token=self.admin))["id"]

    def list(self, name, **q):
        q.setdefault("per_page", 500)
        return self.ok(self.srv.get("/api/v1/%s?%s" % (name, urllib.parse.urlencode(q)),
                                    token=self.admin))["items"]

    def next(self):
        self.n += 1
        return self.n

    # ---- valid bodies (no markers: throwaway records are not private) --------

    def student_body(self, no, name="矩阵学生", user_id=None, school=SCHOOL):
        b = {"consortium_id": LZ, "school_id": school, "student_no": no, "name": name,
             "major_code": self.major, "level": "higher", "cohort": 2023, "consent": True}
        if user_id:
            b["user_id"] = user_id
        return b

    def placement_body(self, student, school=SCHOOL):
        return {"consortium_id": LZ, "student_id": student, "school_id": school,
                "enterprise_id": ENTERPRISE, "status": "planned", "year": 2026,
                "starts_on": "2026-07-01"}

    def demand_body(self, enterprise, title="矩阵岗位"):
        return {"consortium_id": LZ, "enterprise_id": enterprise, "occupation_code": self.occs[0],
                "job_title": title, "kind": "internship", "headcount": 2, "period": 2026,
                "status": "draft"}

    def meeting_body(self):
        return {"consortium_id": LZ, "title": "矩阵会议", "kind": "working",
                "held_on": "2026-01-10", "status": "planned"}

    def agenda_body(self):
        # its own count: seq is 1–999, and the shared one passes that
        self.agenda_seq = getattr(self, "agenda_seq", 0) + 1
        return {"meeting_id": self.meeting, "seq": self.agenda_seq, "title": "矩阵议题",
                "threshold": "majority", "base": "present"}

    def supply_key(self, n):
        """(major, graduation year) no supply row has yet: years 2030–2099."""
        return self.majors[n // 70 % len(self.majors)]["code"], 2030 + n % 70

    def own_org(self, role, default):
        """The unit a caller names as its own: its organisation when it is an
        organisation's user, else the fixture's unit."""
        return {"staff": SCHOOL, "orgadmin": ENTERPRISE}.get(role, default)

    def body(self, name, role):
        """A valid create body for the entity, as the caller would send it."""
        n = self.next()
        org = lambda d: self.own_org(role, d)  # noqa: E731
        if name == "organizations":
            return {"name": "矩阵单位%d" % n, "type": "enterprise"}
        if name == "consortia":
            return {"name": "矩阵联合体%d" % n, "kind": "city", "level": "municipal"}
        if name == "memberships":
            return {"consortium_id": LZ, "organization_id": ENTERPRISE, "role": "member",
                    "term": 10 + n % 89, "note": "矩阵%d" % n} if n < 89 else {
                "consortium_id": LZ, "organization_id": self.members[n % len(self.members)],
                "role": "member", "term": 10 + n // len(self.members) % 89}
        if name == "charters":
            return {"consortium_id": LZ, "version": 100 + n, "title": "矩阵章程", "body": "正文"}
        if name == "meetings":
            return self.meeting_body()
        if name == "agenda-items":
            return self.agenda_body()
        if name == "votes":
            agenda = self.make("agenda-items", self.agenda_body())
            return {"agenda_item_id": agenda, "organization_id": ENTERPRISE, "choice": "for"}
        if name == "work-plan-items":
            return {"consortium_id": LZ, "year": 2026, "title": "矩阵工作", "status": "not_started",
                    "owner_org_id": SCHOOL}
        if name == "agreements":
            return {"consortium_id": LZ, "title": "矩阵协议", "type": "school_enterprise",
                    "parties": [SCHOOL, ENTERPRISE], "status": "draft"}
        if name in ("policies", "projects"):
            return {"consortium_id": LZ, "publisher_org_id": org(self.gov), "title": "矩阵清单",
                    "status": "draft"}
        if name == "announcements":
            return {"consortium_id": LZ, "title": "矩阵通知", "body": "正文", "status": "draft"}
        if name == "users":
            return {"username": "mx_user_%d" % n, "display_name": "矩阵用户", "role": "org_staff",
                    "organization_id": SCHOOL, "password": PW}
        if name == "occupations":
            return {"code": "6-99-%02d-%02d" % (n // 100 % 100, n % 100), "name": "矩阵职业",
                    "level": self.occ_level, "edition": "2099"}
        if name == "majors":
            m = self.majors[0]
            return {"code": "99%04d" % (n % 10000), "name": "矩阵专业", "level": m["level"],
                    "edition": "2099"}
        if name == "regions":  # 4590xx–4599xx: free codes of 广西
            return {"code": "45%02d%02d" % (90 + n // 100 % 10, n % 100), "name": "矩阵区",
                    "level": "county", "parent_code": "450200", "edition": "2099"}
        if name == "crosswalk":
            occ = self.occs[n % len(self.occs)]
            major = self.majors[(n // len(self.occs)) % len(self.majors)]["code"]
            return {"consortium_id": LZ, "major_code": major, "occupation_code": occ}
        if name == "demand":
            return self.demand_body(org(ENTERPRISE))
        if name == "supply":
            major, period = self.supply_key(n)
            return {"consortium_id": LZ, "school_id": org(SCHOOL), "major_code": major,
                    "level": "higher", "period": period, "graduates": 10}
        if name == "students":
            return self.student_body("MX%06d" % n, school=org(SCHOOL))
        if name == "match-rounds":
            return {"consortium_id": LZ, "period": 2026, "title": "矩阵轮次", "positions": "both",
                    "max_choices": 3, "optimal": "student"}
        if name == "placements":
            student = self.make("students", self.student_body("MXP%06d" % n))
            return self.placement_body(student, school=org(SCHOOL))
        if name == "employment-outcomes":
            return {"consortium_id": LZ, "school_id": org(SCHOOL), "year": 2025,
                    "kind": "employed", "headcount": 3, "major_code": self.major}
        if name == "certificates":
            return {"consortium_id": LZ, "organization_id": org(SCHOOL), "holder_name": "矩阵持证人",
                    "occupation_code": self.occs[0], "level": "junior", "year": 2025,
                    "certificate_no": "MXC%06d" % n}
        if name == "trainings":
            return {"consortium_id": LZ, "title": "矩阵培训", "provider_id": org(ENTERPRISE),
                    "kind": "upskilling", "participants": 5, "year": 2025}
        if name == "options":
            return {"consortium_id": LZ, "field": "agreements.type",
                    "label_zh": "矩阵协议类型%d" % n}
        if name == "tech-needs":
            return {"consortium_id": LZ, "enterprise_id": org(ENTERPRISE), "title": "矩阵需求",
                    "field": "other", "visibility": "public", "status": "draft"}
        if name == "capabilities":
            return {"consortium_id": LZ, "organization_id": org(SCHOOL), "kind": "lab",
                    "title": "矩阵能力", "visibility": "members"}
        if name == "core-products":
            return {"consortium_id": LZ, "enterprise_id": org(ENTERPRISE), "name": "矩阵产品",
                    "chain_link": "vehicle"}
        if name == "need-responses":
            return {"consortium_id": LZ, "need_id": self.tech_need(self.host_elsewhere),
                    "organization_id": org(SCHOOL), "approach": "矩阵方案"}
        if name == "rd-projects":
            return {"consortium_id": LZ, "kind": "service", "title": "矩阵项目%d" % n,
                    "lead_id": org(SCHOOL), "status": "proposed"}
        if name in ("rd-milestones", "rd-outputs"):
            project = self.make("rd-projects", self.body("rd-projects", "admin"))
            b = {"consortium_id": LZ, "project_id": project, "title": "矩阵%d" % n}
            b.update({"due_on": "2026-12-31"} if name == "rd-milestones" else {"kind": "paper"})
            return b
        if name in ("programs", "courses", "cohorts"):
            b = {"consortium_id": LZ, "school_id": org(SCHOOL), "name": "矩阵%d" % n}
            b.update({"programs": {"level": "higher"}, "courses": {"kind": "core"},
                      "cohorts": {"kind": "order", "enterprise_id": ENTERPRISE, "year": 2026,
                                  "size": 10}}[name])
            return b
        if name == "teaching-materials":
            return {"consortium_id": LZ, "school_id": org(SCHOOL), "kind": "digital",
                    "title": "矩阵教材%d" % n}
        if name == "teaching-staff":
            return {"consortium_id": LZ, "organization_id": org(SCHOOL), "name": "矩阵教师",
                    "kind": "part_time"}
        if name == "secondments":
            home = org(SCHOOL)
            return {"consortium_id": LZ, "person_name": "矩阵", "home_id": home, "days": 5,
                    "year": 2026, **({"direction": "to_school", "host_id": SCHOOL}
                                     if home == ENTERPRISE else
                                     {"direction": "to_enterprise", "host_id": ENTERPRISE})}
        if name in ("facilities", "facility-owners", "facility-bookings"):
            # A counter of their own: the shared one numbers the memberships'
            # terms, which must not shift.
            self.n -= 1
            n = self.fac_n = getattr(self, "fac_n", 0) + 1
        if name == "facilities":
            return {"consortium_id": LZ, "organization_id": org(ENTERPRISE),
                    "name": "矩阵资源%d" % n, "kind": "training_base", "stations": 10,
                    "status": "running"}
        if name in ("facility-owners", "facility-bookings"):
            owner = org(ENTERPRISE)
            fac = self.make("facilities", {"consortium_id": LZ, "organization_id": owner,
                                           "name": "矩阵资源%d" % n, "kind": "training_base",
                                           "stations": 10, "status": "running"})
            if name == "facility-owners":
                return {"consortium_id": LZ, "facility_id": fac, "role": "co_builder",
                        "organization_id": SCHOOL if owner != SCHOOL else ENTERPRISE}
            return {"consortium_id": LZ, "facility_id": fac, "organization_id": org(SCHOOL),
                    "starts_at": "2026-12-07T08:30:00+08:00",
                    "ends_at": "2026-12-07T11:30:00+08:00", "stations": 2, "purpose": "teaching"}
        if name in ("indicator-frameworks", "indicators", "consortium-goals"):
            # a counter of their own, like the facilities': the shared one
            # numbers charters' versions and memberships' terms
            self.n -= 1
            n = self.mon_n = getattr(self, "mon_n", 0) + 1
        if name == "indicator-frameworks":
            return {"name": "矩阵指标体系%d" % n, "version": "1", "applies_to": "city",
                    "status": "draft"}
        if name == "indicators":
            fw = self.make("indicator-frameworks", self.body("indicator-frameworks", "admin"))
            return {"framework_id": fw, "level": 1, "code": "M%d" % n, "name": "矩阵指标"}
        if name == "consortium-goals":
            return {"consortium_id": LZ, "title": "矩阵目标%d" % n, "target_min": 3}
        if name == "authority-scopes":  # 柳州市教育局 (demo unit 2, a government unit)
            return {"organization_id": 2, "region_prefix": "4502", "note": "矩阵%d" % n}
        if name == "policy-grants":
            return {"consortium_id": LZ, "organization_id": 2, "kind": "finance",
                    "item": "矩阵政策%d" % n, "amount": 10, "unit": "万元", "year": 2025}
        raise AssertionError("no create body for %s" % name)

    def tech_need(self, enterprise):
        """A published, public technology need of the enterprise."""
        return self.make("tech-needs", {"consortium_id": LZ, "enterprise_id": enterprise,
                                        "title": "矩阵需求%d" % self.next(), "field": "other",
                                        "visibility": "public", "status": "published"})

    # A harmless change per entity (PATCH), valid for the record's kind.
    PATCH = {"organizations": {"website": "https://example.com"},
             "consortia": {"region_name": "广西柳州"}, "memberships": {"note": "矩阵"},
             "charters": {"title": "矩阵章程修订"}, "meetings": {"place": "矩阵会场"},
             "agenda-items": {"title": "矩阵议题修订"}, "votes": {"note": "矩阵"},
             "work-plan-items": {"progress": 50, "status": "in_progress"},
             "agreements": {"scope": "矩阵"}, "policies": {"summary": "矩阵"},
             "projects": {"summary": "矩阵"}, "announcements": {"title": "矩阵通知修订"},
             "users": {"display_name": "矩阵用户改"}, "occupations": {"name": "矩阵职业改"},
             "majors": {"name": "矩阵专业改"}, "regions": {"name": "矩阵区改"},
             "crosswalk": {"note": "矩阵"},
             "demand": {"headcount": 3}, "supply": {"graduates": 11},
             "students": {"cohort": 2022}, "match-rounds": {"title": "矩阵轮次改"},
             "placements": {"enterprise_mentor": "矩阵导师"},
             "employment-outcomes": {"headcount": 4}, "certificates": {"issuer": "矩阵"},
             "trainings": {"participants": 6}, "options": {"label_en": "Matrix"},
             "tech-needs": {"contact": "矩阵"}, "capabilities": {"contact": "矩阵"},
             "core-products": {"description": "矩阵"}, "need-responses": {"team": "矩阵"},
             "rd-projects": {"description": "矩阵"}, "rd-milestones": {"note": "矩阵"},
             "rd-outputs": {"identifier": "MX-1"},
             "programs": {"description": "矩阵"}, "courses": {"hours": 10},
             "teaching-materials": {"publisher": "矩阵"}, "teaching-staff": {"field": "矩阵"},
             "secondments": {"content": "矩阵"}, "cohorts": {"note": "矩阵"},
             "facilities": {"description": "矩阵"}, "facility-owners": {"role": "user"},
             "facility-bookings": {"note": "矩阵"},
             "indicator-frameworks": {"description": "矩阵"}, "indicators": {"observation": "矩阵"},
             "consortium-goals": {"note": "矩阵"},
             "authority-scopes": {"note": "矩阵"}, "policy-grants": {"note": "矩阵"}}

    def target(self, name, role, write):
        """The record a read (write None) or a PATCH / DELETE addresses: the
        private fixture for reads, else a throwaway record with the same
        owners.  The enterprise and consortium 1 are patched in place (the
        change is harmless and the same every time)."""
        if name == "organizations":
            return self.make(name, self.body(name, "admin")) if write == "DELETE" else ENTERPRISE
        if name == "consortia":
            return self.make(name, self.body(name, "admin")) if write == "DELETE" else LZ
        if not write:
            fixed = {"students": self.student, "placements": self.placement,
                     "demand": self.demand, "announcements": self.announcement,
                     "meetings": self.meeting, "agenda-items": self.agenda,
                     "match-rounds": self.round, "users": self.stu_user,
                     "policies": self.policy, "projects": self.project,
                     "certificates": self.certificate}
            if name in fixed:
                return fixed[name]
        # A throwaway record owned like the fixture: made by the admin.
        return self.make(name, self.body(name, "admin"))

    def round_in(self, status):
        """A throwaway round of consortium 1 in the given status."""
        rid = self.make("match-rounds", self.body("match-rounds", "admin"))
        path = {"draft": [], "open": ["open"], "closed": ["open", "close"],
                "matched": ["open", "close", "run"]}[status]
        for step in path:
            self.ok(self.srv.post("/api/v1/match-rounds/%d/%s" % (rid, step), {},
                                  token=self.admin))
        return rid


def entity_of(path):
    """The entity a CRUD route is about (its first segment), else None."""
    parts = path.split("/")
    return parts[3] if len(parts) > 3 and parts[3] in ENTITY_ROWS else None


class Matrix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The database on tmpfs when there is one: a thousand fsync'd
        # writes on a shared disk take a minute, in memory seconds.  What
        # survives a crash is not what this test is about.
        if os.access("/dev/shm", os.W_OK):
            st = os.statvfs("/dev/shm")
            if st.f_bavail * st.f_frsize >= 256 << 20:  # a container's 64 MB is too small
                tempfile.tempdir = "/dev/shm"
        t0 = time.time()
        cls.srv = cjtest.Server(demo=True)
        t1 = time.time()
        cls.fx = Fixtures(cls.srv)
        print("\nmatrix: demo %.1f s, fixtures %.1f s" % (t1 - t0, time.time() - t1))

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()

    # ---- the requests ---------------------------------------------------------

    def requests(self, method, path, role):
        """[(method, url, body, headers)] for one route and caller: usually
        one request; reads of the audit log are three."""
        fx = self.fx
        j = {"Content-Type": "application/json"}
        ent = entity_of(path)
        if path == "/api/v1/auth/login":
            user = fx.user.get(role, "mx_login")
            return [("POST", path, {"username": user, "password": fx.pw[user]}, j)]
        if path == "/api/v1/auth/logout":
            # A session of its own (the one the login row made, if it ran
            # first: a login costs a second of Argon2id).
            tok = None
            if role != "anon":
                user = fx.user[role]
                tok = fx.spare.pop(role, None) or self.srv.login(user, fx.pw[user])
            return [("POST", path, None, {"Authorization": "Bearer " + tok} if tok else {})]
        if "assessments" in path or path.endswith("/goals"):
            return self.assessment_requests(method, path)
        if path == "/api/v1/consortia/{id}/measures/{key}":
            url = "/api/v1/consortia/%d/measures/members?year=2025" % LZ
            return [("GET", url, None, {}),
                    self.hidden(url.replace("/%d/" % LZ, "/%d/" % fx.cons2))]
        if path == "/api/v1/indicator-frameworks/{id}/tree":
            return [("GET", "/api/v1/indicator-frameworks/1/tree", None, {})]
        if path.startswith("/api/v1/consortia/{id}/"):
            tail = path.rsplit("}/", 1)[1]
            q = {"gap": "?period=2025", "gap/trend": "", "recommendations": "?period=2025",
                 "annual-report": "?year=2025&format=json"}.get(tail, "")
            url = "/api/v1/consortia/%d/%s%s" % (LZ, tail, q)
            if method == "POST" and tail == "lists":
                return [("POST", url, {"kind": "core_products", "period": "2025"}, j)]
            if method == "POST":
                return [("POST", url, {"period": 2025, "title": "矩阵报告"}, j)]
            hidden = url.replace("/%d/" % LZ, "/%d/" % fx.cons2)
            bad = {"gap": "?period=x", "gap/trend": "?from=x", "recommendations": "?period=x",
                   "outcomes": "?year=x", "rd-stats": "?year=x"}.get(tail)
            reqs = [("GET", url, None, {}), self.hidden(hidden)]
            if bad:  # and with a bad parameter: refused before it is looked at
                reqs.append(("GET", hidden.split("?")[0] + bad, None, {}, "H"))
            return reqs
        if path == "/api/v1/lists/{id}":  # the talent-needs list of the fixtures' report
            st, b = self.srv.get("/api/v1/consortia/%d/lists?kind=talent_needs&per_page=500" % LZ)
            lid = next(r["id"] for r in b["items"] if r["report_id"] == fx.report)
            return [("GET", "/api/v1/lists/%d" % lid, None, {})]
        if path == "/api/v1/demand-reports/{id}":
            return [("GET", "/api/v1/demand-reports/%d" % fx.report, None, {})]
        if path == "/api/v1/agenda-items/{id}/result":
            return [("GET", "/api/v1/agenda-items/%d/result" % fx.agenda, None, {})]
        if path == "/api/v1/audit":
            base = "/api/v1/audit?consortium_id=%d&per_page=500&entity=" % LZ
            return [("GET", base + "students", None, {}), ("GET", base + "placements", None, {}),
                    ("GET", base + "placements&format=csv", None, {})]
        if path == "/api/v1/students/{id}/erase":
            victim = self.fx.make("students", self.fx.student_body("MXERASE%d" % self.fx.next()))
            return [("POST", "/api/v1/students/%d/erase" % victim, {"confirm": True}, j)]
        if path == "/api/v1/search":
            return [("GET", "/api/v1/search?consortium=%d&q=MXDRAFTD" % LZ, None, {}),
                    self.hidden("/api/v1/search?consortium=%d&q=MXCONS2" % fx.cons2),
                    ("GET", "/api/v1/search?consortium=%d&q=%%20" % fx.cons2, None, {}, "H")]
        if path == "/api/v1/import/{entity}":
            school = {"orgadmin": "上汽通用五菱汽车股份有限公司"}.get(role, "柳州职业技术大学")
            major, period = fx.supply_key(fx.next())
            csv = "school_id,major_code,level,period,graduates\n%s,%s,higher,%d,10\n" % (
                school, major, period)
            return [("POST", "/api/v1/import/supply?consortium_id=%d&dry_run=1" % LZ,
                     csv.encode(), {"Content-Type": "text/csv"})]
        if path == "/api/v1/import/{entity}/template":
            return [("GET", "/api/v1/import/supply/template?format=csv", None, {})]
        if path == "/api/v1/need-responses/{id}/accept":
            # The school's answer to a need of the enterprise.
            resp = fx.make("need-responses", {"consortium_id": LZ,
                                              "need_id": fx.tech_need(ENTERPRISE),
                                              "organization_id": SCHOOL, "approach": "矩阵方案"})
            return [("POST", "/api/v1/need-responses/%d/accept" % resp, {}, j)]
        if path in ("/api/v1/tech-needs/{id}/suggestions",
                    "/api/v1/capabilities/{id}/suggestions"):
            if "tech-needs" in path:
                rid = fx.tech_need(ENTERPRISE)
            else:
                rid = fx.make("capabilities", dict(fx.body("capabilities", "admin"),
                                                   visibility="public"))
            return [("GET", path.replace("{id}", str(rid)), None, {})]
        if path.startswith("/api/v1/facilities/{id}/"):
            fid = fx.make("facilities", fx.body("facilities", "admin"))
            q = {"calendar": "?from=2026-12-07&to=2026-12-13",
                 "availability": "?starts_at=2026-12-07T08%3A30%3A00%2B08%3A00"
                                 "&ends_at=2026-12-07T11%3A30%3A00%2B08%3A00&stations=1"}
            return [("GET", path.replace("{id}", str(fid)) + q[path.rsplit("/", 1)[1]], None, {})]
        if path.startswith("/api/v1/assessments/{id}/"):
            # consortium 1's assessment, written as part "assessment" leaves it
            if not getattr(fx, "assessment", None):
                dbc = sqlite3.connect(self.srv.db, timeout=30)
                cur = dbc.execute(
                    "INSERT INTO assessments (consortium_id, year, framework_id, status, cutoff_on,"
                    " created_at, updated_at) VALUES (?, 2024, 1, 'draft', '2024-12-31', "
                    "'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", (LZ,))
                fx.assessment = cur.lastrowid
                dbc.commit()
                dbc.close()
            url = path.replace("{id}", str(fx.assessment))
            return [(method, url, {"body": "矩阵意见"} if method == "POST" else None, j)]
        if path == "/api/v1/files":
            pdf = ("%%PDF-1.4\n%% matrix %d\ntrailer <<>>\n%%%%EOF\n" % fx.next()).encode()
            return [("POST", "/api/v1/files?filename=m.pdf", pdf, {"Content-Type": "application/pdf"})]
        if path == "/api/v1/files/{file}":
            pdf = ("%%PDF-1.4\n%% matrix scan %d\ntrailer <<>>\n%%%%EOF\n" % fx.next()).encode()
            st, up = fx.srv.request("POST", "/api/v1/files", pdf, token=fx.admin,
                                    headers={"Content-Type": "application/pdf"})
            fx.ok((st, up))
            fx.make("agreements", dict(fx.body("agreements", "admin"), signed_scan=up["id"]))
            return [("GET", "/api/v1/files/" + up["id"], None, {})]
        if path.startswith("/api/v1/match-rounds/{id}/"):
            action = path.rsplit("/", 1)[1]
            need = {"open": "draft", "close-applications": "open", "close": "open",
                    "run": "closed", "publish": "matched"}
            if action in need:
                rid = fx.round_in(need[action])
                return [("POST", "/api/v1/match-rounds/%d/%s" % (rid, action), {}, j)]
            url = "/api/v1/match-rounds/%d/%s" % (fx.round, action)
            if action == "my-list":
                return [("POST", url, {"positions": [fx.position]}, j)]
            if action == "rankings":
                return [("POST", url, {"demand_id": fx.position, "students": [fx.student]}, j)]
            return [("GET", url, None, {})]
        # Entities.
        if ent and path == "/api/v1/" + ent:
            if method == "GET":
                # Newest first, so the private fixtures are on the page;
                # the export too where the fixture is private.
                url = "/api/v1/%s?per_page=500&sort=-id" % ent
                reqs = [("GET", url, None, {})]
                if ent in ("announcements", "demand"):
                    reqs.append(self.hidden(url + "&consortium_id=%d" % fx.cons2))
                if ent in PRIVATE_LISTS:
                    reqs.append(("GET", url + "&format=csv", None, {}))
                return reqs
            return [("POST", path, fx.body(ent, role), j)]
        if ent and path == "/api/v1/%s/{id}" % ent:
            rid = fx.target(ent, role, None if method == "GET" else method)
            url = "/api/v1/%s/%d" % (ent, rid)
            if ent == "consortia" and method == "GET":
                return [("GET", url, None, {}), self.hidden("/api/v1/consortia/%d" % fx.cons2)]
            if method == "PATCH":
                return [("PATCH", url, Fixtures.PATCH[ent], j)]
            return [(method, url, None, {})]
        if method == "GET" and "{" not in path:
            return [("GET", path, None, {})]  # health, openapi.json, meta, auth/me, /
        raise AssertionError("no request for %s %s" % (method, path))

    @staticmethod
    def invalid(req):
        """The same write with a body that fails validation (each field of
        the valid body but its references given a value of the wrong type): a caller who may
        not write is refused all the same — authorisation comes first
        (issue 14, hole 10)."""
        m, url, body, headers = req[:4]
        if isinstance(body, bytes):  # an import: a file of one bad row
            return (m, url, b"school_id,period\n,not-a-year\n", headers)
        if not isinstance(body, dict) or not body or "/auth/" in url:
            return req
        # The references that say whose row it would be (consortium, unit,
        # parent) stay as they were: authorisation is decided on them
        # first; everything else is wrong.
        return (m, url, {k: (v if k.endswith("_id") else ["无效"]) for k, v in body.items()},
                headers)

    def assessment_requests(self, method, path):
        """The year's assessment: a throwaway assessment of consortium 1 per
        request (one per year: each takes a year of its own), submitted
        first for a reopen or a version read."""
        fx, j = self.fx, {"Content-Type": "application/json"}

        def a_year():  # a year no assessment of consortium 1 has (the demo's is 2025)
            Matrix.year = getattr(Matrix, "year", 1999) + 1 + (getattr(Matrix, "year", 0) == 2024)
            return Matrix.year
        if path == "/api/v1/consortia/{id}/goals":
            url = "/api/v1/consortia/%d/goals?year=2025" % LZ
            return [("GET", url, None, {}),
                    self.hidden("/api/v1/consortia/%d/goals" % fx.cons2),
                    ("GET", "/api/v1/consortia/%d/goals?year=x" % fx.cons2, None, {}, "H")]
        if path == "/api/v1/consortia/{id}/assessments":
            url = "/api/v1/consortia/%d/assessments" % LZ
            if method == "POST":
                return [("POST", url, {"year": a_year()}, j)]
            return [("GET", url, None, {})]
        year = a_year()
        a = fx.ok(self.srv.post("/api/v1/consortia/%d/assessments" % LZ, {"year": year},
                                token=fx.admin))
        base = "/api/v1/assessments/%d" % a["id"]
        if path.endswith("/comments"):  # the review (docs/authority.md)
            if method == "POST":
                return [("POST", base + "/comments", {"body": "矩阵", "action": "comment"}, j)]
            return [("GET", base + "/comments", None, {})]
        if path.endswith("/reopen") or "/versions/" in path:
            fx.ok(self.srv.post(base + "/submit", {}, token=fx.admin))
        if path.endswith("/reopen"):
            return [("POST", base + "/reopen", {"comment": "矩阵"}, j)]
        if "/versions/" in path:
            return [("GET", base + "/versions/1", None, {})]
        if path.endswith("/values/{indicator}"):
            def leaf(ns):
                for n in ns:
                    return leaf(n["children"]) if n["children"] else n["id"]
            return [("PATCH", "%s/values/%d" % (base, leaf(a["indicators"])), {"target": 5}, j)]
        if path.endswith("/compute") or path.endswith("/submit"):
            return [("POST", base + "/" + path.rsplit("/", 1)[1], {}, j)]
        if method == "PATCH":
            return [("PATCH", base, {"cutoff_on": "%d-06-30" % year}, j)]
        return [("GET", base, None, {})]

    @staticmethod
    def hidden(url):
        """A read of the second, non-public consortium: whatever the row
        says of consortium 1, here a refusal or an answer without what the
        caller may not see (its markers) is right."""
        return ("GET", url, None, {}, "A")

    def send(self, role, method, url, body, headers):
        h = dict(headers)
        tok = self.fx.tok.get(role)
        if url == "/api/v1/auth/login":
            tok = None
        if tok and "Authorization" not in h:
            h["Authorization"] = "Bearer " + tok
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
        return self.srv.request(method, url, body=data, headers=h, raw=True)

    def judge(self, role, want, method, url, status, raw):
        """None when the answer is the expected one, else why not."""
        ok2xx = 200 <= status < 300
        # Refused: anonymous writes ask to sign in (401); anonymous reads
        # ask to sign in or find nothing (404); a signed-in caller is
        # forbidden (403) or finds nothing (404).
        if role == "anon":
            refusals = (401,) if method != "GET" else (401, 404)
        else:
            refusals = (403, 404)
        denied = status in refusals
        if want == "Y" and not ok2xx:
            return "expected 2xx, got %d %s" % (status, raw[:200].decode("utf-8", "replace"))
        if want == "N" and not denied:
            return "expected refusal %s, got %d %s" % (
                "/".join(map(str, refusals)), status, raw[:120].decode("utf-8", "replace"))
        if want == "A" and not (ok2xx or denied):
            return "expected 2xx or refusal, got %d" % status
        # A bad parameter on the non-public consortium: 400 for those who
        # may read it, the same refusal as ever for the others.
        if want == "H" and "MXCONS2" in VISIBLE[role] and status != 400:
            return "expected 400 (bad parameter), got %d" % status
        if want == "H" and "MXCONS2" not in VISIBLE[role] and not denied:
            return "expected refusal %s before the parameter is checked, got %d" % (
                "/".join(map(str, refusals)), status)
        if ok2xx:
            seen = [m for m in MARKERS if m.encode() in raw and m not in VISIBLE[role]]
            if seen:
                return "shows %s the caller may not see" % ",".join(seen)
        if not ok2xx and status >= 400 and url.startswith("/api/"):
            try:
                err = json.loads(raw)["error"]
                assert isinstance(err["code"], str) and isinstance(err["message"], str)
            except (ValueError, KeyError, TypeError, AssertionError):
                return "error %d not in the SPEC envelope: %r" % (status, raw[:120])
        return None

    # ---- the tests --------------------------------------------------------------

    def test_every_route_has_a_row(self):
        routes = openapi_routes()
        missing = sorted(routes - set(MATRIX))
        stale = sorted(set(MATRIX) - routes)
        self.assertEqual(missing, [], "routes in docs/openapi.json without a row in MATRIX "
                                      "(add one: docs/testing.md, Permission matrix)")
        self.assertEqual(stale, [], "rows in MATRIX for routes that no longer exist")
        for key, row in MATRIX.items():
            self.assertRegex(row, r"^[YNA]{%d}$" % len(ROLES), key)

    def test_router_serves_the_documented_routes(self):
        p = cjtest.run_cli("routes", check=True)
        served = {tuple(line.split(None, 1)) for line in p.stdout.splitlines() if line.strip()}
        self.assertEqual(served, openapi_routes())

    def test_matrix(self):
        failures, sent = [], 0
        seen = {role: set() for role in ROLES}
        t0 = time.time()
        for (method, path) in sorted(openapi_routes()):
            row = MATRIX.get((method, path))
            if row is None:
                continue  # test_every_route_has_a_row names it
            for role, want in zip(ROLES, row):
                reqs = self.requests(method, path, role)
                if want == "N" and method in ("POST", "PATCH") and reqs[0][2]:
                    reqs = reqs + [self.invalid(reqs[0])]
                for req in reqs:
                    (m, url, body, headers), w = req[:4], (req[4] if len(req) > 4 else want)
                    status, raw = self.send(role, m, url, body, headers)
                    if url == "/api/v1/auth/login" and status == 200 and role != "anon":
                        self.fx.spare[role] = json.loads(raw)["token"]
                    sent += 1
                    why = self.judge(role, w, m, url, status, raw)
                    if 200 <= status < 300:
                        seen[role] |= {k for k in MARKERS if k.encode() in raw}
                    if why:
                        failures.append("%-6s %-45s %-9s %s: %s" % (method, path, role, url, why))
        print("\nmatrix: %d routes × %d callers, %d requests in %.1f s, %d wrong" % (
            len(MATRIX), len(ROLES), sent, time.time() - t0, len(failures)))
        # The other way round: each caller did read every private record
        # it may see, so the fixtures were on the pages read and a marker
        # not found means hidden, not missed.
        for role in ROLES:
            if seen[role] != VISIBLE[role]:
                failures.append("%s saw markers %s, may see %s: a fixture is not on the pages "
                                "read, or is hidden from its rightful reader" % (
                                    role, sorted(seen[role]), sorted(VISIBLE[role])))
        self.assertEqual(failures, [], "\n" + "\n".join(failures))


if __name__ == "__main__":
    cjtest.run()
