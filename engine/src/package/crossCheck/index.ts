import { checkApp } from './checkApp.js';
import { checkAutomation } from './checkAutomation.js';
import { checkConversion } from './checkConversion.js';
import { checkDashboard } from './checkDashboard.js';
import { checkForm } from './checkForm.js';
import { checkNurture } from './checkNurture.js';
import { checkObject } from './checkObject.js';
import { checkPipeline } from './checkPipeline.js';
import { checkReport } from './checkReport.js';
import { checkReportAnalysis } from './checkReportAnalysis.js';
import { checkRoles } from './checkRoles.js';
import { checkRouting } from './checkRouting.js';
import { checkScoring } from './checkScoring.js';
import type { CheckContext } from './types.js';

export { MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
export { SYSTEM_VARIABLES } from './references.js';
export type { CheckContext, Checked, CheckedDefinitions } from './types.js';

/** Runs every cross-check over the definitions that passed their schema; problems go to ctx.problems. */
export function crossCheckPackage(ctx: CheckContext): void {
  const { checked } = ctx;
  if (checked.app) checkApp(ctx, checked.app);
  if (checked.roles) checkRoles(ctx, checked.roles);
  for (const d of checked.object.values()) {
    checkObject(ctx, d);
    checkConversion(ctx, d);
  }
  for (const d of checked.form.values()) checkForm(ctx, d);
  for (const d of checked.pipeline.values()) checkPipeline(ctx, d);
  for (const d of checked.scoring.values()) checkScoring(ctx, d);
  for (const d of checked.routing.values()) checkRouting(ctx, d);
  for (const d of checked.automation.values()) checkAutomation(ctx, d);
  for (const d of checked.nurture.values()) checkNurture(ctx, d);
  for (const d of checked.report.values()) {
    checkReport(ctx, d);
    checkReportAnalysis(ctx, d);
  }
  for (const d of checked.dashboard.values()) checkDashboard(ctx, d);
}
