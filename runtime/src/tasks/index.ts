export { createTask, type NewTask } from './createTask.js';
export { type ApiActivity, logActivity, type NewActivity } from './logActivity.js';
export { ACTIVITY_KINDS, type ApiTask, TASK_KINDS, TASK_PRIORITIES } from './taskRow.js';
export { recordTimeline } from './timeline.js';
