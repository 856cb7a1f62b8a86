import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "@/lib/commands/define-command";
import type { Actor } from "@/lib/auth/actor";

const actor = (role: Actor["role"]): Actor => ({
  userId: "00000000-0000-4000-8000-000000000001",
  username: "u",
  displayName: "用户",
  role,
  regionCode: "522698000000",
  regionName: "云岭县",
  regionLevel: "COUNTY",
  countyCode: "522698",
  townshipCode: null,
  villageCode: null,
  leaderTownships: [],
  ip: null,
});

describe("the command definer", () => {
  it("does not compile without a permission or an input schema", () => {
    // @ts-expect-error a command must name the permission it needs
    defineCommand({ input: z.object({}), run: async () => 1 });
    // @ts-expect-error a command must name its input schema
    defineCommand({ permission: "settings.manage", run: async () => 1 });
    // @ts-expect-error a stepwise body gets the database client, not a transaction
    defineCommand({ permission: "settings.manage", input: z.object({}), transaction: "inside-body", run: async ({ tx }) => tx });
    expect(true).toBe(true);
  });

  it("refuses an actor without the permission before it looks at the input", async () => {
    let ran = false;
    const command = defineCommand({
      permission: "settings.manage",
      input: z.object({ year: z.number() }),
      transaction: "inside-body",
      run: async () => {
        ran = true;
      },
    });
    expect(command.permission).toBe("settings.manage");
    await expect(command(actor("INSPECTOR"), { year: "not a number" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(command(actor("COUNTY_OFFICE"), { year: "not a number" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(ran).toBe(false);
    await command(actor("COUNTY_OFFICE"), { year: 2020 });
    expect(ran).toBe(true);
  });
});
