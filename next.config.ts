import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // SSE must not be gzip-buffered by the Node server (docs/design.md "SSE contract": never compressed).
  compress: false,
  // Native/N-API and Wasm packages load from node_modules at run time instead of being bundled.
  // pino (and pino-pretty in development) and prom-client: one copy per process, loaded from node_modules, shared by
  // the instrumentation and every route bundle (their state lives on globalThis; see lib/server/ops).
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "libsql", "pino", "pino-pretty", "prom-client"],
  // `next dev` serves its scripts only to the origin it prints (localhost); opening
  // http://127.0.0.1:3000 instead left the page without JavaScript (nothing could be sent).
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
