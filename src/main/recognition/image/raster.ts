/** A decoded image held as interleaved 8-bit channels, the form sharp's raw output takes. */
export interface Raster {
  data: Uint8Array
  width: number
  height: number
  channels: number
}
