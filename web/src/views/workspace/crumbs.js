// The last breadcrumb of a page that shows one record (工作台 › group › page ›
// record): such a page sets recordTitle to the record's name once it has it;
// the workspace layout clears it whenever the path changes.
import { ref } from 'vue'

export const recordTitle = ref('')
export function setRecordTitle(s) { recordTitle.value = s ? String(s) : '' }
