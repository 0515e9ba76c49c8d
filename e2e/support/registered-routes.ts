import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type FindMyWay from 'find-my-way';

/**
 * The routes a service's Fastify registered (`METHOD /url`), from the line it logs at debug
 * level on start-up (libs/platform bootstrap); HEAD twins of GET routes left out.
 */
export function registeredRoutes(logFile: string): string[] {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"routes registered"')) continue;
    const routes = (JSON.parse(line) as { routes: string[] }).routes;
    return routes.filter((route) => !route.startsWith('HEAD '));
  }
  throw new Error(`${logFile} has no "routes registered" line: start the service with LOG_LEVEL=debug`);
}

/**
 * Which registered route a request reaches, decided by Fastify's own router (find-my-way, as
 * resolved from fastify), so static segments win over parameters exactly as in the gateway.
 */
export function routeResolver(routes: string[]): (method: string, path: string) => string | undefined {
  const load = require(require.resolve('find-my-way', { paths: [dirname(require.resolve('fastify/package.json'))] })) as typeof FindMyWay;
  const router = load();
  for (const route of routes) {
    const [method, url] = route.split(' ') as [FindMyWay.HTTPMethod, string];
    router.on(method, url, () => undefined, { route });
  }
  return (method, path) => (router.find(method as FindMyWay.HTTPMethod, path)?.store as { route: string } | undefined)?.route;
}
