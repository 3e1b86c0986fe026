import type { EntryVerification, ProcessingRecord } from './processing-record';

/**
 * The citizen's processing record as one self-contained HTML page (no script, no external style,
 * font or image), printable and readable offline; labels in Indonesian with English beside them.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const VERIFICATION_LABELS: Record<EntryVerification, string> = {
  SEALED: 'Tersegel / Sealed',
  CHAINED: 'Terantai, belum tersegel / Chained, not yet sealed',
  UNVERIFIED: 'Tidak terverifikasi / Not verified',
};

const OUTCOME_LABELS: Record<string, string> = {
  OK: 'Berhasil / OK',
  PARTIAL: 'Sebagian / Partial',
  REFUSED: 'Ditolak / Refused',
  ERROR: 'Gagal / Error',
};

const STYLE = `
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; margin: 2rem; color: #1b1b1b; }
h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
.sub { color: #555; margin-top: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
.intact { color: #176b2c; font-weight: 700; }
.broken { color: #a11a1a; font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin-top: 1rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
td.fields { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.78rem; }
tr.UNVERIFIED td { background: #fdecec; }
.note { color: #555; font-size: 0.8rem; margin-top: 1.5rem; }
@media print { body { margin: 0.5cm; } }
`;

function list(values: readonly string[]): string {
  return values.length === 0 ? '&ndash;' : values.map(escapeHtml).join('<br>');
}

export function processingRecordHtml(record: ProcessingRecord): string {
  const chain = record.chain;
  const status =
    chain.status === 'INTACT'
      ? `<span class="intact">UTUH / INTACT</span>: ${chain.entriesVerified} entri diperiksa / entries checked; tersegel sampai / sealed through #${chain.sealedThrough}`
      : `<span class="broken">RUSAK / BROKEN</span> sejak entri / from entry #${chain.problem?.sequence ?? '?'}: ${escapeHtml(chain.problem?.message ?? '')}`;
  const rows = record.entries
    .map(
      (entry) => `<tr class="${entry.verification}">
<td>${entry.sequence}</td><td>${escapeHtml(entry.time)}</td><td>${escapeHtml(entry.clientId)}<br><small>${escapeHtml(entry.role)}</small></td>
<td>${escapeHtml(entry.purpose ?? '–')}</td><td>${escapeHtml(entry.operationName ?? '–')}</td><td class="fields">${list(entry.fields)}</td>
<td>${list(entry.agencies)}</td><td>${escapeHtml(OUTCOME_LABELS[entry.outcome] ?? entry.outcome)}${entry.errorCodes.length ? `<br><small>${list(entry.errorCodes)}</small>` : ''}</td>
<td>${[entry.inArguments ? 'ditanyakan / asked' : '', entry.inAnswer ? 'dalam jawaban / in the answer' : ''].filter(Boolean).join('<br>')}</td>
<td>${VERIFICATION_LABELS[entry.verification]}</td></tr>`,
    )
    .join('\n');
  const body =
    record.entries.length === 0
      ? '<p>Tidak ada akses tercatat untuk NIK ini. / No access to this NIK is recorded.</p>'
      : `<table>
<thead><tr><th>No. / Seq.</th><th>Waktu (UTC) / Time</th><th>Pengakses / Client</th><th>Tujuan / Purpose</th><th>Operasi / Operation</th><th>Data yang dibaca / Fields read</th><th>Instansi / Agencies</th><th>Hasil / Outcome</th><th>NIK</th><th>Verifikasi / Verification</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Catatan Pemrosesan Data Pribadi – ${escapeHtml(record.nik)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Catatan Pemrosesan Data Pribadi</h1>
<p class="sub">Personal data processing record (UU 27/2022 tentang Pelindungan Data Pribadi)</p>
<dl>
<dt>NIK</dt><dd>${escapeHtml(record.nik)}</dd>
<dt>Dibuat / Generated</dt><dd>${escapeHtml(record.generatedAt)}</dd>
<dt>Jumlah akses / Accesses</dt><dd>${record.entries.length}</dd>
<dt>Rantai audit / Audit chain</dt><dd>${status}</dd>
</dl>
${record.unreadableEntries > 0 ? `<p class="broken">${record.unreadableEntries} entri tidak terbaca / entries could not be read.</p>` : ''}
${body}
<p class="note">Setiap baris adalah satu permintaan melalui gateway Satu yang menyebut NIK ini. Entri dirantai dengan hash SHA-256 dan disegel berkala dengan tanda tangan Ed25519; "Tersegel" berarti rantai utuh dan tercakup tanda tangan. /
Each row is one request through the Satu gateway that named this NIK. Entries are chained with SHA-256 hashes and sealed at intervals by an Ed25519 signature; "Sealed" means the chain is intact and covered by a signature.</p>
</body>
</html>
`;
}
