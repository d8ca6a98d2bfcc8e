import { sniffBytes } from './sniff-mime';
import { mediaUrlOf, sha256OfMediaUrl } from './media-kind';

describe('sniffBytes', () => {
  it('names types by their signature, whatever a file is called', () => {
    expect(sniffBytes(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]))).toEqual({ mime: 'image/jpeg', kind: 'image' });
    expect(sniffBytes(Buffer.from('%PDF-1.7\n'))).toEqual({ mime: 'application/pdf', kind: 'document' });
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
    expect(sniffBytes(mp4)?.kind).toBe('video');
  });

  it('refuses what is not an accepted type: scripts, executables, nothing', () => {
    expect(sniffBytes(Buffer.from('<script>alert(1)</script>'))).toBeUndefined();
    expect(sniffBytes(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeUndefined();
    expect(sniffBytes(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('media urls', () => {
  it('carry the sha256 and nothing else', () => {
    const h = 'a'.repeat(64);
    expect(sha256OfMediaUrl(mediaUrlOf(h))).toBe(h);
    expect(sha256OfMediaUrl('https://media.example.cn/a.jpg')).toBeUndefined();
    expect(sha256OfMediaUrl('media:../../etc/passwd')).toBeUndefined();
  });
});
