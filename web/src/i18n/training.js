// Strings of joint training (联合培养, issue 11): the registers' workspace pages
// (programmes, courses, materials, staff, secondments, cohorts), the cohort's
// students and the figures page, merged into the global vue-i18n instance
// (ws.menu.*, ws.training.*, ws.import.kinds.* for the six import kinds).
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    ws: {
      menu: {
        programs: '专业（群）', courses: '课程', teachingMaterials: '教材', teachingStaff: '师资',
        secondments: '教师企业实践与企业人员到校任教', cohorts: '订单班与学徒制班', trainingStats: '联合培养数据',
        myPrograms: '专业（群）', myCourses: '课程', myMaterials: '教材', myStaff: '师资',
        mySecondments: '教师企业实践与到校任教', myCohorts: '订单班与学徒制班',
      },
      training: {
        hints: {
          programs: '专业（群）所含专业、服务的产业链（核心产品、职业）与共建企业；有共建企业的计入“校企共建”。',
          courses: '与企业共同开发的课程：学时、对接的职业、技能与 1+X 证书。',
          teaching_materials: '活页式、工作手册式与数字教材；ISBN 会校验校验位，企业作者所在单位计入共建。',
          teaching_staff: '教师与导师的姓名、性别是个人信息：仅本单位和秘书处可见，其他单位只看到人数。',
          secondments: '教师到企业实践、企业人员到学校任教的天数；人员仅派出单位和秘书处可见。',
          cohorts: '订单班、现代学徒制班、现场工程师班；学生名单仅学校、合作企业和秘书处可见，其他单位只见人数。',
          all: '秘书处查看各成员单位登记的记录；个人信息（姓名、学生名单）按规则隐藏。',
        },
        students: '学生名单', studentsTitle: '班级学生', hidden: '（无权查看）', noStudents: '名单为空',
        listed: '名单 {n} 人 / 规模 {size} 人', demand: '来源需求', round: '撮合轮次', open: '查看',
        pickTitle: '从本校学生中选择', search: '按姓名或学号搜索', add: '加入', remove: '移出', save: '保存名单',
        saved: '名单已保存', inList: '已在名单', overSize: '名单人数超过班级规模 {size} 人', studentNo: '学号', studentName: '姓名',
        stats: {
          hint: '按登记的记录统计，只含人数与比例，不含姓名。专业、课程、教材计至所选年度（含未填年度的），教师企业实践与班级按年度计。',
          year: '年度', allYears: '全部年度', totals: '合计', bySchool: '按学校',
          school: '学校', programs: '专业（群）', programsCoRun: '校企共建专业', coRunShare: '共建比例',
          courses: '课程', coursesCo: '共建课程', materials: '教材', materialsCo: '共建教材',
          teachers: '专任教师', dual: '双师型教师', dualShare: '双师比例', mentors: '产业导师', partTime: '兼职教师',
          daysOut: '教师企业实践（天）', daysIn: '企业人员到校任教（天）', cohorts: '订单班等', students: '班级学生',
          places: '计划规模', order: '订单班', apprenticeship: '现代学徒制班', field_engineer: '现场工程师班',
          noData: '暂无联合培养数据',
          facilityUse: '共建共享资源使用（本年度）', facilities: '资源数', bookingsDone: '已完成预约', personTimes: '培训人次', utilisation: '工位利用率',
        },
      },
      import: {
        kinds: { programs: '专业（群）', courses: '课程', 'teaching-materials': '教材', 'teaching-staff': '师资', secondments: '教师企业实践与到校任教', cohorts: '订单班与学徒制班' },
        kindHints: {
          programs: '每行一个专业（群）；专业代码、职业编码可填多个，以 ; ； 、 分隔。',
          courses: '每行一门课程；“所属专业（群）”填本校专业（群）名称。',
          'teaching-materials': '每行一本教材；类型可写活页、工作手册、数字教材。',
          'teaching-staff': '每行一名教师或导师；姓名仅本单位和秘书处可见。',
          secondments: '每行一人次；方向写“教师企业实践”或“企业人员到校任教”。',
          cohorts: '每行一个班；学生名单请在页面中选择。',
        },
      },
    },
  },
  en: {
    ws: {
      menu: {
        programs: 'Programmes', courses: 'Courses', teachingMaterials: 'Teaching materials', teachingStaff: 'Teaching staff',
        secondments: 'Secondments', cohorts: 'Cohorts', trainingStats: 'Joint training figures',
        myPrograms: 'Programmes', myCourses: 'Courses', myMaterials: 'Teaching materials', myStaff: 'Teaching staff',
        mySecondments: 'Secondments', myCohorts: 'Cohorts',
      },
      training: {
        hints: {
          programs: 'A programme’s majors, the industry chain it serves (core products, occupations) and its co-running enterprises; any co-runner makes it co-run.',
          courses: 'Courses developed with enterprises: hours, occupations, skills and 1+X certificates.',
          teaching_materials: 'Loose-leaf, workbook and digital materials; ISBN check digits are verified, enterprise authors’ units count as co-developed.',
          teaching_staff: 'Names and gender are personal data: your unit and the secretariat see them, other units only counts.',
          secondments: 'Days teachers spend in enterprises and enterprise staff teach at schools; the person is shown to the home unit and the secretariat only.',
          cohorts: 'Order, apprenticeship and field-engineer classes; the student list is shown to the school, the enterprise and the secretariat, others see the count.',
          all: 'The secretariat sees every member’s records; personal data (names, student lists) stays hidden by the rules.',
        },
        students: 'Students', studentsTitle: 'Students in the class', hidden: '(not visible to you)', noStudents: 'No students listed',
        listed: '{n} listed / size {size}', demand: 'Demand item', round: 'Matching round', open: 'Open',
        pickTitle: 'Pick from the school’s students', search: 'Search by name or student number', add: 'Add', remove: 'Remove', save: 'Save the list',
        saved: 'The list is saved', inList: 'Listed', overSize: 'More students than the class size {size}', studentNo: 'Student no.', studentName: 'Name',
        stats: {
          hint: 'Counted from the records: numbers and shares only, no names. Programmes, courses and materials count up to the year chosen (and those without a year); secondments and cohorts by year.',
          year: 'Year', allYears: 'All years', totals: 'Totals', bySchool: 'By school',
          school: 'School', programs: 'Programmes', programsCoRun: 'Co-run programmes', coRunShare: 'Co-run share',
          courses: 'Courses', coursesCo: 'Co-developed courses', materials: 'Materials', materialsCo: 'Co-developed materials',
          teachers: 'School teachers', dual: 'Dual-qualified', dualShare: 'Dual-qualified share', mentors: 'Industry mentors', partTime: 'Part-time teachers',
          daysOut: 'Teacher days in enterprises', daysIn: 'Enterprise staff days at schools', cohorts: 'Cohorts', students: 'Students in cohorts',
          places: 'Planned places', order: 'Order classes', apprenticeship: 'Apprenticeship classes', field_engineer: 'Field-engineer classes',
          noData: 'No joint-training figures yet',
          facilityUse: 'Use of the co-built facilities (the year)', facilities: 'Facilities', bookingsDone: 'Bookings done', personTimes: 'Person-times trained', utilisation: 'Station utilisation',
        },
      },
      import: {
        kinds: { programs: 'Programmes', courses: 'Courses', 'teaching-materials': 'Teaching materials', 'teaching-staff': 'Teaching staff', secondments: 'Secondments', cohorts: 'Cohorts' },
        kindHints: {
          programs: 'One row per programme; several major or occupation codes split at ; ； 、.',
          courses: 'One row per course; the programme by its name at your school.',
          'teaching-materials': 'One row per material; kind may be written loose-leaf, workbook, digital.',
          'teaching-staff': 'One row per teacher or mentor; names are shown to your unit and the secretariat only.',
          secondments: 'One row per person and stay; direction is teacher to enterprise or enterprise staff to school.',
          cohorts: 'One row per class; pick the students on the page.',
        },
      },
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
