/*
 * gen_demand.c — synthetic talent demand (人才需求) of an automotive
 * cluster, as a CSV the demand importer reads, for the search, import and
 * gap benchmarks.
 *
 *   cc -O2 -o gen_demand bench/gen_demand.c
 *   gen_demand N OUT.csv [--seed S] [--enterprises K | --names FILE]
 *   (OUT.csv "-": standard output)
 *
 * Columns (header row, UTF-8, LF):
 *   enterprise,occupation_code,job_title,kind,headcount,education,skills,
 *   region_code,period,description
 * enterprise: one of K synthetic names 示例汽车零部件企业001 … (default 59,
 * the Liuzhou consortium's enterprise count), or the names in FILE (one a
 * line).  occupation_code: the automotive occupations 6-22-xx-xx and
 * 4-12-01-xx of src/reference/occupations_2022.csv, following the job
 * title.  kind: employment|internship|apprenticeship|order_class;
 * education: any|secondary|higher|undergraduate; skills: items joined
 * by 、 (1–6); region_code: districts of Liuzhou (4502xx); period 2023–2026.
 *
 * The text is built so that search has realistic work to do: each skill
 * and each description sentence is included with its own probability, so
 * most search words (焊接, 焊装, 新能源, PLC, CATIA …) occur in 1–10 % of
 * rows, the commonest trade words (装配, 维修, 检测, 质量) in 15–25 %,
 * single characters up to a third (电), generic words in most (工作 65 %),
 * and rare ones (一体化压铸, 线控底盘, 钠离子电池 …) in 8–200 rows per
 * million.  Vehicle model codes (LZ123) and internal numbers make many
 * distinct terms, as real data does.  The rows pass the demand importer's
 * checks (io/import.c) when the enterprises are members of the consortium
 * imported into.  The same N and seed always give the same file.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static double uniform(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

static int below(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

#define COUNT(a) ((int)(sizeof(a) / sizeof(a)[0]))
#define PICK(a) (a)[below(COUNT(a))]

typedef struct {
    const char *title;
    int occupation; /* index into occupations[] */
    int weight;
} job;

static const char *occupations[] = {
    "6-22-01-01", /* 汽车生产线操作工 */
    "6-22-01-02", /* 汽车饰件制造工 */
    "6-22-01-03", /* 汽车零部件再制造工 */
    "6-22-02-01", /* 汽车装调工 */
    "6-22-02-02", /* 汽车回收拆解工 */
    "4-12-01-01", /* 汽车维修工 */
    "4-12-01-03", /* 电池及电池系统维修保养师 */
};

static const job jobs[] = {
    {"焊装工", 0, 3},
    {"点焊工", 0, 2},
    {"弧焊工", 0, 1},
    {"涂装工", 0, 3},
    {"喷漆工", 0, 2},
    {"总装装调工", 3, 3},
    {"冲压工", 0, 3},
    {"汽车装调工", 3, 3},
    {"汽车维修工", 5, 2},
    {"新能源汽车维修技师", 5, 1},
    {"电池系统维修保养师", 6, 1},
    {"质量检验员", 0, 3},
    {"设备维修电工", 0, 1},
    {"工业机器人运维员", 0, 2},
    {"PLC电气工程师", 0, 1},
    {"工艺工程师", 3, 2},
    {"汽车电工", 5, 2},
    {"钣金工", 5, 2},
    {"底盘装配工", 3, 2},
    {"物流配送员", 0, 2},
    {"售后服务顾问", 5, 2},
    {"汽车零部件再制造工", 2, 1},
    {"汽车回收拆解工", 4, 1},
    {"模具钳工", 0, 1},
    {"数控车床操作工", 0, 2},
    {"生产线班组长", 0, 1},
    {"汽车饰件制造工", 1, 1},
    {"三坐标测量员", 0, 1},
    {"试验工程师", 3, 1},
    {"整车检测员", 3, 2},
    {"注塑工", 1, 1},
    {"铸造工", 0, 1},
    {"热处理工", 0, 1},
    {"机加工操作员", 0, 2},
    {"仓库管理员", 0, 1},
    {"叉车司机", 0, 1},
    {"线束装配工", 0, 1},
    {"电池模组装配工", 0, 1},
    {"电机装配工", 0, 1},
    {"内饰装配工", 1, 1},
    {"四轮定位调整工", 5, 1},
    {"汽车美容技师", 5, 1},
    {"新能源汽车销售顾问", 5, 1},
    {"质量工程师", 0, 1},
    {"设备工程师", 0, 1},
    {"安全员", 0, 1},
    {"计划调度员", 0, 1},
    {"技术培训师", 5, 1},
};

static const char *title_prefix[] = {"新能源", "乘用车", "商用车", "发动机",
                                     "变速器", "底盘",   "车身"};
static const char *title_suffix[] = {"（实习岗）", "学徒", "（订单班）", "储备人才"};

typedef struct {
    const char *text;
    double p; /* probability that a row lists it */
} skill;

/* The first COMMON_SKILLS are common; "at least two" and the description
 * pick among them. */
#define COMMON_SKILLS 45
static const skill skills[] = {
    {"焊接", 0.03},
    {"电阻点焊", 0.01},
    {"二氧化碳保护焊", 0.008},
    {"激光焊接", 0.005},
    {"涂装", 0.015},
    {"喷涂", 0.02},
    {"装配", 0.03},
    {"扭矩控制", 0.015},
    {"PLC编程", 0.04},
    {"西门子S7-1200", 0.01},
    {"三菱PLC", 0.008},
    {"工业机器人操作", 0.02},
    {"ABB机器人", 0.008},
    {"KUKA机器人", 0.006},
    {"发那科机器人", 0.006},
    {"CAD制图", 0.03},
    {"CATIA", 0.006},
    {"UG建模", 0.008},
    {"钣金", 0.01},
    {"质量检测", 0.04},
    {"三坐标测量", 0.004},
    {"5S管理", 0.03},
    {"精益生产", 0.02},
    {"TPM设备管理", 0.008},
    {"电气维修", 0.015},
    {"高压电安全", 0.02},
    {"电池包检测", 0.01},
    {"BMS调试", 0.005},
    {"CAN总线诊断", 0.008},
    {"故障诊断", 0.04},
    {"汽车维修", 0.015},
    {"叉车操作", 0.015},
    {"MES系统", 0.01},
    {"Excel", 0.02},
    {"钳工", 0.015},
    {"数控编程", 0.01},
    {"液压与气动", 0.008},
    {"车辆检测", 0.015},
    {"四轮定位", 0.006},
    {"汽车美容", 0.004},
    {"客户沟通", 0.02},
    {"安全生产", 0.03},
    {"质量追溯", 0.006},
    {"量具使用", 0.02},
    {"看图识图", 0.03},
    /* rare: about 100–200 rows per million */
    {"一体化压铸", 0.0002},
    {"线控底盘", 0.0002},
    {"固态电池", 0.0002},
    {"激光雷达标定", 0.0001},
    {"氢燃料电池", 0.0002},
    {"热泵空调", 0.0002},
    {"碳化硅功率模块", 0.0001},
    {"800V高压平台", 0.0001},
    {"数字孪生", 0.0002},
    {"车路协同", 0.0001},
    /* very rare: about 10–20 rows per million */
    {"氢能重卡", 0.00002},
    {"钠离子电池", 0.00001},
    {"轮毂电机", 0.00002},
};

static const char *task_ends[] = {"工作", "任务", "作业", "", "相关事务", "岗位职责"};
static const char *openers[] = {"负责", "从事", "承担", "协助完成", "参与"};
static const char *areas[] = {"车身车间",   "焊装车间", "涂装车间",   "总装车间",   "冲压车间",
                              "发动机车间", "电池车间", "电机工段",   "变速器分厂", "注塑工段",
                              "铸造工段",   "机加工线", "树脂件工段", "试制中心",   "售后服务站",
                              "检测线",     "物流中心", "仓储中心",   "质量部",     "设备部",
                              "工艺部",     "技术中心", "培训中心",   "零部件分厂", "底盘线",
                              "内饰线",     "门盖线",   "电泳线",     "面漆线",     "调整线"};
static const char *tasks[] = {"焊装",     "涂装",     "装配",     "调试",     "检验",     "维修",
                              "保养",     "设备点检", "物料配送", "工艺改进", "质量检查", "返修",
                              "首件检验", "巡检",     "安装",     "拆解",     "喷涂",     "打磨",
                              "密封",     "涂胶",     "紧固",     "测量",     "标定",     "换型",
                              "备件管理", "数据统计", "现场管理", "培训",     "试验",     "包装"};
static const char *processes[] = {
    "车门安装",     "底盘螺栓紧固", "白车身点焊",     "线束装配",       "仪表板安装",
    "内饰安装",     "电泳前处理",   "面漆喷涂",       "整车下线检测",   "四门两盖调整",
    "电池模组装配", "电机定子绕线", "变速箱总成下线", "发动机缸体加工", "座椅安装",
    "玻璃涂胶",     "轮胎安装",     "制动液加注",     "冷媒加注",       "淋雨试验",
    "路试检验",     "尺寸测量",     "模具更换",       "冲压件检验",     "焊点检测",
    "密封胶涂布",   "漆面打磨",     "零件清洗",       "物料上线",       "返修件处理"};
static const char *methods[] = {"按照作业指导书", "按工艺文件", "按标准作业程序", "独立",
                                "配合班组"};
static const char *goals[] = {"产品合格率", "生产节拍", "安全生产",  "一次交验合格率",
                              "交付周期",   "成本目标", "设备开动率"};
static const char *schooling[] = {"中专", "中职", "高职", "大专", "本科"};
static const char *fields[] = {"汽车制造",   "焊接",     "机械加工", "电气自动化", "汽车维修",
                               "新能源汽车", "质量管理", "模具",     "涂装",       "物流",
                               "机电一体化", "数控技术", "汽车检测", "工业机器人", "车辆工程"};
static const char *abilities[] = {"排除常见故障",   "完成设备调试", "读懂机械图纸", "编写PLC程序",
                                  "操作工业机器人", "使用检测仪器", "填写过程记录", "指导新员工",
                                  "分析质量问题",   "优化作业流程", "维护工装夹具", "处理客户投诉"};
static const char *shifts[] = {"两班倒", "三班倒", "倒班", "加班", "常白班"};
static const char *districts[] = {"柳南区", "柳北区", "鱼峰区", "城中区", "柳江区", "柳东新区"};
static const char *district_codes[] = {"450204", "450205", "450203", "450202", "450206", "450205"};
static const char *benefits[] = {"五险一金", "免费食宿", "技能培训", "带薪年假",
                                 "通勤班车", "节日福利", "年终奖金", "住房补贴"};
static const char *stages[] = {"试制", "量产爬坡", "工艺验证", "问题攻关", "降本增效"};

static void csv_field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else
        fputs(s, f);
    fputc(last ? '\n' : ',', f);
}

/* Append printf-style text to buf (of size n) at *len. */
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w > 0)
        *len = *len + (size_t)w < n ? *len + (size_t)w : n - 1;
}

static int job_total_weight(void)
{
    int t = 0;
    for (int i = 0; i < COUNT(jobs); i++)
        t += jobs[i].weight;
    return t;
}

static const job *pick_job(int total)
{
    int r = below(total);
    for (int i = 0; i < COUNT(jobs); i++) {
        if (r < jobs[i].weight)
            return &jobs[i];
        r -= jobs[i].weight;
    }
    return &jobs[0];
}

static void usage(void)
{
    fputs("usage: gen_demand N OUT.csv [--seed S] [--enterprises K | --names FILE]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        usage();
    long n = strtol(argv[1], NULL, 10);
    const char *out = argv[2];
    long nent = 59;
    const char *names_file = NULL;
    for (int i = 3; i < argc; i++) {
        if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            rng_state ^= strtoull(argv[++i], NULL, 10) * 0xD1B54A32D192ED03ull;
        else if (!strcmp(argv[i], "--enterprises") && i + 1 < argc)
            nent = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--names") && i + 1 < argc)
            names_file = argv[++i];
        else
            usage();
    }
    if (n < 0 || nent < 1)
        usage();
    char **names = NULL;
    long nnames = 0;
    if (names_file) {
        FILE *nf = fopen(names_file, "r");
        if (!nf) {
            perror(names_file);
            return 1;
        }
        char line[512];
        while (fgets(line, sizeof line, nf)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (!*line)
                continue;
            names = realloc(names, (size_t)(nnames + 1) * sizeof *names);
            names[nnames++] = strdup(line);
        }
        fclose(nf);
        if (nnames == 0) {
            fprintf(stderr, "gen_demand: %s has no names\n", names_file);
            return 1;
        }
    } else {
        names = malloc((size_t)nent * sizeof *names);
        for (long i = 0; i < nent; i++) {
            char b[64];
            snprintf(b, sizeof b, "示例汽车零部件企业%03ld", i + 1);
            names[i] = strdup(b);
        }
        nnames = nent;
    }
    FILE *f = strcmp(out, "-") ? fopen(out, "w") : stdout;
    if (!f) {
        perror(out);
        return 1;
    }
    static char buf[1 << 16];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    fputs("enterprise,occupation_code,job_title,kind,headcount,education,skills,region_code,"
          "period,description\n",
          f);
    int jw = job_total_weight();
    for (long row = 0; row < n; row++) {
        char title[256], sk[1024], desc[2048], num[32];
        size_t tl = 0, sl = 0, dl = 0;
        const job *j = pick_job(jw);
        if (uniform() < 0.15)
            add(title, sizeof title, &tl, "%s", PICK(title_prefix));
        add(title, sizeof title, &tl, "%s", j->title);
        if (uniform() < 0.10)
            add(title, sizeof title, &tl, "%s", PICK(title_suffix));

        int nsk = 0;
        for (int i = 0; i < COUNT(skills) && nsk < 6; i++)
            if (uniform() < skills[i].p) {
                add(sk, sizeof sk, &sl, "%s%s", nsk ? "、" : "", skills[i].text);
                nsk++;
            }
        while (nsk < 1) { /* at least one, from the common ones */
            const char *s = skills[below(COMMON_SKILLS)].text;
            if (strstr(sk, s))
                continue;
            add(sk, sizeof sk, &sl, "%s%s", nsk ? "、" : "", s);
            nsk++;
        }

        int d = below(COUNT(districts));
        add(desc, sizeof desc, &dl, "%s%s的%s%s", PICK(openers), PICK(areas), PICK(tasks),
            PICK(task_ends));
        if (uniform() < 0.5)
            add(desc, sizeof desc, &dl, "；%s完成%s，确保%s", PICK(methods), PICK(processes),
                PICK(goals));
        if (uniform() < 0.4)
            add(desc, sizeof desc, &dl, "；要求%s及以上学历，%d年以上%s相关工作经验",
                PICK(schooling), 1 + below(5), PICK(fields));
        if (uniform() < 0.3)
            add(desc, sizeof desc, &dl, "；熟悉%s，能够独立%s", skills[below(COMMON_SKILLS)].text,
                PICK(abilities));
        if (uniform() < 0.3)
            add(desc, sizeof desc, &dl, "；适应%s，服从生产安排", PICK(shifts));
        if (uniform() < 0.3)
            add(desc, sizeof desc, &dl, "；工作地点：广西柳州市%s", districts[d]);
        if (uniform() < 0.25) {
            int a = below(COUNT(benefits)),
                b = (a + 1 + below(COUNT(benefits) - 1)) % COUNT(benefits);
            add(desc, sizeof desc, &dl, "；提供%s、%s", benefits[a], benefits[b]);
        }
        if (uniform() < 0.2)
            add(desc, sizeof desc, &dl, "；参与LZ%d车型的%s", 100 + below(900), PICK(stages));
        if (uniform() < 0.05)
            add(desc, sizeof desc, &dl, "；岗位编号%08llX", (unsigned long long)(rnd() >> 32));
        add(desc, sizeof desc, &dl, "。");

        static const char *kinds[] = {"employment", "employment",     "internship", "order_class",
                                      "internship", "apprenticeship", "employment", "employment"};
        static const char *educations[] = {"any", "secondary", "higher", "higher", "undergraduate"};
        csv_field(f, names[below((int)nnames)], 0);
        csv_field(f, occupations[j->occupation], 0);
        csv_field(f, title, 0);
        csv_field(f, PICK(kinds), 0);
        snprintf(num, sizeof num, "%d", 1 + below(50));
        csv_field(f, num, 0);
        csv_field(f, PICK(educations), 0);
        csv_field(f, sk, 0);
        csv_field(f, district_codes[d], 0);
        snprintf(num, sizeof num, "%d", 2023 + below(4));
        csv_field(f, num, 0);
        csv_field(f, desc, 1);
    }
    if (f != stdout && fclose(f) != 0) {
        perror(out);
        return 1;
    }
    for (long i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    return 0;
}
