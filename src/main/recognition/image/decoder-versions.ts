/**
 * The oldest decoder libraries we accept: each entry is the release that fixed known flaws reachable from a crafted
 * image. sharp reports what it was built with (`sharp.versions`); a globally installed libvips can be older.
 */
export const DECODER_MINIMUMS: Record<string, { version: string; fixes: string }> = {
  vips: { version: '8.18.3', fixes: 'heap overflows and out-of-bounds reads in several operations, tightened loader limits' },
  webp: { version: '1.3.2', fixes: 'CVE-2023-4863, heap overflow in lossless (Huffman) decoding; CVE-2023-1999' }
}

const parts = (v: string): number[] => v.split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0)

/** Whether version `a` is older than `b` (dotted numbers; a missing part counts as 0). */
export function olderThan(a: string, b: string): boolean {
  const x = parts(a)
  const y = parts(b)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0)
  }
  return false
}

/** Each library in `versions` older than its minimum (or missing), with the version found and the one needed. */
export function outdatedDecoders(versions: Record<string, string | undefined>): string[] {
  return Object.entries(DECODER_MINIMUMS).flatMap(([lib, min]) => {
    const found = versions[lib]
    if (found === undefined) return [`${lib}: not reported; need ${min.version} or later (${min.fixes})`]
    return olderThan(found, min.version) ? [`${lib} ${found}: need ${min.version} or later (${min.fixes})`] : []
  })
}
