import { didYouMean } from '../didYouMean.js';
import { pointer } from '../jsonPointer.js';
import type { ScoringDefinition } from '../schemas/index.js';
import { exceedsDepth, MAX_JSON_LOGIC_DEPTH } from './jsonLogic.js';
import { checkFieldRef, checkRule, checkUnique, findField, objectFor, report } from './references.js';
import type { CheckContext, Checked } from './types.js';

const NUMERIC = new Set(['number', 'integer', 'currency']);

/**
 * Rules have unique ids and read existing fields; the score and grade land in fitting fields; grades
 * run from high to low with the MQL ones on top; the floor is not above the ceiling.
 */
export function checkScoring(ctx: CheckContext, { file, value: model }: Checked<ScoringDefinition>): void {
  // Fit and behaviour rules share one id space; a map entry's id is its event name.
  const behaviour = model.behaviour ?? [];
  const behaviourIds = Array.isArray(behaviour)
    ? behaviour.map((r, i) => ({ pointer: `/behaviour/${i}/id`, id: r.id }))
    : Object.keys(behaviour).map((event) => ({ pointer: pointer('behaviour', event), id: event }));
  checkUnique(
    ctx,
    file,
    [...model.rules.map((r, i) => ({ pointer: `/rules/${i}/id`, id: r.id })), ...behaviourIds],
    'rule',
  );
  checkUnique(
    ctx,
    file,
    model.grades.map((g, i) => ({ pointer: `/grades/${i}/grade`, id: g.grade })),
    'grade',
  );
  let mqlEnded = false;
  model.grades.forEach((grade, i) => {
    const previous = model.grades[i - 1];
    if (previous && grade.min >= previous.min) {
      report(
        ctx,
        file,
        `/grades/${i}/min`,
        `grades go from the highest min to the lowest: ${grade.min} must be below ${previous.min}`,
      );
    }
    if (grade.mql === true && mqlEnded) {
      report(ctx, file, `/grades/${i}/mql`, 'MQL grades must be the top ones (a higher grade is not an MQL)');
    }
    if (grade.mql !== true) mqlEnded = true;
  });
  if (model.floor !== undefined && model.ceiling !== undefined && model.floor > model.ceiling) {
    report(ctx, file, '/floor', `floor (${model.floor}) must not be above ceiling (${model.ceiling})`);
  }
  if (Array.isArray(behaviour)) {
    behaviour.forEach((rule, i) => {
      // `when` reads the event's properties, not the record: only its depth is checked here.
      if (rule.when !== undefined && exceedsDepth(rule.when)) {
        report(ctx, file, `/behaviour/${i}/when`, `rule nests deeper than ${MAX_JSON_LOGIC_DEPTH} levels`);
      }
    });
  }
  const object = objectFor(ctx, file, '/object', model.object);
  if (!object) return;
  model.rules.forEach((rule, i) => {
    checkRule(ctx, file, `/rules/${i}/when`, rule.when, object);
  });
  const scoreField =
    model.scoreField === undefined
      ? findField(object, 'score')
      : checkFieldRef(ctx, file, '/scoreField', object, model.scoreField);
  if (!scoreField && model.scoreField === undefined) {
    report(ctx, file, '/object', `object "${object.id}" has no "score" field; add one or name it with "scoreField"`);
  }
  if (scoreField && !NUMERIC.has(scoreField.type)) {
    report(
      ctx,
      file,
      model.scoreField === undefined ? '/object' : '/scoreField',
      `field "${scoreField.name}" must be a number field to hold the score (it is ${scoreField.type})`,
    );
  }
  const gradeField =
    model.gradeField === undefined
      ? findField(object, 'grade')
      : checkFieldRef(ctx, file, '/gradeField', object, model.gradeField);
  if (!gradeField) return;
  if (gradeField.type !== 'select') {
    report(
      ctx,
      file,
      model.gradeField === undefined ? '/object' : '/gradeField',
      `field "${gradeField.name}" must be a select field to hold the grade (it is ${gradeField.type})`,
    );
    return;
  }
  const options = (gradeField.options ?? []).map((o) => o.value);
  model.grades.forEach((grade, i) => {
    if (!options.includes(grade.grade)) {
      report(
        ctx,
        file,
        `/grades/${i}/grade`,
        `grade "${grade.grade}" is not an option of field "${gradeField.name}" on object "${object.id}"${didYouMean(grade.grade, options)}`,
      );
    }
  });
}
