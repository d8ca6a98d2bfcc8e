import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { MediaPhaseResult } from './media-phase';

const START = '<!-- media-phase:start -->';
const END = '<!-- media-phase:end -->';

/** Writes (or replaces) the media phase's section of docs/benchmarks.md; the rest of the file is left as it is. */
export function writeMediaSection(path: string, r: MediaPhaseResult, at: string): void {
  const rss = Object.entries(r.peakRssMb)
    .map(([name, mb]) => `| ${name} | ${mb.toFixed(1)} | ≤ 250 | ${mb <= 250 ? '✓' : '✗'} |`)
    .join('\n');
  const section = `${START}
## Media phase (${at})

\`npm run bench -- --media\` (add \`--media-mb N\`, \`--media-photos N\`; \`--quick\` makes it 64 MB and 3 photos).
A ${r.mb} MB video (a real MP4 head, then random bytes so nothing compresses) goes up to a county by one tus
PATCH, then a story naming it is submitted through 三审 and the county pushes the bytes to its hub over gRPC
in one client-streaming \`Put\` call (\`MEDIA_CHUNK_BYTES\`, 1 MB messages read ahead and encoded into reused
buffers, sent under gRPC flow control with 8 MB HTTP/2 receive windows at the hub); the hub hashes each
message as it arrives and writes through one write stream, fsyncs once, verifies the SHA-256 and stores.
Transfer time runs from the submit to the hub's holding row, so it includes the outbox, the queue, the offer,
the hub's fsync and its rename into the store; the stream alone is the hub's own time from the stream's first
piece to the stored object. The floor is \`cp\` of
the same file on the same disk followed by \`sync\` of the copy, in the same run. Peak RSS is the kernel's
high-water mark (VmHWM) of each app process, sampled every 200 ms from before the upload to the end of the
transfer. Renditions: sharp, three renditions (320 px JPEG, 1600 px JPEG, 1600 px WebP) of ${r.photos}
${r.photoPixels} camera JPEGs, one at a time on one thread of the bench process.

| measure | value | floor | ÷ floor | target |
| --- | --- | --- | --- | --- |
| transfer county → hub | ${r.transferMbPerSecond.toFixed(1)} MB/s (${r.transferSeconds.toFixed(1)} s) | ${r.floorMbPerSecond.toFixed(1)} MB/s (\`cp\` + fsync, ${r.floorCpSeconds.toFixed(1)} s) | ${r.transferVsFloor.toFixed(2)} | ≥ 0.5 ${r.transferVsFloor >= 0.5 ? '✓' : '✗'} |
| the stream alone (hub: first piece → stored) | ${r.streamMbPerSecond.toFixed(1)} MB/s (${r.streamSeconds.toFixed(1)} s) | | ${r.streamVsFloor.toFixed(2)} | |
| upload to the county (tus) | ${r.uploadMbPerSecond.toFixed(1)} MB/s (${r.uploadSeconds.toFixed(1)} s) | | ${(r.uploadMbPerSecond / r.floorMbPerSecond).toFixed(2)} | |
| renditions per photo | ${r.renditionMsPerPhoto.toFixed(0)} ms | | | |

| process | peak RSS MB while moving ${r.mb} MB | target | |
| --- | --- | --- | --- |
${rss}

Load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} when this was written, on ${cpus().length} shared cores: \`cp\` is a kernel copy that a busy machine
hardly slows, while the network's path (tus, gRPC framing and copies on both sides, SHA-256) is user-space CPU
that it starves. Memory is what the design bounds: each app holds a few 1 MB messages at a time (the sender's
two read and four message buffers, gRPC's send buffer until 'drain', the receiver's 8 MB window and 4 MB
write buffer), whatever the file's size.
${END}`;
  const doc = readFileSync(path, 'utf8');
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  writeFileSync(path, i >= 0 && j > i ? doc.slice(0, i) + section + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n${section}\n`);
}
