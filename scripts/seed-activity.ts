// The demo county's casework activity (prisma/demo-activity.ts), run by scripts/seed.ts right after the
// households are generated. A process of its own, started with `--conditions=react-server`: the lib
// commands it drives import "server-only", which resolves to its empty export only under that condition.
// lib/db connects to DATABASE_URL (the tables' owner, as for the rest of the seed).
import { db } from "@/lib/db";
import { seedDemoActivity } from "@/prisma/demo-activity";
import { seedDemoFindings } from "@/prisma/demo-findings";
import { seedDemoMonitoring } from "@/prisma/demo-monitoring";
import { seedDemoSampling } from "@/prisma/demo-sampling";

try {
  const started = Date.now();
  const summary = await seedDemoActivity();
  if (summary) console.log(`[seed] 演示业务数据已写入（${summary}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  else console.log("[seed] 数据库中已有帮扶措施或核验表，跳过演示业务数据");
  const findings = await seedDemoFindings();
  if (findings) console.log(`[seed] 演示督查数据已写入（${findings}）`);
  const sampling = await seedDemoSampling();
  if (sampling) console.log(`[seed] 演示抽查已写入（${sampling}）`);
  const monitoring = await seedDemoMonitoring();
  if (monitoring) console.log(`[seed] 演示防止返贫监测已写入（${monitoring}）`);
} finally {
  await db.$disconnect();
}
