/**
 * A validator for the subset of JSON Schema 2020-12 that zod's `toJSONSchema` emits for our schemas,
 * so a test can check rule files against the shipped schema without a validator dependency. It
 * throws on any keyword it does not know, so a schema that grows past this subset fails loudly.
 */

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$defs', '$ref', 'title', 'description', 'type', 'enum', 'const', 'properties', 'required',
  'additionalProperties', 'propertyNames', 'anyOf', 'items', 'minItems', 'maxItems', 'minLength', 'maxLength',
  'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  // Annotations: they describe, they do not constrain.
  'default',
]);

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v;

const isObject = (v: unknown): v is Record<string, unknown> => typeOf(v) === 'object';

/** Every place the value breaks the schema, as `$.a.b: reason`; empty when it conforms. */
export const jsonSchemaErrors = (root: Schema, value: unknown): string[] => {
  const errors: string[] = [];
  const check = (schema: Schema, v: unknown, at: string): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`json-schema-check: unsupported keyword "${key}" at ${at}`);
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/$defs/', '');
      const target = (root.$defs as Record<string, Schema> | undefined)?.[name];
      if (!target) throw new Error(`json-schema-check: unresolved ${schema.$ref}`);
      check(target, v, at);
    }
    if (schema.anyOf) {
      const matching = (schema.anyOf as Schema[]).filter((s) => jsonSchemaErrors({ $defs: root.$defs, ...s }, v).length === 0);
      if (matching.length === 0) errors.push(`${at}: matches no alternative`);
    }
    const t = typeOf(v);
    if (typeof schema.type === 'string' && schema.type !== t && !(schema.type === 'number' && t === 'integer')) {
      errors.push(`${at}: expected ${schema.type}, got ${t}`);
      return;
    }
    if (schema.enum && !(schema.enum as unknown[]).includes(v)) errors.push(`${at}: ${JSON.stringify(v)} not in enum`);
    if ('const' in schema && schema.const !== v) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
    if (typeof v === 'string') {
      if (typeof schema.minLength === 'number' && [...v].length < schema.minLength) errors.push(`${at}: too short`);
      if (typeof schema.maxLength === 'number' && [...v].length > schema.maxLength) errors.push(`${at}: too long`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) errors.push(`${at}: does not match ${schema.pattern}`);
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) errors.push(`${at}: below minimum`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) errors.push(`${at}: above maximum`);
      if (typeof schema.exclusiveMinimum === 'number' && v <= schema.exclusiveMinimum) errors.push(`${at}: not above ${schema.exclusiveMinimum}`);
      if (typeof schema.exclusiveMaximum === 'number' && v >= schema.exclusiveMaximum) errors.push(`${at}: not below ${schema.exclusiveMaximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) errors.push(`${at}: too few items`);
      if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) errors.push(`${at}: too many items`);
      if (isObject(schema.items)) v.forEach((item, i) => check(schema.items as Schema, item, `${at}[${i}]`));
    }
    if (isObject(v)) {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!(name in v)) errors.push(`${at}: missing ${name}`);
      for (const [name, item] of Object.entries(v)) {
        if (isObject(schema.propertyNames)) check(schema.propertyNames, name, `${at}[${JSON.stringify(name)}] (key)`);
        const sub = properties[name];
        if (sub) check(sub, item, `${at}.${name}`);
        else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${name}`);
        else if (isObject(schema.additionalProperties)) check(schema.additionalProperties, item, `${at}.${name}`);
      }
    }
  };
  check(root, value, '$');
  return errors;
};
