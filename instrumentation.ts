/** Runs once when a server process starts (Next.js instrumentation): starts the dashboard's refresh job. */
export async function register() {
  // Next replaces NEXT_RUNTIME at build time; the check keeps the job out of the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startIndicatorJob } = await import("@/lib/dashboard/job");
    startIndicatorJob();
  }
}
