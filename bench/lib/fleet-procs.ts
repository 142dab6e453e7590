/** Gateway processes as production runs them (`src/server.ts`, live mode, env only), for the fleet benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Configs } from './children.js';

export interface GatewayProcess {
  url: string;
  stop(): Promise<void>;
}

export function liveEnv(configs: Configs): Record<string, string> {
  const { zenskar, stateset, lemonsqueezy } = configs;
  return {
    ZENSKAR_API_KEY: zenskar!.apiKey,
    ZENSKAR_ORGANISATION: zenskar!.organisation,
    ZENSKAR_BASE_URL: zenskar!.baseUrl,
    STATESET_API_KEY: stateset!.apiKey,
    STATESET_BASE_URL: stateset!.baseUrl,
    LEMONSQUEEZY_API_KEY: lemonsqueezy!.apiKey,
    LEMONSQUEEZY_BASE_URL: lemonsqueezy!.baseUrl,
  };
}

export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const found = /GraphiQL at (http:\/\/[\d.:]+)\/graphql/.exec(output);
      if (found) resolve(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`gateway exited: ${output.slice(-500)}`)));
  });
  // Request log lines keep coming (as in production); drain them instead of keeping them.
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.removeAllListeners('data');
    stream.resume();
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
