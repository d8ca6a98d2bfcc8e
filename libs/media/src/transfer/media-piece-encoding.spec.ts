import { loadSync } from '@grpc/proto-loader';
import { MEDIA_TRANSFER_PROTO, PROTO_LOADER_OPTIONS, protoRoot } from '@syn/grpc';
import { join } from 'node:path';
import { dataPieceBytes, encodeDataPiece } from './media-piece-encoding';

describe('encodeDataPiece', () => {
  const def = loadSync(join(protoRoot(), MEDIA_TRANSFER_PROTO), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
  const put = (
    def['syndication.v1.MediaTransfer'] as unknown as { Put: { requestSerialize(m: object): Buffer; requestDeserialize(b: Buffer): { data: Buffer } } }
  ).Put;

  it.each([0, 1, 127, 128, 16_383, 16_384, 1024 * 1024 - 1, 1024 * 1024, 6 * 1024 * 1024])('writes what protobuf writes for %i bytes', (n) => {
    const data = Buffer.alloc(n, 7);
    const into = Buffer.alloc(dataPieceBytes(n) + 3);
    const encoded = encodeDataPiece(data, into);
    expect(encoded.length).toBe(dataPieceBytes(n));
    expect(put.requestDeserialize(encoded).data.equals(data)).toBe(true);
    if (n > 0) expect(encoded.equals(put.requestSerialize({ data }))).toBe(true);
  });
});
