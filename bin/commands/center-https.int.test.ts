/**
 * @module bin/commands/center-https.int.test
 * `its center --tls-cert --tls-key` with a certificate from the local CA (`broker/tls`, as
 * `its pki issue` makes it): the API answers a real HTTPS request from a client trusting that CA,
 * a client not trusting it is refused, and plain HTTP to the same port gets no API answer. Both web
 * engines (uWebSockets.js and node:https).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { initCa, issueCertificate, type IssuedCertificate } from '../../broker/index.ts';
import { spawnCenter, urlOf, type ItsProcess } from './testing/its-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'its-center-https-'));
let certificate: IssuedCertificate;
const processes: ItsProcess[] = [];

beforeAll(async () => {
  await initCa(join(dir, 'ca'));
  certificate = await issueCertificate(join(dir, 'ca'), {
    name: 'center',
    dns: ['localhost'],
    ip: ['127.0.0.1'],
  });
}, 60_000);

afterAll(() => Promise.all(processes.map((p) => p.stop())));

/** Start `its center` over HTTPS; resolves with the URL it prints. */
async function startCenter(engine: string): Promise<string> {
  const center = spawnCenter([
    ...['--scenario', MINI_SCENARIO_PATH, '--http-port', '0', '--no-displays', '--engine', engine],
    ...['--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile],
  ]);
  processes.push(center);
  return urlOf(await center.ready);
}

/** GET over HTTPS or HTTP; resolves with status and body, rejects on a transport error. */
function get(url: string, options: RequestOptions = {}): Promise<{ status: number; body: string }> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

for (const engine of ['auto', 'node']) {
  describe(`its center --tls-cert/--tls-key (engine ${engine})`, () => {
    let url = '';
    beforeAll(async () => {
      url = await startCenter(engine);
    }, 60_000);

    test('the API answers over HTTPS to a client trusting the CA', async () => {
      const r = await get(`${url}/api/v1/regions`, { ca: readFileSync(certificate.caFile) });
      expect(r.status).toBe(200);
      expect(Array.isArray(JSON.parse(r.body))).toBe(true);
    });

    test('a client not trusting the CA is refused', async () => {
      await expect(get(`${url}/api/v1/regions`)).rejects.toThrow(/certificate/i);
    });

    test('plain HTTP to the HTTPS port gets no API answer', async () => {
      const plain = url.replace('https:', 'http:');
      const outcome = await get(`${plain}/api/v1/regions`).then(
        (r) => r,
        (err: Error) => ({ status: 0, body: err.message }),
      );
      expect(outcome.status === 200).toBe(false);
      expect(outcome.body).not.toMatch(/^\[/);
    });
  });
}
