/*
 * report_html.c — the annual report as a printable page (report_html.h).
 *
 * One pass over the report's JSON writes the page; nothing here counts or
 * decides — a figure shown is a figure of the JSON, a section with no
 * records says 暂无记录.  The page is built for print first: @page A4 with
 * margins, the CJK fonts Debian ships (fonts-wqy-microhei is the one the
 * server installs, so the PDF embeds it), `thead { display:
 * table-header-group }` so a long table repeats its header on every page,
 * and rows that never split.  Charts are horizontal bars in inline SVG
 * with the label and the figure as text, so pdftotext and screen readers
 * find them and the PDF carries them as vectors.
 */
#include "io/report_html.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void report_html_escape(buf_t *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&':
            buf_puts(out, "&amp;");
            break;
        case '<':
            buf_puts(out, "&lt;");
            break;
        case '>':
            buf_puts(out, "&gt;");
            break;
        case '"':
            buf_puts(out, "&quot;");
            break;
        case '\'':
            buf_puts(out, "&#39;");
            break;
        default:
            buf_append(out, p, 1);
        }
    }
}

static const char *sget(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static double nget(json_t *o, const char *k)
{
    return json_number_value(json_object_get(o, k));
}

/* A figure as people read it: integers plainly, reals to one or two
 * places, null as "—". */
static void num(buf_t *out, json_t *v)
{
    if (json_is_integer(v))
        buf_printf(out, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 1e15)
            buf_printf(out, "%.0f", d);
        else
            buf_printf(out, "%.2f", d);
    } else
        buf_puts(out, "—");
}

static void numk(buf_t *out, json_t *o, const char *k)
{
    num(out, json_object_get(o, k));
}

/* A share 0…1 as a percentage. */
static void pct(buf_t *out, json_t *v)
{
    if (json_is_number(v))
        buf_printf(out, "%.1f%%", json_number_value(v) * 100);
    else
        buf_puts(out, "—");
}

static void esc(buf_t *out, const char *s)
{
    report_html_escape(out, s);
}

static void h2(buf_t *out, int n, const char *zh, const char *en)
{
    buf_printf(out, "<h2><span class=\"no\">%d</span>", n);
    esc(out, zh);
    buf_puts(out, " <small>");
    esc(out, en);
    buf_puts(out, "</small></h2>\n");
}

static void h3(buf_t *out, const char *zh, const char *en)
{
    buf_puts(out, "<h3>");
    esc(out, zh);
    buf_puts(out, " <small>");
    esc(out, en);
    buf_puts(out, "</small></h3>\n");
}

static void none(buf_t *out)
{
    buf_puts(out, "<p class=\"none\">暂无记录 <small>(no records)</small></p>\n");
}

/* Table head from "zh|en" pairs; numeric columns (flag '#') align right. */
static void thead(buf_t *out, const char *const *cols, size_t n)
{
    buf_puts(out, "<table><thead><tr>");
    for (size_t i = 0; i < n; i++) {
        const char *c = cols[i];
        bool numeric = *c == '#';
        if (numeric)
            c++;
        const char *bar = strchr(c, '|');
        buf_puts(out, numeric ? "<th class=\"n\">" : "<th>");
        if (bar) {
            buf_append(out, c, (size_t)(bar - c));
            buf_puts(out, "<br><small>");
            esc(out, bar + 1);
            buf_puts(out, "</small>");
        } else
            esc(out, c);
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead><tbody>\n");
}

static void tend(buf_t *out)
{
    buf_puts(out, "</tbody></table>\n");
}

static void td(buf_t *out, const char *s)
{
    buf_puts(out, "<td>");
    esc(out, s);
    buf_puts(out, "</td>");
}

static void tdn(buf_t *out, json_t *v)
{
    buf_puts(out, "<td class=\"n\">");
    num(out, v);
    buf_puts(out, "</td>");
}

/* A horizontal bar chart: one bar per item (label, value), scaled to the
 * largest, the figure written after the bar. */
static void bars(buf_t *out, const char *title, const char *const *labels, const double *values,
                 size_t n)
{
    double max = 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] > max)
            max = values[i];
    const int row = 22, left = 190, width = 380, top = 26;
    int height = top + (int)n * row + 6;
    buf_printf(out,
               "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" "
               "viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"",
               height, height);
    esc(out, title);
    buf_puts(out, "\"><text x=\"0\" y=\"16\" class=\"t\">");
    esc(out, title);
    buf_puts(out, "</text>");
    for (size_t i = 0; i < n; i++) {
        int y = top + (int)i * row;
        double w = max > 0 ? values[i] / max * width : 0;
        buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 15);
        esc(out, labels[i]);
        buf_printf(out,
                   "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"2\" "
                   "fill=\"#3b6fb6\"/><text x=\"%.1f\" y=\"%d\">",
                   left, y + 2, w, left + w + 6, y + 15);
        if (values[i] == floor(values[i]))
            buf_printf(out, "%.0f", values[i]);
        else
            buf_printf(out, "%.2f", values[i]);
        buf_puts(out, "</text>");
    }
    buf_puts(out, "</svg></figure>\n");
}

/* A chart of an array of {zh|label, n|key} objects. */
static void bars_of(buf_t *out, const char *title, json_t *items, const char *label_key,
                    const char *value_key, bool skip_zero)
{
    size_t n = json_array_size(items), k = 0;
    const char **labels = xcalloc(n + 1, sizeof *labels);
    double *values = xcalloc(n + 1, sizeof *values);
    size_t i;
    json_t *x;
    json_array_foreach (items, i, x) {
        double v = nget(x, value_key);
        if (skip_zero && v == 0)
            continue;
        labels[k] = sget(x, label_key);
        values[k++] = v;
    }
    if (k)
        bars(out, title, labels, values, k);
    free(labels);
    free(values);
}

static const char CSS[] =
    "@page{size:A4;margin:18mm 16mm 20mm 16mm}"
    "html{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
    "sans-serif;font-size:10.5pt;line-height:1.6;color:#1f2328}"
    "body{margin:0 auto;max-width:180mm}"
    "h1{font-size:20pt;margin:0 0 4pt;line-height:1.3}"
    "h1+p.sub{margin:0 0 12pt;color:#555}"
    "h2{font-size:14pt;border-bottom:1.5pt solid #3b6fb6;padding-bottom:2pt;margin:18pt 0 8pt;"
    "break-after:avoid}"
    "h2 .no{display:inline-block;min-width:1.6em;color:#3b6fb6}"
    "h3{font-size:11.5pt;margin:12pt 0 4pt;break-after:avoid}"
    "small{font-weight:normal;color:#666;font-size:0.82em}"
    "table{border-collapse:collapse;width:100%;margin:4pt 0 8pt;font-size:9.5pt}"
    "thead{display:table-header-group}"
    "tr{break-inside:avoid}"
    "th,td{border:0.6pt solid #b8c2cc;padding:2pt 4pt;text-align:left;vertical-align:top}"
    "th{background:#eef2f7;font-weight:bold}"
    "td:first-child,th:first-child{min-width:5.5em}"
    ".n{text-align:right;font-variant-numeric:tabular-nums}"
    "p.none{color:#777}"
    "figure{margin:6pt 0;break-inside:avoid}"
    "svg text{font-family:inherit;font-size:11px;fill:#1f2328}"
    "svg text.t{font-weight:bold;font-size:12px}"
    ".kpi{display:flex;flex-wrap:wrap;gap:6pt;margin:6pt 0}"
    ".kpi div{border:0.6pt solid #b8c2cc;border-radius:3pt;padding:3pt 8pt;min-width:28mm}"
    ".kpi b{display:block;font-size:14pt}"
    ".rag-green{color:#1a7f37}.rag-amber{color:#9a6700}.rag-red{color:#cf222e}"
    "footer{margin-top:16pt;color:#777;font-size:8.5pt}";

static void kpi(buf_t *out, const char *zh, json_t *v)
{
    buf_puts(out, "<div><b>");
    num(out, v);
    buf_puts(out, "</b>");
    esc(out, zh);
    buf_puts(out, "</div>");
}

static void profile(buf_t *out, json_t *r)
{
    json_t *c = json_object_get(r, "consortium"), *p = json_object_get(r, "profile");
    json_t *comp = json_object_get(p, "composition"), *council = json_object_get(p, "council");
    h2(out, 1, "概况与成员构成", "Profile and composition");
    buf_puts(out, "<table><tbody>");
    static const char *const rows[][3] = {{"name", "名称", "Name"},
                                          {"kind_zh", "类型", "Kind"},
                                          {"level_zh", "级别", "Level"},
                                          {"region_name", "地区", "Region"},
                                          {"industry_focus", "产业", "Industry"},
                                          {"founded_on", "成立日期", "Founded"}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (!*sget(c, rows[i][0]))
            continue;
        buf_puts(out, "<tr><th>");
        esc(out, rows[i][1]);
        buf_puts(out, " <small>");
        esc(out, rows[i][2]);
        buf_puts(out, "</small></th>");
        td(out, sget(c, rows[i][0]));
        buf_puts(out, "</tr>");
    }
    buf_puts(out, "</tbody></table>\n");
    if (*sget(c, "description")) {
        buf_puts(out, "<p>");
        esc(out, sget(c, "description"));
        buf_puts(out, "</p>\n");
    }
    h3(out, "成员构成", "Members by type");
    json_t *types = json_object_get(comp, "by_type");
    buf_puts(out, "<p class=\"lead\">成员单位共 <b>");
    numk(out, comp, "total");
    buf_puts(out, "</b> 家");
    size_t i;
    json_t *x;
    const char *sep = "：";
    json_array_foreach (types, i, x) {
        if (nget(x, "n") == 0)
            continue;
        buf_puts(out, sep);
        esc(out, sget(x, "zh"));
        buf_puts(out, " ");
        numk(out, x, "n");
        buf_puts(out, " 家");
        sep = "、";
    }
    buf_puts(out, "。 <small>(");
    numk(out, comp, "total");
    buf_puts(out, " member units)</small></p>\n");
    static const char *const tc[] = {"类型|Type", "#单位数|Units"};
    thead(out, tc, 2);
    json_array_foreach (types, i, x) {
        buf_puts(out, "<tr>");
        td(out, sget(x, "zh"));
        tdn(out, json_object_get(x, "n"));
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "<tr><th>合计 <small>Total</small></th>");
    tdn(out, json_object_get(comp, "total"));
    buf_puts(out, "</tr>");
    tend(out);
    bars_of(out, "成员构成 Members by type", types, "zh", "n", true);
    h3(out, "理事会", "Council by role");
    json_t *roles = json_object_get(council, "by_role");
    if (!json_array_size(roles)) {
        none(out);
        return;
    }
    static const char *const rc[] = {"职务|Role", "#单位数|Units", "单位|Member units"};
    thead(out, rc, 3);
    json_array_foreach (roles, i, x) {
        buf_puts(out, "<tr>");
        td(out, sget(x, "zh"));
        tdn(out, json_object_get(x, "n"));
        buf_puts(out, "<td>");
        size_t j;
        json_t *u;
        /* Ordinary members are counted, not named (the register lists
         * them); the council's officers are named. */
        if (strcmp(sget(x, "key"), "member"))
            json_array_foreach (json_object_get(x, "units"), j, u) {
                if (j)
                    buf_puts(out, "、");
                esc(out, json_string_value(u));
            }
        else
            buf_puts(out, "—");
        buf_puts(out, "</td></tr>\n");
    }
    tend(out);
}

static void governance(buf_t *out, json_t *r)
{
    json_t *g = json_object_get(r, "governance");
    h2(out, 2, "治理", "Governance");
    buf_puts(out, "<div class=\"kpi\">");
    kpi(out, "召开会议（次）", json_object_get(g, "meetings_held"));
    kpi(out, "审议议题（项）", json_object_get(g, "motions"));
    kpi(out, "表决通过（项）", json_object_get(g, "motions_passed"));
    kpi(out, "工作计划平均进度（%）", json_object_get(g, "work_plan_average"));
    buf_puts(out, "</div>\n");
    h3(out, "会议与表决", "Meetings and votes");
    json_t *ms = json_object_get(g, "meetings");
    size_t i;
    json_t *m;
    if (!json_array_size(ms))
        none(out);
    else {
        static const char *const cols[] = {"会议|Meeting", "日期|Date", "议题|Motion",
                                           "#赞成|Yes",    "#反对|No",  "#弃权|Abstain",
                                           "结果|Result"};
        thead(out, cols, 7);
        json_array_foreach (ms, i, m) {
            json_t *mo = json_object_get(m, "motions");
            size_t j;
            json_t *a;
            if (!json_array_size(mo)) {
                buf_puts(out, "<tr>");
                td(out, sget(m, "title"));
                td(out, sget(m, "held_on"));
                buf_puts(out, "<td colspan=\"5\">—</td></tr>\n");
            }
            json_array_foreach (mo, j, a) {
                buf_puts(out, "<tr>");
                td(out, j ? "" : sget(m, "title"));
                td(out, j ? "" : sget(m, "held_on"));
                td(out, sget(a, "title"));
                tdn(out, json_object_get(a, "for"));
                tdn(out, json_object_get(a, "against"));
                tdn(out, json_object_get(a, "abstain"));
                json_t *passed = json_object_get(a, "passed");
                td(out, json_is_true(passed)    ? "通过 Passed"
                        : json_is_false(passed) ? "未通过 Not passed"
                                                : "—");
                buf_puts(out, "</tr>\n");
            }
        }
        tend(out);
    }
    h3(out, "年度工作计划", "Work plan");
    json_t *wp = json_object_get(g, "work_plan");
    if (!json_array_size(wp))
        none(out);
    else {
        static const char *const cols[] = {"事项|Item", "负责单位|Owner", "完成时限|Due",
                                           "状态|Status", "#进度(%)|Progress"};
        thead(out, cols, 5);
        json_array_foreach (wp, i, m) {
            buf_puts(out, "<tr>");
            td(out, sget(m, "title"));
            td(out, sget(m, "owner"));
            td(out, sget(m, "due_on"));
            td(out, sget(m, "status"));
            tdn(out, json_object_get(m, "progress"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
}

static void talent(buf_t *out, json_t *r)
{
    json_t *t = json_object_get(r, "talent");
    h2(out, 3, "人才供需", "Talent supply and demand");
    buf_puts(out, "<div class=\"kpi\">");
    kpi(out, "需求人数", json_object_get(t, "demand"));
    kpi(out, "供给人数（折算）", json_object_get(t, "supply"));
    buf_puts(out, "</div>\n");
    h3(out, "主要缺口", "Largest gaps by occupation");
    json_t *gaps = json_object_get(t, "gap_top");
    size_t i;
    json_t *x;
    if (!json_array_size(gaps))
        none(out);
    else {
        static const char *const cols[] = {"职业编码|Code", "职业|Occupation", "#需求|Demand",
                                           "#供给|Supply", "#缺口|Gap"};
        thead(out, cols, 5);
        json_array_foreach (gaps, i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "code"));
            td(out, sget(x, "name"));
            tdn(out, json_object_get(x, "demand"));
            tdn(out, json_object_get(x, "supply"));
            tdn(out, json_object_get(x, "gap"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
    h3(out, "发布的清单", "Published lists");
    json_t *lists = json_object_get(t, "lists");
    if (!json_array_size(lists))
        none(out);
    else {
        static const char *const cols[] = {"清单|List", "标题|Title", "发布时间|Published",
                                           "#条目|Items"};
        thead(out, cols, 4);
        json_array_foreach (lists, i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "kind"));
            td(out, sget(x, "title"));
            td(out, sget(x, "published_at"));
            tdn(out, json_object_get(x, "count"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
    h3(out, "双向选择", "Matching rounds");
    json_t *rounds = json_object_get(t, "rounds");
    if (!json_array_size(rounds))
        none(out);
    else {
        static const char *const cols[] = {"轮次|Round", "状态|Status", "#岗位数|Seats",
                                           "#学生|Students", "#录取|Matched"};
        thead(out, cols, 5);
        json_array_foreach (rounds, i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "title"));
            td(out, sget(x, "status"));
            tdn(out, json_object_get(x, "seats"));
            tdn(out, json_object_get(x, "students"));
            tdn(out, json_object_get(x, "matched"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
}

static void outcomes(buf_t *out, json_t *r)
{
    json_t *o = json_object_get(r, "outcomes");
    json_t *cert = json_object_get(o, "certificates"), *tr = json_object_get(o, "training");
    h2(out, 4, "成效", "Outcomes");
    buf_puts(out, "<div class=\"kpi\">");
    kpi(out, "实习学生（人）", json_object_get(o, "interns"));
    kpi(out, "输送毕业生（人）", json_object_get(o, "graduates_delivered"));
    kpi(out, "技能等级证书（张）", json_object_get(cert, "total"));
    kpi(out, "技师及以上（人）", json_object_get(cert, "technician_or_above"));
    kpi(out, "培训人次", json_object_get(tr, "person_times"));
    buf_puts(out, "</div>\n");
    json_t *by_year = json_object_get(o, "by_year");
    size_t n = json_array_size(by_year), i;
    json_t *x;
    if (n) {
        h3(out, "历年成效", "Outcomes by year");
        static const char *const cols[] = {
            "年度|Year",          "#实习学生|Interns",       "#输送毕业生|Graduates",
            "#证书|Certificates", "#技师及以上|Technician+", "#培训人次|Person-times"};
        thead(out, cols, 6);
        const char **labels = xcalloc(n, sizeof *labels);
        char(*ys)[8] = xcalloc(n, sizeof *ys);
        double *g = xcalloc(n, sizeof *g);
        json_array_foreach (by_year, i, x) {
            json_t *c = json_object_get(x, "certificates");
            buf_puts(out, "<tr>");
            snprintf(ys[i], sizeof ys[i], "%lld",
                     (long long)json_integer_value(json_object_get(x, "year")));
            labels[i] = ys[i];
            g[i] = nget(x, "graduates_delivered");
            td(out, ys[i]);
            tdn(out, json_object_get(x, "interns"));
            tdn(out, json_object_get(x, "graduates_delivered"));
            tdn(out, json_object_get(c, "total"));
            tdn(out, json_object_get(c, "technician_or_above"));
            tdn(out, json_object_get(json_object_get(x, "training"), "person_times"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
        bars(out, "历年输送毕业生 Graduates delivered by year", labels, g, n);
        free(labels);
        free(ys);
        free(g);
    }
    h3(out, "技能等级证书", "Certificates by level");
    if (nget(cert, "total") == 0)
        none(out);
    else {
        static const char *const cols[] = {"等级|Level", "#证书数|Certificates"};
        thead(out, cols, 2);
        json_array_foreach (json_object_get(o, "certificate_levels"), i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "zh"));
            tdn(out, json_object_get(x, "n"));
            buf_puts(out, "</tr>\n");
        }
        buf_puts(out, "<tr><th>其中技师及以上 <small>Technician or above</small></th>");
        tdn(out, json_object_get(cert, "technician_or_above"));
        buf_puts(out, "</tr>");
        tend(out);
    }
    h3(out, "培训", "Trainings");
    if (nget(tr, "trainings") == 0)
        none(out);
    else {
        static const char *const cols[] = {"类别|Kind", "#期数|Trainings", "#参训人数|Participants",
                                           "#人次|Person-times"};
        thead(out, cols, 4);
        json_array_foreach (json_object_get(o, "training_kinds"), i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "zh"));
            tdn(out, json_object_get(x, "trainings"));
            tdn(out, json_object_get(x, "participants"));
            tdn(out, json_object_get(x, "person_times"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
    h3(out, "主要校企合作", "Main school–enterprise co-operation");
    json_t *pairs = json_object_get(o, "pairs");
    if (!json_array_size(pairs)) {
        none(out);
        return;
    }
    buf_printf(out,
               "<p><small>实习为 %lld 年人数；其余为截至 %lld 年底累计。 Interns in the "
               "year; the rest cumulative to its end.</small></p>\n",
               (long long)json_integer_value(json_object_get(r, "year")),
               (long long)json_integer_value(json_object_get(r, "year")));
    static const char *const cols[] = {"学校|School",
                                       "企业|Enterprise",
                                       "#实习学生|Interns",
                                       "#输送毕业生|Graduates",
                                       "#技师及以上|Technician+",
                                       "#培训人次|Person-times",
                                       "#联合项目|Joint projects"};
    thead(out, cols, 7);
    json_array_foreach (pairs, i, x) {
        buf_puts(out, "<tr>");
        td(out, sget(x, "school"));
        td(out, sget(x, "enterprise"));
        tdn(out, json_object_get(x, "interns"));
        tdn(out, json_object_get(x, "graduates"));
        tdn(out, json_object_get(x, "certificates_technician"));
        tdn(out, json_object_get(x, "person_times"));
        tdn(out, json_object_get(x, "projects"));
        buf_puts(out, "</tr>\n");
    }
    tend(out);
}

static void tech(buf_t *out, json_t *r)
{
    json_t *t = json_object_get(r, "tech");
    json_t *p = json_object_get(t, "projects"), *o = json_object_get(t, "outputs"),
           *needs = json_object_get(t, "needs"), *funds = json_object_get(t, "funds");
    h2(out, 5, "技术服务", "Technology services");
    buf_puts(out, "<div class=\"kpi\">");
    kpi(out, "发布技术需求（项）", json_object_get(needs, "published"));
    kpi(out, "揭榜对接（项）", json_object_get(needs, "matched"));
    kpi(out, "项目（项）", json_object_get(p, "total"));
    kpi(out, "到账经费（元）", json_object_get(funds, "received"));
    kpi(out, "成果（项）", json_object_get(o, "total"));
    kpi(out, "转化收入（元）", json_object_get(o, "revenue"));
    buf_puts(out, "</div>\n");
    h3(out, "项目（按状态）", "Projects by status");
    size_t i;
    json_t *x;
    if (nget(p, "total") == 0)
        none(out);
    else {
        static const char *const cols[] = {"状态|Status", "#项目数|Projects"};
        thead(out, cols, 2);
        json_array_foreach (json_object_get(p, "status_labels"), i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "zh"));
            tdn(out, json_object_get(x, "n"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
        bars_of(out, "项目状态 Projects by status", json_object_get(p, "status_labels"), "zh", "n",
                true);
    }
    h3(out, "成果", "Outputs");
    if (nget(o, "total") == 0)
        none(out);
    else {
        static const char *const cols[] = {"类别|Kind", "#数量|Outputs"};
        thead(out, cols, 2);
        json_array_foreach (json_object_get(o, "kind_labels"), i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "zh"));
            tdn(out, json_object_get(x, "n"));
            buf_puts(out, "</tr>\n");
        }
        tend(out);
    }
}

static void resources(buf_t *out, json_t *r)
{
    json_t *res = json_object_get(r, "resources");
    json_t *f = json_object_get(res, "facilities"), *tr = json_object_get(res, "training");
    json_t *tot = json_object_get(tr, "totals");
    h2(out, 6, "共建资源与联合培养", "Co-built resources and joint training");
    h3(out, "共建共享基地", "Facilities");
    json_t *items = json_object_get(f, "items");
    size_t i;
    json_t *x;
    if (!json_array_size(items))
        none(out);
    else {
        static const char *const cols[] = {"名称|Facility",  "类别|Kind",
                                           "所属单位|Owner", "#工位|Stations",
                                           "#预约|Bookings", "#使用人次|Person-times",
                                           "#利用率|Use",    "#外单位使用|Outside"};
        thead(out, cols, 8);
        json_array_foreach (items, i, x) {
            buf_puts(out, "<tr>");
            td(out, sget(x, "name"));
            td(out, sget(x, "kind_zh"));
            td(out, sget(x, "organization_name"));
            tdn(out, json_object_get(x, "stations"));
            tdn(out, json_object_get(x, "bookings"));
            tdn(out, json_object_get(x, "person_times"));
            buf_puts(out, "<td class=\"n\">");
            pct(out, json_object_get(x, "utilisation"));
            buf_puts(out, "</td><td class=\"n\">");
            pct(out, json_object_get(x, "outside_share"));
            buf_puts(out, "</td></tr>\n");
        }
        tend(out);
    }
    h3(out, "联合培养", "Joint training");
    if (!tot || (nget(tot, "programs") == 0 && nget(tot, "courses") == 0 &&
                 nget(tot, "cohorts") == 0 && nget(tot, "teachers") == 0))
        none(out);
    else {
        static const char *const cols[] = {"事项|Item", "#数量|Count", "#其中校企共建|Co-run",
                                           "#占比|Share"};
        static const char *const rows[][5] = {
            {"专业（群）", "programs", "programs_co_run", "programs_co_run_share", "Programmes"},
            {"课程", "courses", "courses_co_developed", "courses_co_developed_share", "Courses"},
            {"教材", "materials", "materials_co_developed", "materials_co_developed_share",
             "Teaching materials"},
            {"专任教师（双师型）", "teachers", "dual_qualified", "dual_qualified_share",
             "Teachers (dual-qualified)"}};
        thead(out, cols, 4);
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            buf_puts(out, "<tr><td>");
            esc(out, rows[k][0]);
            buf_puts(out, " <small>");
            esc(out, rows[k][4]);
            buf_puts(out, "</small></td>");
            tdn(out, json_object_get(tot, rows[k][1]));
            tdn(out, json_object_get(tot, rows[k][2]));
            buf_puts(out, "<td class=\"n\">");
            pct(out, json_object_get(tot, rows[k][3]));
            buf_puts(out, "</td></tr>\n");
        }
        static const char *const more[][3] = {
            {"产业导师", "mentors", "Enterprise mentors"},
            {"教师赴企业实践（天）", "secondment_days_to_enterprise", "Secondment days"},
            {"订单班/学徒制/现场工程师班", "cohorts", "Cohorts"},
            {"在班学生", "cohort_students", "Cohort students"}};
        for (size_t k = 0; k < sizeof more / sizeof *more; k++) {
            buf_puts(out, "<tr><td>");
            esc(out, more[k][0]);
            buf_puts(out, " <small>");
            esc(out, more[k][2]);
            buf_puts(out, "</small></td>");
            tdn(out, json_object_get(tot, more[k][1]));
            buf_puts(out, "<td></td><td></td></tr>\n");
        }
        tend(out);
    }
}

static void indicators(buf_t *out, json_t *r)
{
    json_t *ind = json_object_get(r, "indicators"), *a = json_object_get(ind, "assessment");
    h2(out, 7, "指标与目标", "Indicators and goals");
    h3(out, "年度评估", "The year's assessment");
    size_t i;
    json_t *x;
    if (!json_is_object(a))
        none(out);
    else {
        json_t *rc = json_object_get(a, "rag_counts");
        buf_puts(out, "<p>指标体系 <small>Framework</small>：");
        esc(out, sget(a, "framework"));
        buf_puts(out, "；状态 <small>Status</small>：");
        const char *st = sget(a, "status");
        esc(out, !strcmp(st, "draft")       ? "草稿 draft"
                 : !strcmp(st, "submitted") ? "已提交 submitted"
                 : !strcmp(st, "returned")  ? "已退回 returned"
                 : !strcmp(st, "reopened")  ? "已重新打开 reopened"
                                            : st);
        buf_puts(out, "；截止日 <small>Cut-off</small>：");
        esc(out, sget(a, "cutoff_on"));
        buf_puts(out, "；结论 <small>Result</small>：");
        const char *res = sget(a, "result");
        esc(out, !strcmp(res, "pass") ? "合格 pass" : !strcmp(res, "fail") ? "不合格 fail" : "—");
        buf_puts(out, "；得分 <small>Score</small>：");
        numk(out, a, "score");
        buf_puts(out, "</p>\n<p>绿 <b class=\"rag-green\">");
        numk(out, rc, "green");
        buf_puts(out, "</b> · 黄 <b class=\"rag-amber\">");
        numk(out, rc, "amber");
        buf_puts(out, "</b> · 红 <b class=\"rag-red\">");
        numk(out, rc, "red");
        buf_puts(out, "</b> · 未评 ");
        numk(out, rc, "none");
        buf_puts(out, "</p>\n");
        json_t *items = json_object_get(a, "items");
        if (json_array_size(items)) {
            static const char *const cols[] = {"编码|Code",    "三级指标|Indicator", "单位|Unit",
                                               "#目标|Target", "#实际|Value",        "评价|RAG"};
            thead(out, cols, 6);
            json_array_foreach (items, i, x) {
                const char *rag = sget(x, "rag");
                buf_puts(out, "<tr>");
                td(out, sget(x, "code"));
                buf_puts(out, "<td>");
                esc(out, sget(x, "name"));
                if (json_is_true(json_object_get(x, "veto")))
                    buf_puts(out, " <small>(否定性)</small>");
                buf_puts(out, "</td>");
                td(out, sget(x, "unit"));
                tdn(out, json_object_get(x, "target"));
                tdn(out, json_object_get(x, "value"));
                buf_puts(out, "<td class=\"rag-");
                esc(out, rag);
                buf_puts(out, "\">");
                esc(out, !strcmp(rag, "green")   ? "绿 green"
                         : !strcmp(rag, "amber") ? "黄 amber"
                         : !strcmp(rag, "red")   ? "红 red"
                                                 : "—");
                buf_puts(out, "</td></tr>\n");
            }
            tend(out);
        }
    }
    h3(out, "联合体目标", "The consortium's goals");
    json_t *goals = json_object_get(ind, "goals");
    if (!json_array_size(goals)) {
        none(out);
        return;
    }
    static const char *const cols[] = {"目标|Goal", "#目标值|Target", "#当前|Value",
                                       "#完成度(%)|Progress", "来源|Source"};
    thead(out, cols, 5);
    json_array_foreach (goals, i, x) {
        buf_puts(out, "<tr>");
        td(out, sget(x, "title"));
        buf_puts(out, "<td class=\"n\">");
        numk(out, x, "target_min");
        if (json_is_number(json_object_get(x, "target_max"))) {
            buf_puts(out, "–");
            numk(out, x, "target_max");
        }
        buf_puts(out, " ");
        esc(out, sget(x, "unit"));
        buf_puts(out, "</td>");
        tdn(out, json_object_get(x, "value"));
        tdn(out, json_object_get(x, "progress"));
        td(out, !strcmp(sget(x, "source"), "measure") ? "记录计算 records" : "填报 reported");
        buf_puts(out, "</tr>\n");
    }
    tend(out);
}

void report_html_annual(json_t *r, buf_t *out)
{
    json_t *c = json_object_get(r, "consortium");
    long long year = (long long)json_integer_value(json_object_get(r, "year"));
    buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width\"><title>");
    esc(out, sget(c, "name"));
    buf_printf(out, " %lld 年度报告</title><style>%s</style></head><body>\n<h1>", year, CSS);
    esc(out, sget(c, "name"));
    buf_printf(out, " %lld 年度报告</h1>\n<p class=\"sub\">Annual report %lld · ", year, year);
    buf_puts(out, "本报告所有数据均由平台记录生成 <small>(every figure comes from the "
                  "platform's records)</small></p>\n");
    profile(out, r);
    governance(out, r);
    talent(out, r);
    outcomes(out, r);
    tech(out, r);
    resources(out, r);
    indicators(out, r);
    buf_printf(out, "<footer>产教 Chanjiao · %lld 年度报告 · 联合体编号 %lld</footer>\n", year,
               (long long)json_integer_value(json_object_get(c, "id")));
    buf_puts(out, "</body></html>\n");
}
