/** MediaPiece field 3 (`data`), wire type 2 (length-delimited): the tag byte of a data-only piece. */
const DATA_TAG = (3 << 3) | 2;

/** Bytes a data-only MediaPiece of `dataBytes` needs: tag, varint length, data. */
export function dataPieceBytes(dataBytes: number): number {
  let varint = 1;
  for (let n = dataBytes; n >= 0x80; n = Math.floor(n / 0x80)) varint++;
  return 1 + varint + dataBytes;
}

/**
 * Encodes a data-only MediaPiece (`{ data }`, what every piece after the first is) into `into`
 * and answers the encoded part: the same bytes protobuf would write, without protobuf's own
 * freshly allocated copy of every megabyte.
 */
export function encodeDataPiece(data: Buffer, into: Buffer): Buffer {
  let i = 0;
  into[i++] = DATA_TAG;
  let n = data.length;
  while (n >= 0x80) {
    into[i++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  into[i++] = n;
  data.copy(into, i);
  return into.subarray(0, i + data.length);
}
