import { describe, expect, it } from "vitest";
import { villageGroupChoiceError } from "@/lib/regions/rules";

const GROUPS = [
  { name: "1组", retired: false },
  { name: "2组", retired: false },
  { name: "老3组", retired: true },
];

describe("自然村/组 choice against the village's list", () => {
  it("is free text when the village has no list", () => {
    expect(villageGroupChoiceError([], "随便写的组")).toBeNull();
    expect(villageGroupChoiceError([], null)).toBeNull();
  });

  it("accepts an empty value or a group in use", () => {
    expect(villageGroupChoiceError(GROUPS, "")).toBeNull();
    expect(villageGroupChoiceError(GROUPS, "  ")).toBeNull();
    expect(villageGroupChoiceError(GROUPS, "2组")).toBeNull();
    expect(villageGroupChoiceError(GROUPS, " 1组 ")).toBeNull();
  });

  it("refuses a name not in the list, naming the ones in use", () => {
    expect(villageGroupChoiceError(GROUPS, "5组")).toBe("本村的自然村/组中没有“5组”，应为：1组、2组");
  });

  it("refuses a retired group as a new choice, but lets a household keep its own", () => {
    expect(villageGroupChoiceError(GROUPS, "老3组")).toBe("自然村/组“老3组”已撤销，请从本村在用的自然村/组中选择");
    expect(villageGroupChoiceError(GROUPS, "老3组", "老3组")).toBeNull();
    expect(villageGroupChoiceError(GROUPS, "老3组", "1组")).not.toBeNull();
  });
});
