import "server-only";
import path from "node:path";
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address.mjs";

/** The one place that reads process.env . */
const ZEnv = z.object({
  DATABASE_URL: z.string({ error: "DATABASE_URL 未设置：请用 npm start 启动（它会启动内置数据库），或设置 DATABASE_URL" }).min(1),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET 未设置或过短（至少 32 个字符）：生产部署必须设置 AUTH_SECRET").optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  ATTACHMENT_DIR: z.string().default(path.join(process.cwd(), ".data", "attachments")),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  APP_TIME_ZONE: z.string().default("Asia/Shanghai"),
  /** The public URL users open (e.g. https://fupin.example.gov.cn); state-changing requests must come from it. */
  APP_URL: z.url({ error: "APP_URL 应为完整网址，如 https://fupin.example.gov.cn" }).optional(),
  /** Auth.js's own name for the same thing, used when APP_URL is not set. */
  AUTH_URL: z.url({ error: "AUTH_URL 应为完整网址" }).optional(),
  NODE_ENV: z.string().default("production"),
  /** Reverse proxies whose X-Forwarded-For is believed (scripts/server.mjs applies it; empty: none). */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((value, context) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** required (default): 系统管理员、县扶贫办、督查 must pass TOTP; optional: only the enrolled ones (the demo's embedded default). */
  /** How often the dashboard's snapshot picks up changes (lib/dashboard/job.ts); 0 turns the job off. */
  INDICATOR_REFRESH_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  TWO_FACTOR_MODE: z.enum(["required", "optional"], { error: "TWO_FACTOR_MODE 只能是 required 或 optional" }).default("required"),
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

/** The configured public URL, or null (then the Host header is the origin a request must come from). */
export function publicUrl(): string | null {
  const { APP_URL, AUTH_URL } = env();
  return APP_URL ?? AUTH_URL ?? null;
}

export function isDevelopment(): boolean {
  return env().NODE_ENV === "development";
}
