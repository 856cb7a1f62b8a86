import { fileURLToPath } from "node:url";
import path from "node:path";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
/** Git-ignored folder for everything the embedded default keeps between runs. */
export const dataRoot = path.join(projectRoot, ".data");
