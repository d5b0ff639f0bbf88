import type { DashboardDefinition } from '../schemas/index.js';
import { checkDefinitionRef, checkUnique, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

/** Widgets have unique ids, show existing reports and fit in the grid. */
export function checkDashboard(ctx: CheckContext, { file, value: dashboard }: Checked<DashboardDefinition>): void {
  checkUnique(
    ctx,
    file,
    dashboard.widgets.map((w, i) => ({ pointer: `/widgets/${i}/id`, id: w.id })),
    'widget',
  );
  const columns = dashboard.columns ?? 12;
  dashboard.widgets.forEach((widget, i) => {
    checkDefinitionRef(ctx, file, `/widgets/${i}/report`, 'report', widget.report);
    if (widget.x + widget.w > columns) {
      report(
        ctx,
        file,
        `/widgets/${i}/w`,
        `widget ends at column ${widget.x + widget.w}, past the grid's ${columns} columns`,
      );
    }
  });
}
