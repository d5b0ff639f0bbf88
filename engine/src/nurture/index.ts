export {
  type CompiledNurture,
  compileNurture,
  type NurtureExitReason,
  type NurtureFacts,
  type NurturePlan,
  planNurtureStep,
  ruleHolds,
} from './planNurtureStep.js';
export { escapeHtml, fillPlaceholders, type RenderedEmail, renderNurtureEmail } from './renderNurtureEmail.js';
