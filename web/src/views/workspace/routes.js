// Child routes of /workspace. The layout builds the role-aware, grouped side menu
// and the breadcrumbs from meta {title_zh, title_en, group, roles, orgTypes}; the
// router refuses roles not listed and, for orgTypes, organisation users whose unit
// is of another type (enterprises publish demand, schools supply and students).
// meta.group is one of `groups` below (the menu's sections, in this order); a
// hidden route that shows one record of a listed page may name that page in
// meta.parent (a route name) for its breadcrumb.
import { i18n } from '../../i18n/index.js'
import messages from './messages.js'
import '../../i18n/outcomes.js'
import '../../i18n/tech_stats.js'
import '../../i18n/training.js'
import '../../i18n/facilities.js'
import '../../i18n/monitoring-authority.js'

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)

// The menu's groups, in menu order: every visible route names one in meta.group.
export const groups = [
  { key: 'governance', title_zh: '治理', title_en: 'Governance' },
  { key: 'talent', title_zh: '人才供需', title_en: 'Talent supply & demand' },
  { key: 'matching', title_zh: '双向选择', title_en: 'Two-sided matching' },
  { key: 'outcomes', title_zh: '成效', title_en: 'Outcomes' },
  { key: 'tech', title_zh: '技术服务', title_en: 'Technology services' },
  { key: 'resources', title_zh: '资源', title_en: 'Resources' },
  { key: 'monitoring', title_zh: '监测评估', title_en: 'Monitoring' },
  { key: 'system', title_zh: '系统', title_en: 'System' },
]

const SEC = ['secretariat', 'platform_admin']
const ADMIN = ['platform_admin']
const ORG = ['org_admin', 'org_staff']
const ALL = ['platform_admin', 'secretariat', 'org_admin', 'org_staff', 'student']
const ENTERPRISE = ['enterprise']
const GOVERNMENT = ['government'] // policy and project lists (SPEC.md §8)
const SCHOOL = ['higher_vocational', 'secondary_vocational', 'undergraduate']
const AUTHORITY = ['authority'] // the education / industry authority (issue 12); admins use the API and CLI

const EntityPage = () => import('./EntityPage.vue')
const OrgOutcomesPage = () => import('./outcomes/OrgOutcomesPage.vue')
// a generic organisation page titled by the technology platform's messages (loaded with it)
const techPage = () => import('../../i18n/tech.js').then(() => import('./OrgEntityPage.vue'))
const page = (path, name, entity, title_zh, title_en, roles, extra = {}) => ({
  path, name, component: EntityPage,
  props: { entity, titleKey: `ws.menu.${extra.key || name.replace(/^ws-/, '')}`, ...(extra.props || {}) },
  meta: { title_zh, title_en, roles, group: extra.group },
})

export default [
  { path: '', name: 'ws-home', component: () => import('./Home.vue'), meta: { roles: ALL, hidden: true } },
  // secretariat (and platform admin, for the consortium chosen in the picker)
  { path: 'assessment', name: 'ws-assessment', component: () => import('./monitoring/Assessment.vue'), meta: { group: 'monitoring', title_zh: '年度监测', title_en: 'Annual monitoring', roles: [...SEC, ...ORG] } },
  { path: 'members', name: 'ws-members', component: () => import('./Members.vue'), meta: { group: 'governance', title_zh: '成员单位与理事会', title_en: 'Members & council', roles: SEC } },
  { path: 'consortium-profile', name: 'ws-consortium-profile', component: () => import('./ConsortiumProfile.vue'), meta: { group: 'governance', title_zh: '联合体概况', title_en: 'Consortium profile', roles: SEC } },
  page('charters', 'ws-charters', 'charters', '章程', 'Charter', SEC, { props: { columns: ['version', 'title', 'adopted_on'] }, group: 'governance' }),
  { path: 'meetings', name: 'ws-meetings', component: () => import('./Meetings.vue'), meta: { group: 'governance', title_zh: '会议与表决', title_en: 'Meetings & votes', roles: SEC } },
  { path: 'work-plan', name: 'ws-work-plan', component: () => import('./WorkPlan.vue'), meta: { group: 'governance', title_zh: '年度工作计划', title_en: 'Annual work plan', roles: SEC } },
  page('agreements', 'ws-agreements', 'agreements', '合作协议', 'Agreements', SEC,
    { props: { columns: ['title', 'type', 'parties', 'signed_on', 'ends_on', 'status', 'signed_scan'] }, group: 'governance' }),
  page('announcements', 'ws-announcements', 'announcements', '通知公告', 'Announcements', SEC,
    { props: { columns: ['title', 'published_on', 'status'] }, group: 'governance' }),
  page('policies', 'ws-policies', 'policies', '政策清单', 'Policy list', SEC,
    { props: { columns: ['title', 'publisher_org_id', 'doc_number', 'level', 'issued_on', 'status'] }, group: 'governance' }),
  page('projects', 'ws-projects', 'projects', '项目清单', 'Project list', SEC,
    { props: { columns: ['title', 'publisher_org_id', 'category', 'funding', 'apply_by', 'project_status', 'status'] }, group: 'governance' }),
  // talent supply–demand (人才供需): the secretariat's analysis and publishing
  { path: 'gap', name: 'ws-gap', component: () => import('./talent/Gap.vue'), meta: { group: 'talent', title_zh: '供需分析', title_en: 'Supply–demand gap', roles: SEC } },
  { path: 'recommendations', name: 'ws-recommendations', component: () => import('./talent/Recommendations.vue'), meta: { group: 'talent', title_zh: '专业调整建议', title_en: 'Major adjustment', roles: SEC } },
  { path: 'demand-reports', name: 'ws-demand-reports', component: () => import('./talent/DemandReports.vue'), meta: { group: 'talent', title_zh: '需求发布', title_en: 'Demand reports', roles: SEC } },
  { path: 'tech-lists', name: 'ws-tech-lists', component: () => import('./tech/Lists.vue'), meta: { group: 'tech', title_zh: '三张清单', title_en: 'The three lists', roles: SEC } },
  { path: 'crosswalk', name: 'ws-crosswalk', component: () => import('./talent/Crosswalk.vue'), meta: { group: 'talent', title_zh: '专业与职业对应', title_en: 'Major–occupation crosswalk', roles: SEC } },
  page('demand-all', 'ws-demand-all', 'demand', '人才需求（全部）', 'All talent demand', SEC,
    { key: 'demandAll', props: { columns: ['enterprise_id', 'occupation_code', 'job_title', 'kind', 'headcount', 'period', 'status'] }, group: 'talent' }),
  page('supply-all', 'ws-supply-all', 'supply', '人才供给（全部）', 'All talent supply', SEC,
    { key: 'supplyAll', props: { columns: ['school_id', 'major_code', 'level', 'period', 'enrolment', 'graduates'] }, group: 'talent' }),
  // two-sided matching (双向选择): rounds run by the secretariat
  { path: 'match-rounds', name: 'ws-match-rounds', component: () => import('./match/MatchRounds.vue'), meta: { group: 'matching', title_zh: '双选轮次', title_en: 'Matching rounds', roles: SEC } },
  { path: 'options', name: 'ws-options', component: () => import('./Options.vue'), meta: { group: 'system', title_zh: '字典管理', title_en: 'Option lists', roles: SEC } },
  { path: 'import', name: 'ws-import', component: () => import('./Import.vue'), meta: { group: 'system', title_zh: '数据导入', title_en: 'Import data', roles: SEC } },
  { path: 'audit', name: 'ws-audit', component: () => import('./Audit.vue'), meta: { group: 'system', title_zh: '审计日志', title_en: 'Audit log', roles: ['secretariat'] } },
  // platform admin
  page('consortia', 'ws-consortia', 'consortia', '联合体管理', 'Consortia', ADMIN,
    { props: { scoped: false, columns: ['name', 'short_name', 'kind', 'level', 'region_name', 'founded_on', 'is_public'] }, group: 'governance' }),
  page('users', 'ws-users', 'users', '用户管理', 'Users', ADMIN,
    { props: { scoped: false, columns: ['username', 'display_name', 'role', 'organization_id', 'consortium_id', 'disabled'] }, group: 'system' }),
  { path: 'audit-all', name: 'ws-audit-all', component: () => import('./Audit.vue'), props: { all: true }, meta: { group: 'system', title_zh: '审计日志', title_en: 'Audit log', roles: ADMIN } },
  // organisation admin / staff
  { path: 'my-org', name: 'ws-my-org', component: () => import('./OrgProfile.vue'), meta: { group: 'governance', title_zh: '本单位信息', title_en: 'My organisation', roles: ORG } },
  { path: 'my-work-plan', name: 'ws-my-work-plan', component: () => import('./WorkPlan.vue'), props: { own: true }, meta: { group: 'governance', title_zh: '本单位工作计划', title_en: 'Our work plan', roles: ORG } },
  { path: 'my-demand', name: 'ws-my-demand', component: () => import('./talent/OrgTalentPage.vue'), props: { entity: 'demand', orgField: 'enterprise_id', importKind: 'demand' },
    meta: { group: 'talent', title_zh: '人才需求', title_en: 'Talent demand', roles: ORG, orgTypes: ENTERPRISE } },
  { path: 'my-supply', name: 'ws-my-supply', component: () => import('./talent/OrgTalentPage.vue'), props: { entity: 'supply', orgField: 'school_id', importKind: 'supply' },
    meta: { group: 'talent', title_zh: '人才供给', title_en: 'Talent supply', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-students', name: 'ws-my-students', component: () => import('./talent/OrgTalentPage.vue'), props: { entity: 'students', orgField: 'school_id', importKind: 'students' },
    meta: { group: 'talent', title_zh: '学生', title_en: 'Students', roles: ORG, orgTypes: SCHOOL } },
  { path: 'match-rankings', name: 'ws-match-rankings', component: () => import('./match/EnterpriseRanking.vue'),
    meta: { group: 'matching', title_zh: '申请者排序', title_en: 'Rank applicants', roles: ORG, orgTypes: ENTERPRISE } },
  { path: 'match-status', name: 'ws-match-status', component: () => import('./match/SchoolMatch.vue'),
    meta: { group: 'matching', title_zh: '学生双选状态', title_en: 'Students in matching', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-publications', name: 'ws-my-publications', component: () => import('./MyPublications.vue'), meta: { group: 'governance', title_zh: '本单位政策与项目', title_en: 'Our policies & projects', roles: ORG, orgTypes: GOVERNMENT } },
  // students
  { path: 'matching', name: 'ws-matching', component: () => import('./match/StudentMatch.vue'), meta: { group: 'matching', title_zh: '双向选择', title_en: 'Two-sided matching', roles: ['student'] } },
  // placements and outcomes (成效): the secretariat reads every register (placements
  // without who the intern is); schools place their students and report graduates;
  // host enterprises evaluate their interns; units keep their certificates and trainings
  page('placements', 'ws-placements', 'placements', '顶岗实习', 'Internship placements', SEC,
    { props: { columns: ['enterprise_id', 'school_id', 'post', 'starts_on', 'ends_on', 'status', 'year'], hintKey: 'ws.outcomes.hints.placementsSecretariat' }, group: 'outcomes' }),
  page('employment-outcomes', 'ws-employment-outcomes', 'employment_outcomes', '毕业生就业', 'Graduate employment', SEC,
    { key: 'employmentOutcomes', props: { columns: ['school_id', 'year', 'major_code', 'kind', 'enterprise_id', 'employer_name', 'headcount'], hintKey: 'ws.outcomes.hints.employment_outcomes' }, group: 'outcomes' }),
  page('certificates', 'ws-certificates', 'certificates', '技能等级证书', 'Skill certificates', SEC,
    { props: { columns: ['organization_id', 'holder_name', 'level', 'occupation_code', 'issuer', 'issued_on', 'year'], hintKey: 'ws.outcomes.hints.certificates' }, group: 'outcomes' }),
  page('trainings', 'ws-trainings', 'trainings', '培训', 'Trainings', SEC,
    { props: { columns: ['title', 'provider_id', 'kind', 'starts_on', 'participants', 'sessions', 'person_times_total', 'year'], hintKey: 'ws.outcomes.hints.trainings' }, group: 'outcomes' }),
  { path: 'my-placements', name: 'ws-my-placements', component: OrgOutcomesPage, props: { entity: 'placements', orgField: 'school_id', importKind: 'placements' },
    meta: { group: 'outcomes', title_zh: '顶岗实习', title_en: 'Internship placements', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-interns', name: 'ws-my-interns', component: OrgOutcomesPage, props: { entity: 'placements', orgField: 'enterprise_id' },
    meta: { group: 'outcomes', title_zh: '顶岗实习', title_en: 'Internship placements', roles: ORG, orgTypes: ENTERPRISE } },
  { path: 'my-outcomes', name: 'ws-my-outcomes', component: OrgOutcomesPage, props: { entity: 'employment_outcomes', orgField: 'school_id', importKind: 'employment_outcomes' },
    meta: { group: 'outcomes', title_zh: '毕业生就业', title_en: 'Graduate employment', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-certificates', name: 'ws-my-certificates', component: OrgOutcomesPage, props: { entity: 'certificates', orgField: 'organization_id', importKind: 'certificates' },
    meta: { group: 'outcomes', title_zh: '技能等级证书', title_en: 'Skill certificates', roles: ORG, orgTypes: [...SCHOOL, ...ENTERPRISE] } },
  { path: 'my-trainings', name: 'ws-my-trainings', component: OrgOutcomesPage, props: { entity: 'trainings', orgField: 'provider_id', importKind: 'trainings' },
    meta: { group: 'outcomes', title_zh: '培训', title_en: 'Trainings', roles: ORG } },
  // technology services (技术服务): the secretariat's figures and project supervision
  { path: 'rd-stats', name: 'ws-rd-stats', component: () => import('./tech/RdStats.vue'), meta: { group: 'tech', title_zh: '技术服务数据', title_en: 'Technology service figures', roles: SEC } },
  { path: 'annual-report', name: 'ws-annual-report', component: () => import('./monitoring/AnnualReport.vue'), meta: { group: 'governance', title_zh: '年度报告', title_en: 'Annual report', roles: [...SEC, ...ORG] } },
  page('rd-projects', 'ws-rd-projects', 'rd_projects', '联合研发项目', 'Joint R&D projects', SEC,
    { key: 'rdProjects', props: { columns: ['title', 'kind', 'lead_id', 'partner_ids', 'budget', 'funds_received', 'starts_on', 'status'] }, group: 'tech' }),
  page('rd-outputs', 'ws-rd-outputs', 'rd_outputs', '项目成果', 'Project outputs', SEC,
    { key: 'rdOutputs', props: { columns: ['title', 'project_id', 'kind', 'standard_level', 'identifier', 'date', 'value'] }, group: 'tech' }),
  // joint training (联合培养, issue 11): the secretariat reads every unit's registers
  // (names and student lists as the rules allow) and the figures; schools keep their
  // programmes, courses, materials and cohorts, either kind of unit its staff and secondments
  page('programs', 'ws-programs', 'programs', '专业（群）', 'Programmes', SEC,
    { props: { columns: ['school_id', 'name', 'level', 'major_codes', 'enterprise_ids', 'started_year'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  page('courses', 'ws-courses', 'courses', '课程', 'Courses', SEC,
    { props: { columns: ['school_id', 'name', 'kind', 'hours', 'enterprise_ids', 'year'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  page('teaching-materials', 'ws-teaching-materials', 'teaching_materials', '教材', 'Teaching materials', SEC,
    { key: 'teachingMaterials', props: { columns: ['school_id', 'title', 'kind', 'isbn', 'publisher', 'year', 'enterprise_ids'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  page('teaching-staff', 'ws-teaching-staff', 'teaching_staff', '师资', 'Teaching staff', SEC,
    { key: 'teachingStaff', props: { columns: ['organization_id', 'name', 'kind', 'dual_qualified', 'skill_level', 'field'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  page('secondments', 'ws-secondments', 'secondments', '教师企业实践与企业人员到校任教', 'Secondments', SEC,
    { props: { columns: ['direction', 'home_id', 'host_id', 'starts_on', 'days', 'year'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  page('cohorts', 'ws-cohorts', 'cohorts', '订单班与学徒制班', 'Cohorts', SEC,
    { props: { columns: ['name', 'kind', 'school_id', 'enterprise_id', 'year', 'size', 'students_listed', 'demand_id'], hintKey: 'ws.training.hints.all' }, group: 'resources' }),
  { path: 'training-stats', name: 'ws-training-stats', component: () => import('./resources/TrainingStats.vue'), meta: { group: 'resources', title_zh: '联合培养数据', title_en: 'Joint training figures', roles: [...SEC, ...ORG] } },
  { path: 'my-programs', name: 'ws-my-programs', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'programs', orgField: 'school_id', importKind: 'programs' },
    meta: { group: 'resources', title_zh: '专业（群）', title_en: 'Programmes', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-courses', name: 'ws-my-courses', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'courses', orgField: 'school_id', importKind: 'courses' },
    meta: { group: 'resources', title_zh: '课程', title_en: 'Courses', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-materials', name: 'ws-my-materials', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'teaching_materials', orgField: 'school_id', importKind: 'teaching-materials' },
    meta: { group: 'resources', title_zh: '教材', title_en: 'Teaching materials', roles: ORG, orgTypes: SCHOOL } },
  { path: 'my-staff', name: 'ws-my-staff', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'teaching_staff', orgField: 'organization_id', importKind: 'teaching-staff' },
    meta: { group: 'resources', title_zh: '师资', title_en: 'Teaching staff', roles: ORG, orgTypes: [...SCHOOL, ...ENTERPRISE] } },
  { path: 'my-secondments', name: 'ws-my-secondments', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'secondments', orgField: 'home_id', importKind: 'secondments' },
    meta: { group: 'resources', title_zh: '教师企业实践与到校任教', title_en: 'Secondments', roles: ORG, orgTypes: [...SCHOOL, ...ENTERPRISE] } },
  { path: 'my-cohorts', name: 'ws-my-cohorts', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'cohorts', orgField: 'school_id', importKind: 'cohorts' },
    meta: { group: 'resources', title_zh: '订单班与学徒制班', title_en: 'Cohorts', roles: ORG, orgTypes: SCHOOL } },
  { path: 'our-cohorts', name: 'ws-our-cohorts', component: () => import('./resources/TrainingOrgPage.vue'), props: { entity: 'cohorts', orgField: 'enterprise_id' },
    meta: { group: 'resources', title_zh: '订单班与学徒制班', title_en: 'Cohorts', roles: ORG, orgTypes: ENTERPRISE } },
  // technology services (技术服务, issue 10): an enterprise's needs and core products; any unit's
  // capabilities, the needs suggested to it, its answers (揭榜) and its joint projects
  { path: 'my-tech-needs', name: 'ws-my-tech-needs', component: () => import('./tech/MyTechNeeds.vue'),
    meta: { group: 'tech', title_zh: '技术需求', title_en: 'Technology needs', roles: ORG, orgTypes: ENTERPRISE } },
  { path: 'my-core-products', name: 'ws-my-core-products', component: () => import('./tech/MyCoreProducts.vue'),
    meta: { group: 'tech', title_zh: '核心产品', title_en: 'Core products', roles: ORG, orgTypes: ENTERPRISE } },
  { path: 'my-capabilities', name: 'ws-my-capabilities', component: techPage,
    props: { entity: 'capabilities', orgField: 'organization_id', importKind: 'capabilities', titleKey: 'tech.menu.myCapabilities', hintKey: 'tech.hints.myCapabilities',
      testId: 'page-my-capabilities', columns: ['title', 'kind', 'keywords', 'fields', 'visibility'], defaults: { visibility: 'public' } },
    meta: { group: 'tech', title_zh: '服务能力', title_en: 'Capabilities', roles: ORG } },
  { path: 'tech-suggested', name: 'ws-tech-suggested', component: () => import('./tech/TechSuggested.vue'),
    meta: { group: 'tech', title_zh: '推荐需求', title_en: 'Suggested needs', roles: ORG } },
  { path: 'my-responses', name: 'ws-my-responses', component: () => import('./tech/MyResponses.vue'),
    meta: { group: 'tech', title_zh: '我的揭榜', title_en: 'Our answers', roles: ORG } },
  { path: 'my-rd-projects', name: 'ws-my-rd-projects', component: () => import('./tech/MyRdProjects.vue'),
    meta: { group: 'tech', title_zh: '我的项目', title_en: 'Our projects', roles: ORG } },
  // co-built facilities (共建共享资源, resources/): the secretariat keeps every facility and
  // the approvals queue; units their own facilities, the requests on them and their bookings;
  // both the calendar with the booking form and the figures
  page('facilities', 'ws-facilities', 'facilities', '共建共享资源', 'Facilities', SEC,
    { props: { columns: ['name', 'organization_id', 'kind', 'stations', 'open_hours_week', 'recognition_level', 'status'] }, group: 'resources' }),
  { path: 'facility-bookings', name: 'ws-facility-bookings', component: () => import('./resources/FacilityBookings.vue'), props: { mode: 'secretariat' },
    meta: { group: 'resources', title_zh: '预约审批', title_en: 'Booking approvals', roles: SEC } },
  { path: 'my-facilities', name: 'ws-my-facilities', component: () => import('./OrgEntityPage.vue'),
    props: { entity: 'facilities', orgField: 'organization_id', importKind: 'facilities', titleKey: 'ws.menu.myFacilities', hintKey: 'fac.hintMine', testId: 'page-org-facilities',
      columns: ['name', 'kind', 'stations', 'open_hours_week', 'recognition_level', 'status'] },
    meta: { group: 'resources', title_zh: '本单位资源', title_en: 'Our facilities', roles: ORG } },
  { path: 'my-bookings', name: 'ws-my-bookings', component: () => import('./resources/FacilityBookings.vue'), props: { mode: 'org' },
    meta: { group: 'resources', title_zh: '资源预约', title_en: 'Bookings', roles: ORG } },
  { path: 'facility-calendar', name: 'ws-facility-calendar', component: () => import('./resources/FacilityCalendar.vue'),
    meta: { group: 'resources', title_zh: '资源日历与预约', title_en: 'Calendar & booking', roles: [...SEC, ...ORG] } },
  { path: 'facility-stats', name: 'ws-facility-stats', component: () => import('./resources/FacilityStats.vue'),
    meta: { group: 'resources', title_zh: '资源使用统计', title_en: 'Facility use', roles: [...SEC, ...ORG] } },
  // everyone signed in: the login log (an admin all of it, an organisation admin their users', others their own)
  { path: 'login-log', name: 'ws-login-log', component: () => import('./LoginLog.vue'), meta: { group: 'system', title_zh: '登录日志', title_en: 'Login log', roles: ALL } },
  { path: 'frameworks', name: 'ws-frameworks', component: () => import('./monitoring/Frameworks.vue'), meta: { group: 'system', title_zh: '指标体系', title_en: 'Indicator frameworks', roles: ALL } },
  { path: 'measures', name: 'ws-measures', component: () => import('./monitoring/FrameworkMeasures.vue'), meta: { group: 'system', title_zh: '度量库', title_en: 'Measures library', roles: ALL } },
  { path: 'framework-records', name: 'ws-framework-records', component: () => import('../../i18n/monitoring-frameworks.js').then(() => import('./EntityPage.vue')),
    props: { entity: 'indicator_frameworks', titleKey: 'ws.menu.frameworkRecords', scoped: false, columns: ['name', 'version', 'issuer', 'applies_to', 'status', 'effective_on'] },
    meta: { group: 'system', title_zh: '指标体系维护', title_en: 'Edit frameworks', roles: ADMIN, hidden: true, parent: 'ws-frameworks' } },
  { path: 'indicator-records', name: 'ws-indicator-records', component: () => import('../../i18n/monitoring-frameworks.js').then(() => import('./EntityPage.vue')),
    props: { entity: 'indicators', titleKey: 'ws.menu.indicatorRecords', scoped: false, columns: ['framework_id', 'code', 'name', 'level', 'parent_code', 'source', 'measure', 'weight', 'veto'] },
    meta: { group: 'system', title_zh: '指标维护', title_en: 'Edit indicators', roles: ADMIN, hidden: true, parent: 'ws-frameworks' } },
  // a record's read-only page (a unit, consortium, student, position …), reached from names shown anywhere
  { path: 'records/:entity/:id', name: 'ws-record', component: () => import('./RecordPage.vue'), meta: { title_zh: '记录详情', title_en: 'Record', roles: ALL, hidden: true } },
  // the education / industry authority (主管部门, issue 12): its home (the consortia it
  // oversees side by side, the review) and its policy package; the admin keeps the scopes
  { path: 'authority', name: 'ws-authority', component: () => import('./monitoring/Authority.vue'), meta: { group: 'monitoring', title_zh: '联合体监测总览', title_en: 'Consortia overview', roles: AUTHORITY } },
  { path: 'authority-grants', name: 'ws-authority-grants', component: () => import('./monitoring/AuthorityGrants.vue'), meta: { group: 'monitoring', title_zh: '政策包', title_en: 'Policy package', roles: AUTHORITY } },
  page('authority-scopes', 'ws-authority-scopes', 'authority_scopes', '主管部门监管范围', 'Authority scopes', ADMIN,
    { key: 'authorityScopes', props: { scoped: false, columns: ['organization_id', 'region_prefix', 'consortium_id', 'note'] }, group: 'system' }),
]
