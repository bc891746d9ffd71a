// Strings of the technology service platform (issue 10): an enterprise's needs
// and core products, a unit's capabilities, the needs suggested to it and its
// answers (揭榜), joint projects with milestones and outputs, and the public
// needs board (揭榜挂帅). Merged into the global vue-i18n instance under tech.*.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    tech: {
      menu: {
        myNeeds: '技术需求', myCoreProducts: '核心产品', myCapabilities: '服务能力', suggested: '推荐需求',
        myResponses: '我的揭榜', myProjects: '我的项目',
      },
      hints: {
        myNeeds: '发布本企业的技术难题（卡点、堵点、难点）：新建为草稿，确认后发布；查看各单位的揭榜方案并采纳其一（采纳即立项），或关闭需求。',
        myCoreProducts: '本企业在产业链上的核心产品，及其最需要的职业（职业分类大典编码：在“紧缺职业”中按名称或编码搜索选择），供人才需求一侧使用。',
        myCapabilities: '本单位可以对外提供的研究团队、实验室/平台、设备、专家与技术服务；“推荐需求”按这些能力为您找到合适的技术需求。',
        suggested: '选择本单位的一项服务能力，查看平台推荐的技术需求及推荐理由；也可在需求大厅中检索全部已发布的需求。',
        myResponses: '本单位提交的揭榜方案及其状态；已提交的方案可以撤回。',
        myProjects: '本单位牵头或委托的联合研发与技术服务项目：节点、成果与状态。',
      },
      status: { draft: '草稿', published: '已发布', in_progress: '进行中', closed: '已关闭' },
      publish: '发布', close: '关闭', publishTitle: '确认发布', publishSecretariat: '发布后，只有本联合体秘书处能看到这条技术需求。', published: '已发布', closed: '已关闭',
      closeConfirm: '关闭后不再接受揭榜。确定关闭“{title}”吗？', closeTitle: '关闭需求',
      answers: '揭榜方案', answersOf: '“{title}”收到的揭榜方案', noAnswers: '尚未收到揭榜方案。',
      suggestCaps: '推荐能力', suggestCapsOf: '可能解决“{title}”的服务能力',
      responder: '响应单位', approach: '技术方案', team: '团队', duration: '周期', price: '报价（元）', contact: '联系方式',
      capability: '服务能力', need: '技术需求', score: '匹配度', reasons: '推荐理由',
      accept: '采纳', decline: '不采纳', accepted: '已采纳，项目已立项', declined: '已标记为不采纳',
      acceptTitle: '采纳揭榜方案', acceptConfirm: '采纳“{org}”的方案后，将自动立项（由对方牵头、本企业为委托方），需求转为“进行中”，其他方案不再被采纳。确定采纳吗？',
      declineConfirm: '确定不采纳“{org}”的方案吗？', projectCreated: '已立项：{title}',
      pickCapability: '选择本单位的服务能力', noCapabilities: '本单位还没有服务能力，请先在“服务能力”中添加。',
      suggestions: '推荐需求', board: '需求大厅', noSuggestions: '暂无推荐的需求：试着为该能力补充关键词和技术领域。',
      kw: '关键词相符', field: '技术领域相同', past: '已验收项目', similar: '标题或描述用词相近',
      respond: '我要揭榜', respondTitle: '揭榜：{title}', responded: '揭榜方案已提交',
      withdraw: '撤回', withdrawConfirm: '撤回后对方不再看到这份方案。确定撤回吗？', withdrawn: '已撤回',
      lead: '我牵头的', client: '我委托的', detail: '详情', milestones: '项目节点', outputs: '项目成果',
      tick: '标记完成', ticked: '已标记完成', steps: '可执行的操作', noSteps: '当前状态下本单位没有可执行的操作。',
      step: { running: '开始实施', accepted: '验收通过', terminated: '终止项目' },
      stepConfirm: '确定将项目“{title}”的状态改为“{to}”吗？', stepDone: '状态已改为“{to}”',
      boardTitle: '揭榜挂帅 · 技术需求', boardIntro: '联合体企业公开发布的技术难题，欢迎院校、科研院所与企业揭榜。',
      search: '搜索需求', allFields: '全部技术领域', budget: '预算', wantedBy: '期望完成', publishedOn: '发布日期',
      enterprise: '需求企业', yuan: '{n} 元', budgetRange: '{a} – {b} 元', loginToRespond: '登录后揭榜', none: '没有符合条件的需求。',
      occupations: '紧缺职业', occupationsOf: '“{name}”最需要的职业', occupationsHint: '按职业名称或编码搜索职业分类大典，可选多个。',
      back: '返回联合体', boardLink: '揭榜挂帅（技术需求）', keywords: '关键词', description: '需求描述', fieldName: '技术领域',
    },
  },
  en: {
    tech: {
      menu: {
        myNeeds: 'Technology needs', myCoreProducts: 'Core products', myCapabilities: 'Capabilities', suggested: 'Suggested needs',
        myResponses: 'Our answers', myProjects: 'Our projects',
      },
      hints: {
        myNeeds: 'Post your technical problems: a new need is a draft, published after a confirmation; read the answers units send and accept one (accepting starts a project), or close the need.',
        myCoreProducts: 'Your core products on the industry chain and the occupations they need most (occupation codes: pick them by name or code under “Occupations”), for the talent side.',
        myCapabilities: 'The research teams, labs, equipment, experts and services your unit offers; "Suggested needs" finds needs for them.',
        suggested: 'Pick one of your capabilities to see the needs suggested for it and why; or search every published need on the board.',
        myResponses: 'The answers your unit sent and their status; an answer still submitted can be withdrawn.',
        myProjects: 'Joint R&D and technical service projects your unit leads or commissioned: milestones, outputs and status.',
      },
      status: { draft: 'Draft', published: 'Published', in_progress: 'In progress', closed: 'Closed' },
      publish: 'Publish', close: 'Close', publishTitle: 'Publish?', publishSecretariat: 'Once published, only the consortium\'s secretariat can see this need.', published: 'Published', closed: 'Closed',
      closeConfirm: 'A closed need takes no more answers. Close “{title}”?', closeTitle: 'Close need',
      answers: 'Answers', answersOf: 'Answers to “{title}”', noAnswers: 'No answers yet.',
      suggestCaps: 'Suggested capabilities', suggestCapsOf: 'Capabilities that could solve “{title}”',
      responder: 'Responder', approach: 'Approach', team: 'Team', duration: 'Time', price: 'Price (yuan)', contact: 'Contact',
      capability: 'Capability', need: 'Need', score: 'Score', reasons: 'Why',
      accept: 'Accept', decline: 'Decline', accepted: 'Accepted: the project is set up', declined: 'Declined',
      acceptTitle: 'Accept the answer', acceptConfirm: 'Accepting the answer of “{org}” sets up a project (led by them, your enterprise the client) and moves the need to in progress. Accept?',
      declineConfirm: 'Decline the answer of “{org}”?', projectCreated: 'Project set up: {title}',
      pickCapability: 'Pick one of your capabilities', noCapabilities: 'Your unit has no capabilities yet: add one under “Capabilities” first.',
      suggestions: 'Suggested needs', board: 'Needs board', noSuggestions: 'No needs suggested: add keywords and fields to the capability.',
      kw: 'Keywords matched', field: 'Same field', past: 'Accepted projects', similar: 'Similar words in the title or description',
      respond: 'Answer', respondTitle: 'Answer: {title}', responded: 'Your answer was sent',
      withdraw: 'Withdraw', withdrawConfirm: 'Once withdrawn, the enterprise no longer sees this answer. Withdraw?', withdrawn: 'Withdrawn',
      lead: 'We lead', client: 'We commissioned', detail: 'Details', milestones: 'Milestones', outputs: 'Outputs',
      tick: 'Mark done', ticked: 'Marked done', steps: 'Steps you may take', noSteps: 'Your unit may take no step from this status.',
      step: { running: 'Start', accepted: 'Accept (验收)', terminated: 'Terminate' },
      stepConfirm: 'Change the status of “{title}” to “{to}”?', stepDone: 'Status changed to “{to}”',
      boardTitle: 'Technology needs board (揭榜挂帅)', boardIntro: 'Technical problems the consortium\'s enterprises publish; schools, institutes and enterprises are welcome to answer.',
      search: 'Search needs', allFields: 'All fields', budget: 'Budget', wantedBy: 'Wanted by', publishedOn: 'Published',
      enterprise: 'Enterprise', yuan: '{n} yuan', budgetRange: '{a} – {b} yuan', loginToRespond: 'Sign in to answer', none: 'No needs match.',
      occupations: 'Occupations', occupationsOf: 'Occupations “{name}” needs most', occupationsHint: 'Search the occupational classification by name or code; pick several.',
      back: 'Back to the consortium', boardLink: 'Technology needs board (揭榜挂帅)', keywords: 'Keywords', description: 'Description', fieldName: 'Field',
    },
  },
}
for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
