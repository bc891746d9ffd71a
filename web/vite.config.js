import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

// After the build, a .br and a .gz twin beside every textual file of dist/
// (at the best levels: compressed once here, served many times).  The
// server (src/http/static.c) sends the twin a browser takes, with
// Content-Encoding and Vary; a file that would not shrink gets none.
function precompress() {
  let outDir
  return {
    name: 'chanjiao-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)])
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/.test(file)) continue
        const data = readFileSync(file)
        if (data.length < 1024) continue
        const br = brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        })
        const gz = gzipSync(data, { level: 9 })
        if (br.length < data.length) writeFileSync(file + '.br', br)
        if (gz.length < data.length) writeFileSync(file + '.gz', gz)
      }
    },
  }
}

export default defineConfig({
  base: '/',
  plugins: [vue(), precompress()],
  resolve: {
    // `from 'element-plus'` anywhere means the app's own list of the
    // components it uses (src/element-plus.js), never the whole library.
    alias: [{ find: /^element-plus$/, replacement: path.resolve(import.meta.dirname, 'src/element-plus.js') }],
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __INTLIFY_JIT_COMPILATION__: true,
    __INTLIFY_DROP_MESSAGE_COMPILER__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    // dist/.vite/manifest.json: which source each chunk holds (tests/web/fast.test.mjs
    // and bench/web_fcp.mjs name the chunks a page fetched by it)
    manifest: true,
    rollupOptions: {
      output: {
        // Vue, its router and vue-i18n in one chunk every page needs.  Element
        // Plus and ECharts are left to the import graph: the public pages'
        // components (element-plus-portal.js) stay with the start-up code, the
        // rest (element-plus.js) and ECharts (charts/*.js) come in chunks of
        // their own, fetched only by the pages that draw with them.
        manualChunks(id) {
          if (/node_modules\/(vue|@vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue'
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
