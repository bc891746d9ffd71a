// Workspace strings, merged into the global vue-i18n instance under the `ws` key.
export default {
  'zh-CN': {
    ws: {
      menu: {
        home: '工作台', members: '成员单位与理事会', charters: '章程', meetings: '会议与表决',
        workPlan: '年度工作计划', agreements: '合作协议', announcements: '通知公告',
        policies: '政策清单', projects: '项目清单', import: '数据导入', audit: '审计日志',
        consortia: '联合体管理', users: '用户管理', myOrg: '本单位信息', myWorkPlan: '本单位工作计划',
        myPublications: '本单位政策与项目',
      },
      consortium: '联合体', pickConsortium: '选择联合体', noConsortium: '请先选择一个联合体',
      dash: {
        title: '工作台', members: '成员单位', agreements: '合作协议', workItems: '工作计划事项',
        avgProgress: '平均进度', composition: '成员构成', agreementsByYear: '合作协议（按年份与类型）',
        workPlan: '年度工作计划进度', byStatus: '按状态', year: '年度', noData: '暂无数据',
        units: '家', items: '项', total: '合计',
      },
      members: {
        registerOrg: '登记新单位', registerOrgTitle: '登记新单位（先登记单位，再加入联合体）',
        addMembershipTitle: '为新单位设置理事会职务', orgSaved: '已登记单位：{name}',
        membershipSaved: '已加入联合体', council: '理事会', roleCol: '理事会职务', orgCol: '单位', all: '全部成员与职务', orgs: '单位名录',
      },
      meetings: {
        meetings: '会议', agenda: '审议事项', votes: '表决记录', result: '表决结果',
        pickMeeting: '点击一次会议查看审议事项', pickItem: '点击一项审议事项查看表决',
        for: '赞成', against: '反对', abstain: '弃权', base: '计票基数', required: '通过所需票数',
        passed: '通过', notPassed: '未通过', threshold: '表决规则', view: '查看', backToMeetings: '会议列表',
        councilUnits: '理事单位数', memberUnits: '成员单位数',
      },
      workPlan: { progress: '进度', update: '更新进度', status: '状态', saved: '已更新', note: '说明' },
      import: {
        title: '数据导入', kind: '导入内容', organizations: '单位（成员单位名录）', members: '联合体成员与理事会职务',
        file: '文件', choose: '选择 CSV / XLSX 文件', dryRun: '校验（不写入）', run: '导入', uploading: '上传中', processing: '文件已上传，服务器正在逐行校验…',
        hint: 'CSV 可为 UTF-8 或 GB18030（Excel 另存为的 CSV），也可上传 XLSX。全部成功或全部不写入；先校验，无错误后再导入。',
        clean: '校验通过：共 {rows} 行，没有错误（编码 {encoding}）。可以导入。',
        done: '导入完成：写入 {imported} 行。', errors: '发现 {n} 行有错误，未写入任何数据。请修改文件后重新校验。',
        line: '行号', field: '字段', message: '问题', noFile: '请先选择文件', badType: '只支持 .csv 或 .xlsx 文件',
        template: '表头可用中文（单位名称、单位类型、统一社会信用代码…）或英文字段名。',
      },
      audit: {
        title: '审计日志', at: '时间', user: '用户', action: '操作', entity: '对象', entityId: '编号',
        changes: '变更', all: '全部', search: '查询', refresh: '刷新', before: '修改前', after: '修改后',
        actions: { create: '新建', update: '修改', delete: '删除', login: '登录', logout: '退出', import: '导入' },
      },
      org: {
        title: '本单位信息', edit: '编辑', saved: '已保存', noOrg: '当前账号未关联单位。',
        publications: '本单位发布的政策与项目', govHint: '政府部门等单位可在此发布政策清单与项目清单条目。',
        myWorkPlanHint: '本单位牵头的年度工作计划事项，可更新进度与状态。',
      },
      student: {
        title: '学生主页', school: '所在学校', hello: '你好，{name}',
        later: '双向选择（岗位志愿与匹配）、实习与就业记录等功能将在后续版本提供，届时会在这里显示。目前平台尚未开放这些功能。',
        noSchool: '当前账号尚未关联学校。',
      },
      common: { save: '保存', cancel: '取消', close: '关闭', loadFailed: '加载失败', yes: '是', no: '否' },
    },
  },
  en: {
    ws: {
      menu: {
        home: 'Dashboard', members: 'Members & council', charters: 'Charter', meetings: 'Meetings & votes',
        workPlan: 'Annual work plan', agreements: 'Agreements', announcements: 'Announcements',
        policies: 'Policy list', projects: 'Project list', import: 'Import data', audit: 'Audit log',
        consortia: 'Consortia', users: 'Users', myOrg: 'My organisation', myWorkPlan: 'Our work plan',
        myPublications: 'Our policies & projects',
      },
      consortium: 'Consortium', pickConsortium: 'Choose a consortium', noConsortium: 'Choose a consortium first',
      dash: {
        title: 'Dashboard', members: 'Member units', agreements: 'Agreements', workItems: 'Work-plan items',
        avgProgress: 'Average progress', composition: 'Member composition', agreementsByYear: 'Agreements by year and type',
        workPlan: 'Work-plan progress', byStatus: 'By status', year: 'Year', noData: 'No data yet',
        units: '', items: '', total: 'Total',
      },
      members: {
        registerOrg: 'Register a new organisation', registerOrgTitle: 'Register a new organisation (then add it to the consortium)',
        addMembershipTitle: 'Council role of the new organisation', orgSaved: 'Registered: {name}',
        membershipSaved: 'Added to the consortium', council: 'Council', roleCol: 'Council role', orgCol: 'Organisation', all: 'All members and roles', orgs: 'Organisations',
      },
      meetings: {
        meetings: 'Meetings', agenda: 'Agenda items', votes: 'Recorded votes', result: 'Result',
        pickMeeting: 'Click a meeting to see its agenda', pickItem: 'Click an agenda item to see its votes',
        for: 'For', against: 'Against', abstain: 'Abstain', base: 'Base', required: 'Votes required',
        passed: 'Passed', notPassed: 'Not passed', threshold: 'Threshold', view: 'View', backToMeetings: 'Meetings',
        councilUnits: 'Council units', memberUnits: 'Member units',
      },
      workPlan: { progress: 'Progress', update: 'Update progress', status: 'Status', saved: 'Updated', note: 'Note' },
      import: {
        title: 'Import data', kind: 'What to import', organizations: 'Organisations (register)', members: 'Consortium members & council roles',
        file: 'File', choose: 'Choose a CSV / XLSX file', dryRun: 'Check (no write)', run: 'Import', uploading: 'Uploading', processing: 'Uploaded; the server is checking every row…',
        hint: 'CSV in UTF-8 or GB18030 (as Chinese Excel saves it), or XLSX. All rows or none: check first, import when clean.',
        clean: 'Check passed: {rows} rows, no errors (encoding {encoding}). Ready to import.',
        done: 'Imported {imported} rows.', errors: '{n} rows have errors; nothing was written. Fix the file and check again.',
        line: 'Line', field: 'Field', message: 'Problem', noFile: 'Choose a file first', badType: 'Only .csv or .xlsx files',
        template: 'Headers may be Chinese (单位名称, 单位类型, 统一社会信用代码 …) or the English field names.',
      },
      audit: {
        title: 'Audit log', at: 'Time', user: 'User', action: 'Action', entity: 'Entity', entityId: 'ID',
        changes: 'Changes', all: 'All', search: 'Search', refresh: 'Refresh', before: 'Before', after: 'After',
        actions: { create: 'Create', update: 'Update', delete: 'Delete', login: 'Sign in', logout: 'Sign out', import: 'Import' },
      },
      org: {
        title: 'My organisation', edit: 'Edit', saved: 'Saved', noOrg: 'This account has no organisation.',
        publications: 'Policies and projects we publish', govHint: 'Government departments and other units publish policy and project list entries here.',
        myWorkPlanHint: 'Work-plan items our unit leads; update their progress and status.',
      },
      student: {
        title: 'Student home', school: 'School', hello: 'Hello, {name}',
        later: 'Two-sided matching (ranking positions), internships and employment records come in a later version and will appear here. They are not available yet.',
        noSchool: 'This account is not linked to a school yet.',
      },
      common: { save: 'Save', cancel: 'Cancel', close: 'Close', loadFailed: 'Failed to load', yes: 'Yes', no: 'No' },
    },
  },
}
