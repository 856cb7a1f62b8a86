import { createHash } from "node:crypto";
import type { ChartSpec } from "./dashboard-charts";

/** A short fingerprint of what a chart draws: its picture's link changes exactly when the picture does. */
export function chartVersion({ option, width, height }: Pick<ChartSpec, "option" | "width" | "height">): string {
  return createHash("sha1")
    .update(`${width}x${height}:${JSON.stringify(option)}`)
    .digest("base64url")
    .slice(0, 16);
}
