// Child process of the health bench: asks a running server a few routes on a fixed schedule (each
// request sent on time, whatever the answers do, so a stalled server shows in every request that
// waited) and prints the latencies as one JSON line. Its own event loop is idle, unlike the server's.
// argv[2]: JSON { url, routes: [{ name, method, path, body? }], intervalMs, durationMs }.

interface ProbeRoute {
  name: string;
  method: string;
  path: string;
  body?: unknown;
}

interface ProbePlan {
  url: string;
  routes: ProbeRoute[];
  intervalMs: number;
  durationMs: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as ProbePlan;
const latencies: Record<string, number[]> = {};
const failures: Record<string, string[]> = {};
const inFlight = new Set<Promise<void>>();

function probe(route: ProbeRoute): void {
  const started = performance.now();
  const headers: Record<string, string> = { origin: plan.url };
  if (route.body !== undefined) headers['content-type'] = 'application/json';
  const done = fetch(`${plan.url}${route.path}`, {
    method: route.method,
    headers,
    ...(route.body === undefined ? {} : { body: JSON.stringify(route.body) }),
  })
    .then(async (response) => {
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      (latencies[route.name] ??= []).push(performance.now() - started);
    })
    .catch((error: unknown) => {
      (failures[route.name] ??= []).push((error as Error).message);
    })
    .finally(() => inFlight.delete(done));
  inFlight.add(done);
}

const timer = setInterval(() => {
  for (const route of plan.routes) probe(route);
}, plan.intervalMs);
setTimeout(() => {
  clearInterval(timer);
  void Promise.all([...inFlight]).then(() => {
    process.stdout.write(`${JSON.stringify({ latencies, failures })}\n`);
    process.exit(0);
  });
}, plan.durationMs);
