export { compileScoringModel } from './compileScoringModel.js';
export { scoreCrossings } from './scoreCrossings.js';
export { scoreLead } from './scoreLead.js';
export type {
  BehaviourRule,
  CompiledScoringModel,
  CompileScoringModelResult,
  DecayDefinition,
  FiredKind,
  FiredRule,
  GradeBand,
  LeadEvent,
  LeadScore,
  ProfileRule,
  ScoreCrossing,
  ScoreSnapshot,
  ScoringError,
  ScoringModel,
} from './types.js';
