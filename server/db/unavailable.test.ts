import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, DatabaseUrlError, openDatabase, resolveDatabaseTarget } from ".";

describe("a database that is not there", () => {
  it("is reported as unavailable (503), naming the server but never the password", async () => {
    const error = await openDatabase({
      url: "postgresql://someone:secret-password@127.0.0.1:1/nowhere",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as DatabaseUnavailableError).status).toBe(503);
    expect((error as Error).message).toContain("PostgreSQL 127.0.0.1:1/nowhere");
    expect((error as Error).message).not.toContain("secret-password");
  });

  it("refuses a DATABASE_URL of another kind, saying which kinds it takes", () => {
    expect(() => resolveDatabaseTarget("mysql://localhost/db")).toThrow(DatabaseUrlError);
    expect(() => resolveDatabaseTarget("mysql://localhost/db")).toThrow(/file:.*postgres/);
  });

  it("defaults to the embedded SQLite file under the project", () => {
    expect(resolveDatabaseTarget(undefined, "/srv/lab")).toEqual({
      provider: "sqlite",
      url: "file:/srv/lab/data/convergence-lab.db",
      file: "/srv/lab/data/convergence-lab.db",
    });
    expect(resolveDatabaseTarget("postgres://h/db").provider).toBe("postgresql");
  });
});
