// Strings of co-built facilities and their bookings (共建共享资源, issue 11):
// the workspace pages (ws.menu.*, fac.*) and the public facility directory,
// merged into the global vue-i18n instance.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    ws: {
      menu: {
        facilities: '共建共享资源', facilityBookings: '预约审批', myFacilities: '本单位资源',
        myBookings: '资源预约', facilityCalendar: '资源日历与预约', facilityStats: '资源使用统计',
      },
      import: { kinds: { facilities: '共建共享资源', 'facility-owners': '资源共建单位', 'facility-bookings': '资源预约' } },
    },
    fac: {
      hintMine: '本单位牵头建设的资源：工位数与每周开放小时决定可预约的容量与利用率。',
      facility: '资源', pick: '选择资源', week: '周', prevWeek: '上一周', nextWeek: '下一周', thisWeek: '本周',
      stations: '工位', capacity: '工位数 {n}', peak: '当日最高占用 {n}/{cap}', book: '预约',
      bookTitle: '预约资源', unit: '预约单位', starts: '开始时间', ends: '结束时间', people: '人数',
      cst: '北京时间', endsAfter: '结束时间须晚于开始时间', allFacilities: '全部资源', useFigures: '使用统计',
      purpose: '用途', note: '备注', submit: '提交预约', cancel: '取消', free: '可用工位 {n}',
      fits: '该时段工位充足', conflict: '与已批准的预约冲突：该时段最多还剩 {n} 个工位',
      conflictItem: '{unit} {from} – {to}，{n} 个工位', hidden: '（其他单位）', submitted: '已提交预约，待审批',
      queue: '待审批', mine: '本单位的预约', all: '全部预约', approve: '批准', reject: '驳回', done: '完成',
      doneTitle: '记录完成情况', personTimes: '实际培训人次', approved: '已批准', rejected: '已驳回',
      markedDone: '已记录完成', refused: '不能批准', status: '状态', time: '时间', noBookings: '暂无预约',
      calendar: '日历', year: '年度', stationHoursBooked: '预约工位小时', stationHoursOpen: '开放工位小时',
      utilisation: '利用率', outsideShare: '外单位使用占比', personTimesTotal: '培训人次', bookingsDone: '完成预约',
      byMonth: '培训人次（按月）', month: '{m}月', totals: '合计', statsHint: '利用率 = 已批准与已完成预约的“工位 × 小时”之和 ÷（工位数 × 每周开放小时 × 当年周数）；外单位指既非所属单位也非共建单位的预约单位。',
      directory: '共建共享资源', directoryHint: '联合体成员单位共建共享的产业学院、实训基地、实践中心等，可向所属单位预约使用。',
      kind: '类型', owners: '建设单位', recognition: '认定', region: '地区', abroad: '境外', none: '暂无资源', back: '返回联合体',
      viewCalendar: '查看日历',
    },
  },
  en: {
    ws: {
      menu: {
        facilities: 'Facilities', facilityBookings: 'Booking approvals', myFacilities: 'Our facilities',
        myBookings: 'Bookings', facilityCalendar: 'Calendar & booking', facilityStats: 'Facility use',
      },
      import: { kinds: { facilities: 'Facilities', 'facility-owners': 'Facility co-owners', 'facility-bookings': 'Facility bookings' } },
    },
    fac: {
      hintMine: 'Facilities your unit leads: stations and hours open per week set what can be booked and the utilisation.',
      facility: 'Facility', pick: 'Choose a facility', week: 'Week', prevWeek: 'Previous week', nextWeek: 'Next week', thisWeek: 'This week',
      stations: 'stations', capacity: '{n} stations', peak: 'Peak {n}/{cap}', book: 'Book',
      bookTitle: 'Book a facility', unit: 'Booking unit', starts: 'Starts', ends: 'Ends', people: 'People',
      cst: 'China Standard Time', endsAfter: 'The end must be after the start', allFacilities: 'All facilities', useFigures: 'Use figures',
      purpose: 'Purpose', note: 'Note', submit: 'Submit booking', cancel: 'Cancel', free: '{n} stations free',
      fits: 'Enough stations are free', conflict: 'Conflicts with approved bookings: at most {n} stations are free then',
      conflictItem: '{unit} {from} – {to}, {n} stations', hidden: '(another unit)', submitted: 'Booking submitted for approval',
      queue: 'To approve', mine: 'Our bookings', all: 'All bookings', approve: 'Approve', reject: 'Reject', done: 'Done',
      doneTitle: 'Record the session', personTimes: 'Person-times trained', approved: 'Approved', rejected: 'Rejected',
      markedDone: 'Recorded as done', refused: 'Cannot approve', status: 'Status', time: 'Time', noBookings: 'No bookings',
      calendar: 'Calendar', year: 'Year', stationHoursBooked: 'Station-hours booked', stationHoursOpen: 'Station-hours open',
      utilisation: 'Utilisation', outsideShare: 'Outside use', personTimesTotal: 'Person-times', bookingsDone: 'Sessions done',
      byMonth: 'Person-times by month', month: 'M{m}', totals: 'Total', statsHint: 'Utilisation = station × hours of approved and done bookings ÷ (stations × hours open per week × weeks of the year); outside units neither own nor co-own the facility.',
      directory: 'Shared facilities', directoryHint: 'Industrial colleges, training bases and practice centres the members built and share; book them with the owning unit.',
      kind: 'Kind', owners: 'Built by', recognition: 'Recognition', region: 'Region', abroad: 'abroad', none: 'No facilities yet', back: 'Back to the consortium',
      viewCalendar: 'Calendar',
    },
  },
}

for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
