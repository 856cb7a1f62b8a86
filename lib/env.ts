import "server-only";
import path from "node:path";
import { z } from "zod";

/** The one place that reads process.env (STYLE §9). */
const ZEnv = z.object({
  DATABASE_URL: z.string({ error: "DATABASE_URL 未设置：请用 npm start 启动（它会启动内置数据库），或设置 DATABASE_URL" }).min(1),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET 未设置或过短（至少 32 个字符）：生产部署必须设置 AUTH_SECRET").optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  ATTACHMENT_DIR: z.string().default(path.join(process.cwd(), ".data", "attachments")),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  APP_TIME_ZONE: z.string().default("Asia/Shanghai"),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`配置错误：${parsed.error.issues.map((issue) => issue.message).join("；")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET 未设置：拒绝在没有会话密钥的情况下启动（npm start 会为内置默认配置生成一个）");
  return secret;
}
