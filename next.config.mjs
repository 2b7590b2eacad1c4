// Next.js configuration. Database and native packages stay outside the bundles and
// are loaded from node_modules at run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "@electric-sql/pglite",
    "@node-rs/argon2",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
