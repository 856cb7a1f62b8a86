import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (ARCHITECTURE.md) held by the tools rather than by review.
const DATABASE_MODULES = {
  patterns: [
    { group: ["@/lib/db", "@/lib/generated/*", "@/lib/generated/**"], message: "页面和组件不直接访问数据库：请调用 lib/ 下的查询或命令。" },
    { group: ["@prisma/*", "pg"], message: "页面和组件不直接访问数据库：请调用 lib/ 下的查询或命令。" },
  ],
};

const PROCESS_ENV = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "配置只在 lib/env.ts 中读取（STYLE §9）：请在那里加一项并从 env() 取值。",
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  { files: ["app/**", "components/**"], rules: { "no-restricted-imports": ["error", DATABASE_MODULES] } },
  { files: ["app/**", "components/**", "lib/**", "proxy.ts"], ignores: ["lib/env.ts"], rules: { "no-restricted-syntax": ["error", PROCESS_ENV] } },
  {
    files: ["bench/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/tests/*", "@/tests/**", "**/tests/**"], message: "bench/ 不依赖测试代码：把共用的部分放进 lib/ 或 bench/ 自己。" }] },
      ],
    },
  },
];

export default config;
