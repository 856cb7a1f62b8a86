// The work of scripts/quality-scan.ts (run with --conditions=react-server).
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { scanCountyQuality } from "@/lib/data-quality/store";

const { values } = parseArgs({ options: { county: { type: "string" } } });

try {
  const counties = values.county
    ? [values.county]
    : (await db.region.findMany({ where: { level: "COUNTY" }, select: { countyCode: true }, orderBy: { code: "asc" } })).map((row) => row.countyCode);
  if (values.county && !/^\d{6}$/.test(values.county)) {
    console.error(`参数 --county 应为6位县级行政区划代码，当前为“${values.county}”`);
    process.exit(2);
  }
  if (counties.length === 0) console.log("[疑点数据] 数据库中还没有县级行政区划（请先 npm run db:seed 或导入户档），没有可检查的户");
  for (const countyCode of counties) {
    const started = Date.now();
    const result = await scanCountyQuality(countyCode, {
      onProgress: ({ done, total, hits }) => process.stdout.write(`\r[疑点数据] ${countyCode}：已检查 ${done}/${total} 户，疑点 ${hits} 条`),
    });
    process.stdout.write("\n");
    console.log(`[疑点数据] ${countyCode} 全量检查完成：${result.total} 户，疑点 ${result.hits} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  }
} finally {
  await db.$disconnect();
}
