import { loadModels } from '../models'

let chars: Set<string> | null = null

/**
 * Can the recogniser write this character at all? One outside its dictionary (models/manifest.json's
 * ppocr_keys_v1) comes back as a look-alike it can write, or not at all.
 */
export function recogniserWrites(char: string): boolean {
  chars ??= new Set(loadModels().dictionary)
  return chars.has(char)
}
