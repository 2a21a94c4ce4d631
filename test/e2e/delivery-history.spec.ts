/**
 * Importing a delivery history in Chromium (issue #16): a 60,000-item
 * cycle-data file is read in the Web Worker, its bad row listed by line,
 * the mapping guessed and edited, the history put in use; abort stops at
 * the bad row. Needs `DeliveryHistoryImport` mounted in the Delivery tab.
 */
import { writeFileSync } from 'node:fs';
import { expect, SAMPLE_PODS, test } from './fixtures.ts';

test('a history file is imported with its bad row by line, mapped, and put in use', async ({ page }, testInfo) => {
  await page.getByRole('link', { name: SAMPLE_PODS }).click();
  await page.getByRole('tab', { name: /^Delivery/ }).first().click();
  const rows = ['ID,Type,Team,Backlog,Ready for AI,Modelling,In Dev,Done'];
  for (let i = 0; i < 60_000; i++) rows.push(`A-${i},${i % 3 ? 'Story' : 'Epic'},Team ${i % 4},2024-01-0${1 + (i % 5)},${i % 2 ? '2024-01-12' : ''},2024-01-2${i % 9},2024-02-1${i % 9},${i % 5 ? '2024-03-20' : ''}`);
  rows.push('BAD,Story,Team 1,2024-01-01,someday,,,');
  const file = testInfo.outputPath('history.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);

  await page.getByLabel('History file').setInputFiles(file);
  await expect(page.getByRole('status', { name: 'Imported history' })).toContainText('60,000 items (12,000 still open) from 2024-01-01 to 2024-03-20', { timeout: 30_000 });
  await expect(page.getByLabel('Export format')).toHaveValue('cycle-data');
  await expect(page.getByRole('list', { name: 'Bad rows by line' })).toContainText('Line 60002: BAD: column Ready for AI: "someday" is not a date');
  await expect(page.getByLabel('Meaning of status "Ready for AI"')).toHaveValue('wait:AI');
  await page.getByLabel('Meaning of status "Modelling"').selectOption('model');
  await page.getByLabel('Size of type "Story"').selectOption('small');
  await page.getByLabel('Pod for area "Team 1"').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Use this history' }).click();
  await expect(page.getByRole('status', { name: 'History in use' })).toContainText('history.csv, 60,000 items');

  await page.getByLabel('Bad rows', { exact: true }).selectOption('abort');
  await expect(page.getByRole('alert')).toContainText('Stopped at line 60002');
});
