// heic-decode ships no types: the part of its API that heif-page.ts uses.
declare module 'heic-decode' {
  /** One image of the file: its size from the header, its pixels (RGBA) only when decoded. */
  export interface HeifImage {
    width: number
    height: number
    decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>
  }
  /** Every top-level image of a HEIF file, the primary first; `dispose` frees libheif's memory. */
  export type DecodeAll = (input: { buffer: Uint8Array }) => Promise<HeifImage[] & { dispose(): void }>
  const decode: { all: DecodeAll }
  export default decode
}
