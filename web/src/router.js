import { createRouter, createWebHistory } from 'vue-router'
import { auth, initAuth } from './auth.js'
import ConsortiumList from './views/public/ConsortiumList.vue'
// in the start-up chunk too: the public consortium page is where people land
// from a link, and a separate chunk (with its own small pieces) cost a round
// of requests — about a second on a slow phone line — before its text
import ConsortiumPage from './views/public/ConsortiumPage.vue'

// The workspace's route table (views/workspace/routes.js, with its messages)
// is loaded only when a /workspace path is first visited: the public portal
// ships none of it.  Until then a placeholder route holds /workspace/…; the
// first visit imports the table, adds the real routes, drops the placeholder
// and resolves the same path again.
let workspaceLoading = null
function loadWorkspace() {
  if (!workspaceLoading) {
    workspaceLoading = Promise.all([import('./views/workspace/routes.js'), import('./views/workspace/useWs.js')]).then(([m, ws]) => {
      const children = [...m.default]
      if (!children.some((r) => r.path === '')) {
        children.unshift({ path: '', name: 'workspace-home', component: () => import('./views/WorkspaceHome.vue'), meta: { hidden: true } })
      }
      router.addRoute({ path: '/workspace', component: () => import('./views/WorkspaceLayout.vue'), meta: { requiresAuth: true }, children })
      if (router.hasRoute('workspace-pending')) router.removeRoute('workspace-pending')
      orgReady = ws.orgReady
    }).catch((e) => { workspaceLoading = null; throw e })
  }
  return workspaceLoading
}
let orgReady = null

export const routes = [
  // meta.portal: the public pages, drawn with the start-up part of Element Plus
  // (main.js); every other page first loads the rest (element-plus.js).
  { path: '/', name: 'portal', component: ConsortiumList, meta: { portal: true } },
  { path: '/consortia/:id(\\d+)', name: 'consortium', component: ConsortiumPage, props: true, meta: { portal: true } },
  { path: '/consortia/:id(\\d+)/facilities', name: 'facility-directory', component: () => import('./views/public/FacilityDirectory.vue'), props: true },
  { path: '/reports/:id(\\d+)', name: 'demand-report', component: () => import('./views/public/DemandReport.vue'), props: true },
  { path: '/consortia/:cid(\\d+)/reports/:id(\\d+)', name: 'consortium-demand-report', component: () => import('./views/public/DemandReport.vue'), props: true },
  { path: '/consortia/:id(\\d+)/tech-needs', name: 'tech-needs-board', component: () => import('./views/public/TechNeedsBoard.vue'), props: true },
  { path: '/consortia/:cid(\\d+)/lists/:id(\\d+)', name: 'consortium-list', component: () => import('./views/public/PublishedList.vue'), props: true },
  { path: '/login', name: 'login', component: () => import('./views/Login.vue') },
  { path: '/workspace/:rest(.*)*', name: 'workspace-pending', component: ConsortiumList, meta: { requiresAuth: true, workspacePending: true } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue') },
]

const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: (to, from, saved) => saved || { top: 0 },
})

router.beforeEach(async (to) => {
  await initAuth()
  if (to.matched.some((r) => r.meta && r.meta.requiresAuth) && !auth.user) {
    return { path: '/login', query: { redirect: to.fullPath } }
  }
  if (to.meta && to.meta.workspacePending) {
    await loadWorkspace()
    return to.fullPath
  }
  const roles = to.matched.map((r) => r.meta && r.meta.roles).filter(Boolean)
  for (const rs of roles) {
    if (auth.user && !rs.includes(auth.user.role) && to.path !== '/workspace') return { path: '/workspace' }
  }
  const orgTypes = to.matched.map((r) => r.meta && r.meta.orgTypes).filter(Boolean)
  if (orgTypes.length && auth.user && orgReady) {
    const st = await orgReady(auth.user)
    const type = st.org && st.org.type
    if (orgTypes.some((ts) => !ts.includes(type))) return { path: '/workspace' }
  }
  return true
})

export { loadWorkspace }
export default router
