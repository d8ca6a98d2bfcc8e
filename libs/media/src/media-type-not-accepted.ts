/**
 * Bytes that arrived whole and verified from a neighbour but are no type this center accepts
 * (sniffed again on arrival). Sending them again cannot change that: the transfer is refused for good.
 */
export class MediaTypeNotAccepted extends Error {
  constructor(readonly sha256: string) {
    super(`media ${sha256}: the bytes are not an accepted type`);
  }
}
