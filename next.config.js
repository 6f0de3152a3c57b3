// @ts-check
/* global module */

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The dashboard is served by server/main.ts (Next and socket.io on one port).
  poweredByHeader: false,
  // Server-only packages with native parts or their own loading: required at run time, not bundled.
  serverExternalPackages: ["socket.io", "better-sqlite3", "@prisma/client"],
};

module.exports = nextConfig;
