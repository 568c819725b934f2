import autocannon from 'autocannon';

/** One request of a scenario. */
export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadOptions {
  /** the server's origin, http://127.0.0.1:<port> */
  url: string;
  connections: number;
  durationSeconds: number;
  /** headers on every request (the session cookie) */
  headers?: Record<string, string>;
  /** the requests, sent in turn (across all connections) */
  requests: readonly LoadRequest[];
  /** at most this many requests per second in all (autocannon's overallRate); unset: as fast as answered */
  ratePerSecond?: number | undefined;
}

export interface LoadResult {
  requests: number;
  /** responses per second */
  rps: number;
  /** latencies in milliseconds (of every response, whatever its status) */
  p50: number;
  p99: number;
  max: number;
  /** connection errors and timeouts */
  errors: number;
  non2xx: number;
}

/**
 * Runs autocannon against `url` for the given time, rotating through `requests` with setupRequest.
 * autocannon's own histogram keeps whole milliseconds; the percentiles here come from every
 * response's time as autocannon measured it (hrtime, sub-millisecond).
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.requests.length === 0) throw new Error('A load needs at least one request');
  let turn = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 30,
        ...(options.ratePerSecond ? { overallRate: options.ratePerSecond } : {}),
        headers: options.headers ?? {},
        requests: [
          {
            setupRequest: (request) => {
              const next = options.requests[turn++ % options.requests.length]!;
              return {
                ...request,
                method: next.method ?? 'GET',
                path: next.path,
                body: next.body,
                headers: { ...request.headers, ...next.headers },
              };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          rps: result.requests.total / result.duration,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          max: latencies[latencies.length - 1] ?? 0,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
    });
  });
}

/**
 * Waits until the server has worked off what a load left queued (autocannon stops sending, but a
 * slow server still answers the requests in flight): until /healthz answers within 20 ms twice.
 */
export async function settle(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quick = 0;
  while (quick < 2 && Date.now() < deadline) {
    const t = performance.now();
    await fetch(`${url}/healthz`).then((r) => r.arrayBuffer());
    quick = performance.now() - t < 20 ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The q-quantile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
