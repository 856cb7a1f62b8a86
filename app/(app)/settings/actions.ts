"use server";

import { formAction } from "@/lib/commands/form-action";
import { savePovertyLine } from "@/lib/settings/commands";

export const savePovertyLineAction = formAction(savePovertyLine, { message: "贫困线已保存", revalidate: () => ["/settings"] });
