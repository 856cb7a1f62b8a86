import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.ATTACHMENT_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "fupin-attachments-"));
process.env.TZ = "Asia/Shanghai";
