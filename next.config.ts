import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // SSE must not be gzip-buffered by the Node server (docs/design.md "SSE contract": never compressed).
  compress: false,
  // Native/N-API and Wasm packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "libsql"],
  // `next dev` serves its scripts only to the origin it prints (localhost); opening
  // http://127.0.0.1:3000 instead left the page without JavaScript (nothing could be sent).
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
