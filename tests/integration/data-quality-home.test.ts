// The home page's 疑点数据 card (issue 12 point 6): "本村/本乡镇 N 条待处理疑点", worst rules first, in the user's scope.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { homeQualityCard } from "@/lib/data-quality/queries";
import { addMember } from "@/lib/members/commands";
import { DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE, memberFields, uniqueIdNumber } from "./factories";
import { signInAs } from "./helpers";

describe("the home page's 疑点数据 card", () => {
  it("counts the open hits of the user's village or township, 错误 rules before 疑点; another township's user does not see them; helpers get no card", async () => {
    const [village, town, town2, helper] = await Promise.all(["village", "town", "town2", "helper"].map((name) => signInAs(name)));
    const town2Before = (await homeQualityCard(town2))!.hits;
    const { id: householdId } = await createTestHousehold(village);
    await addMember(village, { householdId, ...memberFields({ name: "子女庚", relation: "SON", idNumber: uniqueIdNumber(1998, "FEMALE") }) });

    const card = (await homeQualityCard(village, 1000))!;
    expect(card.regionWord).toBe("本村");
    expect(card.hits).toBe(await db.qualityHit.count({ where: { villageCode: FIRST_VILLAGE, verifiedMarkId: null } }));
    expect(card.rules.find((rule) => rule.code === "M-006")?.hits).toBe(
      await db.qualityHit.count({ where: { villageCode: FIRST_VILLAGE, ruleCode: "M-006", verifiedMarkId: null } }),
    );
    const firstSuspect = card.rules.findIndex((rule) => rule.severity === "SUSPECT");
    if (firstSuspect >= 0) expect(card.rules.slice(firstSuspect).every((rule) => rule.severity === "SUSPECT")).toBe(true);
    expect((await homeQualityCard(village))!.rules.length).toBeLessThanOrEqual(5);

    const townCard = (await homeQualityCard(town))!;
    expect(townCard.regionWord).toBe("本乡镇");
    expect(townCard.hits).toBe(await db.qualityHit.count({ where: { townshipCode: DEMO_TOWNSHIPS[0].code, verifiedMarkId: null } }));
    expect((await homeQualityCard(town2))!.hits).toBe(town2Before);
    expect(await homeQualityCard(helper)).toBeNull();
  });
});
