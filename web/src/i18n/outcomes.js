// Strings of the outcomes (成效) section and the placements/outcomes workspace
// pages, merged into the global vue-i18n instance (outcomes.*, ws.menu.*,
// ws.outcomes.*, ws.import.kinds.* for the four import kinds).
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    outcomes: {
      tab: '成效', title: '合作成效', hint: '由实习、就业、证书与培训记录逐年统计，仅含汇总数字，不含个人信息。',
      internsYear: '{y} 年实习人数', interns: '实习人数', graduatesTotal: '累计输送毕业生', graduates: '输送毕业生',
      technician: '技师及以上', newOccupation: '新职业培训人次', personTimes: '培训人次', certificates: '技能等级证书',
      year: '年度', total: '合计', people: '实习人数与输送毕业生（按年度）', training: '培训人次（按培训类型、年度）',
      byLevel: '职业技能等级证书（按等级）', level: '等级', count: '人数', noData: '暂无成效数据',
      unitPeople: '人', unitTimes: '人次', table: '逐年数据',
    },
    ws: {
      menu: {
        placements: '顶岗实习', employmentOutcomes: '毕业生就业', certificates: '技能等级证书', trainings: '培训',
        myPlacements: '顶岗实习', myOutcomes: '毕业生就业', myCertificates: '技能等级证书', myTrainings: '培训',
      },
      outcomes: {
        evaluate: '评价', evaluateTitle: '实习评价与状态',
        hints: {
          placementsSecretariat: '秘书处可查看各单位的顶岗实习记录用于统计；学生是谁及其评价、成绩仅学校、实习企业和学生本人可见。',
          placementsSchool: '安排本校学生顶岗实习：选择学生与实习企业；实习企业可填写导师、状态与评价。',
          placementsEnterprise: '在本单位顶岗实习的学生。可填写企业导师、状态与实习评价；实习由学校安排。',
          employment_outcomes: '按毕业年度、专业与就业单位填报人数（一行可为多人）；去向为“就业”的计入输送毕业生。',
          certificates: '持证人姓名、学生与证书编号仅本单位和秘书处可见；技师、高级技师、特级技师、首席技师计入“技师及以上”。',
          trainings: '人次不填时按参训人数 × 期数计算。',
        },
      },
      import: {
        kinds: { placements: '顶岗实习', employment_outcomes: '毕业生就业', certificates: '技能等级证书', trainings: '培训' },
        kindHints: {
          placements: '每行一名学生的一次实习；“学号”填本校学号，“实习企业”填单位全称或统一社会信用代码。',
          employment_outcomes: '每行为一所学校一个毕业年度（可按专业、就业单位）的就业人数；未填去向的行按“就业”导入。',
          certificates: '每行一张证书；学生可用“学号”列关联（多所学校有相同学号时须由学校导入）。',
          trainings: '每行一个培训项目；人次不填时按参训人数 × 期数计算。',
        },
      },
    },
  },
  en: {
    outcomes: {
      tab: 'Outcomes', title: 'Outcomes', hint: 'Counted year by year from the internship, employment, certificate and training records: figures only, no personal data.',
      internsYear: 'Interns in {y}', interns: 'Interns', graduatesTotal: 'Graduates delivered (total)', graduates: 'Graduates delivered',
      technician: 'Technician or above', newOccupation: 'New-occupation training (person-times)', personTimes: 'Person-times trained', certificates: 'Skill-level certificates',
      year: 'Year', total: 'Total', people: 'Interns and graduates delivered by year', training: 'Person-times trained by kind and year',
      byLevel: 'Skill-level certificates by level', level: 'Level', count: 'Holders', noData: 'No outcome figures yet',
      unitPeople: '', unitTimes: '', table: 'Figures by year',
    },
    ws: {
      menu: {
        placements: 'Internship placements', employmentOutcomes: 'Graduate employment', certificates: 'Skill certificates', trainings: 'Trainings',
        myPlacements: 'Internship placements', myOutcomes: 'Graduate employment', myCertificates: 'Skill certificates', myTrainings: 'Trainings',
      },
      outcomes: {
        evaluate: 'Evaluate', evaluateTitle: 'Evaluation and status',
        hints: {
          placementsSecretariat: 'The secretariat sees the placements it counts; who the intern is, their evaluation and score are seen only by the school, the host enterprise and the student.',
          placementsSchool: 'Place your students: choose the student and the host enterprise; the host records mentor, status and evaluation.',
          placementsEnterprise: 'Students placed with your organisation. Record the mentor, status and evaluation; schools arrange the placements.',
          employment_outcomes: 'Report graduates by graduation year, major and employer (a row may count many); kind “employed” counts as delivered.',
          certificates: 'Holder names, students and certificate numbers are seen only by your organisation and the secretariat; technician and above count as “technician or above”.',
          trainings: 'Person-times left empty are participants × sessions.',
        },
      },
      import: {
        kinds: { placements: 'Internship placements', employment_outcomes: 'Graduate employment', certificates: 'Skill certificates', trainings: 'Trainings' },
        kindHints: {
          placements: 'One row per placement of a student; 学号 is your student number, the host by full name or credit code.',
          employment_outcomes: 'One row per school and graduation year (optionally by major and employer); rows without a kind import as employed.',
          certificates: 'One row per certificate; a student may be named by 学号 (a school imports when numbers repeat across schools).',
          trainings: 'One row per training; person-times left empty are participants × sessions.',
        },
      },
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
