export default {
  app: { name: 'Chanjiao', full: 'Industry–Education Consortium Platform', skip: 'Skip to main content' },
  nav: { portal: 'Consortia', workspace: 'Workspace', login: 'Sign in', logout: 'Sign out', language: '中文', languageLabel: 'Switch to Chinese', home: 'Home' },
  demo: { banner: 'Demo mode', text: 'This instance runs in demo mode: the data are examples; demo accounts are in the README.' },
  role: { platform_admin: 'Platform admin', secretariat: 'Secretariat', org_admin: 'Organisation admin', org_staff: 'Organisation staff', student: 'Student' },
  orgType: {
    government: 'Government departments', enterprise: 'Enterprises', undergraduate: 'Undergraduate universities', higher_vocational: 'Higher vocational colleges',
    secondary_vocational: 'Secondary vocational schools', research_institute: 'Research institutes', industry_association: 'Industry associations', other: 'Other',
  },
  common: {
    search: 'Search', searchPlaceholder: 'Keyword', reset: 'Reset', loading: 'Loading…', empty: 'No data', total: 'Total',
    yes: 'Yes', no: 'No', all: 'All', back: 'Back', save: 'Save', cancel: 'Cancel', create: 'New', edit: 'Edit', delete: 'Delete',
    actions: 'Actions', exportCsv: 'Export CSV', exportXlsx: 'Export Excel', confirmDelete: 'Delete this record?', confirm: 'Confirm',
    deleted: 'Deleted', saved: 'Saved', loadFailed: 'Could not load', count: 'Count', retry: 'Retry', close: 'Close', notFound: 'Page not found',
    notFoundText: 'The page you asked for does not exist.', goHome: 'Go to the start page', filters: 'Filters', selectPlaceholder: 'Select', searchOrg: 'Type a name to search',
  },
  portal: {
    title: 'Industry–education consortia', subtitle: 'Public information on city-level consortia and industry-level communities', searchPlaceholder: 'Search by name, region or industry',
    kind: 'Kind', level: 'Level', region: 'Region', founded: 'Founded', industry: 'Industry', members: 'Member units', open: 'Open',
    none: 'No consortium matches', count: '{n} consortia',
  },
  consortium: {
    overview: 'Overview', description: 'Description', composition: 'Member composition', compositionTotal: '{n} member units', type: 'Type of unit',
    council: 'Council', councilRole: 'Council role', organization: 'Organisation', term: 'Term', joined: 'Joined',
    agreements: 'Agreements', agreementsByType: 'Agreements by type', agreementType: 'Type', signedOn: 'Signed', status: 'Status',
    parties: 'Parties', year: 'Year', announcements: 'Announcements', publishedOn: 'Published', policies: 'Policies', projects: 'Projects',
    docNumber: 'Document no.', issuedOn: 'Issued', policyLevel: 'Level', category: 'Category', funding: 'Funding (10k CNY)', applyBy: 'Apply by',
    projectStatus: 'Project status', title: 'Title', notFound: 'This consortium does not exist or is not public', backToList: 'Back to the list of consortia', chartLabel: 'Member composition chart',
  },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', required: 'Enter your username and password', demoHint: 'Demo accounts: ',
    welcome: 'Welcome, {name}',
  },
  workspace: { title: 'Workspace', welcome: 'Welcome to the consortium workspace', hint: 'Choose a page from the menu.', menu: 'Workspace menu', noMenu: 'No pages are available for your role yet.', org: 'Organisation', consortium: 'Consortium' },
  form: {
    required: '{label} is required', minLength: '{label} needs at least {n} characters', maxLength: '{label} takes at most {n} characters',
    min: '{label} must be at least {n}', max: '{label} must be at most {n}', integer: '{label} must be a whole number', date: '{label} must be a date YYYY-MM-DD',
    enum: '{label} has an invalid value', creditCode: 'A unified social credit code has 18 characters (digits and capitals except I, O, Z, S, V)',
    creditCheck: 'Wrong check character in the credit code; it should be {c}', regionCode: 'A region code has 6 digits', minItems: 'Choose at least {n} for {label}',
    maxItems: 'Choose at most {n} for {label}', passwordKeep: 'Leave empty to keep', nothingChanged: 'Nothing changed',
  },
}
