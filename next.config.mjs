// Next.js configuration. Database and native packages stay outside the bundles and
// are loaded from node_modules at run time. next-intl reads i18n/request.ts.
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

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
    "@react-pdf/renderer",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default withNextIntl(nextConfig);
