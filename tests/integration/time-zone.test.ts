import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

// The database server's own TimeZone setting (the embedded one takes the machine's, here
// Asia/Shanghai) must not shift the instants the app writes and reads.
describe("timestamps", () => {
  it("the database's clock read through the app's connection is the same instant as the app's", async () => {
    const [row] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
    expect(Math.abs(row.now.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a timestamp written by the app is stored as the same instant", async () => {
    const written = new Date();
    const { id } = await db.signInAttempt.create({
      data: { username: "时区检查", ip: "127.0.0.1", succeeded: false, attemptedAt: written },
      select: { id: true },
    });
    const [stored] = await db.$queryRaw<{ epoch: number }[]>`SELECT extract(epoch FROM attempted_at)::float8 AS epoch FROM sign_in_attempt WHERE id = ${id}`;
    expect(Math.abs(stored.epoch * 1000 - written.getTime())).toBeLessThan(1000);
    const back = await db.signInAttempt.findUniqueOrThrow({ where: { id } });
    expect(back.attemptedAt.getTime()).toBe(written.getTime());
  });
});
