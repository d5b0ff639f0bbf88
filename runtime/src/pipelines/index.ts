export { applyMove } from './applyMove.js';
export { lockRecordOrThrow, ruleDataOf } from './lockedRecord.js';
export { pipelineOrThrow, pipelinesOf } from './pipelines.js';
export { appendRecordEvents, type RecordEvent } from './recordEvents.js';
export { recordStage } from './recordStage.js';
export { listStays, type StageStay } from './stageStays.js';
export { type TransitionInput, type TransitionOutcome, transitionInTx, transitionRecord } from './transitionRecord.js';
