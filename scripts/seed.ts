// Seeds the demo county when the database is empty (npm run db:seed; npm start calls it).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/prisma/seed";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("DATABASE_URL 未设置");
  process.exit(1);
}
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
try {
  if ((await db.region.count()) > 0) {
    console.log("[seed] 数据库已有数据，跳过演示数据");
  } else {
    const started = Date.now();
    const summary = await seedDemo(db);
    console.log(`[seed] 演示县已写入（${summary}，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  }
} finally {
  await db.$disconnect();
}
