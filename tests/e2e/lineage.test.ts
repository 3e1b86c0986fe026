import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../gateway/demo/start-demo';
import { publishSubgraph } from '../../gateway/registry/publish';
import { openRegistry, type RegistryStore, type SubgraphVersion } from '../../gateway/registry/registry.store';
import { AGENCIES, agencyByName } from '../../subgraphs/catalog';
import { writeDataDirectory } from '../../subgraphs/population/write-data-dir';
import { launchChromium } from '../support/chromium';
import { TempDirs } from '../support/temp-dir';
import { demoAuthHeaders } from '../support/demo-access';

const PAGE_TIMEOUT_MS = 15_000;

/** What a page did besides its job: requests that left loopback, script errors, console errors (CSP violations land there). */
interface PageWatch {
  page: Page;
  offMachine: string[];
  pageErrors: string[];
  consoleErrors: string[];
}

async function watchedPage(browser: Browser): Promise<PageWatch> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const watch: PageWatch = { page, offMachine: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url) && !url.startsWith('data:')) watch.offMachine.push(url);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  return watch;
}

function expectQuiet(watch: PageWatch): void {
  expect(watch.offMachine).toEqual([]);
  expect(watch.pageErrors).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
}

/** The field's button inside its agency's section (Citizen.nik, say, is listed once per subgraph). */
function fieldButton(page: Page, agency: string, coordinate: string) {
  return page.locator(`section.agency[data-agency="${agency}"] button.field[data-coordinate="${coordinate}"]`);
}

/**
 * The auditors' lineage page in a real headless Chromium against the whole demo: the lineage
 * subgraph behind the gateway's /graphql, and the registry the demo keeps in its data directory.
 */
describe('lineage page', () => {
  const temp = new TempDirs();
  let dataDir: string;
  let demo: RunningDemo;
  let browser: Browser;
  let registry: RegistryStore;
  let pageUrl: string;
  let pageWithToken: string;
  let auditorToken: string;
  let seededSamsat: SubgraphVersion;

  beforeAll(async () => {
    dataDir = path.join(temp.make('satu-e2e-lineage-'), 'data');
    await writeDataDirectory({ out: dataDir, citizens: 100, seed: 'e2e-lineage' });
    demo = await startDemo({ dataDir, host: '127.0.0.1', gatewayPort: 0, ports: 'random', logger: pino({ level: 'silent' }) });
    // Access control is on, as in `npm start`: the page is opened with the demo's auditor token.
    auditorToken = demoAuthHeaders(demo, 'auditor', null).authorization!.replace(/^Bearer /, '');
    pageUrl = demo.gateway.url.replace(/\/graphql$/, '/lineage');
    pageWithToken = `${pageUrl}?token=${auditorToken}`;
    // The same registry file the demo opened; a second connection is what `satu publish` uses too.
    const registryFile = path.join(dataDir, 'registry.sqlite');
    if (!existsSync(registryFile)) throw new Error(`the demo left no registry at ${registryFile}: startDemo is expected to keep its registry there`);
    registry = await openRegistry(registryFile);
    const firstSamsat = (await registry.versions('samsat'))[0];
    if (firstSamsat?.sequence !== 1) throw new Error(`the demo's registry at ${registryFile} has no seeded samsat version 1`);
    seededSamsat = firstSamsat;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await registry?.close();
    await demo?.stop();
    temp.removeAll();
  });

  it('lists every agency, colours fields by classification, shows a field’s source and history, and filters', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(pageWithToken);
    await page.locator('section.agency[data-agency="samsat"]').waitFor({ timeout: PAGE_TIMEOUT_MS });

    const agencies = await page.locator('section.agency').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-agency')));
    expect(agencies).toEqual(expect.arrayContaining(AGENCIES.map((agency) => agency.name)));
    await expect(page.locator('section.agency[data-agency="samsat"]').getAttribute('aria-label')).resolves.toBe(agencyByName('samsat').title);

    // Classification is written out, not only coloured; the legend explains the colours.
    const vehicles = fieldButton(page, 'samsat', 'Citizen.vehicles');
    await expect(vehicles.count()).resolves.toBe(1);
    await expect(vehicles.locator('.badge').textContent()).resolves.toBe('VEHICLE');
    const health = fieldButton(page, 'bpjs-kesehatan', 'Citizen.healthInsurance');
    await expect(health.locator('.badge').textContent()).resolves.toBe('HEALTH');
    await expect(health.getAttribute('class')).resolves.toContain('cls-health');
    await expect(page.locator('#legend').textContent()).resolves.toMatch(/Health & biometric.*HEALTH/);
    await expect(fieldButton(page, 'samsat', 'Vehicle.ownerName').locator('.claim').textContent()).resolves.toBe('identity claim: FULL_NAME');

    await vehicles.click();
    await page.locator('#panel .owner').waitFor({ timeout: PAGE_TIMEOUT_MS });
    expect(new URL(page.url()).hash).toBe('#Citizen.vehicles');
    await expect(page.locator('#panel-title').textContent()).resolves.toBe('Citizen.vehicles');
    await expect(vehicles.getAttribute('aria-pressed')).resolves.toBe('true');
    const owner = page.locator('#panel .owner');
    await expect(owner.locator('.owner-subgraph').textContent()).resolves.toBe('samsat');
    // The @source of Citizen.vehicles in schema/subgraphs/samsat.graphql.
    await expect(owner.locator('.source-system').textContent()).resolves.toBe('SAMSAT-RIAU');
    await expect(owner.locator('.source-operation').textContent()).resolves.toBe('EXPORT_KENDARAAN');
    await expect(owner.locator('.source-field').textContent()).resolves.toBe('NIK_PEMILIK');
    await expect(owner.locator('.badge').first().textContent()).resolves.toBe('VEHICLE');
    const introduced = page.locator('#panel .introduced');
    await expect(introduced.locator('.version-label').textContent()).resolves.toBe('samsat v1');
    await expect(introduced.locator('.publisher').textContent()).resolves.toBe(seededSamsat.publisher);
    await expect(introduced.locator('time').getAttribute('datetime')).resolves.toBe(seededSamsat.publishedAt);

    // Filter by agency name: only that agency is left.
    const allFields = await page.locator('button.field').count();
    await page.locator('#filter').fill('bpjs-kesehatan');
    const visibleAgencies = await page.locator('section.agency:visible').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-agency')));
    expect(visibleAgencies).toEqual(['bpjs-kesehatan']);
    await expect(health.isVisible()).resolves.toBe(true);

    // Filter by field name: every agency's copy of the owner's name, and nothing else.
    await page.locator('#filter').fill('ownerName');
    const ownerNames = await page.locator('button.field:visible').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-coordinate')));
    expect(ownerNames).toContain('Vehicle.ownerName');
    expect(ownerNames.every((coordinate) => /ownerName/i.test(coordinate ?? ''))).toBe(true);

    // Personal data only: no untagged field stays visible.
    await page.locator('#filter').fill('');
    await expect(page.locator('button.field:visible').count()).resolves.toBe(allFields);
    await page.locator('#personal-only').check();
    const personal = await page.locator('button.field:visible').count();
    expect(personal).toBeGreaterThan(0);
    expect(personal).toBeLessThan(allFields);
    await expect(page.locator('button.field.cls-none:visible').count()).resolves.toBe(0);
    await expect(page.locator('#count').textContent()).resolves.toBe(`Showing ${personal} of ${allFields} fields`);

    expectQuiet(watch);
    await page.close();
  }, 60_000);

  it('opens a field from a deep link, and says plainly when a coordinate is unknown', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(`${pageWithToken}#Citizen.healthInsurance`);
    await page.locator('#panel .owner').waitFor({ timeout: PAGE_TIMEOUT_MS });
    await expect(page.locator('#panel-title').textContent()).resolves.toBe('Citizen.healthInsurance');
    await expect(page.locator('#panel .owner .owner-subgraph').allTextContents()).resolves.toContain('bpjs-kesehatan');
    await expect(page.locator('#panel .owner .badge').first().textContent()).resolves.toBe('HEALTH');
    await expect(page.locator('#panel .owner .source-system').first().textContent()).resolves.toBe('VCLAIM');
    await fieldButton(page, 'bpjs-kesehatan', 'Citizen.healthInsurance').and(page.locator('[aria-pressed="true"]')).waitFor({ timeout: PAGE_TIMEOUT_MS });

    // A new hash on the same page opens that field; an unknown one shows the gateway's error.
    await page.goto(`${pageWithToken}#Citizen.noSuchField`);
    const error = page.locator('#panel .error');
    await error.waitFor({ timeout: PAGE_TIMEOUT_MS });
    await expect(error.textContent()).resolves.toMatch(/Citizen\.noSuchField[\s\S]*BAD_USER_INPUT/);

    expectQuiet(watch);
    await page.close();
  }, 60_000);

  it('sends the bearer token from ?token= or the token box with every request, and keeps it out of the address bar', async () => {
    const watch = await watchedPage(browser);
    const { page } = watch;
    const authorizations: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') authorizations.push(request.headers().authorization);
    });
    const answered = (operation: string) => page.waitForResponse((response) => new URL(response.url()).pathname === '/graphql' && (response.request().postData() ?? '').includes(operation), { timeout: PAGE_TIMEOUT_MS });

    // A token the gateway does not accept: sent as given, refused, and the refusal shown in the page.
    await Promise.all([answered('LineageOverview'), page.goto(`${pageUrl}?token=not-a-real-token#Citizen.vehicles`)]);
    expect(authorizations[0]).toBe('Bearer not-a-real-token');
    const address = new URL(page.url());
    expect([address.search, address.hash]).toEqual(['', '#Citizen.vehicles']);
    await expect(page.locator('#token').inputValue()).resolves.toBe('not-a-real-token');
    await page.getByText('UNAUTHENTICATED').first().waitFor({ timeout: PAGE_TIMEOUT_MS });

    // The auditor's token typed into the box: every request carries it, and the page answers.
    authorizations.length = 0;
    await page.locator('#token').fill(auditorToken);
    await Promise.all([answered('LineageOverview'), answered('SchemaLineage'), page.locator('#token-form button[type="submit"]').click()]);
    expect(authorizations).toEqual([`Bearer ${auditorToken}`, `Bearer ${auditorToken}`]);
    await page.locator('section.agency[data-agency="samsat"]').waitFor({ timeout: PAGE_TIMEOUT_MS });

    // The browser reports the refused request (HTTP 401) on its console by itself; nothing else may be there.
    expect(watch.consoleErrors.filter((message) => !/401/.test(message))).toEqual([]);
    expect(watch.offMachine).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a newly published change in the panel with its override reason', async () => {
    const before = (await registry.currentVersion('samsat'))?.sdl ?? '';
    const candidate = before.replace('field: "ALAMAT_PEMILIK") @personalData(category: CONTACT)', 'field: "ALAMAT_PEMILIK") @personalData(category: IDENTITY)');
    expect(candidate).not.toBe(before);
    const reason = 'DPO sign-off 2026-12-14: the owner address identifies the owner; reclassified to IDENTITY';
    // A reclassification fails the privacy check, so it goes through only with a recorded reason.
    const outcome = await publishSubgraph(registry, { subgraph: 'samsat', sdl: candidate, credential: { agency: 'samsat', publisher: 'Budi (SAMSAT Riau)' }, overrideReason: reason });
    if (outcome.status !== 'PUBLISHED') throw new Error(`publish was not stored: ${JSON.stringify(outcome.status === 'REFUSED' ? outcome.reason : outcome.status)}`);
    expect(outcome.overridden).toBe(true);

    const watch = await watchedPage(browser);
    const { page } = watch;
    await page.goto(`${pageWithToken}#Vehicle.ownerAddress`);
    // One entry for the version, with its publisher and override reason once, and its changes inside.
    const published = page.locator('#panel .version-group', { hasText: `samsat v${outcome.version.sequence}` });
    await published.waitFor({ timeout: PAGE_TIMEOUT_MS });
    await expect(published.locator('.version-label').textContent()).resolves.toBe(`samsat v${outcome.version.sequence}`);
    await expect(published.locator('.publisher').textContent()).resolves.toBe(outcome.version.publisher);
    await expect(published.locator('time').getAttribute('datetime')).resolves.toBe(outcome.version.publishedAt);
    await expect(published.locator('.override-reason').textContent()).resolves.toBe(reason);
    const privacy = published.locator('.change', { hasText: 'PERSONAL_DATA_RECLASSIFIED' });
    await expect(privacy.textContent()).resolves.toMatch(/PRIVACY[\s\S]*CONTACT[\s\S]*IDENTITY/);
    // The field is still the one samsat's seeded version introduced; the publish changed it.
    await expect(page.locator('#panel .introduced .version-label').textContent()).resolves.toBe('samsat v1');

    expectQuiet(watch);
    await page.close();
  }, 60_000);
});
