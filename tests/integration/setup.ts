import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

// The app role's connection, as the app gets it from the start script.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.ATTACHMENT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "fupin-attachments-"));
process.env.TZ = "Asia/Shanghai";
// As the embedded demo runs; tests of the second factor pass the required mode explicitly.
process.env.TWO_FACTOR_MODE ??= "optional";
