export { compileActivityFilter } from './activityFilter.js';
export {
  type AnalysisCatalog,
  type CatalogObject,
  type CatalogPipeline,
  type ResolvedAnalysis,
  resolveAnalysis,
} from './analysisOptions.js';
export { CHANNEL_ROI_MEASURES } from './channelRoi.js';
export { type AnalysisReportDefinition, catalogOfApp, compileAnalysis } from './compileAnalysis.js';
export { FUNNEL_MEASURES } from './funnel.js';
export { GOALS_MEASURES } from './goals.js';
export { LEADERBOARD_MEASURES } from './leaderboard.js';
