export { compilePipeline } from './compilePipeline.js';
export { labelText } from './labelText.js';
export { allowedTargets, moveRefusal } from './moveRefusal.js';
export { planTransition } from './planTransition.js';
export { stageGuardFailures } from './stageGuardFailures.js';
export type {
  ApprovalPolicy,
  CompiledCriterion,
  CompiledPipeline,
  CompiledStage,
  CompilePipelineResult,
  StageReason,
  StageRecord,
  TransitionEffect,
  TransitionPlan,
  TransitionRequest,
} from './types.js';
