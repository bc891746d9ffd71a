// Strings of uploaded files (issue 11, documents): the FileField of forms and
// the file links of tables and record pages, merged into the global vue-i18n
// instance under files.*.
import { i18n } from './index.js'

const messages = {
  'zh-CN': {
    files: {
      choose: '选择文件', replace: '更换文件', remove: '移除', open: '查看文件', uploading: '正在上传…',
      kinds: '接受 {kinds}，不超过 20 MB', tooLarge: '文件超过 20 MB 上限', failed: '上传失败：{msg}',
      thumb: '{name} 的缩略图', file: '文件',
      add: '添加文件', most: '至多 {n} 个', tooMany: '至多 {n} 个文件',
    },
  },
  en: {
    files: {
      choose: 'Choose a file', replace: 'Replace', remove: 'Remove', open: 'Open file', uploading: 'Uploading…',
      kinds: 'Accepts {kinds}, up to 20 MB', tooLarge: 'The file is larger than 20 MB', failed: 'Upload failed: {msg}',
      thumb: 'Thumbnail of {name}', file: 'File',
      add: 'Add files', most: 'at most {n}', tooMany: 'At most {n} files',
    },
  },
}
for (const [loc, m] of Object.entries(messages)) i18n.global.mergeLocaleMessage(loc, m)
export default messages
