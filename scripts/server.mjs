// The app's HTTP server (npm start, the e2e stage, the benchmarks): Next's request handler behind
// one step that decides who the client is. Next cannot see the socket address from a route or a
// server action, so this sets `x-client-ip` on every request (overwriting what the client sent)
// and drops forwarding headers unless the peer is in TRUSTED_PROXIES (lib/http/client-address.mjs).
//
//   node scripts/server.mjs [-p PORT] [-H HOST] [--dev]
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { applyClientAddress, parseTrustedProxies } from "../lib/http/client-address.mjs";
import { projectRoot } from "./lib/paths.mjs";

export async function startAppServer({ port, hostname, dev, trustedProxies }) {
  process.env.NODE_ENV = dev ? "development" : "production";
  const { default: next } = await import("next");
  const httpServer = createServer();
  // Longer than the idle timeout of the proxies and clients in front of it (commonly 60 s), so a
  // kept-alive connection is never closed by us just as a client sends its next request on it.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  // Registered before Next adds its own upgrade listener (on the first request), so it runs first.
  httpServer.on("upgrade", (request) => applyClientAddress(request, trustedProxies));
  const app = next({ dev, dir: projectRoot, hostname, port, httpServer });
  const handle = app.getRequestHandler();
  await app.prepare();
  httpServer.on("request", (request, response) => {
    applyClientAddress(request, trustedProxies);
    handle(request, response).catch((error) => {
      console.error("[server] 请求处理失败", error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
  });
  await new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, hostname, resolve);
  });
  return httpServer;
}

async function main() {
  const { values } = parseArgs({
    options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" }, dev: { type: "boolean", default: false } },
  });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname ?? process.env.HOST ?? "127.0.0.1";
  let trustedProxies;
  try {
    trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    console.error(`[server] 配置错误：${error.message}`);
    process.exit(1);
  }
  try {
    await startAppServer({ port, hostname, dev: values.dev, trustedProxies });
  } catch (error) {
    console.error(`[server] 启动失败：${error.message}`);
    process.exit(1);
  }
  const proxies = trustedProxies.length ? `信任的代理 ${process.env.TRUSTED_PROXIES}` : "未配置 TRUSTED_PROXIES，客户端地址取自连接";
  console.log(`[server] 已在 http://${hostname}:${port} 监听（${values.dev ? "开发模式" : "生产模式"}；${proxies}）`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
