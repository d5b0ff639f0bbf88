// A deliberately naive second scorer for the case tables: conditions through json-logic-js, the
// arithmetic written out plainly from docs/rules.md, sharing no code with engine/src/scoring.
import jsonLogic from 'json-logic-js';

interface Band {
  min: number;
  grade: string;
  mql?: boolean;
}
interface Model {
  rules: { points: number; when: unknown }[];
  behaviour?:
    | { event: string; when?: unknown; points: number; cap?: number; once?: boolean }[]
    | Record<string, number>;
  decay?: { inactiveDays: number; points: number } | { halfLifeDays: number };
  floor?: number;
  ceiling?: number;
  grades: Band[];
  mqlThreshold?: number;
}
interface Event {
  id: string;
  type: string;
  at: string;
  properties?: Record<string, unknown>;
}

const DAY = 86_400_000;
const truthy = (value: unknown) => jsonLogic.truthy(value);

export function referenceScore(model: Model, record: unknown, events: Event[], now: Date) {
  let fit = 0;
  for (const rule of model.rules)
    if (truthy(jsonLogic.apply(rule.when as jsonLogic.RulesLogic, record))) fit += rule.points;
  const history = events
    .filter((e) => Date.parse(e.at) <= now.getTime())
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  const behaviourRules = Array.isArray(model.behaviour)
    ? model.behaviour
    : Object.entries(model.behaviour ?? {}).map(([event, points]) => ({
        event,
        points,
        when: undefined,
        cap: undefined,
        once: false,
      }));
  const earned: { points: number; at: number }[] = [];
  for (const rule of behaviourRules) {
    let total = 0;
    for (const event of history) {
      if (event.type !== rule.event) continue;
      if (
        rule.when !== undefined &&
        !truthy(jsonLogic.apply(rule.when as jsonLogic.RulesLogic, event.properties ?? {}))
      )
        continue;
      let points = rule.points;
      if (rule.cap !== undefined) points = Math.sign(points) * Math.min(Math.abs(points), rule.cap - Math.abs(total));
      if (points === 0 && rule.cap !== undefined) break;
      earned.push({ points, at: Date.parse(event.at) });
      total += points;
      if (rule.once) break;
    }
  }
  let behaviour = earned.reduce((s, e) => s + e.points, 0);
  if (model.decay && earned.length > 0) {
    if ('halfLifeDays' in model.decay) {
      const { halfLifeDays } = model.decay;
      behaviour = Math.round(
        earned.reduce((s, e) => s + e.points * 0.5 ** ((now.getTime() - e.at) / DAY / halfLifeDays), 0),
      );
    } else if (behaviour > 0) {
      const last = Math.max(...history.map((e) => Date.parse(e.at)));
      const periods = Math.floor((now.getTime() - last) / DAY / model.decay.inactiveDays);
      behaviour = Math.max(0, behaviour + periods * model.decay.points);
    }
  }
  let score = fit + behaviour;
  if (model.floor !== undefined) score = Math.max(score, model.floor);
  if (model.ceiling !== undefined) score = Math.min(score, model.ceiling);
  const grade = model.grades.find((band) => score >= band.min)?.grade ?? null;
  const mqlBands = model.grades.filter((band) => band.mql);
  const threshold = model.mqlThreshold ?? (mqlBands.length > 0 ? Math.min(...mqlBands.map((band) => band.min)) : null);
  return { score, grade, mql: threshold !== null && score >= threshold };
}
