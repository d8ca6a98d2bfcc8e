import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { MediaPhaseResult } from './media-phase';

const START = '<!-- media-phase:start -->';
const END = '<!-- media-phase:end -->';

/** Writes (or replaces) the media phase's section of docs/benchmarks.md; the rest of the file is left as it is. */
export function writeMediaSection(path: string, r: MediaPhaseResult, at: string): void {
  const rss = Object.entries(r.peakRssMb)
    .map(([name, mb]) => `| ${name} | ${(r.startRssMb[name] ?? 0).toFixed(1)} | ${mb.toFixed(1)} | ≤ 250 | ${mb <= 250 ? '✓' : '✗'} |`)
    .join('\n');
  const ok = (x: number) => (x >= 0.5 ? '✓' : '✗');
  const section = `${START}
## Media phase (${at})

\`npm run bench -- --media\` (add \`--media-mb N\`, \`--media-photos N\`; \`--quick\` makes it 64 MB and 3 photos).
A ${r.mb} MB video (a real MP4 head, then random bytes so nothing compresses) goes up to a county by one tus
PATCH, then a story naming it is submitted through 三审 and the county sends the bytes to its hub: the offer
over gRPC (what does the hub have?), then one HTTP PUT of the rest from that offset, read from the store into
four reused 1 MB buffers. The hub's media byte server, an HTTP server on a thread of its own, appends each
piece the socket gives to the partial file, and a second thread hashes the file 16 MB behind the writer; at the
end the thread fsyncs, the hub's app verifies the SHA-256 and stores. Transfer time runs from the submit to the hub's holding row, so it includes the outbox, the queue, the
offer, the hub's fsync and its rename into the store; the stream alone is the hub's own time from the request
to the stored object.

Two floors, in the same run, on the same disk: **a raw socket** — one process reads the file into a loopback
TCP socket, another writes each chunk as it arrives and fsyncs the copy (no HTTP, no hash, no queue): the least
any transfer between two processes must do; and **\`cp\`** of the file followed by \`sync\` of the copy, which
crosses no process boundary (the kernel copies the file without it passing through a program). The issue
names both; the target is read against the raw socket, and the ratio to \`cp\` is shown beside it.

Peak RSS is the kernel's high-water mark (VmHWM) of each app process, read once the apps had started and then
every 200 ms until the transfer ended. Renditions: sharp, three renditions (320 px JPEG, 1600 px JPEG, 1600 px
WebP) of ${r.photos} ${r.photoPixels} camera JPEGs, one at a time on one thread of the bench process.

| measure | value | ÷ raw socket (${r.floorSocketMbPerSecond.toFixed(1)} MB/s, ${r.floorSocketSeconds.toFixed(1)} s) | ÷ \`cp\` + sync (${r.floorMbPerSecond.toFixed(1)} MB/s, ${r.floorCpSeconds.toFixed(1)} s) | target |
| --- | --- | --- | --- | --- |
| transfer county → hub | ${r.transferMbPerSecond.toFixed(1)} MB/s (${r.transferSeconds.toFixed(1)} s) | ${r.transferVsSocketFloor.toFixed(2)} | ${r.transferVsFloor.toFixed(2)} | ≥ 0.5 of the floor ${ok(r.transferVsSocketFloor)} |
| the stream alone (hub: request → stored) | ${r.streamMbPerSecond.toFixed(1)} MB/s (${r.streamSeconds.toFixed(1)} s) | ${(r.streamMbPerSecond / r.floorSocketMbPerSecond).toFixed(2)} | ${r.streamVsFloor.toFixed(2)} | |
| upload to the county (tus) | ${r.uploadMbPerSecond.toFixed(1)} MB/s (${r.uploadSeconds.toFixed(1)} s) | ${(r.uploadMbPerSecond / r.floorSocketMbPerSecond).toFixed(2)} | ${(r.uploadMbPerSecond / r.floorMbPerSecond).toFixed(2)} | |
| renditions per photo | ${r.renditionMsPerPhoto.toFixed(0)} ms | | | |

| process | peak RSS MB once started | peak RSS MB to the end of the transfer | target | |
| --- | --- | --- | --- | --- |
${rss}

Load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} when this was written, on ${cpus().length} shared cores. Memory is what the design bounds: the
sender holds four 1 MB read buffers, the hub's byte server the socket's pieces it has not written yet, whatever
the file's size.
${END}`;
  const doc = readFileSync(path, 'utf8');
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  writeFileSync(path, i >= 0 && j > i ? doc.slice(0, i) + section + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n${section}\n`);
}
