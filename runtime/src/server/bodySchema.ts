import { LeadforgeError } from '@leadforge/engine';
import { Ajv, type ErrorObject, type JSONSchemaType } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: true });

function problemOf(e: ErrorObject) {
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params['additionalProperty']);
    return { path: `${e.instancePath}/${key}`, message: `unknown property "${key}"` };
  }
  if (e.keyword === 'required') {
    const key = String(e.params['missingProperty']);
    return { path: `${e.instancePath}/${key}`, message: 'is required' };
  }
  return { path: e.instancePath, message: e.message ?? 'is invalid' };
}

/** Compiles a request-body schema once; the returned function checks a body and names every bad field. */
export function bodyParser<T>(schema: JSONSchemaType<T>): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => {
    if (validate(body)) return body;
    throw new LeadforgeError('MALFORMED', 'invalid request body', (validate.errors ?? []).map(problemOf));
  };
}

const parseEmpty = bodyParser<Record<string, never>>({
  type: 'object',
  additionalProperties: false,
  properties: {},
} as unknown as JSONSchemaType<Record<string, never>>);

/** A body-less action route accepts no body or `{}`; anything else is refused naming each property. */
export function emptyBodyOrThrow(body: unknown): void {
  parseEmpty(body === undefined ? {} : body);
}
