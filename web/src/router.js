import { createRouter, createWebHistory } from 'vue-router'
import { auth, initAuth } from './auth.js'
import workspaceRoutes from './views/workspace/routes.js'
import { orgReady } from './views/workspace/useWs.js'
import ConsortiumList from './views/public/ConsortiumList.vue'

const children = [...workspaceRoutes]
if (!children.some((r) => r.path === '')) {
  children.unshift({ path: '', name: 'workspace-home', component: () => import('./views/WorkspaceHome.vue'), meta: { hidden: true } })
}

export const routes = [
  { path: '/', name: 'portal', component: ConsortiumList },
  { path: '/consortia/:id(\\d+)', name: 'consortium', component: () => import('./views/public/ConsortiumPage.vue'), props: true },
  { path: '/reports/:id(\\d+)', name: 'demand-report', component: () => import('./views/public/DemandReport.vue'), props: true },
  { path: '/consortia/:cid(\\d+)/reports/:id(\\d+)', name: 'consortium-demand-report', component: () => import('./views/public/DemandReport.vue'), props: true },
  { path: '/login', name: 'login', component: () => import('./views/Login.vue') },
  {
    path: '/workspace',
    component: () => import('./views/WorkspaceLayout.vue'),
    meta: { requiresAuth: true },
    children,
  },
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
  const roles = to.matched.map((r) => r.meta && r.meta.roles).filter(Boolean)
  for (const rs of roles) {
    if (auth.user && !rs.includes(auth.user.role) && to.path !== '/workspace') return { path: '/workspace' }
  }
  const orgTypes = to.matched.map((r) => r.meta && r.meta.orgTypes).filter(Boolean)
  if (orgTypes.length && auth.user) {
    const st = await orgReady(auth.user)
    const type = st.org && st.org.type
    if (orgTypes.some((ts) => !ts.includes(type))) return { path: '/workspace' }
  }
  return true
})

export { workspaceRoutes }
export default router
