import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

/**
 * Fastify's own schema compilers (the same Ajv and fast-json-stringify it would use),
 * deferred to each route's first request. Compiling every route's schemas when the app
 * starts took most of its start-up (1–4 s for several hundred routes), paid again by
 * every integration test's app although a test file calls a handful of routes. A schema
 * that does not compile now fails on its route's first request — the fuzz test calls
 * every operation, so it still fails a run.
 */
type Compiled = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };

export function lazyCompilers() {
  const validators = AjvCompiler();
  const serializers = SerializerSelector();
  return {
    buildValidator: ((externalSchemas, options) => {
      const compile = validators(externalSchemas, options);
      return (route: Parameters<typeof compile>[0]) => {
        let validate: Compiled | undefined;
        const deferred: Compiled = (data, dataContext) => {
          validate ??= compile(route) as unknown as Compiled;
          const valid = validate(data, dataContext);
          deferred.errors = validate.errors;
          return valid;
        };
        // Fastify then passes the parent object, which Ajv needs to coerce or default a root value
        deferred.schemaEnv = true;
        return deferred as unknown as ReturnType<typeof compile>;
      };
    }) as typeof validators,
    buildSerializer: ((externalSchemas, options) => {
      const compile = serializers(externalSchemas, options);
      return (route: Parameters<typeof compile>[0]) => {
        let serialize: ReturnType<typeof compile> | undefined;
        return (data: unknown) => {
          serialize ??= compile(route);
          return serialize(data);
        };
      };
    }) as typeof serializers,
  };
}
