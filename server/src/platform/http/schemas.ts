import { type Static, type TSchema, Type } from 'typebox';

/** Schema pieces reused by every module's routes. */
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
/** int4 on PostgreSQL, and an update writes `version + 1`: a larger number could only overflow, never match */
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_646 });

export const PageQueryProps = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.String({ maxLength: 40 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
};

/**
 * A value of `schema`'s type, or null. Never `Type.Union([schema, Type.Null()])`: the
 * validator coerces types, and the first branch of an anyOf that accepts the coerced value
 * wins — a null becomes "" for a plain string, 0 for an integer, [""] for an array of
 * strings. A JSON type list keeps each value as it was sent.
 */
export function Nullable<T extends TSchema>(schema: T) {
  // a plain copy: the type list replaces the single type, TypeBox's own markers are not needed by the validator
  const plain = JSON.parse(JSON.stringify(schema)) as { type?: unknown };
  if (typeof plain.type !== 'string') throw new Error('Nullable needs a schema of one JSON type');
  return Type.Unsafe<Static<T> | null>({ ...plain, type: [plain.type, 'null'] });
}

type NumberBounds = { minimum?: number; maximum?: number; description?: string };

/** A whole number or null (see Nullable). */
export const NullableInteger = (bounds: NumberBounds = {}) => Nullable(Type.Integer(bounds));
/** A number or null (see Nullable). */
export const NullableNumber = (bounds: NumberBounds = {}) => Nullable(Type.Number(bounds));

export const BoolFlag = Type.Union([Type.Literal('0'), Type.Literal('1'), Type.Boolean()]);

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
    requestId: Type.Optional(Type.String()),
  }),
});

export const Ok = Type.Object({ ok: Type.Boolean() });

/** Shorthand for the optional page envelope in responses. */
export function PageOf<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export function truthy(v: unknown): boolean {
  return v === true || v === '1' || v === 'true';
}

/** Query-string schema of a boolean filter such as `active` ('' or absent = no filter). */
export const FlagQuery = Type.Optional(
  Type.Union([Type.Literal(''), Type.Literal('0'), Type.Literal('1'), Type.Literal('true'), Type.Literal('false')]),
);

/** Filter value of a boolean query flag: undefined when absent or empty. */
export function optionalFlag(v: string | boolean | undefined): boolean | undefined {
  if (v === undefined || v === '') return undefined;
  return truthy(v);
}
