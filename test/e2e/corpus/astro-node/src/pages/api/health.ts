import type { APIRoute } from "astro";

// Rendered on demand by the node adapter: the page above is prerendered at build time.
export const prerender = false;

export const GET: APIRoute = () =>
  new Response(JSON.stringify({ ok: true }), { headers: { "content-type": "application/json" } });
