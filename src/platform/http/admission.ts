/**
 * Requests admitted in small turns, so that a burst never holds the event
 * loop (issue 18, decision 0012's amendment).
 *
 * When a thousand requests arrive at once, Node parses them all in one pass
 * of its event loop and, left alone, runs each one's handler up to its first
 * database call in that same pass: about 0.4 ms each, so 400 ms during which
 * nothing else is read — not even a health check, nor the database answers
 * of the requests already under way. Here each request first joins a queue
 * (first come, first served); the queue lets `perTurn` of them start, then
 * yields to the event loop (`setImmediate`), which reads the sockets again
 * before the next turn. The work is the same; it is cut into slices.
 *
 * The health checks skip the queue: they say whether the process lives and
 * answers, not how long the queue is.
 */

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export const HEALTH_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz"]);

export function admitInTurns<F extends Fetch>(fetch: F, perTurn = 8): F {
  const waiting: (() => void)[] = [];
  let draining = false;
  const drain = () => {
    for (let started = 0; started < perTurn && waiting.length > 0; started++) waiting.shift()?.();
    if (waiting.length > 0) setImmediate(drain);
    else draining = false;
  };
  const admitted = (request: Request, ...rest: never[]) => {
    if (HEALTH_PATHS.has(pathOf(request.url))) return fetch(request, ...rest);
    return new Promise<Response>((resolve, reject) => {
      waiting.push(() => {
        try {
          resolve(fetch(request, ...rest));
        } catch (error) {
          reject(error);
        }
      });
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
    });
  };
  return admitted as F;
}

/** The path of an absolute URL, without building a URL object. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}
