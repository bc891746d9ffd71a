export default {
  app: { name: '产教', full: '产教联合体平台', skip: '跳到主要内容' },
  nav: { portal: '联合体', workspace: '工作台', login: '登录', logout: '退出', language: 'English', languageLabel: '切换到英文', home: '首页' },
  demo: { banner: '演示模式', text: '当前为演示模式：数据为示例，演示账号见 README。' },
  role: { platform_admin: '平台管理员', secretariat: '秘书处', org_admin: '单位管理员', org_staff: '单位工作人员', student: '学生' },
  orgType: {
    government: '政府部门', enterprise: '企业', undergraduate: '本科学校', higher_vocational: '高职院校',
    secondary_vocational: '中职学校', research_institute: '科研机构', industry_association: '行业协会', other: '其他',
  },
  common: {
    search: '搜索', searchPlaceholder: '输入关键字', reset: '重置', loading: '加载中…', empty: '暂无数据', total: '合计',
    yes: '是', no: '否', all: '全部', back: '返回', save: '保存', cancel: '取消', create: '新建', edit: '编辑', delete: '删除',
    actions: '操作', exportCsv: '导出 CSV', exportXlsx: '导出 Excel', confirmDelete: '确定删除这条记录吗？', confirm: '确认',
    deleted: '已删除', saved: '已保存', loadFailed: '加载失败', count: '数量', retry: '重试', close: '关闭', notFound: '页面不存在',
    notFoundText: '您访问的页面不存在。', goHome: '回到首页', filters: '筛选', selectPlaceholder: '请选择', searchOrg: '输入名称搜索',
  },
  portal: {
    title: '产教联合体', subtitle: '市域产教联合体与行业产教融合共同体的公开信息', searchPlaceholder: '搜索联合体名称、地区或产业',
    kind: '类型', level: '级别', region: '地区', founded: '成立日期', industry: '产业领域', members: '成员单位', open: '查看详情',
    none: '没有找到符合条件的联合体', count: '共 {n} 个联合体',
  },
  consortium: {
    overview: '概况', description: '简介', composition: '成员构成', compositionTotal: '成员单位共 {n} 家', type: '单位类型',
    council: '理事会', councilRole: '理事会职务', organization: '单位', term: '届次', joined: '加入日期',
    agreements: '合作协议', agreementsByType: '协议类型统计', agreementType: '协议类型', signedOn: '签约日期', status: '状态',
    parties: '签约单位', year: '年份', announcements: '通知公告', publishedOn: '发布日期', policies: '政策清单', projects: '项目清单',
    docNumber: '文号', issuedOn: '发布日期', policyLevel: '层级', category: '类别', funding: '资金（万元）', applyBy: '申报截止',
    projectStatus: '项目状态', title: '标题', notFound: '联合体不存在或未公开', backToList: '返回联合体列表', chartLabel: '成员构成图',
  },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录', required: '请输入用户名和密码', demoHint: '演示账号：',
    welcome: '欢迎，{name}',
  },
  workspace: { title: '工作台', welcome: '欢迎使用产教联合体平台工作台', hint: '请从左侧菜单选择功能。', menu: '工作台菜单', noMenu: '您的角色暂无可用的功能页面。', org: '所属单位', consortium: '所属联合体' },
  form: {
    required: '{label}为必填项', minLength: '{label}至少 {n} 个字符', maxLength: '{label}最多 {n} 个字符',
    min: '{label}不能小于 {n}', max: '{label}不能大于 {n}', integer: '{label}必须是整数', date: '{label}日期格式应为 YYYY-MM-DD',
    enum: '{label}的取值无效', creditCode: '统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V）',
    creditCheck: '统一社会信用代码校验位错误，应为 {c}', regionCode: '行政区划代码应为 6 位数字', minItems: '{label}至少选择 {n} 项',
    maxItems: '{label}最多选择 {n} 项', passwordKeep: '留空则不修改', nothingChanged: '没有修改',
  },
}
