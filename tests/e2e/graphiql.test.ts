import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { readGroundTruth } from '../../subgraphs/population/ground-truth';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { launchChromium } from '../support/chromium';
import { demoAuthHeaders } from '../support/demo-access';

/** GraphiQL in a real headless Chromium: it loads from local assets only and runs the citizen query. */
describe('GraphiQL page', () => {
  let workDir: string;
  let demo: RunningDemo;
  let browser: Browser;
  let nik: string;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), 'satu-e2e-'));
    const dataDir = path.join(workDir, 'data');
    await writeDataDirectory({ out: dataDir, citizens: 300, seed: 'e2e' });
    nik = readGroundTruth(dataDir).demoNiks.clean;
    demo = await startDemo({ dataDir, host: '127.0.0.1', gatewayPort: 0, ports: 'random', logger: pino({ level: 'silent' }) });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('renders, asks nothing outside loopback, and answers the example query for a NIK', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Access control is on, as in `npm start`: the link the banner prints carries a token and a purpose.
    const token = demoAuthHeaders(demo).authorization!.replace(/^Bearer /, '');
    await page.goto(`${demo.gateway.url.replace(/\/graphql$/, '/graphiql')}?token=${token}&purpose=counter-service`);
    await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Variables' }).click();
    const variablesEditor = page.locator('.graphiql-editor-tool .CodeMirror').first();
    await variablesEditor.click();
    await page.keyboard.type(`{"nik": "${nik}"}`);
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction((expected) => document.querySelector('.result-window')?.textContent?.includes(expected), nik, { timeout: 15_000 });
    const result = (await page.locator('.result-window').textContent()) ?? '';
    expect(result).toContain('"fullName"');
    expect(result).toContain('"passports"');

    expect(pageErrors).toEqual([]);
    const offMachine = requested.filter((url) => !/^http:\/\/127\.0\.0\.1:\d+\//.test(url) && !url.startsWith('data:'));
    expect(offMachine).toEqual([]);
  }, 60_000);
});
