// The app's environment, validated by @t3-oss/env-nextjs as create-t3-turbo's apps do: next.config.ts imports
// it, so `next build` and `next start` both validate; builds and lint runs skip it with SKIP_ENV_VALIDATION.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

export const env = createEnv({
  server: {
    AUTH_SECRET: z.string().min(1),
  },
  client: {
    NEXT_PUBLIC_SITE_NAME: z.string().default("acme"),
  },
  experimental__runtimeEnv: {
    NEXT_PUBLIC_SITE_NAME: process.env.NEXT_PUBLIC_SITE_NAME,
  },
  skipValidation:
    !!process.env.CI ||
    !!process.env.SKIP_ENV_VALIDATION ||
    process.env.npm_lifecycle_event === "lint",
  emptyStringAsUndefined: true,
});
