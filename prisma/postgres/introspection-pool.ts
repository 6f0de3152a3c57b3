import pg from "pg";

/**
 * Works around prisma/orm#27403: with @prisma/adapter-pg, Prisma 6.19's JavaScript schema
 * engine reads PostgreSQL's catalogs, whose columns are of types such as `name` (OID 19) that the
 * adapter does not map, and every migrate command fails with "Column type 'name' could not be
 * deserialized". Those catalog types are text as far as the schema engine is concerned, so this
 * pool's clients report them as text (and their arrays as text arrays). Only the Prisma CLI uses
 * it (prisma.config.ts); the application's own queries never touch these types.
 */
const TEXT = 25;
const TEXT_ARRAY = 1009;
const asText = new Set([
  18 /* char */, 19 /* name */, 22 /* int2vector */, 24 /* regproc */, 30 /* oidvector */,
  194 /* pg_node_tree */, 2205 /* regclass */, 2206 /* regtype */,
]);
const asTextArray = new Set([1002 /* char[] */, 1003 /* name[] */]);

interface WithFields {
  fields?: { dataTypeID: number }[];
}

function patch<T>(result: T): T {
  const fields = (result as WithFields | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const field of fields) {
      if (asText.has(field.dataTypeID)) field.dataTypeID = TEXT;
      else if (asTextArray.has(field.dataTypeID)) field.dataTypeID = TEXT_ARRAY;
    }
  }
  return result;
}

class IntrospectionClient extends pg.Client {
  // pg's query has many overloads; this forwards all of them and patches the result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        last(error, error ? result : patch(result));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const returned = (super.query as any)(...args);
    return returned && typeof returned.then === "function" ? returned.then(patch) : returned;
  }
}

export function introspectionPool(connectionString: string): pg.Pool {
  // allowExitOnIdle: the CLI exits as soon as it is done, not after the idle timeout.
  return new pg.Pool({ connectionString, Client: IntrospectionClient, allowExitOnIdle: true });
}
